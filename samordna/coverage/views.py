"""Coverage pages: the county matrix, map and progress, item/goal management, manual completion
records, an organisation's own coverage and the national overview. Nothing here is public:
coverage is follow-up data of the county (see docs/decisions/0003-coverage.md)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods

from samordna.core.errors import ApplicationError
from samordna.core.permissions import (
    AUTHENTICATED,
    STAFF,
    get_access,
    require_county_edit,
    require_county_read,
    view_permission,
)
from samordna.organisations.models import County, Organisation

from . import exporters, maps, selectors, services
from .forms import GoalForm, ItemForm, RecordForm, YearFilterForm, goal_initial, item_initial
from .models import CoverageItem

PROGRESS_YEARS = 6


def _county(request, code: str) -> County:
    county = get_object_or_404(County, code=code)
    require_county_read(request.user, county.pk)
    return county


def _year(request) -> tuple[YearFilterForm, int]:
    form = YearFilterForm(request.GET or None)
    return form, form.year()


def _years_around(year: int) -> list[int]:
    latest = max(selectors.current_year(), year)
    return list(range(latest - 9, latest + 1))


def _error(form, exc: ApplicationError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _common(request, county: County, year: int, current: str) -> dict:
    return {
        "county": county,
        "year": year,
        "years": _years_around(year),
        "current": current,
        "can_edit": get_access(request.user).can_edit_county(county.pk),
    }


@view_permission(STAFF)
def index(request):
    counties = list(selectors.readable_counties_for_user(request.user))
    access = get_access(request.user)
    if len(counties) == 1 and not access.national:
        return redirect("coverage:matrix", counties[0].code)
    return render(
        request, "coverage/index.html", {"counties": counties, "national": access.national}
    )


@view_permission(STAFF)
def matrix(request, code):
    county = _county(request, code)
    form, year = _year(request)
    coverage = selectors.coverage_for_county(county, year)
    selected = request.GET.get("mal", "")
    goals = coverage.goals
    if selected.isdigit():
        chosen = [i for i, goal in enumerate(goals) if goal.pk == int(selected)]
        if chosen:
            index = chosen[0]
            goals = [goals[index]]
            for row in coverage.rows:
                row.cells = [row.cells[index]]
    return render(
        request,
        "coverage/matrix.html",
        _common(request, county, year, "matrix")
        | {
            "form": form,
            "coverage": coverage,
            "goals": goals,
            "filtered": len(goals) != len(coverage.goals),
            "progress": selectors.coverage_goal_progress(county, year),
            # A goal for this year is still in progress until the year is over.
            "this_year": selectors.current_year(),
        },
    )


@view_permission(STAFF)
def matrix_export(request, code, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    county = _county(request, code)
    _form, year = _year(request)
    coverage = selectors.coverage_for_county(county, year)
    if fmt == "xlsx":
        content = exporters.matrix_xlsx(coverage)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = exporters.matrix_csv(coverage)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="tackning-{county.code}-{year}.{fmt}"'
    return response


@view_permission(STAFF)
def county_map(request, code):
    county = _county(request, code)
    form, year = _year(request)
    coverage = selectors.coverage_for_county(county, year)
    rows = [r for r in coverage.rows if r.organisation.kind == Organisation.Kind.MUNICIPALITY]
    values, urls = {}, {}
    for row in rows:
        municipality = row.organisation.municipality
        if municipality is not None:
            values[municipality.code] = row.share
            urls[municipality.code] = _organisation_url(row.organisation, year)
    municipalities = list(county.municipalities.all())
    return render(
        request,
        "coverage/map.html",
        _common(request, county, year, "map")
        | {
            "form": form,
            "coverage": coverage,
            "rows": rows,
            "map": maps.coverage_map(municipalities, values, width=560, urls=urls),
        },
    )


def _organisation_url(organisation, year: int) -> str:
    return reverse("coverage:organisation", args=[organisation.code]) + f"?ar={year}"


@view_permission(STAFF)
def progress(request, code):
    county = _county(request, code)
    form, year = _year(request)
    years = list(range(year - PROGRESS_YEARS + 1, year + 1))
    series = selectors.coverage_progress(county, years)
    return render(
        request,
        "coverage/progress.html",
        _common(request, county, year, "progress")
        | {
            "form": form,
            "series": series,
            "progress_years": years,
            "chart": maps.progress_chart(years, series) if series else None,
        },
    )


@view_permission(STAFF)
def settings_page(request, code):
    county = _county(request, code)
    _form, year = _year(request)
    return render(
        request,
        "coverage/settings.html",
        _common(request, county, year, "settings")
        | {
            "items": selectors.items_of_county(county),
            "goals": selectors.goals_of_county(county),
        },
    )


def _editable_county(request, code: str) -> County:
    county = get_object_or_404(County, code=code)
    require_county_edit(request.user, county.pk)
    return county


def _form_page(request, county, form, heading, *, obj=None, delete_url=""):
    return render(
        request,
        "coverage/form.html",
        {
            "county": county,
            "form": form,
            "heading": heading,
            "object": obj,
            "delete_url": delete_url,
        },
    )


def _submit(request, form, save, *, success: str, then):
    """On a valid POST call ``save(cleaned_data)``, then show ``success`` and redirect to
    ``then(result)``; a domain error goes on the form. None means: show the form (again)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = save(dict(form.cleaned_data))
    except ApplicationError as exc:
        _error(form, exc)
        return None
    messages.success(request, success)
    return redirect(then(result))


