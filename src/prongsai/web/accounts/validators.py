"""Django's password validators with our own formal Thai messages and rules (Django's Thai translation lacks them).

The rules (`get_help_text`) are shown on every page where a password is chosen, before it is typed."""

from __future__ import annotations

from django.contrib.auth import password_validation as django_validators


class MinimumLengthValidator(django_validators.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return f"รหัสผ่านนี้สั้นเกินไป ต้องมีความยาวอย่างน้อย {self.min_length} ตัวอักษร"

    def get_help_text(self) -> str:
        return f"มีความยาวอย่างน้อย {self.min_length} ตัวอักษร"


class UserAttributeSimilarityValidator(django_validators.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return "รหัสผ่านนี้คล้ายกับ%(verbose_name)sของบัญชีมากเกินไป"

    def get_help_text(self) -> str:
        return "ไม่คล้ายกับชื่อผู้ใช้ ชื่อ นามสกุล หรืออีเมลของบัญชี"


class CommonPasswordValidator(django_validators.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return "รหัสผ่านนี้เป็นรหัสผ่านที่ใช้กันทั่วไปและเดาได้ง่าย"

    def get_help_text(self) -> str:
        return "ไม่เป็นรหัสผ่านที่ใช้กันทั่วไป"


class NumericPasswordValidator(django_validators.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return "รหัสผ่านนี้เป็นตัวเลขทั้งหมด ต้องมีตัวอักษรอื่นปนด้วย"

    def get_help_text(self) -> str:
        return "ไม่เป็นตัวเลขทั้งหมด"
