"""Results: indicator tables with year-over-year comparison, the county and national
choropleth maps, exports (CSV, XLSX, PDF) and the indicator definitions."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samordna.core.errors import ApplicationError
from samordna.core.permissions import (
    PUBLIC,
    STAFF,
    get_access,
    require_county_edit,
    view_permission,
)
from samordna.organisations.models import Municipality

from .. import indicators as indicator_services
from .. import selectors
from ..exporters.tables import answers_table, indicator_table, to_csv, to_xlsx
from ..forms import IndicatorForm
from ..kolada import kolada_table
from ..maps import choropleth, format_value
from ..models import Indicator, IndicatorValue, Survey
from .common import creatable_counties, error_to_form, survey_readable

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _results_survey(request, pk) -> Survey:
    survey = selectors.survey_get(pk)
    if survey is None or not selectors.results_visible(request.user, survey):
        raise Http404
    return survey


def _survey_indicators(survey: Survey) -> list[Indicator]:
    keys = set(survey.questions.values_list("key", flat=True))
    return [i for i in selectors.indicators_for_county(survey.county) if i.question_key in keys]


def _comparability_warnings(survey: Survey, indicator: Indicator, years: list[int]) -> list[str]:
    hashes = selectors.question_hashes_by_year(survey.county, indicator.question_key)
    warnings = []
    ordered = sorted(y for y in years if y in hashes)
    for previous, current in zip(ordered, ordered[1:], strict=False):
        if hashes[previous] != hashes[current]:
            warnings.append(
                _(
                    "The question behind “%(indicator)s” was changed between %(previous)s and "
                    "%(current)s (wording, type or options). The years are not comparable."
                )
                % {"indicator": indicator.name, "previous": previous, "current": current}
            )
    return warnings


def results_context(request, survey: Survey, indicator_id=None) -> dict:
    indicators = _survey_indicators(survey)
    county = survey.county
    previous_year = survey.year - 1
    table = []
    warnings: list[str] = []
    for indicator in indicators:
        values = selectors.indicator_values_for_user(request.user, indicator).filter(
            year__in=[survey.year, previous_year]
        )
        if county is not None:
            values = values.filter(level=IndicatorValue.Level.COUNTY, county=county)
        else:
            values = values.filter(level=IndicatorValue.Level.NATIONAL)
        by_year = {v.year: v for v in values}
        current, previous = by_year.get(survey.year), by_year.get(previous_year)
        change = None
        if current and previous and current.value is not None and previous.value is not None:
            change = current.value - previous.value
        indicator_warnings = _comparability_warnings(
            survey, indicator, [previous_year, survey.year]
        )
        warnings += indicator_warnings
        table.append(
            {
                "indicator": indicator,
                "current": format_value(
                    indicator, current.value if current else None, level="county"
                ),
                "previous": format_value(
                    indicator, previous.value if previous else None, level="county"
                ),
                "respondents": current.respondents if current else 0,
                "change": _format_change(indicator, change),
                "comparable": not indicator_warnings,
            }
        )
    selected = next((i for i in indicators if str(i.pk) == str(indicator_id)), None)
    if selected is None and indicators:
        selected = indicators[0]
    map_data, municipality_rows = None, []
    if selected is not None:
        municipalities = list(
            Municipality.objects.filter(county=county) if county else Municipality.objects.all()
        )
        org_values = selectors.indicator_values_for_user(request.user, selected).filter(
            level=IndicatorValue.Level.ORGANISATION, year__in=[survey.year, previous_year]
        )
        by_code: dict[int, dict] = {survey.year: {}, previous_year: {}}
        for value in org_values:
            if value.organisation and value.organisation.municipality_id:
                by_code[value.year][value.organisation.municipality.code] = value.value
        map_data = choropleth(
            selected,
            municipalities,
            by_code[survey.year],
            width=440 if county else 420,
            labels=county is not None,
        )
        municipality_rows = [
            {
                "municipality": m,
                "current": format_value(selected, by_code[survey.year].get(m.code)),
                "previous": format_value(selected, by_code[previous_year].get(m.code)),
            }
            for m in sorted(municipalities, key=lambda m: m.name)
        ]
    kolada = kolada_table(county, survey.year)
    kolada_rows = []
    if kolada:
        kolada_municipalities = (
            Municipality.objects.filter(county=county) if county else Municipality.objects.all()
        )
        kolada_rows = [
            {
                "municipality": m,
                "values": [_kolada_number(entry["by_code"].get(m.code)) for entry in kolada],
            }
            for m in kolada_municipalities.order_by("name")
        ]
    return {
        "kolada": kolada,
        "kolada_rows": kolada_rows,
        "survey": survey,
        "indicators": indicators,
        "table": table,
        "previous_year": previous_year,
        "selected": selected,
        "map": map_data,
        "municipality_rows": municipality_rows,
        "warnings": warnings,
        "place": county.name if county else _("Sweden"),
        "can_read": selectors.survey_can_read(request.user, survey),
    }


def _kolada_number(value: float | None) -> str:
    if value is None:
        return "–"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u00a0")
    return f"{value:.1f}".replace(".", ",")


def _format_change(indicator: Indicator, change: float | None) -> str:
    if change is None:
        return "–"
    sign = "+" if change > 0 else ("−" if change < 0 else "±")
    if indicator.kind in (Indicator.Kind.SHARE_YES, Indicator.Kind.SHARE_OPTION):
        return f"{sign}{abs(round(change))} " + _("percentage points")
    return sign + format_value(indicator, abs(change), level="county")


@view_permission(PUBLIC)
def survey_results(request, pk):
    survey = _results_survey(request, pk)
    context = results_context(request, survey, request.GET.get("indikator"))
    return render(request, "surveys/results.html", context)


@view_permission(PUBLIC)
def survey_results_pdf(request, pk):
    from weasyprint import HTML

    survey = _results_survey(request, pk)
    context = results_context(request, survey, request.GET.get("indikator"))
    html = render_to_string("surveys/results_pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="resultat-{slugify(survey.title)}-{survey.year}.pdf"'
    )
    return response


@view_permission(PUBLIC)
def national_results(request):
    """All 290 municipalities on one map for one indicator and year."""
    access = get_access(request.user)
    indicators = list(Indicator.objects.select_related("county").order_by("county__code", "name"))
    selected = next(
        (i for i in indicators if str(i.pk) == request.GET.get("indikator")),
        indicators[0] if indicators else None,
    )
    years, year, map_data, rows = [], None, None, []
    if selected is not None:
        visible = selectors.indicator_values_for_user(request.user, selected)
        years = sorted(set(visible.values_list("year", flat=True)), reverse=True)
        requested = request.GET.get("ar", "")
        year = int(requested) if requested.isdigit() and int(requested) in years else None
        year = year or (years[0] if years else None)
        if year is not None:
            by_code = {
                v.organisation.municipality.code: v.value
                for v in visible.filter(year=year, level=IndicatorValue.Level.ORGANISATION)
                if v.organisation and v.organisation.municipality_id
            }
            municipalities = list(Municipality.objects.select_related("county"))
            map_data = choropleth(selected, municipalities, by_code, width=420, labels=False)
            county_values = visible.filter(year=year, level=IndicatorValue.Level.COUNTY)
            rows = [
                {
                    "county": v.county,
                    "value": format_value(selected, v.value, level="county"),
                    "respondents": v.respondents,
                }
                for v in county_values.order_by("county__code")
            ]
            national = visible.filter(year=year, level=IndicatorValue.Level.NATIONAL).first()
            if national is not None:
                rows.append(
                    {
                        "county": None,
                        "value": format_value(selected, national.value, level="county"),
                        "respondents": national.respondents,
                    }
                )
    return render(
        request,
        "surveys/national_results.html",
        {
            "indicators": indicators,
            "selected": selected,
            "years": years,
            "year": year,
            "map": map_data,
            "rows": rows,
            "is_staff": access.is_staff,
        },
    )


@view_permission(STAFF)
def answers_export(request, pk, fmt):
    survey = survey_readable(request, pk)
    header, rows = answers_table(survey)
    return _file(header, rows, fmt, f"svar-{slugify(survey.title)}-{survey.year}", _("Answers"))


@view_permission(PUBLIC)
def indicators_export(request, pk, fmt):
    survey = _results_survey(request, pk)
    header, rows = indicator_table(request.user, _survey_indicators(survey), county=survey.county)
    return _file(
        header, rows, fmt, f"indikatorer-{slugify(survey.title)}-{survey.year}", _("Indicators")
    )


def _file(header, rows, fmt, name, title) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404
    content = to_csv(header, rows) if fmt == "csv" else to_xlsx(header, rows, title=title)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@view_permission(STAFF)
def indicator_list(request):
    return render(
        request,
        "surveys/indicator_list.html",
        {"indicators": selectors.editable_indicators_for_user(request.user)},
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def indicator_create(request):
    access = get_access(request.user)
    form = IndicatorForm(
        request.POST or None, counties=creatable_counties(request.user), national=access.national
    )
    if request.method == "POST" and form.is_valid():
        county = form.cleaned_data.pop("county")
        if county is None and not access.national:
            form.add_error("county", _("Choose the county."))
        else:
            if county is not None:
                require_county_edit(request.user, county.pk)
            try:
                indicator_services.indicator_create(
                    actor=request.user, county=county, **form.cleaned_data
                )
            except ApplicationError as exc:
                error_to_form(form, exc)
            else:
                messages.success(request, _("The indicator has been created."))
                return redirect("surveys:indicator_list")
    return render(request, "surveys/indicator_form.html", {"form": form})


def _editable_indicator(request, pk) -> Indicator:
    indicator = get_object_or_404(Indicator.objects.select_related("county"), pk=pk)
    if not selectors.editable_indicators_for_user(request.user).filter(pk=pk).exists():
        if indicator.county_id and not get_access(request.user).can_read_county(
            indicator.county_id
        ):
            raise Http404
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return indicator


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def indicator_edit(request, pk):
    indicator = _editable_indicator(request, pk)
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        original = _editable_indicator(request, pk)
        try:
            indicator_services.indicator_update(
                actor=request.user, indicator=original, **form.cleaned_data
            )
        except ApplicationError as exc:
            error_to_form(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("surveys:indicator_list")
    return render(request, "surveys/indicator_form.html", {"form": form, "indicator": indicator})


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def indicator_delete(request, pk):
    indicator = _editable_indicator(request, pk)
    if request.method == "POST":
        indicator_services.indicator_delete(actor=request.user, indicator=indicator)
        messages.success(request, _("The indicator has been deleted."))
        return redirect("surveys:indicator_list")
    from django.urls import reverse

    return render(
        request,
        "surveys/confirm_delete.html",
        {"object": indicator, "cancel_url": reverse("surveys:indicator_list")},
    )
