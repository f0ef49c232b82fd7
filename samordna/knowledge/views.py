from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samordna.core.errors import ApplicationError
from samordna.core.pagination import paginate
from samordna.core.permissions import PUBLIC, STAFF, get_access, view_permission

from . import selectors, services
from .forms import KnowledgeFilterForm, KnowledgeItemForm


def _can_create(user) -> bool:
    access = get_access(user)
    return bool(access.edit_county_ids) or access.is_superuser


@view_permission(PUBLIC)
def item_list(request):
    form = KnowledgeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    narrowing = {
        "kind": filters.get("kind", ""),
        "violence_form": filters.get("violence_form", ""),
        "target_group": filters.get("target_group", ""),
        "sub_goal": filters.get("sub_goal"),
    }
    q = (filters.get("q") or "").strip()
    items = (
        selectors.knowledge_item_search_for_user(request.user, q, **narrowing)
        if q
        else selectors.knowledge_items_for_user(request.user, **narrowing)
    )
    page = paginate(request, items, per_page=20)
    return render(
        request,
        "knowledge/item_list.html",
        {"form": form, "page": page, "can_create": _can_create(request.user)},
    )


def _visible_item(request, pk):
    item = selectors.knowledge_item_get_for_user(request.user, pk)
    if item is None:
        raise Http404
    return item


@view_permission(PUBLIC)
def item_detail(request, pk):
    item = _visible_item(request, pk)
    return render(
        request,
        "knowledge/item_detail.html",
        {"item": item, "can_edit": selectors.knowledge_item_can_edit(request.user, item)},
    )


@view_permission(PUBLIC)
def item_file(request, pk):
    """The item's file, always as a download with the type decided at upload (never inline)."""
    item = _visible_item(request, pk)
    if not item.file:
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=item.file_name or f"kunskapsbank-{item.pk}.{item.file_type}",
        content_type=services.CONTENT_TYPES.get(item.file_type, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _form_values(cleaned: dict) -> dict:
    values = dict(cleaned)
    values.pop("remove_file", None)
    values["url"] = values.get("url") or ""
    values["summary"] = values.get("summary") or ""
    return values


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def item_create(request):
    if not _can_create(request.user):
        raise PermissionDenied
    form = KnowledgeItemForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        values = _form_values(form.cleaned_data)
        try:
            item = services.knowledge_item_create(actor=request.user, **values)
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The item has been added to the knowledge bank."))
            return redirect(item)
    return render(request, "knowledge/item_form.html", {"form": form})


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def item_edit(request, pk):
    item = _visible_item(request, pk)
    if not selectors.knowledge_item_can_edit(request.user, item):
        raise PermissionDenied
    form = KnowledgeItemForm(
        request.POST or None, request.FILES or None, user=request.user, item=item
    )
    if request.method == "POST" and form.is_valid():
        values = _form_values(form.cleaned_data)
        try:
            services.knowledge_item_update(
                actor=request.user,
                item=_visible_item(request, pk),
                remove_file=form.cleaned_data.get("remove_file", False),
                **values,
            )
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(item)
    return render(request, "knowledge/item_form.html", {"form": form, "item": item})
