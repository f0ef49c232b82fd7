"""Subscribers: double opt-in, confirmation, preferences, unsubscribe, bounce, purge, import and
export. A repeated sign-up never changes a confirmed subscriber, and the caller learns nothing
about whether an address was already on the list."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samordna.core.audit import log_action
from samordna.core.errors import ValidationFailed
from samordna.core.services import email_queue
from samordna.privacy.services import suppressed_emails, suppression_lift, suppression_reason

from .. import tokens
from ..models import MailingList, Subscriber
from ..rendering import absolute

# A second sign-up within this time does not send another confirmation (no mail-bombing).
RESEND_AFTER = timedelta(minutes=10)


def mailing_list_main(*, county) -> MailingList:
    """The county's main list, created on first use."""
    mailing_list = MailingList.objects.filter(county=county, is_main=True).first()
    if mailing_list is None:
        with transaction.atomic():
            mailing_list, _created = MailingList.objects.get_or_create(
                county=county,
                is_main=True,
                defaults={"name": _("Newsletter")[:150]},
            )
    return mailing_list


def mailing_list_for_signup(*, county_code: str, list_id: int | None = None) -> MailingList:
    """The list a public sign-up goes to: the county's main list or one of its topic lists."""
    from samordna.organisations.models import County

    county = County.objects.filter(code=county_code).first()
    if county is None:
        raise ValidationFailed(
            _("Unknown county code %(code)s.") % {"code": county_code}, field="county"
        )
    if list_id is None:
        return mailing_list_main(county=county)
    mailing_list = MailingList.objects.filter(county=county, pk=list_id).first()
    if mailing_list is None:
        raise ValidationFailed(_("The county has no such list."), field="list_id")
    return mailing_list


def signup_accepted_message() -> str:
    """The one answer to every sign-up, whether or not the address was known."""
    return _("Check your e-mail to confirm the subscription.")


def mailing_list_create(*, actor, county, name: str, description: str = "") -> MailingList:
    """Add a topic list to a county."""
    name = name.strip()
    if not name:
        raise ValidationFailed(_("Give the list a name."), field="name")
    if MailingList.objects.filter(county=county, name__iexact=name).exists():
        raise ValidationFailed(_("The county already has a list with that name."), field="name")
    with transaction.atomic():
        mailing_list = MailingList.objects.create(
            county=county, name=name, description=description.strip()
        )
        log_action(
            actor=actor,
            action="newsletter.list.created",
            obj=mailing_list,
            county_code=county.code,
        )
    return mailing_list


def normalise_email(email: str) -> str:
    email = (email or "").strip()
    local, _sep, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}" if local else email


def subscriber_subscribe(
    *,
    mailing_list: MailingList,
    email: str,
    name: str = "",
    organisation: str = "",
    source: str = Subscriber.Source.FORM,
    actor=None,
) -> None:
    """Sign an address up for a list (double opt-in): a confirmation link is e-mailed.

    Returns nothing on purpose: the response must not reveal whether the address was known.
    """
    email = normalise_email(email)
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationFailed(_("Enter a valid e-mail address."), field="email") from exc
    now = timezone.now()
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update()
            .filter(mailing_list=mailing_list, email__iexact=email)
            .first()
        )
        if subscriber is None:
            subscriber = Subscriber.objects.create(
                mailing_list=mailing_list,
                email=email,
                name=name.strip()[:150],
                organisation=organisation.strip()[:200],
                source=source,
                status=Subscriber.Status.UNCONFIRMED,
                confirmation_sent_at=now,
            )
            log_action(
                actor=actor,
                action="newsletter.subscriber.signed_up",
                obj=subscriber,
                county_code=mailing_list.county.code,
                data={"source": source},
            )
            _send_confirmation(subscriber)
            return
        if subscriber.status == Subscriber.Status.CONFIRMED:
            # Already subscribed: change nothing (a stranger must not alter or reset it).
            return
        if subscriber.confirmation_sent_at and now - subscriber.confirmation_sent_at < RESEND_AFTER:
            return
        if subscriber.status == Subscriber.Status.UNCONFIRMED:
            subscriber.name = name.strip()[:150] or subscriber.name
            subscriber.organisation = organisation.strip()[:200] or subscriber.organisation
        subscriber.confirmation_sent_at = now
        subscriber.save(
            update_fields=["name", "organisation", "confirmation_sent_at", "updated_at"]
        )
        log_action(
            actor=actor,
            action="newsletter.subscriber.confirmation_resent",
            obj=subscriber,
            county_code=mailing_list.county.code,
        )
        # An unsubscribed or bounced address stays so until the owner confirms again.
        _send_confirmation(subscriber)


