"""Indicators: definitions and their values per organisation, county and nationally per year,
computed from submitted answers and cached in ``IndicatorValue``."""

from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from samordna.core.audit import log_action, model_changes
from samordna.core.errors import ValidationFailed

from . import engine
from .models import Answer, Indicator, IndicatorValue, Question, Response, Survey

INDICATOR_FIELDS = [
    "key",
    "name",
    "description",
    "kind",
    "question_key",
    "option",
    "unit",
    "position",
]
NUMBER_KINDS = (Indicator.Kind.SUM, Indicator.Kind.MEAN)


def _check_indicator(values: dict, county, instance: Indicator | None = None) -> None:
    key = values.get("key", "")
    if not engine_key_ok(key):
        raise ValidationFailed(
            _("The key may contain only lower-case letters a–z, digits, - and _."), field="key"
        )
    duplicate = Indicator.objects.filter(county=county, key=key)
    if instance is not None:
        duplicate = duplicate.exclude(pk=instance.pk)
    if duplicate.exists():
        raise ValidationFailed(
            _("Another indicator already has the key %(key)s.") % {"key": key}, field="key"
        )
    if values.get("kind") == Indicator.Kind.SHARE_OPTION and not values.get("option"):
        raise ValidationFailed(_("Write the option to count."), field="option")


def engine_key_ok(key: str) -> bool:
    from .services import KEY_PATTERN

    return bool(key and KEY_PATTERN.match(key))


def indicator_create(*, actor, county, **values) -> Indicator:
    """Define an indicator for a county (``county=None``: national)."""
    _check_indicator(values, county)
    with transaction.atomic():
        indicator = Indicator.objects.create(
            county=county, **{k: v for k, v in values.items() if k in INDICATOR_FIELDS}
        )
        log_action(
            actor=actor,
            action="surveys.indicator.created",
            obj=indicator,
            county_code=county.code if county else "",
        )
        indicator_values_refresh(indicator=indicator)
    return indicator


def indicator_update(*, actor, indicator: Indicator, **values) -> Indicator:
    _check_indicator(values, indicator.county, instance=indicator)
    with transaction.atomic():
        changes = model_changes(indicator, INDICATOR_FIELDS, values)
        for field in INDICATOR_FIELDS:
            if field in values:
                setattr(indicator, field, values[field])
        indicator.save()
        log_action(
            actor=actor,
            action="surveys.indicator.updated",
            obj=indicator,
            county_code=indicator.county.code if indicator.county_id else "",
            data={"changes": changes},
        )
        indicator_values_refresh(indicator=indicator)
    return indicator


def indicator_delete(*, actor, indicator: Indicator) -> None:
    with transaction.atomic():
        log_action(
            actor=actor,
            action="surveys.indicator.deleted",
            obj=indicator,
            county_code=indicator.county.code if indicator.county_id else "",
        )
        indicator.delete()


def organisation_value(indicator: Indicator, question: Question, value) -> float | None:
    """One organisation's value: 100/0 for shares, 1/0 for yes/no, the number for sums/means."""
    if engine.is_empty(value):
        return None
    kind = indicator.kind
    if kind in (Indicator.Kind.SHARE_YES, Indicator.Kind.YES_NO):
        if question.kind != Question.Kind.YES_NO:
            return None
        yes = value == engine.YES
        return (100.0 if yes else 0.0) if kind == Indicator.Kind.SHARE_YES else float(yes)
    if kind in NUMBER_KINDS:
        try:
            return float(Decimal(str(value)))
        except (InvalidOperation, ValueError):
            return None
    if kind == Indicator.Kind.SHARE_OPTION:
        chosen = value if isinstance(value, list) else [value]
        return 100.0 if indicator.option in chosen else 0.0
    return None


def aggregate(indicator: Indicator, values: list[float]) -> float | None:
    """Combine organisations' values: shares and means average, sums and yes-counts add up."""
    if not values:
        return None
    if indicator.kind in (Indicator.Kind.SUM, Indicator.Kind.YES_NO):
        return float(sum(values))
    return sum(values) / len(values)


def indicator_values_refresh(*, indicator: Indicator, years: list[int] | None = None) -> int:
    """Recompute an indicator's cached values (all years, or the given ones) from submitted
    answers. Returns the number of values stored."""
    with transaction.atomic():
        Indicator.objects.select_for_update().filter(pk=indicator.pk).first()
        questions = Question.objects.filter(key=indicator.question_key).select_related(
            "survey", "survey__county"
        )
        # Every survey that asks the question (same key) counts, so national figures cover all
        # counties that use it; who may see which row is decided by ``published`` and county.
        if years is not None:
            questions = questions.filter(survey__year__in=years)
        questions = list(questions)
        stale = IndicatorValue.objects.filter(indicator=indicator)
        if years is not None:
            stale = stale.filter(year__in=years)
        stale.delete()
        by_question = {q.pk: q for q in questions}
        answers = (
            Answer.objects.filter(
                question__in=by_question, response__status=Response.Status.SUBMITTED
            )
            .select_related("response__organisation")
            .order_by("response__organisation__name")
        )
        rows: list[IndicatorValue] = []
        per_county: dict[tuple, list] = defaultdict(list)
        per_year: dict[int, list] = defaultdict(list)
        county_survey: dict[tuple, Survey] = {}
        year_published: dict[int, bool] = defaultdict(lambda: True)
        for answer in answers:
            question = by_question[answer.question_id]
            survey = question.survey
            organisation = answer.response.organisation
            value = organisation_value(indicator, question, answer.value)
            if value is None:
                continue
            rows.append(
                IndicatorValue(
                    indicator=indicator,
                    year=survey.year,
                    level=IndicatorValue.Level.ORGANISATION,
                    organisation=organisation,
                    county_id=organisation.county_id,
                    survey=survey,
                    value=value,
                    respondents=1,
                    published=survey.published_results,
                )
            )
            if organisation.county_id:
                per_county[(survey.year, organisation.county_id)].append(value)
                county_survey.setdefault((survey.year, organisation.county_id), survey)
            per_year[survey.year].append(value)
            year_published[survey.year] &= survey.published_results
        for (year, county_id), values in per_county.items():
            survey = county_survey[(year, county_id)]
            rows.append(
                IndicatorValue(
                    indicator=indicator,
                    year=year,
                    level=IndicatorValue.Level.COUNTY,
                    county_id=county_id,
                    survey=survey,
                    value=aggregate(indicator, values),
                    respondents=len(values),
                    published=survey.published_results,
                )
            )
        for year, values in per_year.items():
            rows.append(
                IndicatorValue(
                    indicator=indicator,
                    year=year,
                    level=IndicatorValue.Level.NATIONAL,
                    value=aggregate(indicator, values),
                    respondents=len(values),
                    published=year_published[year],
                )
            )
        IndicatorValue.objects.bulk_create(rows)
    return len(rows)


def indicator_values_refresh_for_survey(*, survey: Survey) -> int:
    """Refresh every indicator built on one of the survey's questions, for the survey's year."""
    keys = list(survey.questions.values_list("key", flat=True))
    total = 0
    for indicator in Indicator.objects.filter(question_key__in=keys):
        total += indicator_values_refresh(indicator=indicator, years=[survey.year])
    return total


def indicator_values_refresh_all() -> int:
    """Recompute everything (the ``compute_indicators`` command)."""
    return sum(indicator_values_refresh(indicator=i) for i in Indicator.objects.all())
