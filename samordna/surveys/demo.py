"""Demo data: Kalmar county's mapping surveys 2022 and 2023 with answers from most of its twelve
municipalities (deterministic pseudo-random), indicators and published results."""

import random
from datetime import date
from decimal import Decimal

from samordna.organisations.models import County, Organisation

from . import indicators, services
from .models import Indicator, Question, Response, Survey

TITLE = "Kartläggning mäns våld mot kvinnor och våld i nära relationer"
INTRO = (
    "Länsstyrelsens årliga kartläggning utgör en indikator för att kunna följa upp länets arbete "
    "och den regionala handlingsplanens resultat och effekter. Resultaten ligger till grund för "
    "länsstyrelsens redovisning till regeringen."
)
YES_NO = Question.Kind.YES_NO
FREDA_OPTIONS = ["Ja, systematiskt", "Ja, ibland", "Nej"]
ACTIVITIES = [
    "Socialtjänst – individ- och familjeomsorg",
    "Äldreomsorg",
    "Funktionshinderomsorg",
    "Skola och elevhälsa",
    "Förskola",
]
MATRIX_ROWS = [
    "Hedersrelaterat våld och förtryck",
    "Prostitution och människohandel",
    "Våld mot barn",
    "Våld mot äldre",
]
MATRIX_SCALE = ["Inte alls", "Delvis", "Helt"]
TRAINED_2022 = "Har all personal i socialtjänstens mottagning genomgått Webbkurs om våld (NCK)?"
TRAINED_2023 = (
    "Har all personal i socialtjänstens mottagning och äldreomsorg genomgått Webbkurs om våld "
    "(NCK) eller motsvarande?"
)

# (section title, [question definitions])
SECTIONS = [
    (
        "Styrning och samordning",
        [
            {
                "key": "coordinator",
                "text": "Finns det en utsedd samordnare eller strateg för arbetet mot våld i "
                "nära relationer?",
                "kind": YES_NO,
                "required": True,
            },
            {
                "key": "action_plan",
                "text": "Har kommunen en aktuell handlingsplan mot mäns våld mot kvinnor och "
                "våld i nära relationer?",
                "kind": YES_NO,
                "required": True,
            },
            {
                "key": "action_plan_decided_by",
                "text": "Vem har beslutat om handlingsplanen?",
                "kind": Question.Kind.SINGLE_CHOICE,
                "choices": ["Kommunfullmäktige", "Kommunstyrelsen", "Nämnd", "Förvaltningen"],
                "condition": ("action_plan", "yes"),
            },
        ],
    ),
    (
        "Rutiner och metoder",
        [
            {
                "key": "written_routine",
                "text": "Finns en skriftlig rutin för socialtjänstens arbete med våld i nära "
                "relationer?",
                "kind": YES_NO,
                "required": True,
                "help_text": "Med rutin menas ett beslutat dokument som beskriver ansvar och "
                "arbetsgång.",
            },
            {
                "key": "freda",
                "text": "Använder socialtjänsten Socialstyrelsens FREDA-bedömningsmetoder?",
                "kind": Question.Kind.SINGLE_CHOICE,
                "choices": FREDA_OPTIONS,
                "required": True,
            },
            {
                "key": "asks_about_violence",
                "text": "Vilka verksamheter har rutin för att fråga om våld?",
                "kind": Question.Kind.MULTIPLE_CHOICE,
                "choices": ACTIVITIES,
            },
            {
                "key": "routine_coverage",
                "text": "I vilken grad omfattar rutinerna följande våldsformer och grupper?",
                "kind": Question.Kind.MATRIX,
                "matrix_rows": MATRIX_ROWS,
                "matrix_scale": MATRIX_SCALE,
            },
        ],
    ),
    (
        "Kompetens",
        [
            {
                "key": "trained_staff",
                "text": TRAINED_2022,
                "kind": YES_NO,
            },
            {
                "key": "training_hours",
                "text": "Hur många utbildningstimmar om våld i nära relationer fick kommunens "
                "personal sammanlagt under året?",
                "kind": Question.Kind.NUMBER,
                "min_value": Decimal(0),
                "max_value": Decimal(20000),
                "help_text": "Räkna deltagare × timmar, t.ex. 10 personer × 3 timmar = 30.",
            },
        ],
    ),
    (
        "Stöd och boende",
        [
            {
                "key": "long_term_housing",
                "text": "Kan kommunen erbjuda stadigvarande boende för våldsutsatta efter "
                "skyddat boende?",
                "kind": YES_NO,
                "required": True,
            },
            {
                "key": "housing_units",
                "text": "Hur många lägenheter för stadigvarande boende förmedlades under året?",
                "kind": Question.Kind.NUMBER,
                "min_value": Decimal(0),
                "max_value": Decimal(500),
                "condition": ("long_term_housing", "yes"),
            },
            {
                "key": "comments",
                "text": "Övriga kommentarer till länsstyrelsen",
                "kind": Question.Kind.TEXT,
            },
        ],
    ),
]

