from django import forms
from django.utils.translation import gettext_lazy as _

from .providers import kind_choices


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Use at most %(limit_value)d characters.")},
    )
    kind = forms.ChoiceField(label=_("Show"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Everything")), *kind_choices()]
        self.fields["kind"].error_messages["invalid_choice"] = _(
            "Choose one of the kinds in the list."
        )