def _confirm_delete(request, obj, *, kind: str, county, delete, success: str, then):
    """GET asks for confirmation; POST calls ``delete()`` and redirects to ``then``."""
    if request.method == "POST":
        delete()
        messages.success(request, success)
        return redirect(then)
    return render(
        request, "coverage/confirm_delete.html", {"object": obj, "kind": kind, "county": county}
    )


def _with_position(data: dict) -> dict:
    data["position"] = data.get("position") or 0
    return data


def _settings_url(county) -> str:
    return reverse("coverage:settings", args=[county.code])


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def item_create(request, code):
    county = _editable_county(request, code)
    form = ItemForm(request.POST or None, county=county)
    return _submit(
        request,
        form,
        lambda data: services.item_create(
            actor=request.user, county=county, **_with_position(data)
        ),
        success=_("The item has been added."),
        then=lambda _item: _settings_url(county),
    ) or _form_page(request, county, form, pgettext("coverage", "New item"))


def _item(request, pk: int) -> CoverageItem:
    item = selectors.item_get_for_user(request.user, pk)
    if item is None:
        raise Http404
    require_county_edit(request.user, item.county_id)
    return item


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def item_edit(request, pk):
    item = _item(request, pk)
    form = ItemForm(request.POST or None, county=item.county, initial=item_initial(item))
    return _submit(
        request,
        form,
        lambda data: services.item_update(actor=request.user, item=item, **_with_position(data)),
        success=_("The changes have been saved."),
        then=lambda _result: _settings_url(item.county),
    ) or _form_page(
        request,
        item.county,
        form,
        pgettext("coverage", "Edit item"),
        obj=item,
        delete_url="coverage:item_delete",
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def item_delete(request, pk):
    item = _item(request, pk)
    return _confirm_delete(
        request,
        item,
        kind="item",
        county=item.county,
        delete=lambda: services.item_delete(actor=request.user, item=item),
        success=_("The item has been removed."),
        then=_settings_url(item.county),
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def goal_create(request, code):
    county = _editable_county(request, code)
    initial = {"target_year": selectors.current_year()}
    if request.GET.get("moment", "").isdigit():
        initial["item"] = int(request.GET["moment"])
    form = GoalForm(request.POST or None, county=county, initial=initial)
    return _submit(
        request,
        form,
        lambda data: services.goal_create(actor=request.user, county=county, **data),
        success=_("The goal has been added."),
        then=lambda _goal: _settings_url(county),
    ) or _form_page(request, county, form, _("New goal"))


def _goal(request, pk: int):
    goal = selectors.goal_get_for_user(request.user, pk)
    if goal is None:
        raise Http404
    require_county_edit(request.user, goal.county_id)
    return goal


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def goal_edit(request, pk):
    goal = _goal(request, pk)
    form = GoalForm(request.POST or None, county=goal.county, initial=goal_initial(goal))
    return _submit(
        request,
        form,
        lambda data: services.goal_update(actor=request.user, goal=goal, **data),
        success=_("The changes have been saved."),
        then=lambda _result: _settings_url(goal.county),
    ) or _form_page(
        request, goal.county, form, _("Edit goal"), obj=goal, delete_url="coverage:goal_delete"
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def goal_delete(request, pk):
    goal = _goal(request, pk)
    return _confirm_delete(
        request,
        goal,
        kind="goal",
        county=goal.county,
        delete=lambda: services.goal_delete(actor=request.user, goal=goal),
        success=_("The goal has been removed."),
        then=_settings_url(goal.county),
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def record_create(request, code):
    county = _editable_county(request, code)
    initial = {}
    organisation_code = request.GET.get("organisation", "")
    if organisation_code:
        organisation = Organisation.objects.filter(code=organisation_code, county=county).first()
        if organisation is not None:
            initial["organisation"] = organisation.pk
    if request.GET.get("moment", "").isdigit():
        initial["item"] = int(request.GET["moment"])
    form = RecordForm(request.POST or None, county=county, initial=initial)
    return _submit(
        request,
        form,
        lambda data: services.record_create(actor=request.user, **data),
        success=_("The completion has been recorded."),
        then=lambda record: _organisation_url(record.organisation, record.completed_on.year),
    ) or _form_page(request, county, form, _("Record a completion"))


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def record_delete(request, pk):
    record = selectors.record_get_for_user(request.user, pk)
    if record is None:
        raise Http404
    require_county_edit(request.user, record.item.county_id)
    return _confirm_delete(
        request,
        record,
        kind="record",
        county=record.item.county,
        delete=lambda: services.record_delete(actor=request.user, record=record),
        success=_("The completion record has been removed."),
        then=reverse("coverage:organisation", args=[record.organisation.code]),
    )


@view_permission(AUTHENTICATED)
def organisation(request, code):
    """One municipality's or region's coverage: county staff, national, and its own people."""
    organisation = get_object_or_404(
        Organisation.objects.select_related("county", "municipality"),
        code=code,
        kind__in=selectors.ROW_KINDS,
        county__isnull=False,
    )
    if not selectors.can_see_organisation(request.user, organisation):
        raise PermissionDenied
    form, year = _year(request)
    access = get_access(request.user)
    return render(
        request,
        "coverage/organisation.html",
        {
            "organisation": organisation,
            "county": organisation.county,
            "form": form,
            "year": year,
            "years": _years_around(year),
            "row": selectors.coverage_for_organisation(organisation, year),
            "records": selectors.records_of_organisation(organisation),
            "can_edit": access.can_edit_county(organisation.county_id),
            "is_county_reader": access.can_read_county(organisation.county_id),
            # The sources (process support, unpublished events) are staff pages.
            "hide_links": not access.can_read_county(organisation.county_id),
        },
    )


@view_permission(STAFF)
def national(request):
    access = get_access(request.user)
    if not access.national:
        raise PermissionDenied
    form, year = _year(request)
    names = selectors.national_item_names()
    chosen = request.GET.get("moment", "")
    if chosen not in names:
        chosen = ""
    coverage = selectors.national_coverage(year, chosen or None)
    values = {row.municipality.code: row.value for row in coverage.rows}
    return render(
        request,
        "coverage/national.html",
        {
            "form": form,
            "year": year,
            "years": _years_around(year),
            "names": names,
            "chosen": chosen,
            "coverage": coverage,
            "map": maps.coverage_map(
                [row.municipality for row in coverage.rows],
                values,
                width=420,
                labels=False,
                binary=bool(chosen),
            ),
        },
    )
