"""Every URL of the site, filled with the objects of ``seed.seed_county``.

The enumeration walks the URL resolver (as tests/core/test_view_permissions.py does). A route is
either listed in ``NO_OBJECT`` (it takes no parameters) or all its parameters are filled by the
rules in ``PARAMETER_RULES``. Anything else makes ``filled_urls`` raise ``UnknownRoute`` naming
the route, so a new URL is added here deliberately instead of being skipped silently.
"""

from __future__ import annotations

import re

from tests.core.test_view_permissions import all_app_patterns

EXPORT_FORMATS = ("csv", "xlsx", "docx", "pdf")

# Routes without parameters.
NO_OBJECT = {
    "",
    "tillganglighet/",
    "tillganglighet/rapportera/",
    "sprak/",
    "granskningslogg/",
    "konto/logga-in/",
    "konto/logga-ut/",
    "konto/",
    "konto/mina-uppgifter/",
    "konto/losenord/",
    "konto/losenord/skickat/",
    "konto/losenord/klart/",
    "konto/logga-in/kod/",
    "konto/logga-ut-overallt/",
    "konto/byt-losenord/",
    "konto/tvastegsverifiering/",
    "konto/tvastegsverifiering/aktivera/",
    "konto/tvastegsverifiering/reservkoder/",
    "konto/tvastegsverifiering/stang-av/",
    "registerforteckning/",
    "registerforteckning/registerforteckning.csv",
    "tackning/",
    "tackning/nationellt/",
    "arsrapport/",
    "arsrapport/ny/",
    "arsrapport/nationell-oversikt/",
    "lan/",
    "organisationer/",
    "organisationer/ny/",
    "personer/",
    "personer/ny/",
    "strategi/",
    "strategi/ny/",
    "planer/",
    "planer/ny/",
    "planer/introduktionsutbildning/",
    "kalender/",
    "kalender/manad/",
    "kalender/arkiv/",
    "kalender/prenumerera.ics",
    "kalender/hantera/",
    "kalender/ny/",
    "natverk/",
    "natverk/ny/",
    "kampanjer/",
    "kampanjer/arkiv/",
    "kampanjer/ny/",
    "kunskapsbank/",
    "kunskapsbank/ny/",
    "nyhetsbrev/",
    "nyhetsbrev/personuppgifter/",
    "nyhetsbrev/hantera/",
    "enkater/",
    "enkater/ny/",
    "enkater/resultat/nationellt/",
    "enkater/indikatorer/",
    "enkater/indikatorer/ny/",
    "sok/",
    "stod/processtod/",
    "stod/processtod/nytt/",
    "stod/besok/",
    "stod/besok/nytt/",
    "stod/behov/",
    "stod/behov/nytt/",
    "stod/behov/nationell-niva/",
}

# Routes whose secret token in the path is the permission (capability URLs): whoever holds the
# token may see what it points to, by design.
CAPABILITY_ROUTES = {
    "konto/losenord/<uidb64>/<token>/",
    "kalender/anmalan/<str:token>/",
    "kalender/avanmalan/<str:token>/",
    "kalender/intyg/<str:token>/",
    "kalender/utvardering/<str:token>/",
    "nyhetsbrev/bekrafta/<str:token>/",
    "nyhetsbrev/avregistrera/<str:token>/",
    "nyhetsbrev/installningar/<str:token>/",
    "enkater/svara/<str:token>/",
}


def _o(name):
    return lambda s: [s.objects[name].pk]


def _formats(_s):
    return list(EXPORT_FORMATS)


def _newsletter_confirm(s):
    from samordna.newsletter.tokens import make_confirm_token

    return [make_confirm_token(s.objects["subscriber"])]


def _newsletter_manage(s):
    from samordna.newsletter.tokens import make_manage_token

    return [make_manage_token(s.objects["subscriber"])]


def _survey_link(s):
    from samordna.surveys.links import answer_token

    return [answer_token(s.objects["survey"].pk, s.objects["municipality_org"].pk)]


