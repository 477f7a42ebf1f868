"""Django's i18n template library, with {% translate "a literal" %} translated once per language.

Loaded wherever a template says {% load i18n %} (settings.TEMPLATES maps the name "i18n" here).
Every tag and filter is Django's own; only `translate` (and its old name `trans`) changes, and
only for a literal string with no filters and no context: its output depends on nothing but the
active language, so each node keeps it per language instead of building a lazy translation,
looking it up in the catalogues and escaping it again on every render. A method page runs about
50 of these, and the kept method parts (methods.keptpage) 47 per method and language: a quarter
of rendering them when 100,000 methods are kept in two languages.

The catalogues are read once per process, as Django reads them; a test that changes the
translation settings (setting_changed) starts every node's memory afresh.
"""

from __future__ import annotations

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import Variable
from django.templatetags import i18n
from django.utils.translation import get_language

register = template.Library()
register.tags.update(i18n.register.tags)
register.filters.update(i18n.register.filters)

# Raised when a test changes what the catalogues say: part of every remembered key.
_generation = 0


@receiver(setting_changed)
def _translation_settings_changed(*, setting: str, **kwargs) -> None:
    global _generation
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"}:
        _generation += 1


class ConstantTranslateNode(i18n.TranslateNode):
    """Django's TranslateNode, remembering the output for a literal string per language (and
    autoescaping, which the output of a literal does not depend on, but the key is cheap)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        expression = self.filter_expression
        self.constant = (
            not expression.filters
            and isinstance(expression.var, Variable)
            and expression.var.literal is not None
            and self.message_context is None
        )
        self.memory: dict[tuple, str] = {}

    def render(self, context) -> str:
        if not self.constant:
            return super().render(context)
        key = (_generation, get_language(), context.autoescape)
        value = self.memory.get(key)
        if value is None:
            value = super().render(context)
            if self.asvar:
                value = context[self.asvar]
            self.memory[key] = value
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value


@register.tag("translate")
@register.tag("trans")
def do_translate(parser, token) -> ConstantTranslateNode:
    node = i18n.do_translate(parser, token)
    return ConstantTranslateNode(
        node.filter_expression, node.noop, node.asvar, node.message_context
    )
