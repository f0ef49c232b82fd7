"""The built-in evaluation: sending the link after the event, and the answers."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from samordna.core.audit import log_action
from samordna.core.errors import Conflict, Gone, NotPermitted, ValidationFailed

from ..models import EvaluationResponse, Event, Registration
from .common import _lock_event, _require_manage
from .mail import _mail


def event_send_evaluation(*, actor, event: Event) -> int:
    """E-mail the evaluation link to everyone who attended (or, if attendance was not
    recorded, everyone confirmed). Only after the event; only once."""
    _require_manage(actor, event)
    if event.end > timezone.now():
        raise ValidationFailed(_("The evaluation can be sent when the event is over."))
    with transaction.atomic():
        locked = _lock_event(event.pk)
        if locked.evaluation_sent_at is not None:
            raise Conflict(_("The evaluation has already been sent."))
        confirmed = locked.registrations.filter(status=Registration.Status.CONFIRMED)
        recipients = list(confirmed.filter(attended=True)) or list(confirmed)
        for registration in recipients:
            with override("sv"):
                subject = _("How was it? %(title)s") % {"title": locked.title}
            _mail(registration, "evaluation", subject)
        locked.evaluation_sent_at = timezone.now()
        locked.save(update_fields=["evaluation_sent_at"])
        log_action(
            actor=actor,
            action="events.evaluation.sent",
            obj=locked,
            county_code=locked.county.code,
            data={"recipients": len(recipients)},
        )
    return len(recipients)


def evaluation_submit(
    *, registration: Registration, overall: int, content: int, usefulness: int, comment: str = ""
) -> EvaluationResponse:
    """Store one participant's evaluation (once per registration)."""
    if registration.status != Registration.Status.CONFIRMED:
        raise NotPermitted(_("Only participants can answer the evaluation."))
    if registration.event.end > timezone.now():
        raise Gone(_("The evaluation opens when the event is over."))
    for name, value in (("overall", overall), ("content", content), ("usefulness", usefulness)):
        if not isinstance(value, int) or not 1 <= value <= 5:
            raise ValidationFailed(_("Choose a value from 1 to 5."), field=name)
    with transaction.atomic():
        if EvaluationResponse.objects.filter(registration=registration).exists():
            raise Conflict(_("You have already answered the evaluation. Thank you!"))
        response = EvaluationResponse.objects.create(
            event=registration.event,
            registration=registration,
            overall=overall,
            content=content,
            usefulness=usefulness,
            comment=(comment or "").strip()[:4000],
        )
        log_action(
            actor=None,
            action="events.evaluation.submitted",
            obj=registration.event,
            county_code=registration.event.county.code,
        )
    return response
