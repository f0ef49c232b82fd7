from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samordna.core.permissions import AUTHENTICATED, PUBLIC, view_permission

from .forms import LoginForm, QueuedPasswordResetForm
from .selectors import personal_data_for_user, role_assignments_for_user


@view_permission(PUBLIC)
@require_http_methods(["GET", "POST"])
def login_view(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    form = LoginForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user, backend="samordna.accounts.backends.EmailBackend")
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
            next_url = reverse_lazy("core:home")
        return redirect(next_url)
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


@view_permission(PUBLIC)
@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, _("You are now logged out."))
    return redirect("core:home")


@view_permission(AUTHENTICATED)
def profile(request):
    return render(
        request, "accounts/profile.html", {"assignments": role_assignments_for_user(request.user)}
    )


@view_permission(AUTHENTICATED)
def personal_data(request):
    """GDPR: download what is stored about me, as JSON."""
    response = JsonResponse(
        personal_data_for_user(request.user), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="mina-uppgifter-samordna.json"'
    return response


password_reset = view_permission(PUBLIC)(
    auth_views.PasswordResetView.as_view(
        form_class=QueuedPasswordResetForm,
        template_name="accounts/password_reset_form.html",
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = view_permission(PUBLIC)(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = view_permission(PUBLIC)(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password_reset_complete"),
    )
)
password_reset_complete = view_permission(PUBLIC)(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)
