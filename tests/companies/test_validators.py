import pytest
from django.core.exceptions import ValidationError

from companies.validators import normalize_org_number
from core.validators import luhn_valid


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("5560360793", "556036-0793"),
        ("556036-0793", "556036-0793"),
        (" 556036 0793 ", "556036-0793"),
        ("802479-1579", "802479-1579"),
    ],
)
def test_valid_numbers_are_normalised(raw, expected):
    assert normalize_org_number(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", "12345", "55603607931", "5560-360793", "abcdef-ghij", "556036+0793"]
)
def test_wrong_format_is_rejected_with_format_message(raw):
    with pytest.raises(ValidationError) as excinfo:
        normalize_org_number(raw)
    assert excinfo.value.code == "format"
    assert "tio siffror" in excinfo.value.messages[0]


@pytest.mark.parametrize("raw", ["556036-0794", "802479-1575", "0000000001"])
def test_wrong_check_digit_is_rejected(raw):
    with pytest.raises(ValidationError) as excinfo:
        normalize_org_number(raw)
    assert excinfo.value.code == "checksum"
    assert "kontrollsiffran" in excinfo.value.messages[0]


def test_luhn():
    assert luhn_valid("5560360793")
    assert not luhn_valid("5560360794")
