from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from samordna.core.services import email_queue

from . import services


class LoginForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter a valid e-mail address, e.g. namn@lansstyrelsen.se."),
        },
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password.")},
    )

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        password = cleaned.get("password")
        if not email or not password:
            return cleaned
        ip = client_ip(self.request)
        if services.login_is_rate_limited(email=email, ip_address=ip):
            services.login_attempt_record(email=email, ip_address=ip, succeeded=False)
            minutes = settings.LOGIN_FAILURE_WINDOW_SECONDS // 60
            raise forms.ValidationError(
                _(
                    "Too many failed log-in attempts. Wait %(minutes)s minutes and try again, "
                    "or reset your password."
                )
                % {"minutes": minutes},
                code="rate_limited",
            )
        user = authenticate(self.request, email=email, password=password)
        services.login_attempt_record(email=email, ip_address=ip, succeeded=user is not None)
        if user is None:
            raise forms.ValidationError(
                _("The e-mail address or the password is wrong."), code="invalid_login"
            )
        self.user = user
        return cleaned


class QueuedPasswordResetForm(PasswordResetForm):
    """Password reset whose e-mail goes through the outbox and the task worker."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter a valid e-mail address, e.g. namn@lansstyrelsen.se."),
        },
    )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        email_queue(to=[to_email], subject=subject, body_text=body)


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None
