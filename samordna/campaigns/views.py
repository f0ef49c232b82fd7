from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samordna.core.errors import ApplicationError
from samordna.core.pagination import paginate
from samordna.core.permissions import AUTHENTICATED, PUBLIC, STAFF, get_access, view_permission
from samordna.core.uploads import attachment_response
from samordna.organisations.models import County

from . import selectors, services
from .forms import CampaignFilterForm, CampaignForm, MaterialForm, SpreadForm
from .models import CampaignMaterial, CampaignSpread


def _filter_county(request):
    form = CampaignFilterForm(request.GET or None)
    code = form.cleaned_data.get("county") if form.is_valid() else ""
    county = County.objects.filter(code=code).first() if code else None
    return form, county


def _error_to_form(form, exc: ApplicationError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@view_permission(PUBLIC)
def campaign_list(request):
    form, county = _filter_county(request)
    today = timezone.localdate()
    campaigns = list(
        selectors.campaigns_current_and_upcoming(request.user, today=today, county=county)
    )
    access = get_access(request.user)
    return render(
        request,
        "campaigns/campaign_list.html",
        {
            "form": form,
            "current": [c for c in campaigns if c.start_date <= today],
            "upcoming": [c for c in campaigns if c.start_date > today],
            "can_create": access.national or bool(access.edit_county_ids),
        },
    )


@view_permission(PUBLIC)
def campaign_archive(request):
    form, county = _filter_county(request)
    page = paginate(
        request,
        selectors.campaigns_archive(request.user, today=timezone.localdate(), county=county),
    )
    return render(request, "campaigns/campaign_archive.html", {"form": form, "page": page})


def _get_campaign(request, pk):
    campaign = selectors.campaign_for_user(request.user, pk)
    if campaign is None:
        raise Http404
    return campaign


@view_permission(PUBLIC)
def campaign_detail(request, pk):
    campaign = _get_campaign(request, pk)
    spreadable = selectors.organisations_user_can_spread_for(request.user)
    spreading_ids = {s.organisation_id for s in campaign.spreads.all()}
    return render(
        request,
        "campaigns/campaign_detail.html",
        _detail_context(
            request,
            campaign,
            spreadable,
            spreading_ids,
            SpreadForm(organisations=spreadable.exclude(pk__in=spreading_ids)),
        ),
    )


def _detail_context(request, campaign, spreadable, spreading_ids, spread_form):
    access = get_access(request.user)
    today = timezone.localdate()
    my_org_ids = set(spreadable.values_list("pk", flat=True)) if access.authenticated else set()
    return {
        "campaign": campaign,
        "can_edit": services.can_edit_campaign_county(request.user, campaign.county_id),
        "spread_form": spread_form if campaign.published and access.authenticated else None,
        "can_spread": campaign.published
        and access.authenticated
        and bool(my_org_ids - spreading_ids),
        "removable_spread_ids": {
            s.pk for s in campaign.spreads.all() if s.organisation_id in my_org_ids
        },
        "status": (
            "past"
            if campaign.end_date < today
            else "upcoming"
            if campaign.start_date > today
            else "current"
        ),
    }


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def campaign_create(request):
    access = get_access(request.user)
    if not (access.national or access.edit_county_ids):
        raise PermissionDenied
    form = CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            _error_to_form(form, exc)
        else:
            messages.success(request, _("The campaign has been created."))
            return redirect(campaign)
    return render(request, "campaigns/campaign_form.html", {"form": form})


def _require_edit(request, campaign) -> None:
    if not services.can_edit_campaign_county(request.user, campaign.county_id):
        raise PermissionDenied


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def campaign_edit(request, pk):
    campaign = _get_campaign(request, pk)
    _require_edit(request, campaign)
    form = CampaignForm(request.POST or None, instance=campaign, user=request.user)
    if request.method == "POST" and form.is_valid():
        original = _get_campaign(request, pk)
        try:
            services.campaign_update(actor=request.user, campaign=original, **form.cleaned_data)
        except ApplicationError as exc:
            _error_to_form(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(original)
    return render(request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign})


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def material_create(request, pk):
    campaign = _get_campaign(request, pk)
    _require_edit(request, campaign)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data.get("file"):
                services.material_add_file(
                    actor=request.user,
                    campaign=campaign,
                    title=data["title"],
                    uploaded=data["file"],
                )
            else:
                services.material_add_link(
                    actor=request.user, campaign=campaign, title=data["title"], url=data["url"]
                )
        except ApplicationError as exc:
            _error_to_form(form, exc)
        else:
            messages.success(request, _("The material has been added."))
            return redirect(campaign)
    return render(request, "campaigns/material_form.html", {"form": form, "campaign": campaign})


def _get_material(request, pk) -> CampaignMaterial:
    material = selectors.material_for_user(request.user, pk)
    if material is None:
        raise Http404
    return material


@view_permission(STAFF)
@require_POST
def material_delete(request, pk):
    material = _get_material(request, pk)
    campaign = material.campaign
    _require_edit(request, campaign)
    services.material_delete(actor=request.user, material=material)
    messages.success(request, _("The material has been removed."))
    return redirect(campaign)


@view_permission(PUBLIC)
def material_download(request, pk):
    material = _get_material(request, pk)
    if material.kind != CampaignMaterial.Kind.FILE or not material.file:
        raise Http404
    try:
        return attachment_response(
            material.file, filename=material.original_filename, content_type=material.content_type
        )
    except FileNotFoundError as exc:
        raise Http404 from exc


@view_permission(AUTHENTICATED)
@require_POST
def campaign_spread(request, pk):
    campaign = _get_campaign(request, pk)
    spreadable = selectors.organisations_user_can_spread_for(request.user)
    if not spreadable.exists():
        raise PermissionDenied
    spreading_ids = {s.organisation_id for s in campaign.spreads.all()}
    form = SpreadForm(request.POST, organisations=spreadable.exclude(pk__in=spreading_ids))
    if form.is_valid():
        try:
            services.campaign_spread_mark(
                actor=request.user,
                campaign=campaign,
                organisation=form.cleaned_data["organisation"],
            )
        except ApplicationError as exc:
            _error_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Thank you! %(organisation)s is now shown as spreading the campaign.")
                % {"organisation": form.cleaned_data["organisation"].name},
            )
            return redirect(campaign)
    return render(
        request,
        "campaigns/campaign_detail.html",
        _detail_context(request, campaign, spreadable, spreading_ids, form),
        status=422,
    )


@view_permission(AUTHENTICATED)
@require_POST
def campaign_unspread(request, pk, spread_pk):
    campaign = _get_campaign(request, pk)
    spread = (
        CampaignSpread.objects.select_related("organisation", "organisation__county")
        .filter(campaign=campaign, pk=spread_pk)
        .first()
    )
    if spread is None:
        raise Http404
    try:
        services.campaign_spread_unmark(actor=request.user, spread=spread)
    except ApplicationError as exc:
        raise PermissionDenied from exc
    messages.success(request, _("The organisation is no longer shown as spreading the campaign."))
    return redirect(campaign)