def _send_confirmation(subscriber: Subscriber) -> None:
    county = subscriber.mailing_list.county
    with translation.override("sv"):
        context = {
            "subscriber": subscriber,
            "county": county,
            "mailing_list": subscriber.mailing_list,
            "confirm_url": absolute(
                reverse("newsletter:confirm", args=[tokens.make_confirm_token(subscriber)])
            ),
            "privacy_url": absolute(reverse("newsletter:privacy")),
            "days": tokens.confirm_days(),
        }
        email_queue(
            to=[subscriber.email],
            subject=_("Confirm your subscription to the newsletter from %(board)s")
            % {"board": county.board_name},
            body_text=render_to_string("newsletter/email/confirm.txt", context),
        )


def subscriber_confirm(*, subscriber: Subscriber, actor=None) -> Subscriber:
    """The owner of the address clicked the confirmation link: the consent is recorded now."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return subscriber
        now = timezone.now()
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = now
        subscriber.consent_at = now
        subscriber.unsubscribed_at = None
        subscriber.bounced_at = None
        subscriber.save()
        # The owner confirmed anew (double opt-in): a suppression from gallring no longer applies.
        suppression_lift(mailing_list=subscriber.mailing_list, email=subscriber.email)
        log_action(
            actor=actor,
            action="newsletter.subscriber.confirmed",
            obj=subscriber,
            county_code=subscriber.mailing_list.county.code,
        )
    return subscriber


def subscriber_update_preferences(
    *, subscriber: Subscriber, name: str, organisation: str, actor=None
) -> Subscriber:
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status != Subscriber.Status.CONFIRMED:
            raise ValidationFailed(_("This subscription is not active."))
        subscriber.name = name.strip()[:150]
        subscriber.organisation = organisation.strip()[:200]
        subscriber.save(update_fields=["name", "organisation", "updated_at"])
        log_action(
            actor=actor,
            action="newsletter.subscriber.preferences_changed",
            obj=subscriber,
            county_code=subscriber.mailing_list.county.code,
        )
    return subscriber


def subscriber_unsubscribe(*, subscriber: Subscriber, actor=None, via: str = "link") -> Subscriber:
    """Stop sending to the address. Only what is needed to never send again is kept."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            return subscriber
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.name = ""
        subscriber.organisation = ""
        subscriber.consent_at = None
        subscriber.confirmed_at = None
        subscriber.save()
        log_action(
            actor=actor,
            action="newsletter.subscriber.unsubscribed",
            obj=subscriber,
            county_code=subscriber.mailing_list.county.code,
            data={"via": via},
        )
    return subscriber


