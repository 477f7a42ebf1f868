"""The trainers permissions module's questions as template filters (see
methods/templatetags/permissions.py): `{% if user|can_edit_trainer:trainer %}`."""

from django import template

from trainers import permissions

register = template.Library()

for _name in dir(permissions):
    if _name.startswith("can_"):
        register.filter(_name, getattr(permissions, _name))
