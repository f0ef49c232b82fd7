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
