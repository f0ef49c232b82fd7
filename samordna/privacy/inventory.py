"""The inventory of personal data (the basis of the record of processing, registerförteckning).

Every kind of personal data Samordna stores is listed here explicitly: the models and fields, why
it is kept, on what legal basis, about whom, whether it is an official record (allmän handling,
kept or gallrad under the Archives Act) or working material (arbetsmaterial), for how long, and
what the gallring job (``run_retention``) does when the period is over. ``uncovered_fields``
finds model fields that look personal but are in no category, so a new model cannot slip past
(``tests/privacy/test_inventory.py``).
"""

import re
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Classification(models.TextChoices):
    OFFICIAL_RECORD = "official_record", _("Official record (allmän handling)")
    WORKING_MATERIAL = "working_material", _("Working material (arbetsmaterial)")


class Action(models.TextChoices):
    DELETE = "delete", _("Delete")
    ANONYMISE = "anonymise", _("Anonymise")
    KEEP = "keep", _("Keep")


@dataclass(frozen=True)
class Category:
    key: str
    title: Promise
    # The personal data in words (the fields below in the record of processing's language).
    data: Promise
    # (model label, field names) pairs: every personal field of every model in the category.
    fields: tuple[tuple[str, tuple[str, ...]], ...]
    purpose: Promise
    legal_basis: Promise
    subjects: Promise
    classification: str
    action: str
    # When the period starts, or for "keep" how long the data stays.
    retention: Promise
    gallring: Promise
    default_days: int | None = None
    # The rows the category counts and (unless "keep") gallrar: a model and a filter on it.
    model: str | None = None
    scope: Q = field(default_factory=Q)
    # Reference date of a row (first non-empty of these); the period runs from it.
    date_fields: tuple[str, ...] = ()
    # Path from ``model`` to its county (a County, or its code when ``county_by_code``).
    county_path: str | None = None
    county_by_code: bool = False
    # Key of the section in the person's data download (/konto/mina-uppgifter/), or None with
    # ``download_note`` saying why the category cannot be tied to a logged-in person.
    download_section: str | None = None
    download_note: Promise | None = None

    @property
    def classification_label(self) -> str:
        return Classification(self.classification).label

    @property
    def action_label(self) -> str:
        return Action(self.action).label

    @property
    def is_automatic(self) -> bool:
        return self.action != Action.KEEP

    @property
    def per_county(self) -> bool:
        """Each county board may decide its own period (only where rows belong to a county)."""
        return self.is_automatic and self.county_path is not None and not self.county_by_code

    def default_period(self) -> int | None:
        configured = getattr(settings, "PRIVACY_RETENTION_DAYS", {})
        return configured.get(self.key, self.default_days)

    def model_class(self):
        return apps.get_model(self.model) if self.model else None

    def queryset(self):
        model = self.model_class()
        return model._default_manager.filter(self.scope) if model is not None else None

    def for_county(self, queryset, county):
        if self.county_path is None:
            return queryset.none()
        value = county.code if self.county_by_code else county.pk
        return queryset.filter(**{self.county_path: value})


PUBLIC_TASK = _(
    "Public task (GDPR art. 6.1 e): the county board's coordination assignment against men's "
    "violence against women"
)
CONSENT = _("Consent (GDPR art. 6.1 a), given through double opt-in or documented at import")
ARCHIVES = _(
    "Legal obligation (GDPR art. 6.1 c): the Archives Act (1990:782) and the Public Access to "
    "Information and Secrecy Act (2009:400)"
)
SECURITY = _("Public task and security of processing (GDPR art. 6.1 e and art. 32)")
OBJECTION = _(
    "Public task (GDPR art. 6.1 e): respecting the person's wish not to receive the newsletter "
    "(GDPR art. 17 and 21)"
)

USERS = _("Everyone with an account: county staff, national users, contacts and participants")
STAFF = _("County board staff")
PROFESSIONALS = _("Professionals at municipalities, regions, agencies and organisations")
PARTICIPANTS = _("People who register for events")
SUBSCRIBERS = _("Newsletter subscribers")
ANYONE = _("Anyone who uses the service")
RECIPIENTS = _("Recipients of e-mail from the service")

