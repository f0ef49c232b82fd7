"""Staff pages for process support, actor visits and the needs register. The three registers
share one generic list/detail/create/edit/delete flow (``Register``); each view only names it."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from samordna.core.errors import ApplicationError
from samordna.core.pagination import paginate
from samordna.core.permissions import STAFF, get_access, require_county_edit, view_permission

from . import exporters, selectors, services
from .forms import (
    EngagementFilterForm,
    EngagementForm,
    NationalFilterForm,
    NeedFilterForm,
    NeedForm,
    VisitFilterForm,
    VisitForm,
    initial_from,
)
from .models import Need


@dataclass(frozen=True)
class Register:
    key: str  # also the keyword of the object in update/delete services
    template_prefix: str
    list_url: str
    list_for_user: Callable
    get_for_user: Callable
    form_class: type
    filter_form_class: type
    organisation_field: str
    create: Callable
    update: Callable
    delete: Callable
    title_new: str
    title_edit: str
    created: str
    saved: str
    deleted: str


ENGAGEMENTS = Register(
    key="engagement",
    template_prefix="support/engagement",
    list_url="support:engagement_list",
    list_for_user=selectors.engagements_for_user,
    get_for_user=selectors.engagement_get_for_user,
    form_class=EngagementForm,
    filter_form_class=EngagementFilterForm,
    organisation_field="organisation",
    create=services.engagement_create,
    update=services.engagement_update,
    delete=services.engagement_delete,
    title_new=_("New process support"),
    title_edit=_("Edit process support"),
    created=_("The process support has been registered."),
    saved=_("The changes have been saved."),
    deleted=_("The process support has been removed."),
)
VISITS = Register(
    key="visit",
    template_prefix="support/visit",
    list_url="support:visit_list",
    list_for_user=selectors.visits_for_user,
    get_for_user=selectors.visit_get_for_user,
    form_class=VisitForm,
    filter_form_class=VisitFilterForm,
    organisation_field="organisation",
    create=services.visit_create,
    update=services.visit_update,
    delete=services.visit_delete,
    title_new=_("New actor visit"),
    title_edit=_("Edit actor visit"),
    created=_("The actor visit has been registered."),
    saved=_("The changes have been saved."),
    deleted=_("The actor visit has been removed."),
)
NEEDS = Register(
    key="need",
    template_prefix="support/need",
    list_url="support:need_list",
    list_for_user=selectors.needs_for_user,
    get_for_user=selectors.need_get_for_user,
    form_class=NeedForm,
    filter_form_class=NeedFilterForm,
    organisation_field="raised_by",
    create=services.need_create,
    update=services.need_update,
    delete=services.need_delete,
    title_new=_("New support need"),
    title_edit=_("Edit support need"),
    created=_("The need has been added to the register."),
    saved=_("The changes have been saved."),
    deleted=_("The need has been removed from the register."),
)


def _can_create(user) -> bool:
    access = get_access(user)
    return bool(access.edit_county_ids) or access.is_superuser


def _list(request, register: Register, extra: dict | None = None):
    everything = register.list_for_user(request.user)
    form = register.filter_form_class(
        request.GET or None,
        user=request.user,
        organisations=selectors.filter_organisations(everything, register.organisation_field),
    )
    page = paginate(request, register.list_for_user(request.user, **form.filters()))
    context = {"form": form, "page": page, "can_create": _can_create(request.user)}
    return render(request, f"{register.template_prefix}_list.html", context | (extra or {}))


def _get(request, register: Register, pk: int):
    obj = register.get_for_user(request.user, pk)
    if obj is None:
        raise Http404
    return obj


def _detail(request, register: Register, pk: int, extra: dict | None = None):
    obj = _get(request, register, pk)
    context = {
        "object": obj,
        "can_edit": get_access(request.user).can_edit_county(obj.county_id),
    }
    return render(request, f"{register.template_prefix}_detail.html", context | (extra or {}))


def _form_page(request, register: Register, form, obj=None):
    return render(
        request,
        "support/form.html",
        {
            "form": form,
            "object": obj,
            "heading": register.title_edit if obj else register.title_new,
            "cancel_url": obj.get_absolute_url() if obj else None,
            "list_url": register.list_url,
            "delete_url_name": f"support:{register.key}_delete",
        },
    )


def _create(request, register: Register, initial: dict | None = None):
    if not _can_create(request.user):
        raise PermissionDenied
    form = register.form_class(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        require_county_edit(request.user, data["county"].pk)
        try:
            obj = register.create(actor=request.user, **data)
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, register.created)
            return redirect(obj)
    return _form_page(request, register, form)


def _edit(request, register: Register, pk: int):
    obj = _get(request, register, pk)
    require_county_edit(request.user, obj.county_id)
    form_class = register.form_class
    initial = initial_from(obj, [name for name in form_class.base_fields if name != "county"])
    form = form_class(request.POST or None, user=request.user, instance=obj, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            register.update(actor=request.user, **{register.key: obj}, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, register.saved)
            return redirect(obj)
    return _form_page(request, register, form, obj)


def _delete(request, register: Register, pk: int):
    obj = _get(request, register, pk)
    require_county_edit(request.user, obj.county_id)
    if request.method == "POST":
        register.delete(actor=request.user, **{register.key: obj})
        messages.success(request, register.deleted)
        return redirect(register.list_url)
    return render(
        request,
        "support/confirm_delete.html",
        {"object": obj, "kind": register.key},
    )


# --- process support -------------------------------------------------------------------------


@view_permission(STAFF)
def engagement_list(request):
    return _list(request, ENGAGEMENTS)


@view_permission(STAFF)
def engagement_detail(request, pk):
    return _detail(request, ENGAGEMENTS, pk)


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def engagement_create(request):
    return _create(request, ENGAGEMENTS)


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def engagement_edit(request, pk):
    return _edit(request, ENGAGEMENTS, pk)


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def engagement_delete(request, pk):
    return _delete(request, ENGAGEMENTS, pk)


# --- actor visits ----------------------------------------------------------------------------


@view_permission(STAFF)
def visit_list(request):
    return _list(request, VISITS)


@view_permission(STAFF)
def visit_detail(request, pk):
    obj = _get(request, VISITS, pk)
    return _detail(request, VISITS, pk, {"needs": selectors.needs_of_visit(obj)})


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def visit_create(request):
    return _create(request, VISITS)


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def visit_edit(request, pk):
    return _edit(request, VISITS, pk)


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def visit_delete(request, pk):
    return _delete(request, VISITS, pk)


# --- needs register --------------------------------------------------------------------------


@view_permission(STAFF)
def need_list(request):
    return _list(request, NEEDS)


@view_permission(STAFF)
def need_detail(request, pk):
    return _detail(request, NEEDS, pk)


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def need_create(request):
    # "Register a need" on a visit's page passes the visit: start from its organisation and date.
    initial = {}
    visit_id = request.GET.get("besok", "")
    visit = (
        selectors.visit_get_for_user(request.user, int(visit_id)) if visit_id.isdigit() else None
    )
    if visit is not None and get_access(request.user).can_edit_county(visit.county_id):
        initial = {
            "visit": visit.pk,
            "raised_by": visit.organisation_id,
            "source": Need.Source.VISIT,
            "raised_on": visit.visit_date,
        }
    return _create(request, NEEDS, initial)


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def need_edit(request, pk):
    return _edit(request, NEEDS, pk)


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def need_delete(request, pk):
    return _delete(request, NEEDS, pk)


@view_permission(STAFF)
def need_export(request, fmt):
    """The needs register (with the list's filters) as XLSX or CSV."""
    if fmt not in ("xlsx", "csv"):
        raise Http404
    everything = selectors.needs_for_user(request.user)
    form = NeedFilterForm(
        request.GET or None,
        user=request.user,
        organisations=selectors.filter_organisations(everything, "raised_by"),
    )
    needs = list(selectors.needs_for_user(request.user, **form.filters()))
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        content = exporters.needs_xlsx(needs)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = exporters.needs_csv(needs)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="behov-av-stod-{stamp}.{fmt}"'
    return response


@view_permission(STAFF)
def need_national(request):
    """Needs forwarded to national level, with counts per category."""
    form = NationalFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    needs = selectors.forwarded_needs_for_user(request.user, **filters)
    # The counts keep every other filter but not the category, so the table shows the spread
    # over categories and each row links to its own filtered list.
    counts = selectors.category_counts(
        selectors.forwarded_needs_for_user(
            request.user, **{k: v for k, v in filters.items() if k != "category"}
        )
    )
    for row in counts:
        params = request.GET.copy()
        params.pop("page", None)
        params["category"] = row["value"]
        row["query"] = params.urlencode()
    return render(
        request,
        "support/need_national.html",
        {
            "form": form,
            "page": paginate(request, needs),
            "category_counts": counts,
            "total": sum(c["count"] for c in counts),
            "national": get_access(request.user).national,
            "category_filter": filters.get("category", ""),
            "Need": Need,
        },
    )
