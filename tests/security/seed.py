"""One county's worth of user-authored data in every app, for the security tests.

``seed_county(county, source)`` creates objects through the services (as the application does)
and then fills EVERY text field (CharField/TextField, found by introspecting the models) with a
value from ``source``; fields that are not user-authored text are in ``SKIP_FIELDS`` with the
reason. Fields that the write path sanitises (``SANITISED``) get the sanitiser's output, exactly
as the service stores it. ``test_seed_covers_every_text_field`` (in test_xss.py) fails when a model
of these apps has a text field that no seeded object carries, so new fields and models are
noticed instead of silently missed.

The XSS tests pass payloads as ``source``; the cross-county test passes unique marker words.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import timezone

from samordna.accounts.models import Role
from samordna.accounts.services import api_token_create
from samordna.campaigns import services as campaign_services
from samordna.events import services as event_services
from samordna.events.models import EvaluationResponse, Event
from samordna.events.models import Question as EventQuestion
from samordna.knowledge import services as knowledge_services
from samordna.knowledge.models import KnowledgeItem
from samordna.networks import services as network_services
from samordna.networks.models import Membership, Network
from samordna.newsletter import services as newsletter_services
from samordna.newsletter.models import Issue
from samordna.newsletter.models import Subscriber as NewsletterSubscriber
from samordna.organisations import services as organisation_services
from samordna.organisations.models import Organisation
from samordna.plans import services as plan_services
from samordna.strategy import services as strategy_services
from samordna.support import services as support_services
from samordna.support.models import Need, SupportEngagement
from samordna.surveys import indicators as survey_indicators
from samordna.surveys import services as survey_services
from samordna.surveys.models import Question as SurveyQuestion
from tests.conftest import make_user

# Apps whose models hold user-authored text.
APPS = (
    "accounts",
    "organisations",
    "strategy",
    "plans",
    "events",
    "networks",
    "campaigns",
    "knowledge",
    "newsletter",
    "surveys",
    "support",
)
# Apps being added while this was written: covered when installed.
OPTIONAL_APPS = ("coverage", "reports")

# Whole models that carry no user-authored text of their own.
SKIP_MODELS = {
    "accounts.LoginAttempt": "log-in throttling rows (e-mail as typed, never rendered)",
    "organisations.County": "reference data loaded from the repository",
    "organisations.Municipality": "reference data loaded from the repository",
    "reports.ReportReminder": "reminder bookkeeping, no text typed by users",
    "surveys.KoladaKpi": "imported from Kolada (reference data), not typed by users",
}

# Single fields that are not user-authored free text, with the reason.
SKIP_FIELDS = {
    "accounts.User.password": "a password hash",
    "accounts.User.email": "validated e-mail address (log-in name)",
    "accounts.ApiToken.prefix": "generated",
    "accounts.ApiToken.token_hash": "generated",
    "accounts.PasswordResetRequest.email": "address as typed into the reset form (rate limit)",
    "organisations.Organisation.code": "identifier used in URLs, generated or from reference data",
    "organisations.Organisation.email": "validated e-mail address",
    "organisations.Person.email": "validated e-mail address",
    "strategy.Affiliation.contact_email": "validated e-mail address",
    "plans.PlanContact.email": "validated e-mail address",
    "events.Event.contact_email": "validated e-mail address",
    "events.Registration.email": "validated e-mail address",
    "events.Registration.cancel_token": "generated capability token",
    "networks.NetworkDocument.content_type": "detected by the upload check, never typed",
    "campaigns.CampaignMaterial.content_type": "detected by the upload check, never typed",
    "newsletter.Subscriber.email": "validated e-mail address",
    "newsletter.Subscriber.token": "generated",
    "newsletter.Issue.email_html": "generated from the issue's other fields (render_email)",
    "newsletter.Issue.email_text": "generated from the issue's other fields (render_email)",
    "newsletter.Delivery.claim_token": "generated",
    "newsletter.Delivery.last_error": "SMTP server reply, shown only to staff as text",
    "surveys.Question.key": "identifier, validated as a slug",
    "surveys.Question.condition_value": "must equal one of the condition question's options",
    "surveys.Question.definition_hash": "generated",
    "surveys.Indicator.key": "identifier, validated as a slug",
    "surveys.Indicator.question_key": "must name a question key",
    "surveys.Indicator.option": "must equal one of the question's options",
    "knowledge.KnowledgeItemTag.value": "one of a fixed vocabulary (violence forms, groups)",
}


def _sanitisers() -> dict[str, Callable[[str], str]]:
    from samordna.newsletter.services.issues import sanitise_text

    return {
        "events.Event.description": event_services.sanitize_description,
        "newsletter.Item.body_html": sanitise_text,
    }


# Objects that everybody may see in any state (their text is public by design).
PUBLIC_BY_DESIGN = {
    "organisation": "the organisation register is public",
    "network": "a group's outline (name, purpose) is public; meetings and documents are not",
    "mailing_list": "list names are shown on the public sign-up form",
    "indicator": "indicator definitions are listed publicly (national results, API); their "
    "values follow the survey's publication",
}

# source(label, kind, max_length) → text, where label is "app.Model.field" and kind one of
# "text", "url", "filename".
Source = Callable[[str, str, int | None], str]


@dataclass
class Seeded:
    county: object
    objects: dict = field(default_factory=dict)  # name → instance, for URL parameters
    filled: list = field(default_factory=list)  # (instance, [field names])
    tokens: dict = field(default_factory=dict)  # name → capability token


def text_fields(model) -> list[models.Field]:
    label = model._meta.label
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and f"{label}.{f.name}" not in SKIP_FIELDS
    ]


def _kind(f: models.Field) -> str:
    if isinstance(f, models.URLField) or f.name in ("url", "link", "website", "link_url"):
        return "url"
    if "filename" in f.name or f.name == "file_name":
        return "filename"
    return "text"


def fill(seeded: Seeded, obj, source: Source) -> None:
    """Overwrite every text field of ``obj`` with text from ``source`` (sanitised where the
    application's write path sanitises)."""
    model = type(obj)
    sanitisers = _sanitisers()
    values = {}
    for f in text_fields(model):
        label = f"{model._meta.label}.{f.name}"
        value = source(label, _kind(f), f.max_length if isinstance(f, models.CharField) else None)
        if label in sanitisers:
            value = sanitisers[label](value)
        values[f.name] = value
    if values:
        model.objects.filter(pk=obj.pk).update(**values)
        for name, value in values.items():
            setattr(obj, name, value)
    seeded.filled.append((obj, sorted(values)))


PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def _upload(source: Source, label: str) -> SimpleUploadedFile:
    name = source(label, "filename", 200)
    if not name.lower().endswith(".pdf"):
        name = name + ".pdf"
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def seed_county(
    county,
    source: Source,
    *,
    public_source: Source | None = None,
    organisation: Organisation | None = None,
) -> Seeded:
    """Unpublished/internal data of ``county`` in every app, with every text field from
    ``source``. Objects that are public by design whatever their state (``PUBLIC_BY_DESIGN``)
    take their text from ``public_source`` when one is given. Returns the objects by name (see
    ``Seeded.objects``)."""
    seeded = Seeded(county=county)
    o = seeded.objects
    org = organisation or (
        Organisation.objects.filter(county=county, kind=Organisation.Kind.MUNICIPALITY)
        .order_by("code")
        .first()
    )
    o["municipality_org"] = org
    today = datetime.date(2026, 3, 10)
    now = timezone.now()

    def add(name, obj):
        o[name] = obj
        public = public_source is not None and name in PUBLIC_BY_DESIGN
        fill(seeded, obj, public_source if public else source)
        return obj

    # accounts
    user = make_user(f"author{county.code}@kommun.example", Role.PARTICIPANT, organisation=org)
    add("author", user)
    token, _plain = api_token_create(user=user, name="x")
    add("api_token", token)

    # organisations
    add(
        "organisation",
        organisation_services.organisation_create(
            actor=None,
            name=f"Ideell förening {county.code}",
            kind=Organisation.Kind.NGO
            if hasattr(Organisation.Kind, "NGO")
            else Organisation.Kind.values[-1],
            county=county,
        ),
    )
    add(
        "person",
        organisation_services.person_create(
            actor=None, name="Anna", email=f"anna{county.code}@kommun.example", organisation=org
        ),
    )

    # strategy
    strategy = add(
        "strategy",
        strategy_services.strategy_create(
            actor=None, county=county, name="Strategi", period_start_year=2020, period_end_year=2030
        ),
    )
    subgoals = [
        strategy_services.subgoal_create(
            actor=None, strategy=strategy, number=n, title=f"Delmål {n}", national_goals=[1]
        )
        for n in (1, 2)
    ]
    add("subgoal", subgoals[0])
    add(
        "affiliation",
        strategy_services.affiliation_create(
            actor=None, strategy=strategy, organisation=org, declaration_date=today
        ),
    )

    # plans
    plan = add("plan", plan_services.plan_create(actor=None, county=county, year=2026))
    area = add("area", plan.areas.order_by("position").first())
    add(
        "activity",
        plan_services.activity_create(
            actor=None, plan=plan, area=area, title="Aktivitet", subgoals=[subgoals[0]]
        ),
    )
    add("plan_contact", plan_services.contact_create(actor=None, plan=plan, name="Kontakt"))

    # events: registrations need a published, open event; it is unpublished afterwards
    start = now + datetime.timedelta(days=20)
    event = event_services.event_create(
        actor=None,
        county=county,
        title="Utbildning",
        type=Event.Type.TRAINING,
        format=Event.Format.IN_PERSON,
        start=start,
        end=start + datetime.timedelta(hours=3),
        published=True,
        capacity=20,
        registration_deadline=start - datetime.timedelta(days=1),
    )
    session = event_services.session_add(
        actor=None,
        event=event,
        start=start + datetime.timedelta(days=1),
        end=start + datetime.timedelta(days=1, hours=2),
        title="Dag två",
    )
    question = event_services.question_create(
        actor=None, event=event, label="Allergier?", kind=EventQuestion.Kind.TEXT
    )
    choice = event_services.question_create(
        actor=None, event=event, label="Val", kind=EventQuestion.Kind.CHOICE, choices="A\nB"
    )
    registration = event_services.registration_create(
        event_id=event.pk,
        name="Deltagare",
        email=f"deltagare{county.code}@kommun.example",
        organisation=org,
        answers={str(question.pk): source("events.Registration.answers", "text", 500)},
        consent=True,
    )
    add("event", event)
    add("event_session", session)
    add("event_question", question)
    add("event_choice_question", choice)
    add("registration", registration)
    seeded.tokens["registration"] = registration.cancel_token
    evaluation = EvaluationResponse.objects.create(
        event=event, registration=registration, overall=4, content=4, usefulness=5
    )
    add("evaluation", evaluation)
    Event.objects.filter(pk=event.pk).update(published=False)

    # networks (the group outline is public by design; meetings and documents are members-only)
    network = add(
        "network",
        network_services.network_create(
            actor=None,
            name="Nätverk",
            kind=Network.Kind.NETWORK,
            county=county,
            purpose="Samverkan",
        ),
    )
    o["membership"] = network_services.membership_add(
        actor=None, network=network, role=Membership.Role.MEMBER, organisation=org
    )
    meeting = add(
        "meeting",
        network_services.meeting_create(
            actor=None, network=network, starts_at=now + datetime.timedelta(days=3)
        ),
    )
    add(
        "document",
        network_services.document_upload(
            actor=None,
            network=network,
            title="Protokoll",
            uploaded=_upload(source, "networks.NetworkDocument.upload"),
            meeting=meeting,
        ),
    )

    # campaigns
    campaign = add(
        "campaign",
        campaign_services.campaign_create(
            actor=None,
            title="Kampanj",
            summary="Kort",
            start_date=datetime.date(2026, 2, 1),
            end_date=datetime.date(2026, 3, 31),
            county=county,
            published=False,
        ),
    )
    add(
        "material_link",
        campaign_services.material_add_link(
            actor=None, campaign=campaign, title="Länk", url="https://example.se/"
        ),
    )
    add(
        "material",
        campaign_services.material_add_file(
            actor=None,
            campaign=campaign,
            title="Affisch",
            uploaded=_upload(source, "campaigns.CampaignMaterial.upload"),
        ),
    )

    # knowledge
    add(
        "knowledge_item",
        knowledge_services.knowledge_item_create(
            actor=None,
            title="Rapport",
            kind=KnowledgeItem.Kind.REPORT,
            county=county,
            summary="Sammanfattning",
            file=_upload(source, "knowledge.KnowledgeItem.upload"),
            published=False,
        ),
    )

    # newsletter: a draft issue with a section and an item, a topic list and a subscriber
    mailing_list = add("mailing_list", newsletter_services.mailing_list_main(county=county))
    issue = add(
        "issue",
        newsletter_services.issue_create(actor=None, mailing_list=mailing_list, title="Nummer 1"),
    )
    section = add("nl_section", issue.sections.order_by("position").first())
    add(
        "nl_item",
        newsletter_services.item_save(
            actor=None,
            section=section,
            heading="Rubrik",
            body=source("newsletter.Item.body", "text", None),
            link_url="https://example.se/",
            link_text="Läs",
        ),
    )
    subscriber = newsletter_services.subscriber_subscribe(
        mailing_list=mailing_list,
        email=f"prenumerant{county.code}@kommun.example",
        name="Prenumerant",
    )
    subscriber = NewsletterSubscriber.objects.get(
        mailing_list=mailing_list, email=f"prenumerant{county.code}@kommun.example"
    )
    add("subscriber", subscriber)

    # surveys: a survey with a text question, opened for one organisation that has answered
    survey = add(
        "survey",
        survey_services.survey_create(actor=None, county=county, year=2026, title="Kartläggning"),
    )
    survey_section = add(
        "survey_section",
        survey_services.section_create(actor=None, survey=survey, title="Avsnitt"),
    )
    text_question = add(
        "survey_question",
        survey_services.question_create(
            actor=None,
            section=survey_section,
            key="comments",
            text="Kommentarer",
            kind=SurveyQuestion.Kind.TEXT,
        ),
    )
    survey_services.question_create(
        actor=None,
        section=survey_section,
        key="routine",
        text="Rutin?",
        kind=SurveyQuestion.Kind.YES_NO,
    )
    add(
        "indicator",
        survey_indicators.indicator_create(
            actor=None,
            county=county,
            key="share_routine",
            name="Andel",
            kind="share_yes",
            question_key="routine",
            option="",
            unit="%",
            description="",
        ),
    )
    survey_services.survey_open(actor=None, survey=survey, organisations=[org], notify=False)
    survey_services.response_save_answers(
        actor=None,
        survey=survey,
        organisation=org,
        raw_values={
            text_question.pk: source("surveys.Answer.value", "text", 2000),
            survey.questions.get(key="routine").pk: "yes",
        },
    )

    # support
    engagement = add(
        "engagement",
        support_services.engagement_create(
            actor=None,
            county=county,
            organisation=org,
            title="Processtöd",
            start_date=today,
            process=SupportEngagement.Process.MUNICIPALITY_FREE_FROM_VIOLENCE,
        ),
    )
    visit = add(
        "visit",
        support_services.visit_create(
            actor=None, county=county, organisation=org, visit_date=today, topic="Besök"
        ),
    )
    add(
        "need",
        support_services.need_create(
            actor=None,
            county=county,
            raised_by=org,
            category=Need.Category.COMPETENCE,
            title="Behov",
            description="Beskrivning",
            raised_on=today,
            source=Need.Source.VISIT,
            visit=visit,
        ),
    )
    del engagement
    _seed_optional_apps(seeded, add, county, org, today)
    return seeded


def _seed_optional_apps(seeded, add, county, org, today) -> None:
    """Coverage follow-up and annual reports (county-internal), when those apps exist."""
    if not (apps.is_installed("samordna.coverage") or apps.is_installed("samordna.reports")):
        return
    editor = make_user(f"seed-editor{county.code}@lst.example", Role.COUNTY_EDITOR, county=county)
    if apps.is_installed("samordna.coverage"):
        from samordna.coverage import services as coverage_services
        from samordna.coverage.models import CoverageItem

        item = add(
            "coverage_item",
            coverage_services.item_create(
                actor=editor, county=county, name="Moment", kind=CoverageItem.Kind.TRAINING
            ),
        )
        add(
            "coverage_goal",
            coverage_services.goal_create(actor=editor, county=county, item=item, target_year=2027),
        )
        add(
            "coverage_record",
            coverage_services.record_create(
                actor=editor, item=item, organisation=org, completed_on=today
            ),
        )
    if apps.is_installed("samordna.reports"):
        from samordna.reports import services as report_services

        report = add(
            "annual_report",
            report_services.report_create(actor=editor, county=county, year=today.year),
        )
        # A finished DOCX of the report (with its marker text inside) for the export pages.
        export = report_services.report_export_request(actor=editor, report=report, fmt="docx")
        add("report_export", report_services.report_export_generate(export_id=export.pk))


def publish_issue(issue: Issue) -> None:
    """Put a draft issue in the public archive as a sent one, with its e-mail snapshot."""
    from samordna.newsletter.rendering import render_email

    html, text = render_email(issue)
    Issue.objects.filter(pk=issue.pk).update(
        status=Issue.Status.SENT,
        published=True,
        queued_at=timezone.now(),
        finished_at=timezone.now(),
        email_html=html,
        email_text=text,
    )


def counter_source(prefix: str) -> tuple[Source, dict[str, str]]:
    """A source of unique marker words; returns it and the marker → label registry."""
    registry: dict[str, str] = {}
    numbers = itertools.count(1)

    def source(label: str, kind: str, max_length: int | None) -> str:
        marker = f"{prefix}{next(numbers):04d}"
        registry[marker] = label
        if kind == "url":
            return f"https://example.se/{marker}"
        if kind == "filename":
            return f"{marker}.pdf"
        return marker

    return source, registry


def models_with_text() -> list:
    result = []
    optional = [a for a in OPTIONAL_APPS if apps.is_installed(f"samordna.{a}")]
    for app in (*APPS, *optional):
        for model in apps.get_app_config(app).get_models():
            if model._meta.label in SKIP_MODELS:
                continue
            if text_fields(model):
                result.append(model)
    return result