KEPT_WHILE_ACTIVE = _("As long as it is in use; removed by county staff when no longer needed")
KEPT_AS_RECORD = _("Kept with the record it belongs to (archived under the Archives Act)")
NO_GALLRING = _("No automatic gallring")

INVENTORY: tuple[Category, ...] = (
    Category(
        key="accounts.user",
        title=_("User accounts"),
        data=_("E-mail address, name, password hash, last log-in, roles, two-factor devices"),
        fields=(
            ("accounts.User", ("email", "full_name", "password", "last_login", "date_joined")),
            ("accounts.RoleAssignment", ("user",)),
            ("accounts.ApiToken", ("user", "last_used_at")),
            ("otp_totp.TOTPDevice", ("user",)),
            ("otp_static.StaticDevice", ("user",)),
        ),
        purpose=_("Log in, roles and permissions per county and organisation, API access"),
        legal_basis=PUBLIC_TASK,
        subjects=USERS,
        classification=Classification.WORKING_MATERIAL,
        action=Action.KEEP,
        retention=_("As long as the account is in use; deactivated by a county admin"),
        gallring=NO_GALLRING,
        model="accounts.User",
        download_section="account",
    ),
    Category(
        key="accounts.login_attempt",
        title=_("Log-in attempts"),
        data=_("E-mail address as typed, IP address, time, outcome"),
        fields=(("accounts.LoginAttempt", ("email", "ip_address")),),
        purpose=_("Limit password guessing and trace misuse (security log)"),
        legal_basis=SECURITY,
        subjects=ANYONE,
        classification=Classification.WORKING_MATERIAL,
        action=Action.DELETE,
        retention=_("after the attempt"),
        gallring=_("The attempt is deleted"),
        default_days=90,
        model="accounts.LoginAttempt",
        date_fields=("created_at",),
        download_section="login_attempts",
    ),
    Category(
        key="accounts.password_reset_request",
        title=_("Password-reset requests"),
        data=_("E-mail address as typed, IP address, time"),
        fields=(("accounts.PasswordResetRequest", ("email", "ip_address")),),
        purpose=_("Limit how many password-reset e-mails are sent (no mail-bombing)"),
        legal_basis=SECURITY,
        subjects=ANYONE,
        classification=Classification.WORKING_MATERIAL,
        action=Action.DELETE,
        retention=_("after the request"),
        gallring=_("The request is deleted"),
        default_days=30,
        model="accounts.PasswordResetRequest",
        date_fields=("created_at",),
        download_section="password_reset_requests",
    ),
    Category(
        key="organisations.person",
        title=_("People at organisations"),
        data=_("Name, e-mail address, organisation, title, target group"),
        fields=(("organisations.Person", ("name", "email", "title", "target_group", "user")),),
        purpose=_("Invite professionals, register them for events and follow up the work"),
        legal_basis=PUBLIC_TASK,
        subjects=PROFESSIONALS,
        classification=Classification.WORKING_MATERIAL,
        action=Action.KEEP,
        retention=KEPT_WHILE_ACTIVE,
        gallring=_("Erased by county staff (Remove person, on the person's page)"),
        model="organisations.Person",
        county_path="organisation__county",
        download_section="person_records",
    ),
    Category(
        key="networks.membership",
        title=_("Members of networks and groups"),
        data=_("Membership and role in a group"),
        fields=(("networks.Membership", ("person",)),),
        purpose=_("Who belongs to steering groups, networks and working groups"),
        legal_basis=PUBLIC_TASK,
        subjects=PROFESSIONALS,
        classification=Classification.WORKING_MATERIAL,
        action=Action.KEEP,
        retention=_("As long as the person is a member"),
        gallring=_("Removed when the person leaves the group or is erased"),
        model="networks.Membership",
        scope=Q(person__isnull=False),
        county_path="network__county",
        download_section="network_memberships",
    ),
    Category(
        key="events.registration",
        title=_("Event registrations"),
        data=_(
            "Name, e-mail address, organisation, answers to the event's questions, consent, "
            "attendance"
        ),
        fields=(
            (
                "events.Registration",
                ("name", "email", "organisation_name", "answers", "user", "cancel_token"),
            ),
        ),
        purpose=_("Run events: seats, waiting list, e-mails, attendance and certificates"),
        legal_basis=PUBLIC_TASK,
        subjects=PARTICIPANTS,
        classification=Classification.OFFICIAL_RECORD,
        action=Action.ANONYMISE,
        retention=_("after the event ended"),
        gallring=_(
            "Name, e-mail, answers and the account link are removed; event, organisation, "
            "municipality, county, status and attendance stay, so statistics do not change"
        ),
        default_days=365,
        model="events.Registration",
        scope=Q(anonymised_at__isnull=True),
        date_fields=("event__end",),
        county_path="event__county",
        download_section="event_registrations",
    ),
    Category(
        key="events.evaluation",
        title=_("Event evaluations"),
        data=_("Ratings and a free-text comment"),
        fields=(("events.EvaluationResponse", ("registration", "comment")),),
        purpose=_("Follow up and improve events"),
        legal_basis=PUBLIC_TASK,
        subjects=PARTICIPANTS,
        classification=Classification.OFFICIAL_RECORD,
        action=Action.ANONYMISE,
        retention=_("after the event ended"),
        gallring=_("The free-text comment is removed; the ratings stay"),
        default_days=365,
        model="events.EvaluationResponse",
        scope=~Q(comment=""),
        date_fields=("event__end",),
        county_path="event__county",
        download_section="event_registrations",
    ),
    Category(
        key="events.event_contact",
        title=_("Contact persons of events"),
        data=_("Name, e-mail address and phone number of the contact person"),
        fields=(("events.Event", ("contact_name", "contact_email", "contact_phone")),),
        purpose=_("Tell participants whom to ask about an event"),
        legal_basis=PUBLIC_TASK,
        subjects=STAFF,
        classification=Classification.OFFICIAL_RECORD,
        action=Action.KEEP,
        retention=KEPT_AS_RECORD,
        gallring=NO_GALLRING,
        model="events.Event",
        scope=~Q(contact_name="") | ~Q(contact_email=""),
        county_path="county",
        download_section="staff_records",
    ),
    Category(
        key="plans.contact",
        title=_("Contact persons in plans and strategies"),
        data=_("Name, role, e-mail address and phone number"),
        fields=(
            ("plans.PlanContact", ("name", "role", "email", "phone")),
            ("strategy.Affiliation", ("contact_name", "contact_email")),
        ),
        purpose=_("Contact persons printed in action plans and declarations of intent"),
        legal_basis=PUBLIC_TASK,
        subjects=PROFESSIONALS,
        classification=Classification.OFFICIAL_RECORD,
        action=Action.KEEP,
        retention=KEPT_AS_RECORD,
        gallring=NO_GALLRING,
        model="plans.PlanContact",
        county_path="plan__county",
        download_section="staff_records",
    ),
    Category(
        key="staff.authorship",
        title=_("Who created or recorded something"),
        data=_("Which account created, uploaded or recorded an item"),
        fields=(
            ("events.Event", ("created_by",)),
            ("newsletter.Issue", ("created_by",)),
            ("knowledge.KnowledgeItem", ("created_by",)),
            ("campaigns.Campaign", ("created_by",)),
            ("campaigns.CampaignSpread", ("marked_by",)),
            ("plans.IntroductionCourse", ("recorded_by",)),
            ("networks.NetworkDocument", ("uploaded_by",)),
            ("coverage.CoverageRecord", ("recorded_by",)),
            ("reports.AnnualReport", ("created_by", "submitted_by", "approved_by")),
        ),
        purpose=_("Show who is responsible for published material and recorded facts"),
        legal_basis=ARCHIVES,
        subjects=USERS,
        classification=Classification.OFFICIAL_RECORD,
        action=Action.KEEP,
        retention=KEPT_AS_RECORD,
        gallring=NO_GALLRING,
        download_section="staff_records",
    ),
    Category(
        key="reports.export",
        title=_("Files exported from annual reports"),
        data=_(
            "Which account asked for a Word, PDF or Excel file of an annual report, and the file"
        ),
        fields=(("reports.ReportExport", ("requested_by",)),),
        purpose=_("Make the report's files in the background and let staff download them"),
        legal_basis=PUBLIC_TASK,
        subjects=_("County board staff and national users"),
        classification=Classification.WORKING_MATERIAL,
        action=Action.DELETE,
        retention=_("after the file was requested"),
        gallring=_(
            "The file and its row are deleted; the audit log keeps who exported which report "
            "for as long as audit entries are kept"
        ),
        default_days=30,
        model="reports.ReportExport",
        date_fields=("created_at",),
        county_path="report__county",
        download_section="staff_records",
    ),
    Category(
        key="surveys.respondent",
        title=_("Respondents of the mapping survey"),
        data=_("Which account submitted or last saved an answer"),
        fields=(
            ("surveys.Response", ("submitted_by",)),
            ("surveys.Answer", ("updated_by",)),
        ),
        purpose=_("Know who submitted an organisation's answers, for questions and corrections"),
        legal_basis=ARCHIVES,
        subjects=PROFESSIONALS,
        classification=Classification.OFFICIAL_RECORD,
        action=Action.KEEP,
        retention=KEPT_AS_RECORD,
        gallring=NO_GALLRING,
        model="surveys.Response",
        scope=Q(submitted_by__isnull=False),
        county_path="survey__county",
        download_section="survey_responses",
    ),
    Category(
        key="support.staff_notes",
        title=_("Process support and actor visits"),
        data=_("Responsible staff, notes, professional roles of participants"),
        fields=(
            ("support.SupportEngagement", ("staff", "notes", "follow_up")),
            ("support.ActorVisit", ("staff", "participants", "notes")),
        ),
        purpose=_("Plan and document support to the county's actors"),
        legal_basis=ARCHIVES,
        subjects=_("County board staff; professional roles at the visited organisation"),
        classification=Classification.OFFICIAL_RECORD,
        action=Action.KEEP,
        retention=KEPT_AS_RECORD,
        gallring=NO_GALLRING,
        model="support.ActorVisit",
        county_path="county",
        download_section="support_staff",
    ),
    Category(
        key="newsletter.subscriber",
        title=_("Newsletter subscribers"),
        data=_("E-mail address, name, organisation, time of consent"),
        fields=(("newsletter.Subscriber", ("email", "name", "organisation", "consent_at")),),
        purpose=_("Send the county's newsletter to those who asked for it"),
        legal_basis=CONSENT,
        subjects=SUBSCRIBERS,
        classification=Classification.WORKING_MATERIAL,
        action=Action.KEEP,
        retention=_("As long as the subscription is active"),
        gallring=_("Ends with unsubscribing (see below)"),
        model="newsletter.Subscriber",
        scope=Q(status="confirmed"),
        county_path="mailing_list__county",
        download_section="newsletter_subscriptions",
    ),
    Category(
        key="newsletter.unconfirmed",
        title=_("Unconfirmed newsletter sign-ups"),
        data=_("E-mail address, name, organisation"),
        fields=(("newsletter.Subscriber", ("email", "name", "organisation")),),
        purpose=_("Wait for the owner of the address to confirm the sign-up"),
        legal_basis=CONSENT,
        subjects=SUBSCRIBERS,
        classification=Classification.WORKING_MATERIAL,
        action=Action.DELETE,
        retention=_("after the sign-up"),
        gallring=_("The sign-up is deleted"),
        default_days=7,
        model="newsletter.Subscriber",
        scope=Q(status="unconfirmed"),
        date_fields=("created_at",),
        county_path="mailing_list__county",
        download_section="newsletter_subscriptions",
    ),
    Category(
        key="newsletter.unsubscribed",
        title=_("Unsubscribed and bounced addresses"),
        data=_("E-mail address and when it left the list"),
        fields=(("newsletter.Subscriber", ("email",)),),
        purpose=_("Never send to an address that left the list"),
        legal_basis=OBJECTION,
        subjects=SUBSCRIBERS,
        classification=Classification.WORKING_MATERIAL,
        action=Action.DELETE,
        retention=_("after unsubscribing or bouncing"),
        gallring=_(
            "The address is deleted; only a keyed hash stays on the suppression list, so an "
            "import skips it"
        ),
        default_days=30,
        model="newsletter.Subscriber",
        scope=Q(status__in=["unsubscribed", "bounced"]),
        date_fields=("unsubscribed_at", "bounced_at", "updated_at"),
        county_path="mailing_list__county",
        download_section="newsletter_subscriptions",
    ),
    Category(
        key="newsletter.suppression",
        title=_("Newsletter suppression list"),
        data=_("Keyed hash (HMAC-SHA256) of the e-mail address"),
        fields=(("privacy.Suppression", ("email_hash",)),),
        purpose=_("Skip addresses that left a list when a list is imported again"),
        legal_basis=OBJECTION,
        subjects=SUBSCRIBERS,
        classification=Classification.WORKING_MATERIAL,
        action=Action.KEEP,
        retention=_("Until the person subscribes again (a keyed hash, not the address)"),
        gallring=_("Removed when the person confirms a new subscription"),
        model="privacy.Suppression",
        county_path="mailing_list__county",
        download_note=_("Only a keyed hash is stored; it cannot be shown as an address"),
    ),
    Category(
        key="newsletter.delivery",
        title=_("Newsletter delivery log"),
        data=_("Which subscriber got which issue, delivery errors"),
        fields=(("newsletter.Delivery", ("subscriber", "last_error")),),
        purpose=_("Send each issue once to every subscriber and resume after interruptions"),
        legal_basis=CONSENT,
        subjects=SUBSCRIBERS,
        classification=Classification.WORKING_MATERIAL,
        action=Action.ANONYMISE,
        retention=_("after the issue was sent"),
        gallring=_(
            "The link to the subscriber and delivery errors are removed; the number sent per "
            "issue stays"
        ),
        default_days=365,
        model="newsletter.Delivery",
        scope=Q(issue__status="sent", subscriber__isnull=False),
        date_fields=("issue__finished_at", "sent_at"),
        county_path="issue__county",
        download_section="newsletter_subscriptions",
    ),
    Category(
        key="core.outgoing_email",
        title=_("Sent e-mail (outbox)"),
        data=_("Recipient, subject, text and attachments of e-mail"),
        fields=(
            (
                "core.OutgoingEmail",
                ("to", "subject", "body_text", "body_html", "headers", "attachments"),
            ),
        ),
        purpose=_("Deliver e-mail reliably, with retries when the mail server is down"),
        legal_basis=PUBLIC_TASK,
        subjects=RECIPIENTS,
        classification=Classification.WORKING_MATERIAL,
        action=Action.DELETE,
        retention=_("after sending (or queueing, if it failed)"),
        gallring=_("The e-mail, its body and attachments are deleted; queued e-mail is never"),
        default_days=90,
        model="core.OutgoingEmail",
        scope=Q(status__in=["sent", "failed"]),
        date_fields=("sent_at", "created_at"),
        download_section="emails",
    ),
    Category(
        key="core.audit_entry",
        title=_("Audit log"),
        data=_("Account that made a change, what was changed"),
        fields=(("core.AuditEntry", ("actor", "object_repr", "data")),),
        purpose=_("Trace who changed what and when"),
        legal_basis=SECURITY,
        subjects=USERS,
        classification=Classification.OFFICIAL_RECORD,
        action=Action.DELETE,
        retention=_("after the change"),
        gallring=_(
            "The entry is deleted; entries about anonymised registrations lose the name at once"
        ),
        default_days=3 * 365,
        model="core.AuditEntry",
        date_fields=("created_at",),
        county_path="county_code",
        county_by_code=True,
        download_section="audit_entries",
    ),
    Category(
        key="core.accessibility_report",
        title=_("Reports of accessibility problems"),
        data=_("The reporter's e-mail address and description"),
        fields=(("core.AccessibilityReport", ("email", "description")),),
        purpose=_("Handle reports of accessibility problems and answer the reporter"),
        legal_basis=_(
            "Legal obligation (GDPR art. 6.1 c): the Act on accessibility to digital "
            "public services (2018:1937)"
        ),
        subjects=ANYONE,
        classification=Classification.OFFICIAL_RECORD,
        action=Action.ANONYMISE,
        retention=_("after the report"),
        gallring=_("The reporter's e-mail address is removed; the report stays"),
        default_days=365,
        model="core.AccessibilityReport",
        scope=~Q(email=""),
        date_fields=("created_at",),
        download_section="accessibility_reports",
    ),
    Category(
        key="sessions.session",
        title=_("Log-in sessions"),
        data=_("Session key and log-in state"),
        fields=(("sessions.Session", ("session_data",)),),
        purpose=_("Keep a person logged in"),
        legal_basis=SECURITY,
        subjects=USERS,
        classification=Classification.WORKING_MATERIAL,
        action=Action.DELETE,
        retention=_("after the session expired"),
        gallring=_("The expired session is deleted"),
        default_days=0,
        model="sessions.Session",
        date_fields=("expire_date",),
        download_note=_("Technical data of the current log-in only"),
    ),
)

