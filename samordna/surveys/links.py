"""Personal answer links: a signed token per survey and organisation, e-mailed to its contacts."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "samordna.surveys.answer-link"
SESSION_KEY = "survey_answer_grants"
# A link stays valid for a little more than a year (one survey round).
MAX_AGE_SECONDS = 400 * 24 * 3600


def answer_token(survey_id: int, organisation_id: int) -> str:
    return signing.dumps({"s": survey_id, "o": organisation_id}, salt=SALT, compress=True)


def answer_token_read(token: str) -> tuple[int, int] | None:
    """(survey id, organisation id) of a valid token, else None."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    survey_id, organisation_id = data.get("s"), data.get("o")
    if not isinstance(survey_id, int) or not isinstance(organisation_id, int):
        return None
    return survey_id, organisation_id


def answer_url(survey_id: int, organisation_id: int) -> str:
    token = answer_token(survey_id, organisation_id)
    return settings.SITE_URL.rstrip("/") + reverse("surveys:answer_link", args=[token])


def grant_in_session(session, survey_id: int, organisation_id: int) -> None:
    grants = [g for g in session.get(SESSION_KEY, []) if isinstance(g, list)]
    if [survey_id, organisation_id] not in grants:
        grants.append([survey_id, organisation_id])
    session[SESSION_KEY] = grants[-50:]


def has_grant(session, survey_id: int, organisation_id: int) -> bool:
    return [survey_id, organisation_id] in session.get(SESSION_KEY, [])
