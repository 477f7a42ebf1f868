"""{% url %} with the address remembered per process (core.reversing): a builtin, listed in
settings.TEMPLATES after Django's own, so it replaces Django's tag in every template.

The tag is parsed by Django's own function; only the node's reverse() changes. Everything
else (arguments resolved per render, current_app from the request, "as var" swallowing
NoReverseMatch, autoescaping) is Django's URLNode.render, step for step.
"""

from __future__ import annotations

from django import template
from django.template import defaulttags
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from core.reversing import reverse

register = template.Library()


class RememberedURLNode(defaulttags.URLNode):
    def render(self, context) -> str:
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {key: value.resolve(context) for key, value in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token) -> RememberedURLNode:
    node = defaulttags.url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