CATEGORIES = {category.key: category for category in INVENTORY}


def category_get(key: str) -> Category:
    return CATEGORIES[key]


# --- Completeness -------------------------------------------------------------------------------

# Field names that suggest personal data (whole words of the snake_case name).
PERSONAL_NAME = re.compile(
    r"(^|_)(e?mail|name|full_name|phone|ip|address|to|participants|comment|person|user)"
    r"($|_)"
)
PERSONAL_TYPES = (models.EmailField, models.GenericIPAddressField)
PERSONAL_TARGETS = {"accounts.user", "organisations.person"}

# Fields that look personal but are not: names of places, organisations and things.
NOT_PERSONAL = {
    "accounts.ApiToken.name": "a label the user gives a token",
    "organisations.County.name": "a county",
    "organisations.County.board_name": "a county board",
    "organisations.Municipality.name": "a municipality",
    "organisations.Organisation.name": "an organisation",
    "organisations.Organisation.email": "an organisation's functional address",
    "organisations.Organisation.phone": "an organisation's switchboard",
    "events.Event.address": "where the event takes place",
    "newsletter.MailingList.name": "a list",
    "newsletter.Issue.email_html": "the issue as sent (the same for every recipient)",
    "newsletter.Issue.email_text": "the issue as sent (the same for every recipient)",
    "support.Need.forward_to_national": "a yes/no flag",
    "networks.Network.name": "a group",
    "plans.Area.name": "an area of a plan",
    "strategy.Strategy.name": "a strategy",
    "surveys.Indicator.name": "an indicator",
    "knowledge.KnowledgeItem.file_name": "an uploaded file",
    "coverage.CoverageItem.name": "a coverage goal",
}


