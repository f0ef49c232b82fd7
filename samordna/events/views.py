import calendar as pycalendar
from datetime import date, datetime, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
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
    view_permission,
)

from . import exporters, selectors, services
from .forms import (
    EvaluationForm,
    EventFilterForm,
    EventForm,
    MessageForm,
    MoveForm,
    QuestionForm,
    RegistrationForm,
    SessionForm,
)
from .ics import event_ics
from .models import Event, EventSession, Question, Registration


def _add_error(form, exc: ApplicationError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _filters(request):
    form = EventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, {
        "q": filters.get("q", ""),
        "county_code": filters.get("county", ""),
        "type": filters.get("type", ""),
        "format": filters.get("format", ""),
        "target_group": filters.get("target_group", ""),
        "month": filters.get("month"),
        **_year_filter(request.GET.get("year", "")),
    }


def _year_filter(value: str) -> dict:
    """``?year=2022`` (used by the annual report's links): events that started that year."""
    if not (value.isdigit() and len(value) == 4):
        return {}
    year = int(value)
    tz = timezone.get_current_timezone()
    return {
        "start_from": datetime(year, 1, 1, tzinfo=tz),
        "start_to": datetime(year, 12, 31, 23, 59, 59, tzinfo=tz),
    }


def _campaigns(*, start, end, county_code: str):
    """Campaign periods shown beside the calendar (national ones plus the chosen county's)."""
    from samordna.campaigns.selectors import campaigns_in_range
    from samordna.organisations.selectors import county_get

    county = county_get(county_code) if county_code else None
    return campaigns_in_range(start=start, end=end, county=county)


@view_permission(PUBLIC)
def event_list(request):
    form, filters = _filters(request)
    page = paginate(
        request,
        selectors.event_search(request.user, **filters),
        per_page=20,
        count=lambda: selectors.event_search_count(request.user, **filters),
    )
    for event in page.object_list:
        event.seats_left = services.seats_left(event)
    today = timezone.localdate()
    return render(
        request,
        "events/event_list.html",
        {
            "form": form,
            "page": page,
            "is_staff": get_access(request.user).is_staff,
            "campaigns": _campaigns(
                start=today, end=today + timedelta(days=60), county_code=filters["county_code"]
            ),
        },
    )


@view_permission(PUBLIC)
def event_archive(request):
    form, filters = _filters(request)
    page = paginate(
        request,
        selectors.event_search(request.user, past=True, **filters),
        per_page=20,
        count=lambda: selectors.event_search_count(request.user, past=True, **filters),
    )
    return render(request, "events/event_archive.html", {"form": form, "page": page})


@view_permission(PUBLIC)
def event_month(request):
    form, filters = _filters(request)
    month = filters.pop("month") or timezone.localdate().replace(day=1)
    month = month.replace(day=1)
    events = list(selectors.event_search(request.user, month=month, **filters))
    # Local dates once per event, not once per event and day (hundreds of events a month).
    spans = [
        (timezone.localtime(e.start).date(), timezone.localtime(e.end).date(), e) for e in events
    ]
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month):
        days = []
        for day in week:
            day_events = [e for first, last, e in spans if first <= day <= last]
            days.append(
                {
                    "date": day,
                    "month_name": MONTHS[day.month],
                    "in_month": day.month == month.month,
                    "events": day_events,
                }
            )
        weeks.append({"number": week[0].isocalendar()[1], "days": days})
    previous_month = (month - timedelta(days=1)).replace(day=1)
    next_month = (month + timedelta(days=32)).replace(day=1)
    campaigns = _campaigns(
        start=month, end=next_month - timedelta(days=1), county_code=filters["county_code"]
    )
    params = request.GET.copy()
    params.pop("month", None)
    base_query = params.urlencode()
    return render(
        request,
        "events/event_month.html",
        {
            "form": form,
            "month": month,
            "weeks": weeks,
            "weekdays": [date(2024, 1, d) for d in range(1, 8)],  # a Monday-first week
            "events": events,
            "campaigns": campaigns,
            "previous_month": previous_month,
            "next_month": next_month,
            "base_query": base_query,
        },
    )


def _event_or_404(request, pk) -> Event:
    event = selectors.event_get_for_user(request.user, pk)
    if event is None:
        raise Http404
    return event