def subscriber_mark_bounced(*, subscriber_id: int, reason: str) -> None:
    """A hard bounce (SMTP 5xx): never send to the address again until it is confirmed anew."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=subscriber_id).first()
        if subscriber is None or subscriber.status != Subscriber.Status.CONFIRMED:
            return
        subscriber.status = Subscriber.Status.BOUNCED
        subscriber.bounced_at = timezone.now()
        subscriber.save(update_fields=["status", "bounced_at", "updated_at"])
        log_action(
            actor=None,
            action="newsletter.subscriber.bounced",
            obj=subscriber,
            data={"reason": reason[:200]},
        )


def subscriber_purge_unconfirmed(*, older_than_days: int | None = None) -> int:
    """Delete sign-ups never confirmed within the confirmation period. Returns how many."""
    days = older_than_days if older_than_days is not None else tokens.confirm_days()
    cutoff = timezone.now() - timedelta(days=days)
    with transaction.atomic():
        stale = Subscriber.objects.filter(
            status=Subscriber.Status.UNCONFIRMED,
            confirmed_at__isnull=True,
            created_at__lt=cutoff,
        )
        count = stale.count()
        if count:
            stale.delete()
            log_action(
                actor=None,
                action="newsletter.subscriber.unconfirmed_purged",
                data={"count": count, "older_than_days": days},
            )
    return count


# --- Import and export -------------------------------------------------------------------------

HEADER_ALIASES = {
    "email": {"email", "e-mail", "e-post", "epost", "mail", "e-postadress"},
    "name": {"name", "namn"},
    "organisation": {"organisation", "organization", "organisation/företag"},
    "consent_date": {
        "consent_date",
        "consent date",
        "consent",
        "samtycke",
        "samtyckesdatum",
        "datum för samtycke",
    },
}


@dataclass
class ImportReport:
    valid: list[dict] = field(default_factory=list)
    invalid: list[dict] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    existing: list[dict] = field(default_factory=list)
    created: int = 0
    dry_run: bool = True


def read_table(*, filename: str, content: bytes) -> list[list[str]]:
    """Rows of a CSV (comma or semicolon, UTF-8) or XLSX file, as strings."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - any broken file is a user error
            raise ValidationFailed(_("The file could not be read as XLSX."), field="file") from exc
        sheet = workbook.worksheets[0]
        return [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationFailed(_("The CSV file must be saved as UTF-8."), field="file") from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _parse_date(value: str) -> date | None:
    value = value.strip()
    for pattern in ("%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, pattern).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    return None


def subscriber_import(
    *, actor, mailing_list: MailingList, rows: list[list[str]], dry_run: bool = True
) -> ImportReport:
    """Import an existing list. Every row needs a valid address and the date of consent; rows
    with errors, duplicates in the file and addresses already on the list are reported and
    skipped (an unsubscribed address is never re-added). With ``dry_run`` nothing is stored."""
    report = ImportReport(dry_run=dry_run)
    if not rows:
        raise ValidationFailed(_("The file is empty."), field="file")
    header = [cell.strip().lower() for cell in rows[0]]
    columns = {}
    for key, aliases in HEADER_ALIASES.items():
        for index, title in enumerate(header):
            if title in aliases:
                columns[key] = index
                break
    missing = [key for key in ("email", "consent_date") if key not in columns]
    if missing:
        raise ValidationFailed(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(missing)},
            field="file",
        )
    seen: set[str] = set()
    existing = {
        email.lower()
        for email in Subscriber.objects.filter(mailing_list=mailing_list).values_list(
            "email", flat=True
        )
    }
    today = timezone.localdate()
    suppressed = suppressed_emails(
        mailing_list=mailing_list,
        emails=[row[columns["email"]] for row in rows[1:] if columns["email"] < len(row)],
    )
    for line_number, row in enumerate(rows[1:], start=2):

        def value(key, row=row):
            index = columns.get(key)
            return row[index].strip() if index is not None and index < len(row) else ""

        if not any(cell.strip() for cell in row):
            continue
        email = normalise_email(value("email"))
        entry = {"line": line_number, "email": email}
        try:
            validate_email(email)
        except ValidationError:
            report.invalid.append({**entry, "reason": _("not a valid e-mail address")})
            continue
        consent = _parse_date(value("consent_date"))
        if consent is None:
            report.invalid.append({**entry, "reason": _("missing or unreadable consent date")})
            continue
        if consent > today:
            report.invalid.append({**entry, "reason": _("consent date is in the future")})
            continue
        key = email.lower()
        if key in seen:
            report.duplicates.append(entry)
            continue
        seen.add(key)
        if key in existing:
            report.existing.append(entry)
            continue
        if key in suppressed:
            # Left the list earlier (gallrad to a hashed suppression entry): never re-imported.
            report.invalid.append({**entry, "reason": suppression_reason()})
            continue
        report.valid.append(
            {
                **entry,
                "name": value("name")[:150],
                "organisation": value("organisation")[:200],
                "consent_date": consent,
            }
        )
    if dry_run:
        return report
    tz = timezone.get_current_timezone()
    with transaction.atomic():
        now = timezone.now()
        Subscriber.objects.bulk_create(
            [
                Subscriber(
                    mailing_list=mailing_list,
                    email=row["email"],
                    name=row["name"],
                    organisation=row["organisation"],
                    status=Subscriber.Status.CONFIRMED,
                    source=Subscriber.Source.IMPORT,
                    consent_at=datetime.combine(row["consent_date"], datetime.min.time(), tz),
                    confirmed_at=now,
                )
                for row in report.valid
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )
        report.created = len(report.valid)
        log_action(
            actor=actor,
            action="newsletter.subscriber.imported",
            obj=mailing_list,
            county_code=mailing_list.county.code,
            data={
                "created": report.created,
                "invalid": len(report.invalid),
                "duplicates": len(report.duplicates),
                "existing": len(report.existing),
            },
        )
    return report


EXPORT_COLUMNS = [
    "email",
    "name",
    "organisation",
    "status",
    "source",
    "consent_date",
    "confirmed_at",
]


def subscribers_export_csv(*, actor, mailing_list: MailingList) -> str:
    """The list as CSV (UTF-8 with BOM so that spreadsheet programs read å, ä, ö)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_COLUMNS)
    for subscriber in mailing_list.subscribers.order_by("email").iterator(chunk_size=2000):
        writer.writerow(
            [
                _safe_cell(subscriber.email),
                _safe_cell(subscriber.name),
                _safe_cell(subscriber.organisation),
                subscriber.status,
                subscriber.source,
                timezone.localdate(subscriber.consent_at).isoformat()
                if subscriber.consent_at
                else "",
                timezone.localtime(subscriber.confirmed_at).isoformat(timespec="seconds")
                if subscriber.confirmed_at
                else "",
            ]
        )
    log_action(
        actor=actor,
        action="newsletter.subscriber.exported",
        obj=mailing_list,
        county_code=mailing_list.county.code,
    )
    return buffer.getvalue()


def _safe_cell(value: str) -> str:
    """Neutralise spreadsheet formulas in exported text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def unconfirmed_expiry_days() -> int:
    return getattr(settings, "NEWSLETTER_CONFIRM_DAYS", 7)
