import csv
import io

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from samordna.core.permissions import STAFF, get_access, view_permission

from .selectors import (
    can_read_register,
    register_counties_for_user,
    register_rows,
    retention_rules_for,
    retention_runs_recent,
)


def _scope(request):
    """(county or None for all counties, the counties the user may choose between)."""
    if not can_read_register(request.user):
        raise PermissionDenied
    counties = register_counties_for_user(request.user)
    code = request.GET.get("lan", "").strip()
    if code:
        county = counties.filter(code=code).first()
        if county is None:
            raise PermissionDenied
        return county, counties
    if get_access(request.user).national:
        return None, counties
    return counties.order_by("code").first(), counties


@view_permission(STAFF)
def register(request):
    """The record of processing (registerförteckning) for a county admin; national read."""
    county, counties = _scope(request)
    return render(
        request,
        "privacy/register.html",
        {
            "county": county,
            "counties": counties.order_by("code"),
            "rows": register_rows(county=county),
            "rules": retention_rules_for(county=county),
            "runs": retention_runs_recent(),
            "all_counties": get_access(request.user).national,
        },
    )


@view_permission(STAFF)
def register_csv(request):
    county, _counties = _scope(request)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(
        [
            _("Category"),
            _("Personal data"),
            _("Fields"),
            _("Purpose"),
            _("Legal basis"),
            _("Data subjects"),
            _("Classification"),
            _("Retention (days)"),
            _("Retention"),
            _("Gallring"),
            _("Records now"),
        ]
    )
    for row in register_rows(county=county):
        category = row.category
        writer.writerow(
            [
                str(category.title),
                str(category.data),
                "; ".join(f"{label}.{name}" for label, names in category.fields for name in names),
                str(category.purpose),
                str(category.legal_basis),
                str(category.subjects),
                category.classification_label,
                "" if row.days is None else row.days,
                str(category.retention),
                f"{category.action_label}: {category.gallring}",
                "" if row.count is None else row.count,
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    suffix = county.code if county is not None else "alla-lan"
    response["Content-Disposition"] = f'attachment; filename="registerforteckning-{suffix}.csv"'
    return response