# (route prefix, parameter name, values(seeded)); the first rule whose prefix starts the route and
# whose name is the parameter's wins.
PARAMETER_RULES = [
    ("konto/losenord/", "uidb64", lambda s: ["MQ"]),
    ("konto/losenord/", "token", lambda s: ["set-password"]),
    ("lan/", "code", lambda s: [s.county.code]),
    ("kommuner/", "code", lambda s: [s.objects["municipality_org"].municipality.code]),
    ("organisationer/", "code", lambda s: [s.objects["organisation"].code]),
    ("personer/", "pk", _o("person")),
    ("strategi/delmal/", "pk", _o("subgoal")),
    ("strategi/anslutningar/", "pk", _o("affiliation")),
    ("strategi/", "pk", _o("strategy")),
    ("planer/omraden/", "pk", _o("area")),
    ("planer/aktiviteter/", "pk", _o("activity")),
    ("planer/kontakter/", "pk", _o("plan_contact")),
    ("planer/introduktionsutbildning/", "code", lambda s: [s.objects["municipality_org"].code]),
    ("planer/", "pk", _o("plan")),
    ("planer/", "fmt", _formats),
    ("kalender/", "token", lambda s: [s.tokens["registration"]]),
    ("kalender/", "registration_pk", _o("registration")),
    ("kalender/", "pk", _o("event")),
    ("kalender/", "fmt", _formats),
    ("natverk/", "membership_pk", _o("membership")),
    ("natverk/", "meeting_pk", _o("meeting")),
    ("natverk/", "document_pk", _o("document")),
    ("natverk/", "pk", _o("network")),
    ("kampanjer/material/", "pk", _o("material")),
    # Spreads exist only for published campaigns; a missing one is enough to see the refusal.
    ("kampanjer/", "spread_pk", lambda s: [999999]),
    ("kampanjer/", "pk", _o("campaign")),
    ("kunskapsbank/", "pk", _o("knowledge_item")),
    ("nyhetsbrev/bekrafta/", "token", _newsletter_confirm),
    ("nyhetsbrev/avregistrera/", "token", _newsletter_manage),
    ("nyhetsbrev/installningar/", "token", _newsletter_manage),
    ("nyhetsbrev/nummer/", "item_pk", _o("nl_item")),
    ("nyhetsbrev/nummer/", "pk", _o("issue")),
    ("nyhetsbrev/hantera/nummer/", "pk", _o("issue")),
    ("nyhetsbrev/hantera/avsnitt/", "pk", _o("nl_section")),
    ("nyhetsbrev/hantera/artikel/", "pk", _o("nl_item")),
    ("nyhetsbrev/hantera/", "list_pk", _o("mailing_list")),
    ("nyhetsbrev/", "code", lambda s: [s.county.code]),
    ("enkater/avsnitt/", "pk", _o("survey_section")),
    ("enkater/fragor/", "pk", _o("survey_question")),
    ("enkater/indikatorer/", "pk", _o("indicator")),
    ("enkater/svara/", "token", _survey_link),
    ("enkater/", "code", lambda s: [s.objects["municipality_org"].code]),
    ("enkater/", "page", lambda s: [1]),
    ("enkater/", "pk", _o("survey")),
    ("enkater/", "fmt", _formats),
    ("stod/processtod/", "pk", _o("engagement")),
    ("stod/besok/", "pk", _o("visit")),
    ("stod/behov/", "pk", _o("need")),
    ("stod/behov/", "fmt", _formats),
    ("tackning/lan/", "code", lambda s: [s.county.code]),
    ("tackning/lan/", "fmt", _formats),
    ("tackning/moment/", "pk", _o("coverage_item")),
    ("tackning/mal/", "pk", _o("coverage_goal")),
    ("tackning/registrering/", "pk", _o("coverage_record")),
    ("tackning/organisation/", "code", lambda s: [s.objects["municipality_org"].code]),
    ("arsrapport/export/", "pk", _o("report_export")),
    ("arsrapport/", "pk", _o("annual_report")),
    ("arsrapport/", "fmt", _formats),
]

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


class UnknownRoute(AssertionError):
    pass


def _fill(route: str, seeded) -> list[str]:
    urls = ["/" + route]
    for match in PARAMETER.finditer(route):
        name = match.group("name")
        rule = next(
            (r for r in PARAMETER_RULES if route.startswith(r[0]) and r[1] == name),
            None,
        )
        if rule is None:
            raise UnknownRoute(
                f"tests/security/routes.py cannot fill <{name}> of the URL pattern {route!r}: "
                "add a PARAMETER_RULES entry (and seed the object in tests/security/seed.py)."
            )
        values = rule[2](seeded)
        urls = [u.replace(match.group(0), str(v), 1) for u in urls for v in values]
    return urls


def filled_urls(seeded) -> list[tuple[str, str, object]]:
    """[(route, url, pattern)] for every app URL (one per export format)."""
    result = []
    unknown = []
    for route, pattern in all_app_patterns():
        if not PARAMETER.search(route):
            if route not in NO_OBJECT:
                unknown.append(
                    f"{route!r} takes no parameters but is not in NO_OBJECT "
                    "(tests/security/routes.py): add it there."
                )
                continue
            result.append((route, "/" + route, pattern))
            continue
        try:
            result.extend((route, url, pattern) for url in _fill(route, seeded))
        except UnknownRoute as exc:
            unknown.append(str(exc))
    if unknown:
        raise UnknownRoute("\n".join(unknown))
    return result
