"""Django's reverse(), remembered per process for the addresses every page builds.

A page names about thirty addresses by view name: the header and footer links, the breadcrumbs,
each suggested method's get_absolute_url. Django resolves each anew (finding the pattern,
checking the arguments against its converters, quoting): 15 to 40 microseconds, about a
millisecond of a method page. The answer depends only on the view name, the arguments, the
URLconf, the script prefix and (for translated patterns) the language, so it is kept under
exactly those, for arguments that are plain strings and integers; anything else (a model
instance, a lazy string, any other subclass of str) goes to Django every time, as does an
address that does not exist, so NoReverseMatch is raised exactly as before.

Used by `{% url %}` in every template (core/templatetags/url_memo.py, a builtin in
settings.TEMPLATES) and by the models' get_absolute_url on the pages' hot paths.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language

# Bounded: a process that sees every method's address keeps the most recent ones.
MEMORY_SIZE = 8192
# Exact types whose value is what Django puts into the address. A template's literal
# ('methods:home', or a literal argument) arrives as SafeString, whose str() is itself.
_PLAIN = frozenset({str, SafeString, int})


def reverse(viewname: str, args=None, kwargs=None, current_app: str | None = None) -> str:
    """Django's reverse(viewname, args=..., kwargs=..., current_app=...), remembered."""
    args = tuple(args) if args else ()
    items = tuple(sorted(kwargs.items())) if kwargs else ()
    if (
        type(viewname) not in _PLAIN
        or any(type(arg) not in _PLAIN for arg in args)
        or any(type(value) not in _PLAIN for _, value in items)
    ):
        return django_reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    return _remembered(
        viewname,
        args,
        items,
        current_app,
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        get_language(),
    )


@lru_cache(maxsize=MEMORY_SIZE)
def _remembered(viewname, args, items, current_app, urlconf, prefix, language) -> str:
    # prefix and language are part of the key only: django_reverse reads them itself.
    return django_reverse(
        viewname, urlconf=urlconf, args=args, kwargs=dict(items), current_app=current_app
    )


def forget() -> None:
    """Drop every remembered address (a test that swaps a URLconf's patterns in place)."""
    _remembered.cache_clear()


@receiver(setting_changed)
def _urlconf_changed(*, setting: str, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        forget()
