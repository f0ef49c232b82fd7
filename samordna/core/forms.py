from django import forms
from django.utils.translation import gettext_lazy as _


class AccessibilityReportForm(forms.Form):
    page_url = forms.CharField(
        label=_("Which page is it about?"),
        help_text=_("The address or the name of the page."),
        max_length=500,
        required=False,
    )
    description = forms.CharField(
        label=_("Describe the problem"),
        help_text=_("What did you try to do, and what did not work?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": _("Describe the problem you found.")},
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("Only if you want us to answer you."),
        required=False,
        error_messages={"invalid": _("Enter a valid e-mail address, e.g. namn@kommun.se.")},
    )
