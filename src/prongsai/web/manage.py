"""`python -m prongsai.web.manage <command>`: Django's management commands for this project."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.web.settings")
    from prongsai.web.private import private_umask

    private_umask()  # the database, media and keys it creates are for this user only
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
