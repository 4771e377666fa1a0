"""Typer's own words in Thai: the help's panel titles, the --help line and the usage line, and every usage error
(a missing file, an unknown option, a bad value), so that the command line reads as Thai as the rest does.

Typer 0.29 carries its own copy of Click with English f-strings and no translation catalogue. The help words are
the module constants `typer.rich_utils` reads when it draws; the rest goes through command and group classes
that every command of the app is given (`use_thai_words`). See docs/decisions.md, "คำของ Typer เป็นภาษาไทย".
"""

from __future__ import annotations

import re
from typing import Any

import typer
from typer import rich_utils
from typer._click.exceptions import UsageError  # Typer's own copy of Click; no public name for it
from typer.core import TyperCommand, TyperGroup
from typer.models import DefaultPlaceholder

HELP_LINE = "แสดงวิธีใช้นี้แล้วจบ"
USAGE_PREFIX = "วิธีใช้: "
OPTIONS_METAVAR = "[ตัวเลือก]"
SUBCOMMAND_METAVAR = "คำสั่ง [ค่า]..."
# The constants typer.rich_utils reads each time it draws a help page or an error.
RICH_WORDS = {
    "ARGUMENTS_PANEL_TITLE": "ค่าที่ต้องระบุ",
    "OPTIONS_PANEL_TITLE": "ตัวเลือก",
    "COMMANDS_PANEL_TITLE": "คำสั่ง",
    "ERRORS_PANEL_TITLE": "ข้อผิดพลาด",
    "ABORTED_TEXT": "ยกเลิกแล้ว",
    "REQUIRED_LONG_STRING": "[ต้องระบุ]",
    "DEFAULT_STRING": "[ค่าเริ่มต้น: {}]",
    "ENVVAR_STRING": "[ตัวแปรสภาพแวดล้อม: {}]",
    "DEPRECATED_STRING": "(เลิกใช้แล้ว) ",
    "RICH_HELP": "ดูวิธีใช้ด้วยคำสั่ง [blue]{command_path} {help_option}[/]",
}
_TYPE_NAMES = {
    "integer": "จำนวนเต็ม",
    "int": "จำนวนเต็ม",
    "number": "ตัวเลข",
    "float": "ตัวเลข",
    "boolean": "ค่าจริงหรือเท็จ",
    "bool": "ค่าจริงหรือเท็จ",
}
_NOT_VALID = re.compile(r"^Value (?P<value>.+) is not a valid (?P<type>\w+)\.?$")
_NOT_ONE_OF = re.compile(r"^(?P<value>.+) is not one of (?P<choices>.+?)\.?$")
_PATH = re.compile(r"^(?:File|Directory|Path) (?P<path>.+?) (?P<what>does not exist|is an? \w+|is not \w+)\.?$")
_PATH_WORDS = {
    "does not exist": "ไม่พบ {path}",
    "is a file": "{path} เป็นไฟล์ แต่ต้องเป็นโฟลเดอร์",
    "is a directory": "{path} เป็นโฟลเดอร์ แต่ต้องเป็นไฟล์",
    "is not readable": "อ่าน {path} ไม่ได้ (ไม่มีสิทธิ์)",
    "is not writable": "เขียน {path} ไม่ได้ (ไม่มีสิทธิ์)",
}
_NO_COMMAND = re.compile(r"^No such command (?P<name>.+?)\.(?: Did you mean (?P<near>.+)\?)?$")
_EXTRA = re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((?P<extra>.*)\)$")
_SHOULD_BE = re.compile(r"valid (?P<type>integer|int|number|float|boolean|bool)\b")


def use_thai_words(app: typer.Typer) -> None:
    """Give `app`, its sub-apps and every command the Thai classes; set the help words once."""
    for name, text in RICH_WORDS.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, text)
    _give_classes(app)


def _give_classes(app: typer.Typer) -> None:
    if app.info.cls in (None, TyperGroup) or isinstance(app.info.cls, DefaultPlaceholder):
        app.info.cls = ThaiGroup
    for command in app.registered_commands:
        if command.cls in (None, TyperCommand):  # Typer's default; a command's own class is left alone
            command.cls = ThaiCommand
    for group in app.registered_groups:
        if group.typer_instance is not None:
            _give_classes(group.typer_instance)


