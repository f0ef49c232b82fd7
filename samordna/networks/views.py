from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samordna.core.errors import ApplicationError
from samordna.core.pagination import paginate
from samordna.core.permissions import AUTHENTICATED, PUBLIC, STAFF, get_access, view_permission
from samordna.core.uploads import attachment_response
from samordna.organisations.models import County
from samordna.organisations.selectors import editable_counties_for_user

from . import selectors, services
from .forms import DocumentForm, MeetingForm, MembershipForm, NetworkFilterForm, NetworkForm
from .models import Meeting, Membership, NetworkDocument


def _error_to_form(form, exc: ApplicationError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _get_network(request, pk):
    network = selectors.network_for_user(request.user, pk)
    if network is None:
        raise Http404
    return network


def _require_members_area(request, network) -> None:
    if not selectors.can_enter_members_area(request.user, network):
        raise PermissionDenied


def _require_manage(request, network) -> None:
    if not selectors.can_manage_network(request.user, network):
        raise PermissionDenied


@view_permission(PUBLIC)
def network_list(request):
    form = NetworkFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    county = County.objects.filter(code=filters.get("county") or "").first()
    page = paginate(
        request,
        selectors.networks_for_user(request.user, county=county, kind=filters.get("kind", "")),
    )
    access = get_access(request.user)
    return render(
        request,
        "networks/network_list.html",
        {
            "form": form,
            "page": page,
            "my_networks": selectors.networks_of_user(request.user),
            "can_create": bool(access.edit_county_ids) or access.is_superuser,
        },
    )


@view_permission(PUBLIC)
def network_detail(request, pk):
    network = _get_network(request, pk)
    return render(
        request,
        "networks/network_detail.html",
        {
            "network": network,
            "can_enter": selectors.can_enter_members_area(request.user, network),
            "can_manage": selectors.can_manage_network(request.user, network),
        },
    )


@view_permission(AUTHENTICATED)
def members_area(request, pk):
    network = _get_network(request, pk)
    _require_members_area(request, network)
    return render(
        request,
        "networks/members_area.html",
        {
            "network": network,
            "memberships": selectors.memberships_of(network),
            "meetings": selectors.meetings_of(network),
            "documents": selectors.documents_of(network).filter(meeting__isnull=True),
            "can_manage": selectors.can_manage_network(request.user, network),
        },
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def network_create(request):
    counties = editable_counties_for_user(request.user)
    if not counties.exists():
        raise PermissionDenied
    form = NetworkForm(request.POST or None, counties=counties)
    if request.method == "POST" and form.is_valid():
        try:
            network = services.network_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            _error_to_form(form, exc)
        else:
            messages.success(request, _("The group has been created."))
            return redirect(network)
    return render(request, "networks/network_form.html", {"form": form})


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def network_edit(request, pk):
    network = _get_network(request, pk)
    _require_manage(request, network)
    form = NetworkForm(
        request.POST or None,
        instance=network,
        counties=editable_counties_for_user(request.user),
    )
    if request.method == "POST" and form.is_valid():
        original = _get_network(request, pk)
        try:
            services.network_update(actor=request.user, network=original, **form.cleaned_data)
        except ApplicationError as exc:
            _error_to_form(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(original)
    return render(request, "networks/network_form.html", {"form": form, "network": network})


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def membership_add(request, pk):
    network = _get_network(request, pk)
    _require_manage(request, network)
    form = MembershipForm(request.POST or None, county=network.county)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_add(actor=request.user, network=network, **form.cleaned_data)
        except ApplicationError as exc:
            _error_to_form(form, exc)
        else:
            messages.success(request, _("The member has been added."))
            return redirect("networks:members_area", pk=network.pk)
    return render(request, "networks/membership_form.html", {"form": form, "network": network})


@view_permission(STAFF)
@require_POST
def membership_remove(request, pk, membership_pk):
    network = _get_network(request, pk)
    _require_manage(request, network)
    membership = Membership.objects.filter(network=network, pk=membership_pk).first()
    if membership is None:
        raise Http404
    services.membership_remove(actor=request.user, membership=membership)
    messages.success(request, _("The member has been removed."))
    return redirect("networks:members_area", pk=network.pk)


def _get_meeting(network, meeting_pk) -> Meeting:
    meeting = Meeting.objects.filter(network=network, pk=meeting_pk).first()
    if meeting is None:
        raise Http404
    return meeting


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    network = _get_network(request, pk)
    _require_manage(request, network)
    form = MeetingForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                actor=request.user, network=network, **form.cleaned_data
            )
        except ApplicationError as exc:
            _error_to_form(form, exc)
        else:
            messages.success(request, _("The meeting has been added."))
            return redirect(meeting)
    return render(request, "networks/meeting_form.html", {"form": form, "network": network})


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk, meeting_pk):
    network = _get_network(request, pk)
    _require_manage(request, network)
    meeting = _get_meeting(network, meeting_pk)
    form = MeetingForm(request.POST or None, instance=meeting, network=network)
    if request.method == "POST" and form.is_valid():
        original = _get_meeting(network, meeting_pk)
        try:
            services.meeting_update(actor=request.user, meeting=original, **form.cleaned_data)
        except ApplicationError as exc:
            _error_to_form(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(original)
    return render(
        request,
        "networks/meeting_form.html",
        {"form": form, "network": network, "meeting": meeting},
    )


@view_permission(AUTHENTICATED)
def meeting_detail(request, pk, meeting_pk):
    network = _get_network(request, pk)
    _require_members_area(request, network)
    meeting = _get_meeting(network, meeting_pk)
    return render(
        request,
        "networks/meeting_detail.html",
        {
            "network": network,
            "meeting": meeting,
            "documents": meeting.documents.order_by("kind", "title"),
            "can_manage": selectors.can_manage_network(request.user, network),
        },
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def document_upload(request, pk):
    network = _get_network(request, pk)
    _require_manage(request, network)
    initial = {}
    meeting_pk = request.GET.get("mote", "")
    if meeting_pk.isdigit():
        initial = {"meeting": meeting_pk, "kind": NetworkDocument.Kind.MINUTES}
    form = DocumentForm(
        request.POST or None, request.FILES or None, network=network, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.document_upload(
                actor=request.user,
                network=network,
                title=data["title"],
                uploaded=data["file"],
                kind=data["kind"],
                meeting=data["meeting"],
            )
        except ApplicationError as exc:
            _error_to_form(form, exc)
        else:
            messages.success(request, _("The document has been uploaded."))
            if document.meeting_id:
                return redirect(document.meeting)
            return redirect("networks:members_area", pk=network.pk)
    return render(request, "networks/document_form.html", {"form": form, "network": network})


def _get_document(network, document_pk) -> NetworkDocument:
    document = NetworkDocument.objects.filter(network=network, pk=document_pk).first()
    if document is None:
        raise Http404
    return document


@view_permission(AUTHENTICATED)
def document_download(request, pk, document_pk):
    network = _get_network(request, pk)
    _require_members_area(request, network)
    document = _get_document(network, document_pk)
    try:
        return attachment_response(
            document.file, filename=document.original_filename, content_type=document.content_type
        )
    except FileNotFoundError as exc:
        raise Http404 from exc


@view_permission(STAFF)
@require_POST
def document_delete(request, pk, document_pk):
    network = _get_network(request, pk)
    _require_manage(request, network)
    document = _get_document(network, document_pk)
    services.document_delete(actor=request.user, document=document)
    messages.success(request, _("The document has been removed."))
    return redirect("networks:members_area", pk=network.pk)
