from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samordna.core.errors import ApplicationError
from samordna.core.permissions import (
    PUBLIC,
    STAFF,
    get_access,
    require_county_edit,
    view_permission,
)

from . import selectors, services
from .forms import AffiliationForm, LeaveForm, StrategyForm, SubGoalForm
from .models import Affiliation, Strategy, SubGoal


def _form_error(form, exc: ApplicationError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _editable_strategy(request, pk: int) -> Strategy:
    strategy = get_object_or_404(Strategy.objects.select_related("county"), pk=pk)
    require_county_edit(request.user, strategy.county_id)
    return strategy


@view_permission(PUBLIC)
def strategy_list(request):
    access = get_access(request.user)
    return render(
        request,
        "strategy/strategy_list.html",
        {
            "strategies": selectors.strategies_for_user(request.user),
            "can_create": bool(access.edit_county_ids) or access.is_superuser,
        },
    )


@view_permission(PUBLIC)
def strategy_detail(request, pk):
    strategy = selectors.strategy_get_for_user(request.user, pk)
    if strategy is None:
        raise Http404
    affiliations = list(strategy.affiliations.all())
    return render(
        request,
        "strategy/strategy_detail.html",
        {
            "strategy": strategy,
            "active": [a for a in affiliations if a.is_active],
            "former": [a for a in affiliations if not a.is_active],
            "can_edit": get_access(request.user).can_edit_county(strategy.county_id),
            "plans": strategy.plans.filter(published=True).order_by("-year")
            if strategy.published
            else strategy.plans.order_by("-year"),
        },
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def strategy_create(request):
    access = get_access(request.user)
    if not access.edit_county_ids and not access.is_superuser:
        raise PermissionDenied
    form = StrategyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        require_county_edit(request.user, form.cleaned_data["county"].pk)
        try:
            strategy = services.strategy_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The strategy has been created."))
            return redirect(strategy)
    return render(request, "strategy/strategy_form.html", {"form": form})


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def strategy_edit(request, pk):
    strategy = _editable_strategy(request, pk)
    initial = {field: getattr(strategy, field) for field in services.STRATEGY_FIELDS}
    form = StrategyForm(request.POST or None, user=request.user, with_county=False, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.strategy_update(actor=request.user, strategy=strategy, **form.cleaned_data)
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(strategy)
    return render(request, "strategy/strategy_form.html", {"form": form, "strategy": strategy})


@view_permission(STAFF)
@require_http_methods(["POST"])
def strategy_publish(request, pk):
    strategy = _editable_strategy(request, pk)
    publish = request.POST.get("published") == "1"
    services.strategy_set_published(actor=request.user, strategy=strategy, published=publish)
    messages.success(
        request,
        _("The strategy has been published.")
        if publish
        else _("The strategy is no longer published."),
    )
    return redirect(strategy)


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def subgoal_create(request, pk):
    strategy = _editable_strategy(request, pk)
    next_number = (max((s.number for s in strategy.subgoals.all()), default=0)) + 1
    form = SubGoalForm(request.POST or None, initial={"number": next_number})
    if request.method == "POST" and form.is_valid():
        try:
            services.subgoal_create(actor=request.user, strategy=strategy, **form.cleaned_data)
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The sub-goal has been added."))
            return redirect(strategy)
    return render(request, "strategy/subgoal_form.html", {"form": form, "strategy": strategy})


def _editable_subgoal(request, pk: int) -> SubGoal:
    subgoal = get_object_or_404(SubGoal.objects.select_related("strategy__county"), pk=pk)
    require_county_edit(request.user, subgoal.strategy.county_id)
    return subgoal


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def subgoal_edit(request, pk):
    subgoal = _editable_subgoal(request, pk)
    initial = {field: getattr(subgoal, field) for field in services.SUBGOAL_FIELDS}
    form = SubGoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.subgoal_update(actor=request.user, subgoal=subgoal, **form.cleaned_data)
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(subgoal.strategy)
    return render(
        request,
        "strategy/subgoal_form.html",
        {"form": form, "strategy": subgoal.strategy, "subgoal": subgoal},
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def subgoal_delete(request, pk):
    subgoal = _editable_subgoal(request, pk)
    error = None
    if request.method == "POST":
        try:
            services.subgoal_delete(actor=request.user, subgoal=subgoal)
        except ApplicationError as exc:
            error = exc.message
        else:
            messages.success(request, _("The sub-goal has been removed."))
            return redirect(subgoal.strategy)
    return render(
        request,
        "strategy/subgoal_confirm_delete.html",
        {"subgoal": subgoal, "error": error},
        status=409 if error else 200,
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def affiliation_create(request, pk):
    strategy = _editable_strategy(request, pk)
    form = AffiliationForm(request.POST or None, county=strategy.county)
    if request.method == "POST" and form.is_valid():
        try:
            services.affiliation_create(actor=request.user, strategy=strategy, **form.cleaned_data)
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The organisation has joined the strategy."))
            return redirect(strategy)
    return render(request, "strategy/affiliation_form.html", {"form": form, "strategy": strategy})


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def affiliation_leave(request, pk):
    affiliation = get_object_or_404(
        Affiliation.objects.select_related("strategy__county", "organisation"), pk=pk
    )
    require_county_edit(request.user, affiliation.strategy.county_id)
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.affiliation_leave(
                actor=request.user, affiliation=affiliation, left_on=form.cleaned_data["left_on"]
            )
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The organisation has left the strategy."))
            return redirect(affiliation.strategy)
    return render(
        request, "strategy/affiliation_leave.html", {"form": form, "affiliation": affiliation}
    )
