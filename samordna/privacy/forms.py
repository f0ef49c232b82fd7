from django import forms
from django.utils.translation import gettext_lazy as _

from .inventory import INVENTORY
from .models import RetentionRule


def automatic_category_choices():
    return [(c.key, f"{c.title} ({c.key})") for c in INVENTORY if c.is_automatic]


class RetentionRuleForm(forms.ModelForm):
    """Used by the admin site: the category is one of the inventory's gallrade categories."""

    category = forms.ChoiceField(label=_("category"), choices=automatic_category_choices)

    class Meta:
        model = RetentionRule
        fields = ["category", "county", "days", "decision"]

    def clean(self):
        cleaned = super().clean()
        from .inventory import CATEGORIES

        category = CATEGORIES.get(cleaned.get("category") or "")
        if category is not None and cleaned.get("county") and not category.per_county:
            self.add_error(
                "county", _("This category is not kept per county; decide it for all counties.")
            )
        return cleaned
