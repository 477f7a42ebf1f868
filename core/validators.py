"""Check digits shared by the site's number formats (organisation and personal identity
numbers)."""


def luhn_check_digit(body: str) -> str:
    """The digit that makes body + digit pass the Luhn check."""
    return next(d for d in "0123456789" if luhn_valid(body + d))


def luhn_valid(digits: str) -> bool:
    """The Luhn check of organisation and personal identity numbers."""
    total = 0
    for i, char in enumerate(reversed(digits)):
        n = int(char)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0
