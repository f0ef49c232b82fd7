from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samordna.core.errors import ApplicationError
from samordna.core.permissions import (
    AUTHENTICATED,
    PUBLIC,
    STAFF,
    get_access,
    require_county_edit,
    view_permission,
)
from samordna.organisations.models import County, Organisation

from . import selectors, services
from .exporters import EXPORTERS
from .exporters.layout import document
from .forms import (
    ActivityForm,
    AreaForm,
    ContactForm,
    CopyPlanForm,
    IntroductionCoursesForm,
    MoveToAreaForm,
    PlanCreateForm,
    PlanFilterForm,
    PlanTextsForm,
    QuickActivityForm,
)
from .models import ActionPlan, Activity, Area, PlanContact


def _form_error(form, exc: ApplicationError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _editable_plan(request, pk: int) -> ActionPlan:
    plan = selectors.plan_get_with_content(pk)
    if plan is None:
        raise Http404
    require_county_edit(request.user, plan.county_id)
    return plan


def _edit_url(plan_id: int, anchor: str = "") -> str:
    url = reverse("plans:plan_edit", args=[plan_id])
    return f"{url}#{anchor}" if anchor else url


@view_permission(PUBLIC)
def plan_list(request):
    counties = County.objects.order_by("code")
    plans = selectors.plans_for_user(request.user)
    years = sorted(set(plans.values_list("year", flat=True)), reverse=True)
    form = PlanFilterForm(request.GET or None, counties=counties, years=years)
    filters = form.cleaned_data if form.is_valid() else {}
    plans = selectors.plans_for_user(
        request.user,
        county_code=filters.get("county") or "",
        year=filters.get("year"),
        kind=filters.get("kind") or "",
    )
    access = get_access(request.user)
    return render(
        request,
        "plans/plan_list.html",
        {
            "form": form,
            "plans": plans,
            "can_create": bool(access.edit_county_ids) or access.is_superuser,
        },
    )


@view_permission(PUBLIC)
def plan_detail(request, pk):
    plan = selectors.plan_get_for_user(request.user, pk)
    if plan is None:
        raise Http404
    content = document(plan)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "document": content,
            "wheel": content["wheel"],
            "introduction": _introduction_context(request.user, plan),
            "can_edit": get_access(request.user).can_edit_county(plan.county_id),
            "export_formats": list(EXPORTERS),
        },
    )


def _introduction_context(user, plan: ActionPlan) -> dict | None:
    """For a competence plan: how many organisations include each web course in their
    introduction training, and which organisations the user may record it for."""
    if plan.kind != ActionPlan.Kind.COMPETENCE:
        return None
    courses = selectors.web_courses_with_inclusion_counts(plan)
    if not courses:
        return None
    access = get_access(user)
    if access.can_edit_county(plan.county_id):
        organisations = Organisation.objects.filter(county=plan.county, is_active=True)
    else:
        organisations = Organisation.objects.filter(
            pk__in=access.contact_organisation_ids, county=plan.county
        )
    return {"courses": courses, "organisations": organisations.order_by("name")}


@view_permission(PUBLIC)
def plan_export(request, pk, fmt):
    plan = selectors.plan_get_for_user(request.user, pk)
    if plan is None or fmt not in EXPORTERS:
        raise Http404
    content_type, render_export = EXPORTERS[fmt]
    content = render_export(plan)
    response = HttpResponse(content, content_type=content_type)
    filename = f"{slugify(plan.title) or 'plan'}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def plan_create(request):
    access = get_access(request.user)
    if not access.edit_county_ids and not access.is_superuser:
        raise PermissionDenied
    form = PlanCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        require_county_edit(request.user, form.cleaned_data["county"].pk)
        try:
            plan = services.plan_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The plan has been created."))
            return redirect("plans:plan_edit", plan.pk)
    return render(request, "plans/plan_create.html", {"form": form})


