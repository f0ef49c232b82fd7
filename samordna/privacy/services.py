"""Gallring (scheduled deletion and anonymisation of personal data) exactly as the inventory says,
county retention rules, and the newsletter suppression list."""

from collections.abc import Callable, Iterable
from datetime import timedelta

from django.db import transaction
from django.db.models import CharField, F, Q, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from samordna.core.audit import log_action
from samordna.core.errors import ValidationFailed

from .inventory import CATEGORIES, INVENTORY, Category
from .models import RetentionRule, RetentionRun, Suppression

CHUNK = 500
ANONYMISED_REPR = "[anonymiserad]"
# Keys of audit data that may hold free text about a person.
AUDIT_PERSONAL_KEYS = {"reason", "email", "name", "changes", "comment"}


# --- Retention periods ----------------------------------------------------------------------


def retention_rules() -> dict[tuple[str, int | None], int]:
    """Every decided period: (category key, county id or None for all counties) → days."""
    return {
        (rule.category, rule.county_id): rule.days
        for rule in RetentionRule.objects.only("category", "county_id", "days")
    }


def retention_days(
    category: Category, county_id: int | None = None, *, rules: dict | None = None
) -> int | None:
    """The period that applies: the county's own rule, else the rule for all counties, else
    the setting (PRIVACY_RETENTION_DAYS), else the inventory's default. None: no gallring."""
    if not category.is_automatic:
        return None
    rules = retention_rules() if rules is None else rules
    if county_id is not None and category.per_county and (category.key, county_id) in rules:
        return rules[(category.key, county_id)]
    if (category.key, None) in rules:
        return rules[(category.key, None)]
    return category.default_period()


def retention_rule_set(
    *, actor, category_key: str, county=None, days: int, decision: str = ""
) -> RetentionRule:
    """Decide the retention period of a category, for one county or (county None) for all."""
    category = CATEGORIES.get(category_key)
    if category is None or not category.is_automatic:
        raise ValidationFailed(_("This category has no automatic gallring."), field="category")
    if county is not None and not category.per_county:
        raise ValidationFailed(
            _("This category is not kept per county; decide it for all counties."),
            field="county",
        )
    if days < 0:
        raise ValidationFailed(_("The period cannot be negative."), field="days")
    with transaction.atomic():
        rule, _created = RetentionRule.objects.update_or_create(
            category=category_key,
            county=county,
            defaults={"days": days, "decision": decision.strip()[:200]},
        )
        log_action(
            actor=actor,
            action="privacy.retention_rule.set",
            obj=rule,
            county_code=county.code if county is not None else "",
            data={"category": category_key, "days": days},
        )
    return rule


def retention_rule_delete(*, actor, rule: RetentionRule) -> None:
    """Go back to the national default (or the setting) for the rule's category and county."""
    with transaction.atomic():
        county_code = rule.county.code if rule.county_id else ""
        data = {"category": rule.category, "days": rule.days}
        rule.delete()
        log_action(
            actor=actor, action="privacy.retention_rule.deleted", county_code=county_code, data=data
        )


# --- Which rows are due -----------------------------------------------------------------------


def due_rows(category: Category, *, now, rules: dict | None = None) -> QuerySet | None:
    """Rows of the category whose retention period is over (None: nothing is gallrad)."""
    if not category.is_automatic or not category.date_fields:
        return None
    queryset = category.queryset()
    if queryset is None:
        return None
    rules = retention_rules() if rules is None else rules
    fields = [F(name) for name in category.date_fields]
    reference = fields[0] if len(fields) == 1 else Coalesce(*fields)
    queryset = queryset.annotate(retention_reference=reference)
    default = retention_days(category, rules=rules)
    condition = Q(pk__in=[])
    overridden = {}
    if category.per_county:
        overridden = {
            county_id: days
            for (key, county_id), days in rules.items()
            if key == category.key and county_id is not None
        }
        for county_id, days in overridden.items():
            condition |= Q(
                **{category.county_path: county_id},
                retention_reference__lt=now - timedelta(days=days),
            )
    if default is not None:
        others = Q(retention_reference__lt=now - timedelta(days=default))
        if overridden:
            others &= ~Q(**{f"{category.county_path}__in": list(overridden)})
        condition |= others
    return queryset.filter(condition)


