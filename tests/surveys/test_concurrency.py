"""Two people of one organisation saving different questions at the same moment (real threads
and connections on PostgreSQL): neither change is lost."""

import threading

import pytest
from django.db import connection

from samordna.organisations.models import County, Organisation
from samordna.surveys import services
from samordna.surveys.models import Answer, Response

from .factories import build_survey, q

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def test_concurrent_saves_of_different_questions_keep_both(db):
    county = County.objects.get(code="08")
    kalmar = Organisation.objects.get(code="0880")
    survey = build_survey(county, open_for=[kalmar])
    questions = [
        q(survey, key) for key in ("training_hours", "comments", "freda", "written_routine")
    ]
    values = {
        questions[0].pk: "40",
        questions[1].pk: "Från tråd två",
        questions[2].pk: "Nej",
        questions[3].pk: "yes",
    }
    rounds = 5
    errors: list[Exception] = []

    def save(question_ids, barrier):
        try:
            for _round in range(rounds):
                barrier.wait(timeout=10)
                services.response_save_answers(
                    actor=None,
                    survey=survey,
                    organisation=kalmar,
                    raw_values={pk: values[pk] for pk in question_ids},
                )
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    barrier = threading.Barrier(2)
    threads = [
        threading.Thread(target=save, args=([questions[0].pk, questions[2].pk], barrier)),
        threading.Thread(target=save, args=([questions[1].pk, questions[3].pk], barrier)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert Response.objects.filter(survey=survey, organisation=kalmar).count() == 1
    stored = dict(Answer.objects.values_list("question_id", "value"))
    assert stored == values
