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
        path = self.request.path
        if services.login_is_rate_limited(email=email, ip_address=ip):
            services.login_attempt_record(email=email, ip_address=ip, succeeded=False, path=path)
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
        services.login_attempt_record(
            email=email, ip_address=ip, succeeded=user is not None, path=path
        )
        if user is None:
            raise forms.ValidationError(
                _("The e-mail address or the password is wrong."), code="invalid_login"
            )
        self.user = user
        return cleaned


class TwoFactorCodeForm(forms.Form):
    """One code: six digits from the authenticator app, or a backup code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("Six digits from your authenticator app, or one of your backup codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
        error_messages={"required": _("Enter the code.")},
    )


class QueuedPasswordResetForm(PasswordResetForm):
    """Password reset whose e-mail goes through the outbox and the task worker; rate-limited
    per address and per IP address."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter a valid e-mail address, e.g. namn@lansstyrelsen.se."),
        },
    )

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if not email or self.request is None:
            return cleaned
        ip = client_ip(self.request)
        if services.password_reset_is_rate_limited(email=email, ip_address=ip):
            minutes = settings.PASSWORD_RESET_WINDOW_SECONDS // 60
            raise forms.ValidationError(
                _(
                    "Too many requests to reset the password. Wait %(minutes)s minutes and try "
                    "again. If you already got an e-mail, use the link in it."
                )
                % {"minutes": minutes},
                code="rate_limited",
            )
        services.password_reset_request_record(email=email, ip_address=ip)
        return cleaned

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