@view_permission(STAFF)
def plan_edit(request, pk):
    plan = _editable_plan(request, pk)
    areas = list(plan.areas.all())
    return render(
        request,
        "plans/plan_edit.html",
        {
            "plan": plan,
            "areas": areas,
            "quick_forms": {
                area.pk: QuickActivityForm(plan=plan, prefix=f"area{area.pk}") for area in areas
            },
            "move_form": MoveToAreaForm(plan=plan),
            "area_form": AreaForm(),
            "contact_form": ContactForm(),
            "copy_form": CopyPlanForm(initial={"year": plan.year + 1}),
        },
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def plan_texts(request, pk):
    plan = _editable_plan(request, pk)
    initial = {field: getattr(plan, field) for field in services.PLAN_FIELDS}
    form = PlanTextsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(actor=request.user, plan=plan, **form.cleaned_data)
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("plans:plan_edit", plan.pk)
    return render(request, "plans/plan_texts.html", {"plan": plan, "form": form})


@view_permission(STAFF)
@require_POST
def plan_publish(request, pk):
    plan = _editable_plan(request, pk)
    publish = request.POST.get("published") == "1"
    services.plan_set_published(actor=request.user, plan=plan, published=publish)
    messages.success(
        request,
        _("The plan has been published.") if publish else _("The plan is no longer published."),
    )
    return redirect("plans:plan_edit", plan.pk)


@view_permission(STAFF)
@require_POST
def plan_copy(request, pk):
    plan = _editable_plan(request, pk)
    form = CopyPlanForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("The year must be between %(min)s and %(max)s.") % {"min": 2000, "max": 2100},
        )
        return redirect("plans:plan_edit", plan.pk)
    try:
        copy = services.plan_copy_to_year(
            actor=request.user, plan=plan, year=form.cleaned_data["year"]
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("plans:plan_edit", plan.pk)
    messages.success(request, _("The plan has been copied into %(year)s.") % {"year": copy.year})
    return redirect("plans:plan_edit", copy.pk)


# --- areas ------------------------------------------------------------------------------------


@view_permission(STAFF)
@require_POST
def area_create(request, pk):
    plan = _editable_plan(request, pk)
    form = AreaForm(request.POST)
    if form.is_valid():
        try:
            area = services.area_create(actor=request.user, plan=plan, **form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The area has been added."))
            return redirect(_edit_url(plan.pk, f"area-{area.pk}"))
    else:
        messages.error(request, _("The area needs a name."))
    return redirect("plans:plan_edit", plan.pk)


def _editable_area(request, pk: int) -> Area:
    area = get_object_or_404(Area.objects.select_related("plan", "plan__county"), pk=pk)
    require_county_edit(request.user, area.plan.county_id)
    return area


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def area_edit(request, pk):
    area = _editable_area(request, pk)
    form = AreaForm(
        request.POST or None, initial={"name": area.name, "description": area.description}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.area_update(actor=request.user, area=area, **form.cleaned_data)
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(_edit_url(area.plan_id, f"area-{area.pk}"))
    return render(request, "plans/area_form.html", {"area": area, "plan": area.plan, "form": form})


@view_permission(STAFF)
@require_POST
def area_move(request, pk):
    area = _editable_area(request, pk)
    try:
        services.area_move(actor=request.user, area=area, direction=request.POST.get("direction"))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect(_edit_url(area.plan_id, f"area-{area.pk}"))


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def area_delete(request, pk):
    area = _editable_area(request, pk)
    if request.method == "POST":
        try:
            services.area_delete(actor=request.user, area=area)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect(_edit_url(area.plan_id, f"area-{area.pk}"))
        messages.success(request, _("The area has been removed."))
        return redirect("plans:plan_edit", area.plan_id)
    return render(
        request,
        "plans/confirm_delete.html",
        {
            "plan": area.plan,
            "heading": _("Remove the area %(name)s?") % {"name": area.name},
            "cancel_url": _edit_url(area.plan_id, f"area-{area.pk}"),
        },
    )


# --- activities -------------------------------------------------------------------------------


def _editable_activity(request, pk: int) -> Activity:
    activity = get_object_or_404(
        Activity.objects.select_related("plan", "plan__county", "area"), pk=pk
    )
    require_county_edit(request.user, activity.plan.county_id)
    return activity


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def activity_create(request, pk):
    plan = _editable_plan(request, pk)
    area_id = request.POST.get("area_id") or request.GET.get("omrade")
    area = plan.areas.filter(pk=area_id).first() if str(area_id or "").isdigit() else None
    if request.method == "POST" and "quick" in request.POST:
        if area is None:
            raise Http404
        form = QuickActivityForm(request.POST, plan=plan, prefix=f"area{area.pk}")
        if form.is_valid():
            try:
                services.activity_create(
                    actor=request.user, plan=plan, area=area, **form.cleaned_data
                )
            except ApplicationError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The activity has been added."))
                return redirect(_edit_url(plan.pk, f"area-{area.pk}"))
        return render(
            request,
            "plans/activity_form.html",
            {"plan": plan, "form": form, "quick_area": area},
        )
    initial = {"area": area, "status": Activity.Status.PLANNED, "kind": Activity.ItemKind.ACTIVITY}
    form = ActivityForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        area = data.pop("area")
        try:
            activity = services.activity_create(actor=request.user, plan=plan, area=area, **data)
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The activity has been added."))
            return redirect(_edit_url(plan.pk, f"activity-{activity.pk}"))
    return render(request, "plans/activity_form.html", {"plan": plan, "form": form})


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def activity_edit(request, pk):
    activity = _editable_activity(request, pk)
    plan = activity.plan
    initial = {field: getattr(activity, field) for field in services.ACTIVITY_FIELDS}
    initial |= {"area": activity.area, "subgoals": list(activity.subgoals.all())}
    form = ActivityForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        area = data.pop("area")
        try:
            services.activity_update(actor=request.user, activity=activity, **data)
            if area.pk != activity.area_id:
                services.activity_move_to_area(actor=request.user, activity=activity, area=area)
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(_edit_url(plan.pk, f"activity-{activity.pk}"))
    return render(
        request, "plans/activity_form.html", {"plan": plan, "form": form, "activity": activity}
    )


@view_permission(STAFF)
@require_POST
def activity_move(request, pk):
    activity = _editable_activity(request, pk)
    try:
        if "area" in request.POST:
            form = MoveToAreaForm(request.POST, plan=activity.plan)
            if not form.is_valid():
                raise Http404
            services.activity_move_to_area(
                actor=request.user, activity=activity, area=form.cleaned_data["area"]
            )
        else:
            services.activity_move(
                actor=request.user, activity=activity, direction=request.POST.get("direction")
            )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect(_edit_url(activity.plan_id, f"activity-{activity.pk}"))


@view_permission(STAFF)
@require_POST
def activity_duplicate(request, pk):
    activity = _editable_activity(request, pk)
    copy = services.activity_duplicate(actor=request.user, activity=activity)
    messages.success(request, _("The activity has been duplicated."))
    return redirect(_edit_url(activity.plan_id, f"activity-{copy.pk}"))


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def activity_delete(request, pk):
    activity = _editable_activity(request, pk)
    if request.method == "POST":
        services.activity_delete(actor=request.user, activity=activity)
        messages.success(request, _("The activity has been removed."))
        return redirect(_edit_url(activity.plan_id, f"area-{activity.area_id}"))
    return render(
        request,
        "plans/confirm_delete.html",
        {
            "plan": activity.plan,
            "heading": _("Remove the activity “%(title)s”?") % {"title": activity.title},
            "cancel_url": _edit_url(activity.plan_id, f"activity-{activity.pk}"),
        },
    )


# --- contacts ---------------------------------------------------------------------------------


@view_permission(STAFF)
@require_POST
def contact_create(request, pk):
    plan = _editable_plan(request, pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            services.contact_create(actor=request.user, plan=plan, **form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The contact person has been added."))
    else:
        messages.error(
            request, " ".join(str(error) for errors in form.errors.values() for error in errors)
        )
    return redirect(_edit_url(plan.pk, "contacts"))


@view_permission(STAFF)
@require_POST
def contact_delete(request, pk):
    contact = get_object_or_404(PlanContact.objects.select_related("plan"), pk=pk)
    require_county_edit(request.user, contact.plan.county_id)
    services.contact_delete(actor=request.user, contact=contact)
    messages.success(request, _("The contact person has been removed."))
    return redirect(_edit_url(contact.plan_id, "contacts"))


# --- base knowledge in introduction training -------------------------------------------------


@view_permission(AUTHENTICATED)
def introduction_courses_choose(request):
    """The organisation chooser on the competence plan page (a GET form) lands here."""
    code = request.GET.get("organisation", "")
    if not Organisation.objects.filter(code=code).exists():
        raise Http404
    return redirect("plans:introduction_courses", code)


@view_permission(AUTHENTICATED)
@require_http_methods(["GET", "POST"])
def introduction_courses(request, code):
    organisation = get_object_or_404(Organisation.objects.select_related("county"), code=code)
    access = get_access(request.user)
    allowed = organisation.pk in access.contact_organisation_ids or (
        organisation.county_id is not None and access.can_edit_county(organisation.county_id)
    )
    if not allowed:
        raise PermissionDenied
    courses = (
        selectors.base_courses_for_county(organisation.county)
        if organisation.county_id
        else Activity.objects.none()
    )
    chosen = [inclusion.course for inclusion in selectors.introduction_courses_of(organisation)]
    form = IntroductionCoursesForm(
        request.POST or None, courses=courses, initial={"courses": chosen}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.introduction_courses_set(
                actor=request.user, organisation=organisation, courses=form.cleaned_data["courses"]
            )
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("plans:introduction_courses", organisation.code)
    return render(
        request,
        "plans/introduction_courses.html",
        {"organisation": organisation, "form": form, "has_courses": courses.exists()},
    )
