"""The permissions module's questions as template filters, so templates ask, never re-decide.

Every public `can_*` function of methods.permissions is a filter of the same name:
`{% if user|can_review_methods %}`, `{% if user|can_delete_method:method %}`.
"""

from django import template

from methods import permissions

register = template.Library()

for _name in dir(permissions):
    if _name.startswith("can_"):
        register.filter(_name, getattr(permissions, _name))