def _hint(param: Any) -> str:
    """How the user wrote (or should write) the parameter: --year / -y, or the argument's name."""
    opts = [name for name in getattr(param, "opts", []) if name.startswith("-")]
    return " / ".join(opts) if opts else f"'{getattr(param, 'name', '') or ''}'"


def _bad_value(message: str) -> str:
    """The Thai for what Typer says of a value it could not take."""
    if found := _NOT_VALID.match(message):
        kind = _TYPE_NAMES.get(found["type"], found["type"])
        return f"{found['value']} ไม่ใช่{kind}"
    if found := _NOT_ONE_OF.match(message):
        return f"{found['value']} ไม่ใช่ค่าที่เลือกได้ (ค่าที่เลือกได้: {found['choices']})"
    if found := _PATH.match(message):
        return _PATH_WORDS.get(found["what"], "{path} ใช้ไม่ได้").format(path=found["path"])
    if found := _SHOULD_BE.search(message):  # the wording of Typer's type coercion
        return f"ต้องเป็น{_TYPE_NAMES.get(found['type'], 'ตัวเลข')}"
    return "ค่าไม่อยู่ในรูปแบบที่รับ"


def thai_message(error: Any) -> str:
    """A usage error of Typer's Click, said in Thai from its kind and its parts (never its English text)."""
    kind = type(error).__name__
    param = getattr(error, "param", None)
    if kind == "MissingParameter":
        help_text = f" ({param.help})" if param is not None and getattr(param, "help", None) else ""
        return f"ยังไม่ได้ระบุ {_hint(param)}{help_text}" if param is not None else "ยังระบุค่าไม่ครบ"
    if kind == "NoSuchOption":
        near = sorted(getattr(error, "possibilities", None) or [])
        return f"ไม่มีตัวเลือก {error.option_name}" + (f" หรือหมายถึง {', '.join(near)}" if near else "")
    if kind == "BadOptionUsage":
        if "requires an argument" in error.message:
            return f"ตัวเลือก {error.option_name} ต้องตามด้วยค่า"
        if "does not take a value" in error.message:
            return f"ตัวเลือก {error.option_name} ไม่รับค่า ให้เขียนเพียง {error.option_name}"
        return f"ใช้ตัวเลือก {error.option_name} ไม่ถูกต้อง"
    if kind == "BadArgumentUsage":
        return "จำนวนค่าที่ระบุไม่ตรงกับที่คำสั่งรับ"
    if kind == "BadParameter":
        where = f"ค่าของ {_hint(param)} ไม่ถูกต้อง" if param is not None else "ค่าที่ระบุไม่ถูกต้อง"
        return f"{where}: {_bad_value(error.message)}"
    if found := _NO_COMMAND.match(error.message):
        maybe = f" หรือหมายถึง {found['near']}" if found["near"] else ""
        return f"ไม่มีคำสั่ง {found['name']}{maybe}"
    if found := _EXTRA.match(error.message):
        return f"มีค่าเกินมาที่คำสั่งนี้ไม่รับ: {found['extra']}"
    if error.message.startswith("Missing command"):
        return "ยังไม่ได้ระบุคำสั่งย่อย"
    return "ใช้คำสั่งไม่ถูกต้อง"


def _in_thai(error: UsageError) -> UsageError:
    """The same usage error, worded in Thai; the help that Typer shows for a bare command is left as it is."""
    if type(error).__name__ == "NoArgsIsHelpError":
        return error
    return UsageError(thai_message(error), ctx=error.ctx)


class _ThaiUsage:
    """What the Thai command and group share: the --help line, the usage line, the usage errors."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_LINE
        return option

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE_PREFIX)

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)  # type: ignore[misc]
        except UsageError as error:
            raise _in_thai(error) from None


class ThaiCommand(_ThaiUsage, TyperCommand):
    """A Typer command whose help and usage errors are in Thai."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar = OPTIONS_METAVAR


class ThaiGroup(_ThaiUsage, TyperGroup):
    """A Typer group whose help, usage errors and unknown-command errors are in Thai."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar = OPTIONS_METAVAR
        self.subcommand_metavar = SUBCOMMAND_METAVAR

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            raise _in_thai(error) from None
