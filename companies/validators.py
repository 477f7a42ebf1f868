"""Swedish organisation numbers: ten digits whose last is a Luhn check digit."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.validators import luhn_valid

_ORG_NUMBER = re.compile(r"^(\d{6})-?(\d{4})$")


def normalize_org_number(value: str) -> str:
    """'5569999999', '556999-9999' or ' 556999 9999 ' -> '556999-9999', or ValidationError."""
    compact = re.sub(r"\s", "", value or "")
    match = _ORG_NUMBER.match(compact)
    if not match:
        raise ValidationError(
            _("Organisationsnumret ska ha tio siffror, till exempel 802456-1234."),
            code="format",
        )
    digits = match.group(1) + match.group(2)
    if not luhn_valid(digits):
        raise ValidationError(
            _("Organisationsnumret stämmer inte: kontrollsiffran är fel. Kontrollera numret."),
            code="checksum",
        )
    return f"{match.group(1)}-{match.group(2)}"


def validate_org_number(value: str) -> None:
    normalize_org_number(value)
