"""The API's documentation page, /api/v1/docs/, rendered by the site itself from the OpenAPI
schema.

django-ninja's own page is Swagger UI, loaded from a CDN unless ninja is an installed app, and
even served locally it is a large script app with its own markup: it would need the CSP loosened,
would tell a third party about every reader, and is not ours to make accessible or Swedish.
This page is a plain template on base.html: every operation with its parameters and answers,
and every data type with its fields, generated from the same schema document that
/api/v1/schema/ serves, so the two cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI

REF_PREFIX = "#/components/schemas/"


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    ref: str  # the data type it names, for a link ("" when none)
    required: bool
    description: str


@dataclass(frozen=True)
class Answer:
    status: str
    type: str
    ref: str


@dataclass(frozen=True)
class Operation:
    anchor: str
    method: str
    path: str
    summary: str
    description: str
    parameters: list[Field]
    answers: list[Answer]


@dataclass(frozen=True)
class DataType:
    name: str
    description: str
    fields: list[Field]


def type_text(schema: dict[str, Any]) -> tuple[str, str]:
    """A field's type in words, and the data type it refers to (for a link)."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix(REF_PREFIX)
        return name, name
    if "anyOf" in schema:
        parts = [type_text(part) for part in schema["anyOf"]]
        refs = [ref for _text, ref in parts if ref]
        words = [text for text, _ref in parts if text != "null"]
        text = " | ".join(words)
        if len(words) < len(parts):
            text = _("%(type)s eller null") % {"type": text}
        return text, refs[0] if refs else ""
    if "enum" in schema:
        return _("ett av: %(values)s") % {"values": ", ".join(map(str, schema["enum"]))}, ""
    kind = schema.get("type", "")
    if kind == "array":
        inner, ref = type_text(schema.get("items", {}))
        return _("lista av %(type)s") % {"type": inner}, ref
    if kind == "string" and "format" in schema:
        return f"string ({schema['format']})", ""
    return str(kind or "any"), ""


def _field(name: str, schema: dict, required: bool, description: str = "") -> Field:
    text, ref = type_text(schema)
    return Field(name, text, ref, required, description or schema.get("description", ""))


def document(schema: dict[str, Any]) -> tuple[list[Operation], list[DataType]]:
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            parameters = [
                _field(
                    parameter["name"],
                    parameter.get("schema", {}),
                    parameter.get("required", False),
                    parameter.get("description", ""),
                )
                for parameter in operation.get("parameters", [])
            ]
            answers = []
            for status, answer in operation.get("responses", {}).items():
                content = answer.get("content", {}).get("application/json", {})
                text, ref = type_text(content.get("schema", {}))
                answers.append(Answer(status, text, ref))
            operations.append(
                Operation(
                    anchor=operation.get("operationId", ""),
                    method=method.upper(),
                    path=path,
                    summary=operation.get("summary", ""),
                    description=operation.get("description", ""),
                    parameters=parameters,
                    answers=answers,
                )
            )
    types = []
    for name, data in sorted(schema.get("components", {}).get("schemas", {}).items()):
        required = set(data.get("required", []))
        fields = [
            _field(field, spec, field in required)
            for field, spec in data.get("properties", {}).items()
        ]
        types.append(DataType(name, data.get("description", ""), fields))
    return operations, types


class HandbookDocs(DocsBase):
    """ninja's docs hook: our own page instead of Swagger UI."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        operations, types = document(schema)
        return render(
            request,
            "api/docs.html",
            {
                "api": api,
                "schema_url": reverse(f"{api.urls_namespace}:openapi-json", kwargs=kwargs),
                "operations": operations,
                "types": types,
            },
        )