@view_permission(PUBLIC)
@require_http_methods(["GET", "POST"])
def event_detail(request, pk):
    if request.method == "POST":
        # Only what the form and the service need; the whole page is read again on an error.
        event = selectors.event_get_for_registration(request.user, pk)
        if event is None:
            raise Http404
    else:
        event = _event_or_404(request, pk)
    form = RegistrationForm(request.POST or None, event=event)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                registration = services.registration_create(
                    event_id=event.pk,
                    event=event,
                    name=data["name"],
                    email=data["email"],
                    organisation=data.get("organisation"),
                    organisation_name=data.get("organisation_name", ""),
                    answers=form.answers(),
                    consent=data.get("consent", False),
                    actor=request.user,
                )
            except ApplicationError as exc:
                _add_error(form, exc)
            else:
                return redirect("events:registration_status", token=registration.cancel_token)
        event = _event_or_404(request, pk)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "form": form,
            "seats_left": services.seats_left(event),
            "registration_open": event.registration_is_open() and event.published,
            "can_manage": services.can_manage_event(request.user, event),
            "can_edit": get_access(request.user).can_edit_county(event.county_id),
            "sessions": list(event.sessions.all()),
            "co_organisers": list(event.co_organising_counties.all()),
            "subgoals": list(event.subgoals.all()),
        },
    )


