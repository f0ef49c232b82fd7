"""Staff pages of the annual report: list and start, the report with its figures, the narrative
editor, the review steps, new versions, exports and the national overview."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samordna.core.errors import ApplicationError
from samordna.core.memo import generation_cached
from samordna.core.permissions import STAFF, get_access, view_permission
from samordna.core.uploads import attachment_response
from samordna.organisations.models import County

from . import document, selectors, services
from .exporters import EXPORTERS, export_filename
from .forms import NationalFilterForm, ReopenForm, ReportCreateForm, ReportTextForm, YearFilterForm


def _editable_counties(user):
    access = get_access(user)
    if access.is_superuser:
        return County.objects.order_by("code")
    return County.objects.filter(pk__in=access.edit_county_ids).order_by("code")


def _report(request, pk):
    report = selectors.report_get_for_user(request.user, pk)
    if report is None:
        raise Http404
    return report


def _add_error(form, exc: ApplicationError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@view_permission(STAFF)
def report_list(request):
    filter_form = YearFilterForm(request.GET or None, auto_id="filter_%s")
    year = filter_form.cleaned_data.get("year") if filter_form.is_valid() else None
    counties = _editable_counties(request.user)
    access = get_access(request.user)
    return render(
        request,
        "reports/report_list.html",
        {
            "filter_form": filter_form,
            "reports": selectors.latest_reports_for_user(request.user, year=year),
            "create_form": ReportCreateForm(counties=counties) if counties else None,
            "national": access.national,
        },
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def report_create(request):
    counties = _editable_counties(request.user)
    if not counties:
        raise PermissionDenied
    form = ReportCreateForm(request.POST or None, counties=counties)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_create(
                actor=request.user,
                county=form.cleaned_data["county"],
                year=form.cleaned_data["year"],
            )
        except ApplicationError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("The report has been started."))
            return redirect(report)
    return render(request, "reports/report_create.html", {"form": form})


@view_permission(STAFF)
def report_detail(request, pk):
    report = _report(request, pk)
    access = get_access(request.user)
    fig = selectors.report_figures(report)
    context = document.build(report, fig)
    latest = report.is_latest
    can_edit = access.can_edit_county(report.county_id) and latest and not report.is_locked
    can_admin = access.can_admin_county(report.county_id) and latest
    context.update(
        {
            "versions": selectors.report_versions(report),
            "is_latest": latest,
            "can_edit": can_edit,
            "can_approve": can_admin and report.status == report.Status.READY,
            "can_submit": can_admin and report.status == report.Status.APPROVED,
            "can_reopen": can_admin and report.is_locked,
            "can_return": can_edit
            and report.status in (report.Status.READY, report.Status.APPROVED),
            "can_mark_ready": can_edit and report.status == report.Status.DRAFT,
        }
    )
    return render(request, "reports/report_detail.html", context)


def _subgoals(report, fig: dict) -> list[dict]:
    return [
        {"number": row["subgoal"], "title": row["title"]}
        for row in fig["activities"]["rows"]
        if row["subgoal"] is not None
    ]


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def report_edit(request, pk):
    report = _report(request, pk)
    if not get_access(request.user).can_edit_county(report.county_id):
        raise PermissionDenied
    fig = selectors.report_figures(report)
    initial = {
        "results_text": report.results_text,
        "analysis_text": report.analysis_text,
        "needs_text": report.needs_text,
        **{f"subgoal_{k}": v for k, v in report.subgoal_texts.items()},
    }
    form = ReportTextForm(request.POST or None, initial=initial, subgoals=_subgoals(report, fig))
    if report.is_locked and request.method == "GET":
        messages.error(
            request,
            _("The report was submitted and is locked. Open a new version to make changes."),
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.report_update_text(
                actor=request.user,
                report=report,
                subgoal_texts=form.subgoal_texts(),
                **form.section_texts(),
            )
        except ApplicationError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("The text has been saved."))
            return redirect(report)
    return render(
        request,
        "reports/report_edit.html",
        {"report": report, "form": form, "subgoal_fields": form.subgoal_field_names},
    )


TRANSITIONS = {
    "mark_ready": (services.report_mark_ready, _("The report is ready for review.")),
    "return_to_draft": (services.report_return_to_draft, _("The report is a draft again.")),
    "approve": (services.report_approve, _("The report has been approved.")),
    "submit": (services.report_submit, _("The report has been submitted and is now locked.")),
}


def _transition(request, pk, name: str):
    report = _report(request, pk)
    service, done = TRANSITIONS[name]
    try:
        service(actor=request.user, report=report)
    except ApplicationError as exc:
        if exc.status_code == 403:
            raise PermissionDenied(str(exc.message)) from exc
        messages.error(request, exc.message)
    else:
        messages.success(request, str(done))
    return redirect(report)


@view_permission(STAFF)
@require_POST
def report_mark_ready(request, pk):
    return _transition(request, pk, "mark_ready")


@view_permission(STAFF)
@require_POST
def report_return_to_draft(request, pk):
    return _transition(request, pk, "return_to_draft")


@view_permission(STAFF)
@require_POST
def report_approve(request, pk):
    return _transition(request, pk, "approve")


@view_permission(STAFF)
@require_POST
def report_submit(request, pk):
    return _transition(request, pk, "submit")


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def report_reopen(request, pk):
    report = _report(request, pk)
    if not get_access(request.user).can_admin_county(report.county_id):
        raise PermissionDenied
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.report_reopen(
                actor=request.user, report=report, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as exc:
            _add_error(form, exc)
        else:
            messages.success(
                request, _("Version %(version)s has been opened.") % {"version": new.version}
            )
            return redirect(new)
    return render(request, "reports/report_reopen.html", {"report": report, "form": form})


@view_permission(STAFF)
@require_POST
def report_export(request, pk, fmt):
    """Ask the task worker for the file and show its progress."""
    report = _report(request, pk)
    if fmt not in EXPORTERS:
        raise Http404
    try:
        export = services.report_export_request(actor=request.user, report=report, fmt=fmt)
    except ApplicationError as exc:
        if exc.status_code == 403:
            raise PermissionDenied(str(exc.message)) from exc
        messages.error(request, exc.message)
        return redirect(report)
    return redirect(export)


def _export(request, pk):
    export = selectors.export_get_for_user(request.user, pk)
    if export is None:
        raise Http404
    return export


# Without JavaScript the status page reloads itself this often while the file is being made
# (with JavaScript, samordna.js updates it in place instead).
EXPORT_REFRESH_SECONDS = 2


@view_permission(STAFF)
def export_status(request, pk):
    export = _export(request, pk)
    report = export.report
    # ?stoppa=1: the page does not reload itself (WCAG 2.2.1: the user can turn it off).
    auto_refresh = export.is_pending and not request.GET.get("stoppa")
    return render(
        request,
        "reports/export_status.html",
        {
            "export": export,
            "report": report,
            "filename": export_filename(report, export.format),
            "refresh_seconds": EXPORT_REFRESH_SECONDS if auto_refresh else None,
            "retention_days": selectors.export_retention_days(report),
            "duration_seconds": export.duration_ms / 1000
            if export.duration_ms is not None
            else None,
        },
    )


@view_permission(STAFF)
def export_download(request, pk):
    export = _export(request, pk)
    if export.status != export.Status.DONE or not export.file:
        return redirect(export)
    content_type, _render = EXPORTERS[export.format]
    try:
        return attachment_response(
            export.file,
            filename=export_filename(export.report, export.format),
            content_type=content_type,
        )
    except FileNotFoundError:
        raise Http404 from None


@view_permission(STAFF)
def national_overview(request):
    access = get_access(request.user)
    if not access.national:
        raise PermissionDenied
    from samordna.support.selectors import forwarded_needs_for_user, national_themes

    year = timezone.localdate().year - 1
    data = request.GET.copy()
    if not data.get("year"):
        data["year"] = str(year)  # the year whose reports are due next 1 March
    form = NationalFilterForm(data, themes=national_themes(request.user))
    theme = ""
    if form.is_valid():
        year = form.cleaned_data.get("year") or year
        theme = form.cleaned_data.get("theme", "")
    needs = list(forwarded_needs_for_user(request.user, theme=theme)[:100])
    return render(
        request,
        "reports/national_overview.html",
        {
            "form": form,
            "year": year,
            "overview": _national_overview_fragment(year),
            "needs": needs,
            "theme": theme,
        },
    )


def _national_overview_fragment(year: int) -> str:
    """The status table and the coverage map: the same for every national user, so rendered
    once per page-cache generation, year and language (a write anywhere renders it again)."""

    def render_fragment() -> str:
        rows = selectors.national_overview(year)
        return render_to_string(
            "reports/_national_overview_table.html",
            {
                "year": year,
                "rows": rows,
                "submitted": sum(1 for row in rows if row.report and row.report.is_locked),
                "coverage_map": _coverage_map(year),
            },
        )

    html = generation_cached(
        f"national-overview:{year}:{translation.get_language()}", render_fragment
    )
    return mark_safe(html)  # noqa: S308 - our own template's output


def _coverage_map(year: int) -> dict | None:
    """The national coverage map (from the coverage module) and a link to its page."""
    from django.urls import NoReverseMatch, reverse

    try:
        from samordna.coverage import maps
        from samordna.coverage.selectors import national_coverage

        url = reverse("coverage:national") + f"?ar={year}"
    except (ImportError, NoReverseMatch):
        return None
    coverage = national_coverage(year)
    return {
        "url": url,
        "map": maps.coverage_map(
            [row.municipality for row in coverage.rows],
            {row.municipality.code: row.value for row in coverage.rows},
            width=420,
            labels=False,
        ),
        "title": _("Share of coverage goals met per municipality in Sweden, %(year)s")
        % {"year": year},
        "legend": _("Share of goals met"),
    }
