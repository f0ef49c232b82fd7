"""The fast forms of ``{% url %}``, ``|date:"j F Y H:i"`` and ``get_FOO_display`` that long
lists use (``core/templatetags/samordna.py``) give exactly what the slow forms give."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import engines
from django.urls import reverse
from django.utils import translation

from samordna.events.models import Event, Registration
from samordna.organisations.models import Person

UTC = ZoneInfo("UTC")


def render(source: str, **context) -> str:
    return engines["django"].from_string("{% load samordna %}" + source).render(context)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("events:event_detail", [7]),
        ("events:event_detail", [1234567]),
        ("events:registration_list", [0]),
        ("events:registration_move", [12, 345]),
        ("organisations:organisation_detail", ["0880"]),
        ("organisations:organisation_detail", ["kvinnojouren-åby"]),
        ("events:registration_status", ["a-token_with-chars"]),
    ],
)
def test_row_url_is_the_reversed_url(name, args):
    names = " ".join(f"arg{index}" for index in range(len(args)))
    context = {f"arg{index}": arg for index, arg in enumerate(args)}
    url = reverse(name, args=args)
    assert render(f"{{% row_url name {names} %}}", name=name, **context) == url
    # Again: the second time comes from the patterns reversed once.
    assert render(f"{{% row_url name {names} %}}", name=name, **context) == url


def test_row_url_reverses_a_pattern_that_is_not_numeric_even_with_a_number():
    # ``<str:code>`` given an int: not the numeric fast path's business, still the right URL.
    assert render("{% row_url 'organisations:organisation_detail' 880 %}") == reverse(
        "organisations:organisation_detail", args=[880]
    )


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 12, 6, 8, 0, tzinfo=UTC),  # winter time
        datetime(2026, 7, 1, 22, 30, tzinfo=UTC),  # summer time, next day in Stockholm
        datetime(2027, 3, 28, 0, 59, tzinfo=UTC),  # the hour before the clocks change
        datetime(2026, 1, 1, 0, 5, tzinfo=UTC),
    ],
)
def test_sv_datetime_is_the_date_filter(language, moment):
    with translation.override(language):
        assert render("{{ value|sv_datetime }}", value=moment) == render(
            '{{ value|date:"j F Y H:i" }}', value=moment
        )


def test_sv_datetime_of_nothing_is_empty():
    assert render("{{ value|sv_datetime }}", value=None) == ""


@pytest.mark.parametrize("language", ["sv", "en"])
def test_choice_label_is_the_display_value(language):
    registration = Registration(status=Registration.Status.WAITLISTED)
    event = Event(type=Event.Type.TRAINING, format=Event.Format.DIGITAL)
    with translation.override(language):
        assert render('{{ r|choice_label:"status" }}', r=registration) == str(
            registration.get_status_display()
        )
        assert render('{{ e|choice_label:"type" }}', e=event) == str(event.get_type_display())
        assert render('{{ e|choice_label:"format" }}', e=event) == str(event.get_format_display())
        person = Person(target_group="")
        assert render('{{ p|choice_label:"target_group" }}', p=person) == ""