INDICATORS = [
    (
        "share_coordinator",
        "Andel kommuner med samordnare",
        Indicator.Kind.SHARE_YES,
        "coordinator",
        "",
        "%",
    ),
    (
        "share_written_routine",
        "Andel kommuner med skriftlig rutin",
        Indicator.Kind.SHARE_YES,
        "written_routine",
        "",
        "%",
    ),
    (
        "share_action_plan",
        "Andel kommuner med handlingsplan",
        Indicator.Kind.SHARE_YES,
        "action_plan",
        "",
        "%",
    ),
    (
        "share_freda_systematic",
        "Andel som använder FREDA systematiskt",
        Indicator.Kind.SHARE_OPTION,
        "freda",
        "Ja, systematiskt",
        "%",
    ),
    (
        "share_trained_staff",
        "Andel där mottagningens personal gått webbkursen",
        Indicator.Kind.SHARE_YES,
        "trained_staff",
        "",
        "%",
    ),
    (
        "training_hours_total",
        "Utbildningstimmar totalt",
        Indicator.Kind.SUM,
        "training_hours",
        "",
        "timmar",
    ),
    (
        "training_hours_mean",
        "Utbildningstimmar per kommun (medel)",
        Indicator.Kind.MEAN,
        "training_hours",
        "",
        "timmar",
    ),
    (
        "share_long_term_housing",
        "Andel som kan erbjuda stadigvarande boende",
        Indicator.Kind.SHARE_YES,
        "long_term_housing",
        "",
        "%",
    ),
]

# Year → (probability of "yes" on the development questions, municipalities not submitting)
YEARS = {2022: (0.55, {"0834", "0860"}), 2023: (0.7, {"0821"})}


def _build_survey(county: County, year: int) -> Survey:
    previous = Survey.objects.filter(county=county, year=year - 1, title=TITLE).first()
    if previous is not None:
        # Next year's version is a copy (same keys), with one question reworded.
        survey = services.survey_copy(actor=None, survey=previous, year=year)
        services.survey_update(actor=None, survey=survey, deadline=date(year, 11, 30))
        trained = survey.questions.get(key="trained_staff")
        services.question_update(
            actor=None,
            question=trained,
            key=trained.key,
            text=TRAINED_2023,
            kind=trained.kind,
            help_text=trained.help_text,
            required=trained.required,
        )
        return survey
    survey = services.survey_create(
        actor=None,
        county=county,
        year=year,
        title=TITLE,
        intro=INTRO,
        deadline=date(year, 11, 30),
    )
    created: dict[str, Question] = {}
    for section_title, questions in SECTIONS:
        section = services.section_create(actor=None, survey=survey, title=section_title)
        for definition in questions:
            values = dict(definition)
            condition = values.pop("condition", None)
            if condition:
                values["condition_question"] = created[condition[0]]
                values["condition_value"] = condition[1]
            created[values["key"]] = services.question_create(actor=None, section=section, **values)
    return survey


def _answers(survey: Survey, code: str, yes_rate: float) -> dict[int, object]:
    rng = random.Random(f"{survey.year}-{code}")  # noqa: S311 - demo data, not security
    questions = {q.key: q for q in survey.questions.all()}

    def yes(bonus: float = 0.0) -> str:
        return "yes" if rng.random() < yes_rate + bonus else "no"

    action_plan = yes(0.05)
    housing = yes(-0.2)
    values = {
        "coordinator": yes(0.15),
        "action_plan": action_plan,
        "action_plan_decided_by": rng.choice(["Kommunfullmäktige", "Kommunstyrelsen", "Nämnd"])
        if action_plan == "yes"
        else "",
        "written_routine": yes(0.2),
        "freda": rng.choices(FREDA_OPTIONS, weights=[yes_rate, 0.4, 1 - yes_rate])[0],
        "asks_about_violence": [a for a in ACTIVITIES if rng.random() < yes_rate - 0.1]
        or [ACTIVITIES[0]],
        "routine_coverage": {
            row: rng.choices(MATRIX_SCALE, weights=[1 - yes_rate, 0.5, yes_rate])[0]
            for row in MATRIX_ROWS
        },
        "trained_staff": yes(-0.1),
        "training_hours": str(rng.randrange(20, 400) * (2 if survey.year >= 2023 else 1)),
        "long_term_housing": housing,
        "housing_units": str(rng.randrange(1, 15)) if housing == "yes" else "",
        "comments": "",
    }
    return {questions[key].pk: value for key, value in values.items()}


def seed() -> dict[str, int]:
    """Create Kalmar's 2022 and 2023 mapping surveys with answers and indicators (idempotent)."""
    county = County.objects.get(code="08")
    municipalities = list(
        Organisation.objects.filter(county=county, kind=Organisation.Kind.MUNICIPALITY).order_by(
            "code"
        )
    )
    for position, (key, name, kind, question_key, option, unit) in enumerate(INDICATORS):
        if not Indicator.objects.filter(county=county, key=key).exists():
            indicators.indicator_create(
                actor=None,
                county=county,
                key=key,
                name=name,
                kind=kind,
                question_key=question_key,
                option=option,
                unit=unit,
                position=position,
            )
    for year, (yes_rate, not_submitting) in YEARS.items():
        if Survey.objects.filter(county=county, year=year, title=TITLE).exists():
            continue
        survey = _build_survey(county, year)
        services.survey_open(actor=None, survey=survey, organisations=municipalities, notify=False)
        for organisation in municipalities:
            answers = _answers(survey, organisation.code, yes_rate)
            if organisation.code in not_submitting:
                # A draft with the first section only: shows up as "in progress".
                first = list(survey.sections.order_by("position")[0].questions.all())
                answers = {q.pk: answers[q.pk] for q in first}
            services.response_save_answers(
                actor=None, survey=survey, organisation=organisation, raw_values=answers
            )
            if organisation.code not in not_submitting:
                services.response_submit(actor=None, survey=survey, organisation=organisation)
        services.survey_close(actor=None, survey=survey)
        services.survey_publish_results(actor=None, survey=survey, published=True)
    indicators.indicator_values_refresh_all()
    return {
        "surveys": Survey.objects.filter(county=county).count(),
        "responses": Response.objects.filter(survey__county=county).count(),
        "indicators": Indicator.objects.filter(county=county).count(),
    }