# --- What gallring does, per category -----------------------------------------------------------


def _chunks(ids: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def audit_entries_scrub(*, object_type: str, ids: list) -> None:
    """Remove the name (object_repr) and free text from audit entries about erased or gallrade
    rows (the entries themselves, who did what and when, stay). Runs in the caller's
    transaction."""
    from samordna.core.models import AuditEntry

    for chunk in _chunks([str(pk) for pk in ids]):
        entries = list(AuditEntry.objects.filter(object_type=object_type, object_id__in=chunk))
        for entry in entries:
            entry.object_repr = ANONYMISED_REPR
            entry.data = {k: v for k, v in entry.data.items() if k not in AUDIT_PERSONAL_KEYS}
        AuditEntry.objects.bulk_update(entries, ["object_repr", "data"])


def _delete(queryset: QuerySet, *, now) -> int:
    model = queryset.model
    ids = list(queryset.values_list("pk", flat=True))
    for chunk in _chunks(ids):
        model._default_manager.filter(pk__in=chunk).delete()
    return len(ids)


def _anonymise_registrations(queryset: QuerySet, *, now) -> int:
    """Keep event, organisation, municipality, county, status and attendance (the statistics);
    remove everything that identifies the person."""
    from samordna.events.models import Registration, new_token

    ids = list(queryset.values_list("pk", flat=True))
    # The unique constraint on (e-mail, event) needs a distinct placeholder per row.
    placeholder = Concat(
        Value("anonymiserad-"), Cast("pk", CharField()), Value("@anonymiserad.invalid")
    )
    for chunk in _chunks(ids):
        Registration.objects.filter(pk__in=chunk).update(
            name="",
            email=placeholder,
            answers={},
            user=None,
            anonymised_at=now,
            updated_at=now,
        )
        # A fresh random token: links in old e-mails lead nowhere, and none can be guessed.
        Registration.objects.bulk_update(
            [Registration(pk=pk, cancel_token=new_token()) for pk in chunk], ["cancel_token"]
        )
    audit_entries_scrub(object_type="events.registration", ids=ids)
    return len(ids)


def _clear_evaluation_comments(queryset: QuerySet, *, now) -> int:
    from samordna.events.models import EvaluationResponse

    ids = list(queryset.values_list("pk", flat=True))
    for chunk in _chunks(ids):
        EvaluationResponse.objects.filter(pk__in=chunk).update(comment="")
    return len(ids)


def _delete_subscribers(queryset: QuerySet, *, now) -> int:
    from samordna.newsletter.models import Subscriber

    ids = list(queryset.values_list("pk", flat=True))
    for chunk in _chunks(ids):
        Subscriber.objects.filter(pk__in=chunk).delete()
    audit_entries_scrub(object_type="newsletter.subscriber", ids=ids)
    return len(ids)


def _suppress_and_delete_subscribers(queryset: QuerySet, *, now) -> int:
    """Replace each address by a keyed hash on the list's suppression list, then delete it (its
    delivery rows stay, without the link, so the number sent per issue does not change)."""
    rows = list(queryset.values_list("pk", "mailing_list_id", "email"))
    Suppression.objects.bulk_create(
        [
            Suppression(mailing_list_id=list_id, email_hash=Suppression.hash_email(email))
            for _pk, list_id, email in rows
        ],
        ignore_conflicts=True,
        batch_size=CHUNK,
    )
    return _delete_subscribers(
        queryset.model._default_manager.filter(pk__in=[pk for pk, *_rest in rows]), now=now
    )


def _anonymise_deliveries(queryset: QuerySet, *, now) -> int:
    """Keep issue, status and time (the number sent per issue); drop who it went to."""
    from samordna.newsletter.models import Delivery

    ids = list(queryset.values_list("pk", flat=True))
    for chunk in _chunks(ids):
        Delivery.objects.filter(pk__in=chunk).update(subscriber=None, last_error="")
    return len(ids)


def _clear_reporter_email(queryset: QuerySet, *, now) -> int:
    from samordna.core.models import AccessibilityReport

    ids = list(queryset.values_list("pk", flat=True))
    for chunk in _chunks(ids):
        AccessibilityReport.objects.filter(pk__in=chunk).update(email="")
    return len(ids)


def _delete_report_exports(queryset: QuerySet, *, now) -> int:
    """The rows, and their files once the deletion is committed."""
    from samordna.reports.services import report_exports_delete

    return report_exports_delete(queryset)


HANDLERS: dict[str, Callable[..., int]] = {
    "accounts.login_attempt": _delete,
    "accounts.password_reset_request": _delete,
    "events.registration": _anonymise_registrations,
    "events.evaluation": _clear_evaluation_comments,
    "newsletter.unconfirmed": _delete_subscribers,
    "newsletter.unsubscribed": _suppress_and_delete_subscribers,
    "newsletter.delivery": _anonymise_deliveries,
    "core.outgoing_email": _delete,
    "core.audit_entry": _delete,
    "core.accessibility_report": _clear_reporter_email,
    "reports.export": _delete_report_exports,
    "sessions.session": _delete,
}


def _model_available(category: Category) -> bool:
    try:
        return category.model_class() is not None
    except LookupError:
        return False


def retention_run(
    *, actor=None, dry_run: bool = False, trigger: str = RetentionRun.Trigger.COMMAND, now=None
) -> RetentionRun:
    """Run gallring for every category of the inventory. With ``dry_run`` only count what is due.
    Idempotent: a second run finds nothing more to do."""
    now = now or timezone.now()
    run = RetentionRun.objects.create(dry_run=dry_run, trigger=trigger)
    rules = retention_rules()
    counts: dict[str, int] = {}
    for category in INVENTORY:
        if not category.is_automatic or not _model_available(category):
            continue
        with transaction.atomic():
            due = due_rows(category, now=now, rules=rules)
            if due is None:
                continue
            counts[category.key] = due.count() if dry_run else HANDLERS[category.key](due, now=now)
    with transaction.atomic():
        run.counts = counts
        run.finished_at = timezone.now()
        run.save(update_fields=["counts", "finished_at"])
        log_action(
            actor=actor,
            action="privacy.retention.dry_run" if dry_run else "privacy.retention.run",
            obj=run,
            data={"counts": counts},
        )
    return run


# --- Suppression list -----------------------------------------------------------------------


def suppressed_emails(*, mailing_list, emails: Iterable[str]) -> set[str]:
    """Those of ``emails`` (lower-cased) that left ``mailing_list`` and were gallrade."""
    by_hash: dict[str, str] = {}
    for email in emails:
        for digest in Suppression.hashes_for(email):
            by_hash[digest] = email.strip().lower()
    if not by_hash:
        return set()
    found = set()
    for chunk in _chunks(list(by_hash)):
        found.update(
            Suppression.objects.filter(mailing_list=mailing_list, email_hash__in=chunk).values_list(
                "email_hash", flat=True
            )
        )
    return {by_hash[digest] for digest in found}


def suppression_lift(*, mailing_list, email: str) -> int:
    """The person confirmed a new subscription (double opt-in): their suppression ends.
    Called inside the confirming service's transaction, which writes the audit entry."""
    deleted, _detail = Suppression.objects.filter(
        mailing_list=mailing_list, email_hash__in=Suppression.hashes_for(email)
    ).delete()
    return deleted


def suppression_reason() -> str:
    """Why an import skipped an address (shown in the import report)."""
    return _("left the list earlier; only the person can subscribe again")
