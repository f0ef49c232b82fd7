"""The OpenAPI schema fuzzed with schemathesis: every operation of /api/v1/openapi.json gets
generated requests (valid ones checked for schema conformance, invalid ones for "never a 5xx"),
sent through the WSGI application in-process, with a county editor's bearer token."""

import datetime

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from samordna.accounts.services import api_token_create
from tests.events.factories import make_event
from tests.plans.factories import add_activity, make_plan

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Valid requests per operation (each also gets a share of invalid ones, see below).
POSITIVE_EXAMPLES = 50
NEGATIVE_EXAMPLES = 15
MINIMUM_TOTAL = 1000


@pytest.fixture
def api_data(county_08, editor_08):
    """Some objects so detail endpoints have something to find besides 404s."""
    make_plan(county_08, published=True)
    add_activity(make_plan(county_08, year=2024))
    make_event(county_08)
    make_event(county_08, published=False, title="Utkast")
    _token, plain = api_token_create(user=editor_08, name="fuzz")
    return plain


def _operations(schema):
    return [result.ok() for result in schema.get_all_operations()]


@pytest.fixture
def keep_connection():
    """The WSGI handler starts and ends each request with ``close_old_connections``; that would
    close the test's transaction on PostgreSQL (Django's test client disconnects it likewise)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _fuzzer(operation, mode, examples, checks, headers, counts):
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        counts[operation.label] = counts.get(operation.label, 0) + 1
        case.call_and_validate(headers=headers, checks=checks)

    return run


def test_openapi_schema_holds_under_fuzzing(api_data, keep_connection, capsys):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
    headers = {"Authorization": f"Bearer {api_data}"}
    operations = _operations(schema)
    assert len(operations) >= 15, [op.label for op in operations]
    counts: dict[str, int] = {}
    failures: list[str] = []

    for operation in operations:
        for mode, examples, checks in (
            (
                GenerationMode.POSITIVE,
                POSITIVE_EXAMPLES,
                [not_a_server_error, response_schema_conformance],
            ),
            (GenerationMode.NEGATIVE, NEGATIVE_EXAMPLES, [not_a_server_error]),
        ):
            run = _fuzzer(operation, mode, examples, checks, headers, counts)
            try:
                run()
            except Unsatisfiable:
                # No invalid request exists for an operation without parameters or body.
                assert mode == GenerationMode.NEGATIVE, operation.label
            except Exception as exc:  # noqa: BLE001 - collect every operation's failure
                failures.append(f"{operation.label} ({mode.value}): {exc}")

    total = sum(counts.values())
    with capsys.disabled():
        print(
            f"\nschemathesis: {total} generated cases over {len(operations)} operations "
            f"({datetime.datetime.now(datetime.UTC):%H:%M:%S})"
        )
    assert not failures, "\n\n".join(failures)
    assert total >= MINIMUM_TOTAL, counts
