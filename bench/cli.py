"""How the benchmark's commands run from the shell: `python -m bench.seed`, `python -m bench.run`.

They are Django management command classes, but they live here in bench/ and are not
registered with any app, so the site never loads them. Run them from the project root with the
site's settings, like manage.py (DJANGO_SETTINGS_MODULE defaults to handbook_site.settings).
"""

from __future__ import annotations

import os
import sys

import django
from django.core.management.base import BaseCommand, CommandParser, handle_default_options


def main(command: type[BaseCommand], module: str, argv: list[str] | None = None) -> None:
    """Set up Django and run `command` with the arguments after the module name. Errors end
    the process with status 1 and the message on stderr, as with manage.py."""
    arguments = sys.argv[1:] if argv is None else argv
    # As manage.py does: --settings and --pythonpath must act before the settings are loaded.
    early = CommandParser(add_help=False, allow_abbrev=False)
    early.add_argument("--settings")
    early.add_argument("--pythonpath")
    handle_default_options(early.parse_known_args(arguments)[0])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handbook_site.settings")
    django.setup()
    # run_from_argv names the program from its first two items: "python -m bench.seed".
    command().run_from_argv(["python -m", module, *arguments])