def looks_personal(model_field) -> bool:
    if isinstance(model_field, PERSONAL_TYPES):
        return True
    if model_field.is_relation and model_field.related_model is not None:
        return model_field.related_model._meta.label_lower in PERSONAL_TARGETS
    return bool(PERSONAL_NAME.search(model_field.name))


def covered_fields() -> set[str]:
    return {
        f"{label}.{name}"
        for category in INVENTORY
        for label, names in category.fields
        for name in names
    }


def uncovered_fields() -> list[str]:
    """Fields of Samordna's models that look personal and are in no category nor allowed."""
    covered = covered_fields()
    missing = []
    for config in apps.get_app_configs():
        if not config.name.startswith("samordna."):
            continue
        for model in config.get_models():
            label = model._meta.label
            for model_field in [*model._meta.fields, *model._meta.many_to_many]:
                if model_field.primary_key:
                    continue
                key = f"{label}.{model_field.name}"
                if key in covered or key in NOT_PERSONAL:
                    continue
                if looks_personal(model_field):
                    missing.append(key)
    return sorted(missing)


def unknown_fields() -> list[str]:
    """Inventory entries naming a model or field that does not exist (the inventory went stale)."""
    stale = []
    for category in INVENTORY:
        for label, names in category.fields:
            try:
                model = apps.get_model(label)
            except LookupError:
                stale.append(label)
                continue
            existing = {f.name for f in model._meta.get_fields()}
            stale.extend(f"{label}.{name}" for name in names if name not in existing)
    return stale
