from django import template

from samordna.newsletter.rendering import html_to_text

register = template.Library()


@register.filter
def as_text(value: str) -> str:
    """Plain text of sanitised item HTML (for the text part of the e-mail)."""
    return html_to_text(value or "")
