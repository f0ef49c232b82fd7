"""Build surveys through the services, as staff would."""

from decimal import Decimal

from samordna.organisations.models import Organisation
from samordna.surveys import indicators, services
from samordna.surveys.models import Question, Survey


def build_survey(county, *, year=2023, title="Kartläggning", open_for=None) -> Survey:
    """A survey with one question of every type; a conditional number question."""
    survey = services.survey_create(actor=None, county=county, year=year, title=title)
    first = services.section_create(actor=None, survey=survey, title="Styrning")
    second = services.section_create(actor=None, survey=survey, title="Kompetens")
    routine = services.question_create(
        actor=None,
        section=first,
        key="written_routine",
        text="Finns en skriftlig rutin?",
        kind=Question.Kind.YES_NO,
        required=True,
    )
    services.question_create(
        actor=None,
        section=first,
        key="freda",
        text="Används FREDA?",
        kind=Question.Kind.SINGLE_CHOICE,
        choices=["Ja, systematiskt", "Ja, ibland", "Nej"],
    )
    services.question_create(
        actor=None,
        section=first,
        key="routine_since",
        text="Hur många år har rutinen funnits?",
        kind=Question.Kind.NUMBER,
        min_value=Decimal(0),
        max_value=Decimal(50),
        condition_question=routine,
        condition_value="yes",
    )
    services.question_create(
        actor=None,
        section=second,
        key="activities",
        text="Vilka verksamheter frågar om våld?",
        kind=Question.Kind.MULTIPLE_CHOICE,
        choices=["Socialtjänst", "Skola", "Äldreomsorg"],
    )
    services.question_create(
        actor=None,
        section=second,
        key="training_hours",
        text="Antal utbildningstimmar",
        kind=Question.Kind.NUMBER,
        min_value=Decimal(0),
        max_value=Decimal(1000),
        decimals=1,
        required=True,
    )
    services.question_create(
        actor=None,
        section=second,
        key="coverage",
        text="Hur väl täcker rutinerna våldsformerna?",
        kind=Question.Kind.MATRIX,
        matrix_rows=["Heder", "Prostitution"],
        matrix_scale=["Inte alls", "Delvis", "Helt"],
    )
    services.question_create(
        actor=None, section=second, key="comments", text="Kommentarer", kind=Question.Kind.TEXT
    )
    if open_for is not None:
        services.survey_open(actor=None, survey=survey, organisations=open_for, notify=False)
    return survey


def municipalities(county) -> list[Organisation]:
    return list(
        Organisation.objects.filter(county=county, kind=Organisation.Kind.MUNICIPALITY).order_by(
            "code"
        )
    )


def q(survey: Survey, key: str) -> Question:
    return survey.questions.get(key=key)


def full_answers(survey: Survey, *, routine="yes", hours="12,5") -> dict:
    return {
        q(survey, "written_routine").pk: routine,
        q(survey, "freda").pk: "Ja, ibland",
        q(survey, "routine_since").pk: "3" if routine == "yes" else "",
        q(survey, "activities").pk: ["Skola", "Socialtjänst"],
        q(survey, "training_hours").pk: hours,
        q(survey, "coverage").pk: {"Heder": "Delvis", "Prostitution": ""},
        q(survey, "comments").pk: "Inga",
    }


def make_indicator(
    county, key="share_routine", kind="share_yes", question_key="written_routine", **extra
):
    return indicators.indicator_create(
        actor=None,
        county=county,
        key=key,
        name=extra.pop("name", key),
        kind=kind,
        question_key=question_key,
        option=extra.pop("option", ""),
        unit=extra.pop("unit", ""),
        description="",
    )
