"""Distribution: assigning a survey to organisations, e-mailing personal links, reminders."""

from datetime import date

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samordna.core.audit import log_action
from samordna.core.errors import Conflict, ValidationFailed
from samordna.core.services import email_queue
from samordna.organisations.models import Organisation

from .. import selectors
from ..links import answer_url
from ..models import Assignment, Response, Survey
from .builder import _county_code

# Reminders go out this many days before the deadline (and on the deadline day).
REMINDER_MILESTONES = (7, 1)


# --- Distribution ------------------------------------------------------------------------------


def survey_default_organisations(survey: Survey, *, include_region: bool = False) -> list:
    """Every municipality of the survey's county (all of Sweden for a national survey), and
    optionally the region(s)."""
    kinds = [Organisation.Kind.MUNICIPALITY]
    if include_region:
        kinds.append(Organisation.Kind.REGION)
    qs = Organisation.objects.filter(kind__in=kinds, is_active=True)
    if survey.county_id:
        qs = qs.filter(county_id=survey.county_id)
    return list(qs.order_by("name"))


def survey_open(
    *, actor, survey: Survey, organisations: list[Organisation], notify: bool = True
) -> int:
    """Assign the survey to organisations, open it and e-mail each new organisation's contacts
    their personal link. Returns the number of e-mails queued. Safe to repeat: organisations
    already invited are not e-mailed again."""
    if not survey.questions.exists():
        raise ValidationFailed(_("Add at least one question before sending the survey."))
    if survey.county_id:
        foreign = [o for o in organisations if o.county_id != survey.county_id]
        if foreign:
            raise ValidationFailed(
                _("%(organisation)s is not in the survey's county.")
                % {"organisation": foreign[0].name},
                field="organisations",
            )
    if not organisations:
        raise ValidationFailed(_("Choose at least one organisation."), field="organisations")
    sent = 0
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        if locked.status == Survey.Status.CLOSED:
            raise Conflict(_("The survey is closed."))
        survey.status = Survey.Status.OPEN
        survey.save(update_fields=["status", "updated_at"])
        now = timezone.now()
        for organisation in organisations:
            assignment, _created = Assignment.objects.get_or_create(
                survey=survey, organisation=organisation
            )
            if assignment.invited_at is not None:
                continue
            if notify:
                sent += _email_contacts(survey, organisation, reminder=False)
            assignment.invited_at = now
            assignment.save(update_fields=["invited_at"])
        log_action(
            actor=actor,
            action="surveys.survey.sent",
            obj=survey,
            county_code=_county_code(survey),
            data={"organisations": [o.code for o in organisations], "emails": sent},
        )
    return sent


def _email_contacts(survey: Survey, organisation: Organisation, *, reminder: bool) -> int:
    recipients = selectors.contact_emails(organisation)
    link = answer_url(survey.pk, organisation.pk)
    with translation.override("sv"):
        deadline = (
            _("The last day to answer is %(date)s.")
            % {"date": survey.deadline.strftime("%Y-%m-%d")}
            if survey.deadline
            else ""
        )
        if reminder:
            subject = _("Reminder: %(title)s %(year)s") % {
                "title": survey.title,
                "year": survey.year,
            }
            opening = _("%(organisation)s has not yet submitted its answers to %(title)s.") % {
                "organisation": organisation.name,
                "title": survey.title,
            }
        else:
            subject = _("%(title)s %(year)s – please answer for %(organisation)s") % {
                "title": survey.title,
                "year": survey.year,
                "organisation": organisation.name,
            }
            opening = _(
                "You are the contact person of %(organisation)s for %(title)s %(year)s."
            ) % {"organisation": organisation.name, "title": survey.title, "year": survey.year}
        body = "\n\n".join(
            part
            for part in [
                opening,
                _(
                    "Answer through your personal link below. Your answers are saved on every "
                    "page, and colleagues with the link can help. Do not forward the link "
                    "outside your organisation."
                ),
                link,
                deadline,
                _("Kind regards,\nthe county administrative board"),
            ]
            if part
        )
    for email in recipients:
        email_queue(to=[email], subject=subject, body_text=body)
    return len(recipients)


def survey_send_reminders(*, actor, survey: Survey) -> int:
    """E-mail the contacts of every assigned organisation that has not submitted."""
    if survey.status != Survey.Status.OPEN:
        raise Conflict(_("Reminders can only be sent while the survey is open."))
    sent = 0
    with transaction.atomic():
        submitted = set(
            survey.responses.filter(status=Response.Status.SUBMITTED).values_list(
                "organisation_id", flat=True
            )
        )
        now = timezone.now()
        for assignment in survey.assignments.select_related("organisation"):
            if assignment.organisation_id in submitted:
                continue
            sent += _email_contacts(survey, assignment.organisation, reminder=True)
            assignment.last_reminded_at = now
            assignment.save(update_fields=["last_reminded_at"])
        log_action(
            actor=actor,
            action="surveys.survey.reminded",
            obj=survey,
            county_code=_county_code(survey),
            data={"emails": sent},
        )
    return sent


def surveys_send_due_reminders(*, today: date | None = None) -> int:
    """Send the automatic reminders that are due (7 days and 1 day before the deadline).
    Idempotent: each milestone is sent once per survey."""
    today = today or timezone.localdate()
    sent = 0
    for survey_id in Survey.objects.filter(
        status=Survey.Status.OPEN, deadline__isnull=False, deadline__gte=today
    ).values_list("pk", flat=True):
        with transaction.atomic():
            survey = Survey.objects.select_for_update().get(pk=survey_id)
            days_left = (survey.deadline - today).days
            due = [
                m for m in REMINDER_MILESTONES if days_left <= m and m not in survey.reminders_sent
            ]
            if not due:
                continue
            sent += survey_send_reminders(actor=None, survey=survey)
            survey.reminders_sent = sorted(set(survey.reminders_sent) | set(due))
            survey.save(update_fields=["reminders_sent"])
    return sent
