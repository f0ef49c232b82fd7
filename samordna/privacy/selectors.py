"""Reads: the record of processing (registerförteckning) per county, retention runs, and the
parts of a person's data download (/konto/mina-uppgifter/) that other apps do not provide."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from samordna.core.permissions import get_access

from .inventory import CATEGORIES, INVENTORY, Category
from .models import RetentionRule, RetentionRun
from .services import retention_days, retention_rules


@dataclass
class RegisterRow:
    category: Category
    days: int | None
    county_decision: bool
    count: int | None


def register_counties_for_user(user) -> QuerySet | None:
    """Counties whose record of processing the user may read: the counties they administer;
    the national role and platform operators read every county (None = all, also the total)."""
    from samordna.organisations.models import County

    access = get_access(user)
    if access.national:
        return County.objects.all()
    return County.objects.filter(pk__in=access.admin_county_ids)


def can_read_register(user) -> bool:
    access = get_access(user)
    return access.national or bool(access.admin_county_ids)


def category_count(category: Category, county=None) -> int | None:
    """How many rows of the category exist now (in ``county`` where computable)."""
    try:
        queryset = category.queryset()
    except LookupError:
        return None
    if queryset is None:
        return None
    if county is not None:
        if category.county_path is None:
            return None
        queryset = category.for_county(queryset, county)
    return queryset.count()


def register_rows(*, county=None) -> list[RegisterRow]:
    """The inventory with the periods in force for ``county`` (None: all counties) and counts."""
    rules = retention_rules()
    rows = []
    for category in INVENTORY:
        county_id = county.pk if county is not None else None
        rows.append(
            RegisterRow(
                category=category,
                days=retention_days(category, county_id, rules=rules),
                county_decision=bool(
                    county is not None
                    and category.per_county
                    and (category.key, county.pk) in rules
                ),
                count=category_count(category, county),
            )
        )
    return rows


def retention_rules_for(*, county=None) -> list[tuple[Category, RetentionRule]]:
    """The decided periods that apply to ``county`` (its own and those for all counties); every
    decision when ``county`` is None."""
    rules = RetentionRule.objects.select_related("county").order_by("category", "county__code")
    if county is not None:
        rules = rules.filter(Q(county__isnull=True) | Q(county=county))
    return [(CATEGORIES[rule.category], rule) for rule in rules if rule.category in CATEGORIES]


def retention_runs_recent(*, limit: int = 10) -> list[RetentionRun]:
    return list(RetentionRun.objects.order_by("-started_at", "-id")[:limit])


# --- The person's data download -----------------------------------------------------------------


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def personal_data_sections(user) -> dict:
    """What the inventory holds about ``user`` beyond the account itself, one key per download
    section named in the inventory (``Category.download_section``)."""
    from samordna.core.models import AccessibilityReport, AuditEntry, OutgoingEmail
    from samordna.events.models import Event, Registration
    from samordna.networks.models import Membership
    from samordna.newsletter.models import Delivery, Subscriber
    from samordna.plans.models import PlanContact
    from samordna.strategy.models import Affiliation
    from samordna.support.models import ActorVisit, SupportEngagement
    from samordna.surveys.models import Answer, Response

    email = user.email.lower()
    registrations = (
        Registration.objects.filter(Q(email__iexact=email) | Q(user=user))
        .select_related("event", "organisation", "evaluation")
        .order_by("created_at", "pk")
    )
    subscribers = Subscriber.objects.filter(email__iexact=email).select_related(
        "mailing_list__county"
    )
    emails = [
        message
        for message in OutgoingEmail.objects.filter(to__icontains=email).order_by("created_at")
        if email in [address.lower() for address in message.to]
    ]
    return {
        "password_reset_requests": _password_reset_requests(email),
        "network_memberships": [
            {"network": m.network.name, "role": m.role, "organisation": m.person.organisation.name}
            for m in Membership.objects.filter(person__email__iexact=email).select_related(
                "network", "person__organisation"
            )
        ],
        "event_registrations": [
            {
                "event": r.event.title,
                "start": _iso(r.event.start),
                "name": r.name,
                "email": r.email,
                "organisation": r.organisation_display,
                "status": r.status,
                "answers": r.answers,
                "consent_given": r.consent_given,
                "attended": r.attended,
                "registered": _iso(r.created_at),
                "evaluation_comment": getattr(getattr(r, "evaluation", None), "comment", None),
            }
            for r in registrations
        ],
        "staff_records": {
            "event_contact_for": [
                e.title for e in Event.objects.filter(contact_email__iexact=email)
            ],
            "events_created": [e.title for e in Event.objects.filter(created_by=user)],
            "plan_contact_for": [
                {"plan": c.plan.title, "name": c.name, "role": c.role, "phone": c.phone}
                for c in PlanContact.objects.filter(email__iexact=email).select_related("plan")
            ],
            "affiliation_contact_for": [
                a.strategy.name
                for a in Affiliation.objects.filter(contact_email__iexact=email).select_related(
                    "strategy"
                )
            ],
            "report_exports_requested": _report_exports(user),
        },
        "survey_responses": {
            "submitted": [
                {
                    "survey": str(response.survey),
                    "organisation": response.organisation.name,
                    "submitted": _iso(response.submitted_at),
                }
                for response in Response.objects.filter(submitted_by=user).select_related(
                    "survey", "organisation"
                )
            ],
            "answers_last_saved": Answer.objects.filter(updated_by=user).count(),
        },
        "support_staff": {
            "process_support": [
                engagement.title
                for engagement in SupportEngagement.objects.filter(staff=user).order_by("pk")
            ],
            "actor_visits": [
                f"{visit.organisation.name} {visit.visit_date.isoformat()}"
                for visit in ActorVisit.objects.filter(staff=user).select_related("organisation")
            ],
        },
        "newsletter_subscriptions": [
            {
                "list": s.mailing_list.name,
                "county": s.mailing_list.county.name,
                "email": s.email,
                "name": s.name,
                "organisation": s.organisation,
                "status": s.status,
                "consent": _iso(s.consent_at),
                "confirmed": _iso(s.confirmed_at),
                "unsubscribed": _iso(s.unsubscribed_at),
                "issues_delivered": Delivery.objects.filter(subscriber=s, status="sent").count(),
            }
            for s in subscribers
        ],
        "emails": [
            {
                "subject": message.subject,
                "status": message.status,
                "queued": _iso(message.created_at),
                "sent": _iso(message.sent_at),
            }
            for message in emails
        ],
        "audit_entries": [
            {"at": _iso(entry.created_at), "action": entry.action, "object": entry.object_repr}
            for entry in AuditEntry.objects.filter(actor=user).order_by("-created_at")[:500]
        ],
        "accessibility_reports": [
            {"at": _iso(report.created_at), "page": report.page_url, "text": report.description}
            for report in AccessibilityReport.objects.filter(email__iexact=email)
        ],
    }


def _report_exports(user) -> list[dict]:
    from django.apps import apps

    try:
        model = apps.get_model("reports", "ReportExport")
    except LookupError:
        return []
    return [
        {"report": str(export.report), "format": export.format, "at": _iso(export.created_at)}
        for export in model.objects.filter(requested_by=user)
        .select_related("report__county")
        .order_by("created_at", "pk")
    ]


def _password_reset_requests(email: str) -> list[dict]:
    from django.apps import apps

    try:
        model = apps.get_model("accounts", "PasswordResetRequest")
    except LookupError:
        return []
    return [{"at": _iso(row.created_at)} for row in model.objects.filter(email__iexact=email)[:200]]
