"""{% fixed_include "partial.html" name=value ... %}: a partial whose output depends on nothing
but the values passed to it and the active language, rendered once per process for each
combination of them.

The site's navigation and footer are the same on every page but for which link is the current
one and what the reader may do: some fifty nodes (addresses, translations, conditions) that
Django's engine walks on every page, a sixth of a method page's render. Kept per combination,
they cost a dictionary lookup.

Nothing can go stale, because everything the output depends on is in the key or fixed while
the process runs:
- the values passed in (plain strings, numbers, booleans or None: anything else is refused);
- the language, the URLconf and the script prefix (the addresses the partial builds);
- whether the context autoescapes;
- the partial's template and the catalogues, read once per process. Django's autoreloader
  throws every compiled template away when one changes, and with them each node's memory;
  a test that changes a setting (setting_changed) starts every memory afresh.

The partial is rendered in a context that holds only those values: no request, user, CSRF
token or nonce, so it cannot show anything else by mistake (tests/test_fixed_include.py
renders each one with string_if_invalid set, which shows any name it reads that was not
passed). A partial that needs a reader's data is an ordinary {% include %}.
"""

from __future__ import annotations

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import token_kwargs
from django.template.context import Context
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

register = template.Library()

# Combinations kept per tag: a partial keyed by a view name and two flags has a few hundred.
# Past the bound a combination is rendered each time instead (never wrong, only slower).
MEMORY_SIZE = 1024
_PLAIN = (str, int, bool, type(None))

# Raised by any change of settings (tests only): part of every remembered key.
_generation = 0


@receiver(setting_changed)
def _settings_changed(**kwargs) -> None:
    global _generation
    _generation += 1


class FixedIncludeNode(template.Node):
    def __init__(self, template_name: str, values: dict) -> None:
        self.template_name = template_name
        self.values = values
        self.memory: dict[tuple, str] = {}

    def render(self, context) -> str:
        values = {name: value.resolve(context) for name, value in self.values.items()}
        for name, value in values.items():
            if not isinstance(value, _PLAIN):
                raise TypeError(
                    f"{{% fixed_include %}} of {self.template_name}: {name} is a "
                    f"{type(value).__name__}; only plain values can be part of the key."
                )
        key = (
            _generation,
            get_language(),
            get_urlconf(),
            get_script_prefix(),
            context.autoescape,
            tuple(sorted(values.items())),
        )
        output = self.memory.get(key)
        if output is None:
            partial = context.template.engine.get_template(self.template_name)
            output = partial.render(Context(values, autoescape=context.autoescape))
            if len(self.memory) < MEMORY_SIZE:
                self.memory[key] = output
        return output


@register.tag
def fixed_include(parser, token) -> FixedIncludeNode:
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError(
            f"{bits[0]} takes the partial's name as a literal string, then name=value pairs."
        )
    remaining = bits[2:]
    values = token_kwargs(remaining, parser, support_legacy=False)
    if remaining:
        raise template.TemplateSyntaxError(f"{bits[0]}: {' '.join(remaining)} is not name=value.")
    return FixedIncludeNode(bits[1][1:-1], values)
