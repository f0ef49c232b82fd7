from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samordna.core.errors import ApplicationError
from samordna.core.pagination import paginate
from samordna.core.permissions import (
    PUBLIC,
    STAFF,
    get_access,
    require_county_edit,
    view_permission,
)

from . import selectors, services
from .forms import OrganisationFilterForm, OrganisationForm, PersonFilterForm, PersonForm
from .geo import project_shapes
from .models import Organisation


def _require_some_editable_county(user) -> None:
    """Creating needs a county to create in: the national role reads but does not edit."""
    access = get_access(user)
    if not access.edit_county_ids and not access.is_superuser:
        raise PermissionDenied


@view_permission(PUBLIC)
def county_list(request):
    return render(
        request, "organisations/county_list.html", {"counties": selectors.county_list_with_counts()}
    )


@view_permission(PUBLIC)
def county_detail(request, code):
    county = selectors.county_get(code)
    if county is None:
        raise Http404
    municipalities = list(selectors.municipalities_of_county(county))
    shapes, width, height = project_shapes(
        [(m.code, m.name, m.boundary) for m in municipalities], width=560
    )
    regional = selectors.organisation_search(county_code=code).exclude(
        kind=Organisation.Kind.MUNICIPALITY
    )
    return render(
        request,
        "organisations/county_detail.html",
        {
            "county": county,
            "municipalities": municipalities,
            "shapes": shapes,
            "map_width": width,
            "map_height": height,
            "regional_organisations": regional,
        },
    )


@view_permission(PUBLIC)
def organisation_list(request):
    counties = selectors.county_list_with_counts()
    form = OrganisationFilterForm(request.GET or None, counties=counties)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(
        request,
        selectors.organisation_search(
            q=filters.get("q", ""),
            kind=filters.get("kind", ""),
            county_code=filters.get("county", ""),
        ),
    )
    return render(
        request,
        "organisations/organisation_list.html",
        {"form": form, "page": page, "can_create": get_access(request.user).edit_county_ids},
    )


@view_permission(PUBLIC)
def organisation_detail(request, code):
    organisation = selectors.organisation_get(code)
    if organisation is None:
        raise Http404
    access = get_access(request.user)
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "contacts": selectors.contacts_for_user(request.user, [organisation]),
            "can_see_contacts": access.is_staff,
            "can_edit": organisation.county_id is not None
            and access.can_edit_county(organisation.county_id),
        },
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    _require_some_editable_county(request.user)
    form = OrganisationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        require_county_edit(request.user, form.cleaned_data["county"].pk)
        try:
            organisation = services.organisation_create(
                actor=request.user,
                **{k: v for k, v in form.cleaned_data.items() if k != "is_active"},
            )
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The organisation has been created."))
            return redirect(organisation)
    return render(request, "organisations/organisation_form.html", {"form": form})


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def organisation_edit(request, code):
    organisation = selectors.organisation_get(code)
    if organisation is None:
        raise Http404
    if organisation.county_id is None:
        raise PermissionDenied
    require_county_edit(request.user, organisation.county_id)
    form = OrganisationForm(request.POST or None, instance=organisation, user=request.user)
    if request.method == "POST" and form.is_valid():
        original = selectors.organisation_get(code)
        try:
            services.organisation_update(
                actor=request.user, organisation=original, **form.cleaned_data
            )
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(original)
    return render(
        request,
        "organisations/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@view_permission(PUBLIC)
def municipality_detail(request, code):
    municipality = selectors.municipality_get(code)
    if municipality is None:
        raise Http404
    organisations = list(selectors.organisation_search(municipality_code=code))
    shapes, width, height = project_shapes(
        [(municipality.code, municipality.name, municipality.boundary)], width=320
    )
    access = get_access(request.user)
    return render(
        request,
        "organisations/municipality_detail.html",
        {
            "municipality": municipality,
            "organisations": organisations,
            "contacts": selectors.contacts_for_user(request.user, organisations),
            "can_see_contacts": access.is_staff,
            "shape": shapes[0] if shapes else None,
            "map_width": width,
            "map_height": height,
        },
    )


@view_permission(STAFF)
def person_list(request):
    form = PersonFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    criteria = {
        "q": filters.get("q", ""),
        "target_group": filters.get("target_group", ""),
        "organisation_code": filters.get("organisation", ""),
    }
    page = paginate(
        request,
        selectors.people_list_for_user(request.user, **criteria),
        count=lambda: selectors.people_count_for_user(request.user, **criteria),
    )
    # Whether the user may edit each person: once in Python rather than through template
    # look-ups on every row.
    access = get_access(request.user)
    for person in page.object_list:
        person.editable = access.can_edit_county(person.organisation.county_id)
    return render(
        request,
        "organisations/person_list.html",
        {"form": form, "page": page, "can_create": bool(access.edit_county_ids)},
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def person_create(request):
    _require_some_editable_county(request.user)
    initial = {}
    if request.GET.get("organisation"):
        organisation = selectors.organisation_get(request.GET["organisation"])
        if organisation is not None:
            initial["organisation"] = organisation.pk
    form = PersonForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        require_county_edit(request.user, form.cleaned_data["organisation"].county_id)
        try:
            services.person_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The person has been added."))
            return redirect("organisations:person_list")
    return render(request, "organisations/person_form.html", {"form": form})


def _editable_person(request, pk):
    person = selectors.people_for_user(request.user).filter(pk=pk).first()
    if person is None:
        raise Http404
    require_county_edit(request.user, person.organisation.county_id)
    return person


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    person = _editable_person(request, pk)
    form = PersonForm(request.POST or None, instance=person, user=request.user)
    if request.method == "POST" and form.is_valid():
        original = _editable_person(request, pk)
        try:
            services.person_update(actor=request.user, person=original, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("organisations:person_list")
    return render(request, "organisations/person_form.html", {"form": form, "person": person})


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def person_delete(request, pk):
    person = _editable_person(request, pk)
    if request.method == "POST":
        services.person_delete(actor=request.user, person=person)
        messages.success(request, _("The person has been removed."))
        return redirect("organisations:person_list")
    return render(request, "organisations/person_confirm_delete.html", {"person": person})
