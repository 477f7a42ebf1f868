"""Schemathesis against the read API's own OpenAPI schema (issue 16): every operation, with
parameters generated from the schema (the examples in it, then valid and invalid values), sent
to the WSGI application. No answer may be a server error, and every answer must be one the
schema declares, with the declared content type and a body that matches its schema.

Bounded (a few dozen cases per operation, no deadline) so the module runs in well under a minute.
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.views import api
from methods.models import CompetenceArea, Phase
from tests.factories import (
    CompanyFactory,
    ExperienceReportFactory,
    MethodFactory,
    MethodStepFactory,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def handbook(db, settings):
    """A small handbook with the schema's examples in it, so detail operations answer 200 as
    well as 404."""
    settings.RATELIMIT_ENABLED = False  # thousands of requests from one address
    settings.ALLOWED_HOSTS = ["*"]
    company = CompanyFactory(name="Returbaren", slug="returbaren")
    method = MethodFactory(
        title="Fadder på arbetsplatsen",
        slug="fadder-pa-arbetsplatsen",
        phases=list(Phase.objects.filter(number__in=[2, 3])),
        competence_areas=list(CompetenceArea.objects.all()[:2]),
        company=company,
    )
    MethodStepFactory(method=method)
    ExperienceReportFactory(method=method, company=company, helping_factors=["arbetsplats-tid"])
    MethodFactory(title="Andra metoden")
    # As Django's test client does: the WSGI handler must not close the test's connection
    # (with its open transaction) at the start and end of each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def served_schema():
    """The schema document exactly as /api/v1/schema/ serves it, made without a request (the
    test database does not exist yet while tests are collected), run against the WSGI app."""
    document = json.loads(json.dumps(api.get_openapi_schema(), cls=DjangoJSONEncoder))
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = get_wsgi_application()
    loaded.location = "/api/v1/schema/"
    return loaded


schema = served_schema()


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_as_its_schema_says(case, handbook):
    case.call_and_validate(checks=CHECKS)
