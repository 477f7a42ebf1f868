"""The file format of the handbook's content: Markdown with YAML front matter.

    ---
    title: Visa – gör – öva
    summary: |-
      Handledaren visar en arbetsuppgift steg för steg ...
    ---

    ## Så går det till
    ...

The front matter holds the fields; the Markdown after it holds the one long text the file is
about (a method's body, a phase's guide, a company's description, a report's context). Nothing
here knows Django: content/fields.py says which fields each kind of file carries.

Reading gives back exactly what was written, for any text with LF line breaks (the export
writes no other kind; tests/content/test_files.py checks it with random text). A hand-written
file may use CRLF line breaks and leave out the blank line after the front matter.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

DELIMITER = "---\n"
# Nested strings (a step's text, a report's note for one phase) this long or with a line break
# are written as block scalars, so they read like the prose they are.
NESTED_BLOCK_LENGTH = 72


class FormatError(ValueError):
    """A content file that is not front matter followed by Markdown."""


class _Block(str):
    """A string to be written as a literal block scalar (`|`)."""


class _Dumper(yaml.SafeDumper):
    pass


# Line breaks to YAML 1.1 besides \n: in a plain or block scalar they would be read back as a
# line break (or a space); only a double-quoted scalar escapes them.
_OTHER_BREAKS = ("\x85", "\u2028", "\u2029")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = None
    if any(mark in value for mark in _OTHER_BREAKS):
        style = '"'
    elif isinstance(value, _Block):
        # The emitter falls back to a quoted scalar by itself where a block cannot hold the
        # text exactly (for example trailing spaces on a line).
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style=style)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Block, _represent_str)


def _nested_blocks(value):
    if isinstance(value, str):
        if "\n" in value or len(value) >= NESTED_BLOCK_LENGTH:
            return _Block(value)
        return value
    if isinstance(value, dict):
        return {key: _nested_blocks(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_nested_blocks(item) for item in value]
    return value


def dump_yaml(data: dict, blocks: Iterable[str] = ()) -> str:
    """YAML for data, in its key order; the keys named in blocks (and long nested strings) as
    block scalars. Unicode as it is, lines never folded."""
    blocks = set(blocks)
    prepared = {}
    for key, value in data.items():
        if key in blocks and isinstance(value, str) and value:
            prepared[key] = _Block(value)
        else:
            prepared[key] = _nested_blocks(value)
    return yaml.dump(
        prepared,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=1_000_000,
        default_flow_style=False,
    )


def load_yaml(text: str) -> dict:
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise FormatError("the front matter is not a mapping of field names to values")
    return data


def format_file(data: dict, body: str | None = None, blocks: Iterable[str] = ()) -> str:
    """The text of a content file: data as front matter, body (if any) as the Markdown."""
    text = DELIMITER + dump_yaml(data, blocks) + DELIMITER
    if body:
        text += "\n" + body + "\n"
    return text


def parse_file(text: str) -> tuple[dict, str]:
    """(front matter, Markdown body) of a content file's text.

    One blank line after the front matter and the file's final line break are not part of the
    body, so a body keeps its own leading and trailing line breaks exactly.
    """
    text = text.replace("\r\n", "\n")
    if not text.startswith(DELIMITER):
        raise FormatError("a content file starts with a line holding only ---")
    end = text.find("\n" + DELIMITER, len(DELIMITER) - 1)
    if end == -1:
        raise FormatError("the front matter is not closed by a line holding only ---")
    front = text[len(DELIMITER) : end + 1]
    body = text[end + 1 + len(DELIMITER) :]
    if body.startswith("\n"):
        body = body[1:]
    if body.endswith("\n"):
        body = body[:-1]
    return load_yaml(front), body


def read_file(path: Path, body_field: str | None = None) -> dict:
    """A content file as one dict: the front matter, plus the body under body_field."""
    try:
        data, body = parse_file(path.read_bytes().decode("utf-8"))
    except (FormatError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise FormatError(f"{path}: {error}") from error
    if body_field:
        data[body_field] = body
    elif body.strip():
        raise FormatError(f"{path}: this kind of file has no Markdown body")
    return data


def write_file(
    path: Path, data: dict, body_field: str | None = None, blocks: Iterable[str] = ()
) -> None:
    """Write data as a content file: body_field's text as the Markdown, the rest as front matter
    in data's key order, with the fields named in blocks as block scalars."""
    front = {key: value for key, value in data.items() if key != body_field}
    body = data.get(body_field, "") if body_field else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(format_file(front, body, blocks), encoding="utf-8", newline="\n")
