import sys

from django.conf import settings
from django.contrib import messages
from django.db import Error as DatabaseError
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.i18n import set_language as django_set_language

from samordna.organisations import selectors as organisation_selectors

from . import services
from .forms import AccessibilityReportForm
from .pagination import paginate
from .permissions import COUNTY_ADMIN, PUBLIC, view_permission
from .selectors import audit_entries_for_user


@view_permission(PUBLIC)
def home(request):
    return render(
        request,
        "core/home.html",
        {"counties": organisation_selectors.county_list_with_counts()},
    )


@view_permission(PUBLIC)
def accessibility_statement(request):
    return render(request, "core/accessibility_statement.html")


@view_permission(PUBLIC)
@require_http_methods(["GET", "POST"])
def accessibility_report(request):
    form = AccessibilityReportForm(
        request.POST or None, initial={"page_url": request.GET.get("sida", "")}
    )
    if request.method == "POST" and form.is_valid():
        services.accessibility_report_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you! Your report has been sent."))
        return redirect("core:accessibility_statement")
    return render(request, "core/accessibility_report.html", {"form": form})


@view_permission(COUNTY_ADMIN)
def audit_log(request):
    q = request.GET.get("q", "").strip()[:100]
    page = paginate(request, audit_entries_for_user(request.user, q=q), per_page=50)
    return render(request, "core/audit_log.html", {"page": page, "q": q})


@view_permission(PUBLIC)
def set_language(request):
    return django_set_language(request)


def permission_denied(request, exception=None):
    return render(request, "core/error.html", {"status": 403}, status=403)


def page_not_found(request, exception=None):
    return render(request, "core/error.html", {"status": 404}, status=404)


def server_error(request):
    """500, or 503 with Retry-After while the database is unreachable. The database-free page is
    also the fallback when the normal error page cannot be rendered (it reads the session)."""
    if _database_unavailable(sys.exc_info()[1]):
        return _unavailable(status=503)
    try:
        return render(request, "core/error.html", {"status": 500}, status=500)
    except Exception:  # noqa: BLE001 - the error page itself must never fail
        return _unavailable(status=500)


def _database_unavailable(exc: BaseException | None) -> bool:
    """The request failed because the database cannot be reached: a connection error anywhere
    in the exception's chain, or any database error while a fresh connection cannot be made."""
    seen = set()
    current = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, OperationalError | InterfaceError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    if not isinstance(exc, DatabaseError):
        return False
    try:
        connection.close()
        connection.ensure_connection()
    except DatabaseError:
        return True
    return False


def _unavailable(*, status: int) -> HttpResponse:
    html = render_to_string("core/unavailable.html", {"quick_exit_url": settings.QUICK_EXIT_URL})
    response = HttpResponse(html, status=status)
    if status == 503:
        response["Retry-After"] = "30"
    return response