@view_permission(PUBLIC)
def event_ics_view(request, pk):
    event = _event_or_404(request, pk)
    response = HttpResponse(event_ics(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evenemang-{event.pk}.ics"'
    return response


def _registration_or_404(token) -> Registration:
    registration = services.registration_get_by_token(token)
    if registration is None:
        raise Http404
    return registration


@view_permission(PUBLIC)
@no_store
def registration_status(request, token):
    registration = _registration_or_404(token)
    return render(
        request,
        "events/registration_status.html",
        {"registration": registration, "event": registration.event},
    )


def _wants_json(request) -> bool:
    return (
        "application/json" in request.headers.get("Accept", "")
        or request.content_type == "application/json"
    )


# The unguessable token in the URL is the credential (a capability link from the e-mail), so a
# cross-site request cannot forge it; exempting CSRF lets API clients POST to the same link.
@csrf_exempt
@view_permission(PUBLIC)
@require_http_methods(["GET", "POST"])
@no_store
def registration_cancel(request, token):
    registration = _registration_or_404(token)
    error = None
    if request.method == "POST":
        try:
            registration = services.registration_cancel(
                registration_id=registration.pk, actor=request.user
            )
        except ApplicationError as exc:
            if _wants_json(request):
                return JsonResponse({"detail": str(exc.message)}, status=exc.status_code)
            error = exc.message
        else:
            if _wants_json(request):
                return JsonResponse({"id": registration.pk, "status": registration.status})
            messages.success(request, _("Your registration has been cancelled."))
            return redirect("events:registration_status", token=token)
    return render(
        request,
        "events/registration_cancel.html",
        {"registration": registration, "event": registration.event, "error": error},
    )


@view_permission(PUBLIC)
@no_store
def registration_certificate(request, token):
    registration = _registration_or_404(token)
    if not registration.attended or registration.status != Registration.Status.CONFIRMED:
        raise Http404
    return _certificate_response(registration)


def _certificate_response(registration) -> HttpResponse:
    response = HttpResponse(exporters.certificate_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="intyg-{registration.pk}.pdf"'
    return response


@view_permission(PUBLIC)
@require_http_methods(["GET", "POST"])
@no_store
def evaluation(request, token):
    registration = _registration_or_404(token)
    event = registration.event
    if registration.status != Registration.Status.CONFIRMED or event.end > timezone.now():
        raise Http404
    answered = hasattr(registration, "evaluation")
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and not answered and form.is_valid():
        try:
            services.evaluation_submit(registration=registration, **form.cleaned_data)
        except ApplicationError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("Thank you for your answers!"))
            return redirect("events:evaluation", token=token)
    return render(
        request,
        "events/evaluation_form.html",
        {"event": event, "form": form, "answered": answered, "registration": registration},
    )


# --- Staff --------------------------------------------------------------------------------


def _managed_event(request, pk) -> Event:
    # With the seat count (the row's own counter), so ``seats_left`` needs no query of its own.
    event = get_object_or_404(
        selectors.with_seat_counts(Event.objects.select_related("county")), pk=pk
    )
    if not services.can_manage_event(request.user, event):
        if get_access(request.user).national:
            return event
        raise PermissionDenied
    return event


def _edited_event(request, pk) -> Event:
    event = get_object_or_404(Event.objects.select_related("county"), pk=pk)
    require_county_edit(request.user, event.county_id)
    return event


@view_permission(STAFF)
def manage_list(request):
    page = paginate(
        request,
        selectors.events_managed_list(request.user),
        count=lambda: selectors.events_managed_count(request.user),
    )
    access = get_access(request.user)
    return render(
        request,
        "events/manage_list.html",
        {"page": page, "can_create": bool(access.edit_county_ids) or access.is_superuser},
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def event_create(request):
    access = get_access(request.user)
    if not access.edit_county_ids and not access.is_superuser:
        raise PermissionDenied
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        require_county_edit(request.user, form.cleaned_data["county"].pk)
        data = form.service_fields()
        try:
            event = services.event_create(
                actor=request.user,
                co_organising_counties=form.cleaned_data["co_organising_counties"],
                invited_organisations=form.cleaned_data["invited_organisations"],
                subgoals=form.cleaned_data["subgoals"],
                **data,
            )
        except ApplicationError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("The event has been created."))
            return redirect(event)
    return render(request, "events/event_form.html", {"form": form})


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    event = _edited_event(request, pk)
    form = EventForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        original = Event.objects.get(pk=pk)
        try:
            services.event_update(
                actor=request.user,
                event=original,
                co_organising_counties=form.cleaned_data["co_organising_counties"],
                invited_organisations=form.cleaned_data["invited_organisations"],
                subgoals=form.cleaned_data["subgoals"],
                **form.service_fields(),
            )
        except ApplicationError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(original)
    return render(request, "events/event_form.html", {"form": form, "event": event})


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def event_sessions(request, pk):
    event = _edited_event(request, pk)
    form = SessionForm(request.POST or None)
    if request.method == "POST":
        delete_id = request.POST.get("delete")
        if delete_id:
            session = get_object_or_404(EventSession, pk=delete_id, event=event)
            try:
                services.session_delete(actor=request.user, session=session)
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("The session has been removed."))
            return redirect("events:event_sessions", pk=pk)
        if form.is_valid():
            try:
                services.session_add(actor=request.user, event=event, **form.cleaned_data)
            except ApplicationError as exc:
                _add_error(form, exc)
            else:
                messages.success(request, _("The session has been added."))
                return redirect("events:event_sessions", pk=pk)
    return render(
        request,
        "events/event_sessions.html",
        {"event": event, "form": form, "sessions": list(event.sessions.all())},
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def event_questions(request, pk):
    event = _edited_event(request, pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST":
        delete_id = request.POST.get("delete")
        if delete_id:
            question = get_object_or_404(Question, pk=delete_id, event=event)
            services.question_delete(actor=request.user, question=question)
            messages.success(request, _("The question has been removed."))
            return redirect("events:event_questions", pk=pk)
        if form.is_valid():
            try:
                services.question_create(actor=request.user, event=event, **form.cleaned_data)
            except ApplicationError as exc:
                _add_error(form, exc)
            else:
                messages.success(request, _("The question has been added."))
                return redirect("events:event_questions", pk=pk)
    return render(
        request,
        "events/event_questions.html",
        {"event": event, "form": form, "questions": list(event.questions.all())},
    )


@view_permission(STAFF)
def registration_list(request, pk):
    event = _managed_event(request, pk)
    registrations = list(selectors.registrations_for_staff_list(event))
    return render(
        request,
        "events/registration_list.html",
        {
            "event": event,
            "registrations": registrations,
            "summary": selectors.summarise_registrations(registrations),
            "questions": list(event.questions.all()),
            "seats_left": services.seats_left(event),
            "can_act": services.can_manage_event(request.user, event),
            "is_over": event.end < timezone.now(),
        },
    )


@view_permission(STAFF)
def registration_print(request, pk):
    event = _managed_event(request, pk)
    registrations = selectors.registrations_of(event).filter(status=Registration.Status.CONFIRMED)
    return render(
        request,
        "events/registration_print.html",
        {"event": event, "registrations": registrations, "sessions": list(event.sessions.all())},
    )


@view_permission(STAFF)
def registration_export(request, pk, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    event = _managed_event(request, pk)
    registrations = list(selectors.registrations_of(event))
    questions = list(event.questions.all())
    if fmt == "csv":
        content = exporters.registrations_csv(event, registrations, questions)
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    else:
        content = exporters.registrations_xlsx(event, registrations, questions)
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="anmalningar-{event.pk}.{fmt}"'
    return response


def _acting_event(request, pk) -> Event:
    event = get_object_or_404(Event.objects.select_related("county"), pk=pk)
    if not services.can_manage_event(request.user, event):
        raise PermissionDenied
    return event


@view_permission(STAFF)
@require_POST
def attendance(request, pk):
    event = _acting_event(request, pk)
    ids = [i for i in request.POST.getlist("attended") if i.isdigit()]
    services.attendance_record(actor=request.user, event=event, attended_ids=ids)
    messages.success(request, _("Attendance has been saved."))
    return redirect("events:registration_list", pk=pk)


@view_permission(STAFF)
@require_POST
def registration_approve(request, pk, registration_pk):
    event = _acting_event(request, pk)
    registration = get_object_or_404(Registration, pk=registration_pk, event=event)
    try:
        registration = services.registration_approve(actor=request.user, registration=registration)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("%(name)s: %(status)s")
            % {"name": registration.name, "status": registration.get_status_display()},
        )
    return redirect("events:registration_list", pk=pk)


@view_permission(STAFF)
@require_POST
def registration_staff_cancel(request, pk, registration_pk):
    event = _acting_event(request, pk)
    registration = get_object_or_404(Registration, pk=registration_pk, event=event)
    try:
        services.registration_cancel(
            registration_id=registration.pk, actor=request.user, reason="organiser"
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The registration has been cancelled."))
    return redirect("events:registration_list", pk=pk)


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def registration_move(request, pk, registration_pk):
    event = _acting_event(request, pk)
    registration = get_object_or_404(
        Registration, pk=registration_pk, event=event, status=Registration.Status.WAITLISTED
    )
    form = MoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_move_from_waitlist(
                actor=request.user, registration=registration, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("%(name)s now has a seat.") % {"name": registration.name})
            return redirect("events:registration_list", pk=pk)
    return render(
        request,
        "events/registration_move.html",
        {
            "event": event,
            "registration": registration,
            "form": form,
            "seats_left": services.seats_left(event),
        },
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def event_message(request, pk):
    event = _acting_event(request, pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.event_message_registrants(
                actor=request.user, event=event, **form.cleaned_data
            )
        except ApplicationError as exc:
            _add_error(form, exc)
        else:
            messages.success(
                request, _("The message is being sent to %(count)s people.") % {"count": count}
            )
            return redirect("events:registration_list", pk=pk)
    return render(request, "events/event_message.html", {"event": event, "form": form})


@view_permission(STAFF)
def staff_certificate(request, pk, registration_pk):
    event = _managed_event(request, pk)
    registration = get_object_or_404(
        Registration,
        pk=registration_pk,
        event=event,
        status=Registration.Status.CONFIRMED,
        attended=True,
    )
    return _certificate_response(registration)


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def evaluation_results(request, pk):
    event = _managed_event(request, pk)
    if request.method == "POST":
        if not services.can_manage_event(request.user, event):
            raise PermissionDenied
        try:
            count = services.event_send_evaluation(actor=request.user, event=event)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("The evaluation is being sent to %(count)s people.") % {"count": count}
            )
        return redirect("events:evaluation_results", pk=pk)
    return render(
        request,
        "events/evaluation_results.html",
        {
            "event": event,
            "summary": selectors.evaluation_summary(event),
            "is_over": event.end < timezone.now(),
            "can_act": services.can_manage_event(request.user, event),
        },
    )


@view_permission(PUBLIC)
def feed_redirect(request):
    """The calendar feed lives in the API; keep a friendly URL on the calendar too."""
    query = request.GET.urlencode()
    url = reverse("api:events_feed")
    return redirect(f"{url}?{query}" if query else url)
