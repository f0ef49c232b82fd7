"""Demo data for the newsletter: lists, a few fictional subscribers, one sent issue modelled on a
real county newsletter (seed 004) and one draft, for Jönköping (06) and Kalmar (08)."""

from datetime import timedelta

from django.utils import timezone

from samordna.organisations.models import County

from .models import Issue, Item, Section, Subscriber
from .rendering import render_email
from .services.subscribers import mailing_list_main

ISSUE_CONTENT = {
    "Material och metodstöd": [
        (
            "150 000 användare av Webbkurs om våld",
            "Webbkurs om våld, som har utvecklats av Nationellt Centrum för Kvinnofrid "
            "tillsammans med länsstyrelserna och Socialstyrelsen, är nu uppe i 150 000 "
            "användare. Kursen ger grundläggande kunskaper om mäns våld mot kvinnor och våld i "
            "nära relationer.\n\nWebbkursen utvärderas och uppdateras löpande.",
            "https://webbkursomvald.se/",
            "Ta del av webbkursen kostnadsfritt",
        ),
        (
            "Samlat stöd om betänketid vid misstänkt människohandel",
            "Kunskapsguiden har samlat information om möjligheten för socialtjänsten att ansöka "
            "hos Migrationsverket om betänketid för offer för människohandel.",
            "https://www.kunskapsguiden.se/",
            "Läs mer på Kunskapsguiden",
        ),
    ],
    "Rapporter": [
        (
            "Ny rapport om dödligt partnervåld mot unga",
            "Både i praktik och forskning har dödligt våld i ungas partnerrelationer varit ett "
            "förbisett område. Jämställdhetsmyndigheten har publicerat en ny rapport.",
            "https://www.jamstalldhetsmyndigheten.se/",
            "Läs rapporten",
        ),
    ],
    "Nya lagar och nya uppdrag till myndigheter": [
        (
            "Nya steg mot en ny socialtjänstlag",
            "Regeringen presenterar flera satsningar för att möjliggöra en reform av "
            "socialtjänsten med en ny socialtjänstlag.",
            "https://www.regeringen.se/",
            "Läs mer hos regeringen",
        ),
    ],
    "Kalender och utbildningar": [
        (
            "Hedersrelaterat våld och förtryck – utbildning för utbildare",
            "Öronmärk 29–30 januari och anmäl dig till Socialstyrelsens lärarledda "
            "distansutbildning.",
            "https://www.socialstyrelsen.se/",
            "Till kursanmälan",
        ),
    ],
}

SUBSCRIBERS = [
    ("strateg.vinr@kommun.example", "Karin Svensson", "Kommunens socialtjänst"),
    ("kurator@skola.example", "Fatima Karimi", "Gymnasieskolan"),
    ("samordnare@region.example", "Nils Åberg", "Regionen"),
    ("kontakt@kvinnojour.example", "Hanna Olsson", "Kvinnojouren"),
]


def seed() -> dict:
    counts = {"lists": 0, "subscribers": 0, "issues": 0}
    now = timezone.now()
    for code in ("06", "08"):
        county = County.objects.filter(code=code).first()
        if county is None:
            continue
        mailing_list = mailing_list_main(county=county)
        counts["lists"] += 1
        for email, name, organisation in SUBSCRIBERS:
            local, _at, domain = email.partition("@")
            _subscriber, created = Subscriber.objects.get_or_create(
                mailing_list=mailing_list,
                email=f"{local}.{code}@{domain}",
                defaults={
                    "name": name,
                    "organisation": organisation,
                    "status": Subscriber.Status.CONFIRMED,
                    "source": Subscriber.Source.FORM,
                    "consent_at": now - timedelta(days=90),
                    "confirmed_at": now - timedelta(days=90),
                },
            )
            counts["subscribers"] += created
        for title, sent in (("Nyhetsbrev december", True), ("Nyhetsbrev februari", False)):
            issue, created = Issue.objects.get_or_create(
                county=county,
                title=title,
                defaults={
                    "mailing_list": mailing_list,
                    "intro": (
                        f"Här kommer ett nyhetsbrev från oss som arbetar i uppdraget Mäns våld mot "
                        f"kvinnor på {county.board_name}. Här hittar du material och metodstöd, "
                        "rapporter, nya lagar och uppdrag samt kommande utbildningar. Sprid gärna "
                        "nyhetsbrevet vidare!"
                    ),
                },
            )
            if not created:
                continue
            counts["issues"] += 1
            for position, (section_title, items) in enumerate(ISSUE_CONTENT.items(), start=1):
                section = Section.objects.create(
                    issue=issue, title=section_title, position=position
                )
                for item_position, (heading, text, url, link_text) in enumerate(items, start=1):
                    Item.objects.create(
                        section=section,
                        heading=heading,
                        body_html="".join(f"<p>{p}</p>" for p in text.split("\n\n")),
                        link_url=url,
                        link_text=link_text,
                        position=item_position,
                    )
            if sent:
                issue.email_html, issue.email_text = render_email(issue)
                issue.status = Issue.Status.SENT
                issue.published = True
                issue.queued_at = now - timedelta(days=30)
                issue.finished_at = now - timedelta(days=30)
                issue.save()
    return counts
