from django import template
from django.utils import formats

from samordna.core.pagination import querystring_without_page

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, page_number) -> str:
    """The current query string with ``page`` replaced, for pagination links."""
    base = querystring_without_page(context["request"])
    return f"?{base}&page={page_number}" if base else f"?page={page_number}"


@register.filter
def sv_date(value) -> str:
    """A date in the Swedish long form, e.g. '1 mars 2026'."""
    if not value:
        return ""
    return formats.date_format(value, "j F Y")


SAFE_LINK_SCHEMES = ("http:", "https:", "mailto:")


@register.filter
def safe_url(value) -> str:
    """A user-entered link target, or "" unless it is http(s), mailto or a path on this site:
    a ``javascript:``/``data:`` address stored by any route must never become a live link
    (area: security)."""
    text = str(value or "").strip()
    compact = "".join(ch for ch in text if ch > " ").lower()
    if compact.startswith(SAFE_LINK_SCHEMES) or (
        compact.startswith("/") and not compact.startswith("//")
    ):
        return text
    return ""
