from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from samordna.core.errors import ApplicationError
from samordna.core.middleware import no_store
from samordna.core.pagination import paginate
from samordna.core.permissions import (
    PUBLIC,
    STAFF,
    get_access,
    require_county_edit,
    require_county_read,
    view_permission,
)
from samordna.organisations.models import County

from . import rendering, selectors, services, tokens
from .forms import (
    ImportForm,
    IssueForm,
    ItemForm,
    MailingListForm,
    PreferencesForm,
    SectionForm,
    SendForm,
    SubscribeForm,
    SubscriberFilterForm,
)
from .models import Issue, Subscriber

# The e-mail preview is a mail client's view: inline styles are part of the e-mail format.
EMAIL_PREVIEW_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "frame-ancestors 'self'; form-action 'none'; base-uri 'none'"
)


def _county_or_404(code: str) -> County:
    county = selectors.county_get(code)
    if county is None:
        raise Http404
    return county


def _form_error(form, exc: ApplicationError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


# --- Public --------------------------------------------------------------------------------------


@view_permission(PUBLIC)
def index(request):
    counties = County.objects.order_by("code")
    archives = {county.pk: county.issue_count for county in selectors.counties_with_archives()}
    rows = [{"county": county, "issue_count": archives.get(county.pk, 0)} for county in counties]
    return render(
        request,
        "newsletter/index.html",
        {"rows": rows, "is_staff": get_access(request.user).is_staff},
    )


@view_permission(PUBLIC)
def county_archive(request, code):
    county = _county_or_404(code)
    page = paginate(request, selectors.issues_public(county=county))
    return render(request, "newsletter/county_archive.html", {"county": county, "page": page})


@view_permission(PUBLIC)
@require_http_methods(["GET", "POST"])
def subscribe(request, code):
    county = _county_or_404(code)
    main_list = services.mailing_list_main(county=county)
    form = SubscribeForm(request.POST or None, lists=selectors.lists_of_county(county))
    if request.method == "POST" and form.is_valid():
        try:
            services.subscriber_subscribe(
                mailing_list=form.cleaned_data["mailing_list"] or main_list,
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                organisation=form.cleaned_data["organisation"],
                source=Subscriber.Source.FORM,
                actor=request.user,
            )
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            return redirect("newsletter:subscribe_thanks", code=county.code)
    return render(request, "newsletter/subscribe.html", {"county": county, "form": form})


@view_permission(PUBLIC)
def subscribe_thanks(request, code):
    county = _county_or_404(code)
    return render(
        request,
        "newsletter/subscribe_thanks.html",
        {"county": county, "days": tokens.confirm_days()},
    )


@view_permission(PUBLIC)
@require_http_methods(["GET", "POST"])
@no_store
def confirm(request, token):
    subscriber = tokens.subscriber_from_confirm_token(token)
    if subscriber is None:
        return render(request, "newsletter/link_invalid.html", status=404)
    if request.method == "POST":
        services.subscriber_confirm(subscriber=subscriber, actor=request.user)
        return render(
            request, "newsletter/confirmed.html", {"county": subscriber.mailing_list.county}
        )
    return render(
        request,
        "newsletter/confirm.html",
        {"subscriber": subscriber, "county": subscriber.mailing_list.county},
    )


@csrf_exempt  # RFC 8058 one-click: the signed token in the URL is the credential.
@view_permission(PUBLIC)
@require_http_methods(["GET", "POST"])
@no_store
def unsubscribe(request, token):
    subscriber = tokens.subscriber_from_manage_token(token)
    if subscriber is None:
        return render(request, "newsletter/link_invalid.html", status=404)
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        services.subscriber_unsubscribe(
            subscriber=subscriber, actor=None, via="one-click" if one_click else "link"
        )
        return render(
            request,
            "newsletter/unsubscribed.html",
            {"county": subscriber.mailing_list.county, "mailing_list": subscriber.mailing_list},
        )
    return render(
        request,
        "newsletter/unsubscribe.html",
        {"subscriber": subscriber, "mailing_list": subscriber.mailing_list},
    )


@view_permission(PUBLIC)
@require_http_methods(["GET", "POST"])
@no_store
def preferences(request, token):
    subscriber = tokens.subscriber_from_manage_token(token)
    if subscriber is None:
        return render(request, "newsletter/link_invalid.html", status=404)
    active = subscriber.status == Subscriber.Status.CONFIRMED
    form = PreferencesForm(
        request.POST or None,
        initial={"name": subscriber.name, "organisation": subscriber.organisation},
    )
    if request.method == "POST" and active and form.is_valid():
        try:
            services.subscriber_update_preferences(
                subscriber=subscriber, actor=None, **form.cleaned_data
            )
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Your details have been saved."))
            return redirect("newsletter:preferences", token=token)
    return render(
        request,
        "newsletter/preferences.html",
        {"subscriber": subscriber, "form": form, "active": active, "token": token},
    )


@view_permission(PUBLIC)
def privacy(request):
    return render(request, "newsletter/privacy.html", {"days": tokens.confirm_days()})


@view_permission(PUBLIC)
def issue_web(request, pk):
    issue = selectors.issue_get_visible(request.user, pk)
    if issue is None:
        raise Http404
    context = rendering.issue_context(issue)
    context["forwarded"] = "vidarebefordrat" in request.GET
    context["can_edit"] = get_access(request.user).can_edit_county(issue.county_id)
    return render(request, "newsletter/issue_web.html", context)


@view_permission(PUBLIC)
def issue_pdf(request, pk):
    issue = selectors.issue_get_visible(request.user, pk)
    if issue is None:
        raise Http404
    response = HttpResponse(rendering.render_pdf(issue), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="nyhetsbrev-{issue.pk}.pdf"'
    return response


@view_permission(PUBLIC)
def item_image(request, pk, item_pk):
    issue = selectors.issue_get_visible(request.user, pk)
    item = selectors.item_get(item_pk)
    if issue is None or item is None or item.section.issue_id != issue.pk or not item.image:
        raise Http404
    try:
        handle = item.image.open("rb")
    except OSError as exc:
        raise Http404 from exc
    head = handle.read(8)
    handle.seek(0)
    content_type = "image/png" if head.startswith(b"\x89PNG") else "image/jpeg"
    return FileResponse(handle, content_type=content_type)


# --- Staff: issues ------------------------------------------------------------------------------


@view_permission(STAFF)
def manage(request):
    access = get_access(request.user)
    if access.national and not access.edit_county_ids:
        issues = Issue.objects.select_related("county", "mailing_list")
    else:
        issues = selectors.issues_for_user(request.user)
    counties = County.objects.filter(pk__in=access.edit_county_ids).order_by("code")
    if access.is_superuser:
        counties = County.objects.order_by("code")
    page = paginate(request, issues.order_by("-created_at", "-id"))
    return render(request, "newsletter/manage.html", {"page": page, "counties": counties})


def _issue_for_edit(request, pk) -> Issue:
    issue = selectors.issue_get(pk)
    if issue is None:
        raise Http404
    require_county_edit(request.user, issue.county_id)
    return issue


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def issue_create(request, code):
    county = _county_or_404(code)
    require_county_edit(request.user, county.pk)
    services.mailing_list_main(county=county)
    form = IssueForm(request.POST or None, county=county)
    if request.method == "POST" and form.is_valid():
        try:
            issue = services.issue_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The issue has been created."))
            return redirect("newsletter:issue_detail", pk=issue.pk)
    return render(request, "newsletter/issue_form.html", {"form": form, "county": county})


@view_permission(STAFF)
def issue_detail(request, pk):
    issue = selectors.issue_get(pk)
    if issue is None:
        raise Http404
    require_county_read(request.user, issue.county_id)
    progress = services.issue_progress(issue=issue)
    return render(
        request,
        "newsletter/issue_detail.html",
        {
            "issue": issue,
            "sections": selectors.issue_with_content(issue),
            "progress": progress,
            "can_edit": get_access(request.user).can_edit_county(issue.county_id),
            "can_pick": selectors.knowledge_candidates(limit=1) is not None
            or selectors.event_candidates(issue.county, limit=1) is not None,
            "refresh": issue.status == Issue.Status.SENDING,
            "send_form": SendForm(),
        },
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def issue_edit(request, pk):
    issue = _issue_for_edit(request, pk)
    form = IssueForm(request.POST or None, instance=issue, county=issue.county)
    if request.method == "POST" and form.is_valid():
        try:
            services.issue_update(
                actor=request.user, issue=selectors.issue_get(pk), **form.cleaned_data
            )
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("newsletter:issue_detail", pk=pk)
    return render(
        request,
        "newsletter/issue_form.html",
        {"form": form, "county": issue.county, "issue": issue},
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def issue_delete(request, pk):
    issue = _issue_for_edit(request, pk)
    if request.method == "POST":
        try:
            services.issue_delete(actor=request.user, issue=issue)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("newsletter:issue_detail", pk=pk)
        messages.success(request, _("The issue has been deleted."))
        return redirect("newsletter:manage")
    return render(
        request,
        "newsletter/confirm_delete.html",
        {"object": issue, "cancel_url": reverse("newsletter:issue_detail", args=[pk])},
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def section_create(request, pk):
    issue = _issue_for_edit(request, pk)
    form = SectionForm(request.POST or None)
    form.fields["position"].required = False
    if request.method == "POST" and form.is_valid():
        try:
            services.section_create(
                actor=request.user, issue=issue, title=form.cleaned_data["title"]
            )
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            return redirect("newsletter:issue_detail", pk=pk)
    return render(request, "newsletter/section_form.html", {"form": form, "issue": issue})


def _section_for_edit(request, pk):
    section = selectors.section_get(pk)
    if section is None:
        raise Http404
    require_county_edit(request.user, section.issue.county_id)
    return section


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def section_edit(request, pk):
    section = _section_for_edit(request, pk)
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_update(
                actor=request.user,
                section=selectors.section_get(pk),
                title=form.cleaned_data["title"],
                position=form.cleaned_data["position"],
            )
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            return redirect("newsletter:issue_detail", pk=section.issue_id)
    return render(
        request,
        "newsletter/section_form.html",
        {"form": form, "issue": section.issue, "section": section},
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def section_delete(request, pk):
    section = _section_for_edit(request, pk)
    cancel = reverse("newsletter:issue_detail", args=[section.issue_id])
    if request.method == "POST":
        try:
            services.section_delete(actor=request.user, section=section)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect(cancel)
    return render(
        request, "newsletter/confirm_delete.html", {"object": section, "cancel_url": cancel}
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def item_create(request, pk):
    issue = _issue_for_edit(request, pk)
    initial = {"section": request.GET.get("avsnitt")}
    form = ItemForm(request.POST or None, request.FILES or None, issue=issue, initial=initial)
    return _item_form(request, form, issue, item=None)


def _item_form(request, form, issue, item):
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.item_save(
                actor=request.user,
                section=data["section"],
                item=item,
                heading=data["heading"],
                body=data["body"],
                details=data["details"],
                link_url=data["link_url"],
                link_text=data["link_text"],
                image=data.get("image") or None,
                image_alt=data["image_alt"],
                remove_image=data.get("remove_image", False),
                position=data.get("position"),
            )
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The item has been saved."))
            return redirect("newsletter:issue_detail", pk=issue.pk)
    return render(
        request, "newsletter/item_form.html", {"form": form, "issue": issue, "item": item}
    )


def _item_for_edit(request, pk):
    item = selectors.item_get(pk)
    if item is None:
        raise Http404
    require_county_edit(request.user, item.section.issue.county_id)
    return item


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def item_edit(request, pk):
    item = _item_for_edit(request, pk)
    issue = item.section.issue
    form = ItemForm(request.POST or None, request.FILES or None, instance=item, issue=issue)
    if request.method == "POST":
        # The form must not write the instance; the service does.
        item = selectors.item_get(pk)
    return _item_form(request, form, issue, item)


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def item_delete(request, pk):
    item = _item_for_edit(request, pk)
    cancel = reverse("newsletter:issue_detail", args=[item.section.issue_id])
    if request.method == "POST":
        try:
            services.item_delete(actor=request.user, item=item)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect(cancel)
    return render(request, "newsletter/confirm_delete.html", {"object": item, "cancel_url": cancel})


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def item_pick(request, pk):
    """Pull items from the knowledge bank and the calendar (only when those modules exist)."""
    issue = _issue_for_edit(request, pk)
    knowledge = selectors.knowledge_candidates()
    events = selectors.event_candidates(issue.county)
    if knowledge is None and events is None:
        raise Http404
    sections = selectors.issue_with_content(issue)
    if request.method == "POST":
        section = next((s for s in sections if str(s.pk) == request.POST.get("section")), None)
        try:
            if section is None:
                raise Http404
            for value in request.POST.getlist("knowledge"):
                found = selectors.knowledge_get(int(value)) if value.isdigit() else None
                if found is not None:
                    services.item_from_knowledge(
                        actor=request.user, section=section, knowledge_item=found
                    )
            for value in request.POST.getlist("event"):
                found = selectors.event_get(issue.county, int(value)) if value.isdigit() else None
                if found is not None:
                    services.item_from_event(
                        actor=request.user,
                        section=section,
                        event=found,
                        site_url=rendering.absolute(""),
                    )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The chosen items have been added."))
        return redirect("newsletter:issue_detail", pk=pk)
    return render(
        request,
        "newsletter/item_pick.html",
        {"issue": issue, "sections": sections, "knowledge": knowledge, "events": events},
    )


@view_permission(STAFF)
def issue_preview_email(request, pk):
    issue = selectors.issue_get(pk)
    if issue is None:
        raise Http404
    require_county_read(request.user, issue.county_id)
    body_html, _text = rendering.render_email(issue)
    body_html = body_html.replace(rendering.UNSUBSCRIBE_PLACEHOLDER, "#").replace(
        rendering.PREFERENCES_PLACEHOLDER, "#"
    )
    response = HttpResponse(body_html)
    response["Content-Security-Policy"] = EMAIL_PREVIEW_CSP
    return response


@view_permission(STAFF)
def issue_preview_text(request, pk):
    issue = selectors.issue_get(pk)
    if issue is None:
        raise Http404
    require_county_read(request.user, issue.county_id)
    _html, body_text = rendering.render_email(issue)
    return HttpResponse(body_text, content_type="text/plain; charset=utf-8")


@view_permission(STAFF)
@require_POST
def issue_test_send(request, pk):
    issue = _issue_for_edit(request, pk)
    try:
        services.issue_test_send(actor=request.user, issue=issue)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("A test has been sent to %(email)s.") % {"email": request.user.email},
        )
    return redirect("newsletter:issue_detail", pk=pk)


@view_permission(STAFF)
@require_POST
def issue_send(request, pk):
    issue = _issue_for_edit(request, pk)
    form = SendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The time of sending is not valid."))
        return redirect("newsletter:issue_detail", pk=pk)
    send_at = form.cleaned_data["send_at"]
    try:
        services.issue_queue(actor=request.user, issue=issue, send_at=send_at)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        if send_at and send_at > timezone.now():
            messages.success(request, _("The issue is scheduled."))
        else:
            messages.success(request, _("Sending has started."))
    return redirect("newsletter:issue_detail", pk=pk)


# --- Staff: subscribers -------------------------------------------------------------------------


@view_permission(STAFF)
def subscribers(request, code):
    county = _county_or_404(code)
    require_county_edit(request.user, county.pk)
    form = SubscriberFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(
        request,
        selectors.subscribers_of_county(
            county, q=filters.get("q", ""), status=filters.get("status", "")
        ),
        per_page=50,
    )
    return render(
        request,
        "newsletter/subscribers.html",
        {
            "county": county,
            "form": form,
            "page": page,
            "lists": selectors.lists_of_county(county),
            "counts": selectors.subscriber_counts(county),
            "statuses": Subscriber.Status,
        },
    )


@view_permission(STAFF)
def subscribers_export(request, code, list_pk):
    county = _county_or_404(code)
    require_county_edit(request.user, county.pk)
    mailing_list = selectors.lists_of_county(county).filter(pk=list_pk).first()
    if mailing_list is None:
        raise Http404
    content = services.subscribers_export_csv(actor=request.user, mailing_list=mailing_list)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="prenumeranter-{county.code}-{mailing_list.pk}.csv"'
    )
    return response


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def subscribers_import(request, code):
    county = _county_or_404(code)
    require_county_edit(request.user, county.pk)
    services.mailing_list_main(county=county)
    form = ImportForm(request.POST or None, request.FILES or None, county=county)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = services.read_table(filename=upload.name, content=upload.read())
            report = services.subscriber_import(
                actor=request.user,
                mailing_list=form.cleaned_data["mailing_list"],
                rows=rows,
                dry_run=not form.cleaned_data["confirm"],
            )
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            if not report.dry_run:
                messages.success(
                    request,
                    _("%(count)s subscribers were imported.") % {"count": report.created},
                )
    return render(
        request,
        "newsletter/subscribers_import.html",
        {"county": county, "form": form, "report": report},
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def list_create(request, code):
    county = _county_or_404(code)
    require_county_edit(request.user, county.pk)
    form = MailingListForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.mailing_list_create(actor=request.user, county=county, **form.cleaned_data)
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The list has been created."))
            return redirect("newsletter:subscribers", code=county.code)
    return render(request, "newsletter/list_form.html", {"form": form, "county": county})
