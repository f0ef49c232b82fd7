"""Refuse requests that carry NUL characters in the query string or a JSON body (area: security).

PostgreSQL cannot store or compare text with NUL (0x00) characters: such a value reaching a query
fails it with a database error, i.e. a 500. Forms already refuse NUL characters (Django's
``ProhibitNullCharactersValidator``); this middleware covers the query strings read by views and
the API and the API's JSON bodies, answering 400 instead. Uploaded files are not inspected."""

from urllib.parse import unquote_to_bytes

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


def _has_nul(raw: bytes) -> bool:
    return b"\x00" in raw or b"\x00" in unquote_to_bytes(raw.replace(b"+", b" "))


class RejectNulCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "").encode("latin-1", "replace")
        json_body = request.content_type == "application/json" and (
            b"\\u0000" in request.body or b"\x00" in request.body
        )
        if _has_nul(query) or "\x00" in request.path or json_body:
            return HttpResponseBadRequest(
                _("The request contains a NUL character."), content_type="text/plain"
            )
        return self.get_response(request)
