from django import forms
from django.db.models import Q
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samordna.core.permissions import get_access
from samordna.organisations.models import County, Organisation, Person

from .models import SUB_GOAL_NUMBERS, KnowledgeItem, ViolenceForm


def _sub_goal_label(number: int) -> str:
    return gettext("Sub-goal %(number)s") % {"number": number}


SUB_GOAL_CHOICES = [(str(n), lazy(_sub_goal_label, str)(n)) for n in SUB_GOAL_NUMBERS]


class KnowledgeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *KnowledgeItem.Kind.choices]
    )
    violence_form = forms.ChoiceField(
        label=_("Form of violence"),
        required=False,
        choices=[("", _("All forms of violence")), *ViolenceForm.choices],
    )
    target_group = forms.ChoiceField(
        label=_("Target group"),
        required=False,
        choices=[("", _("All target groups")), *Person.TargetGroup.choices],
    )
    sub_goal = forms.TypedChoiceField(
        label=_("Sub-goal"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All sub-goals")), *SUB_GOAL_CHOICES],
    )


class KnowledgeItemForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        error_messages={"required": _("Enter a title.")},
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("Choose kind")), *KnowledgeItem.Kind.choices],
        error_messages={"required": _("Choose a kind.")},
    )
    summary = forms.CharField(
        label=_("Short summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("A few sentences on what the item is and who it is for."),
    )
    publisher = forms.ModelChoiceField(
        label=_("Publisher"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("No publisher"),
    )
    published_on = forms.DateField(
        label=_("Publication date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("When the publisher released it, e.g. 2023-12-01."),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, e.g. 2023-12-01.")},
    )
    url = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=500,
        help_text=_("The item's page at the publisher, if there is one."),
        error_messages={"invalid": _("Enter a full web address, e.g. https://www.exempel.se.")},
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF or Word (DOCX), at most 20 MB."),
        widget=forms.FileInput(
            attrs={
                "accept": ".pdf,.docx,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
    )
    remove_file = forms.BooleanField(label=_("Remove the current file"), required=False)
    violence_forms = forms.MultipleChoiceField(
        label=_("Forms of violence"),
        required=False,
        choices=ViolenceForm.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        required=False,
        choices=Person.TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    sub_goals = forms.TypedMultipleChoiceField(
        label=_("Sub-goals"),
        required=False,
        coerce=int,
        choices=SUB_GOAL_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    county = forms.ModelChoiceField(
        label=_("County"),
        queryset=County.objects.none(),
        required=False,
        empty_label=_("National (all counties)"),
    )
    published = forms.BooleanField(
        label=_("Published"),
        required=False,
        help_text=_("Published items are shown to everyone; others only to the county's staff."),
    )

    def __init__(self, *args, user, item: KnowledgeItem | None = None, **kwargs):
        if item is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": item.title,
                "kind": item.kind,
                "summary": item.summary,
                "publisher": item.publisher_id,
                "published_on": item.published_on,
                "url": item.url,
                "violence_forms": item.violence_forms,
                "target_groups": item.target_groups,
                "sub_goals": [str(n) for n in item.sub_goals],
                "county": item.county_id,
                "published": item.published,
            }
        super().__init__(*args, **kwargs)
        self.item = item
        access = get_access(user)
        counties = County.objects.all()
        if not access.is_superuser:
            counties = counties.filter(pk__in=access.edit_county_ids)
        self.fields["publisher"].queryset = (
            Organisation.objects.filter(
                Q(county__isnull=True) | Q(county__in=counties) if not access.is_superuser else Q()
            )
            .exclude(kind=Organisation.Kind.MUNICIPALITY)
            .select_related("county")
            .order_by("name")
        )
        if item is not None:
            # The county never changes after creation.
            del self.fields["county"]
            if not item.file:
                del self.fields["remove_file"]
        else:
            del self.fields["remove_file"]
            self.fields["county"].queryset = counties
            if not access.is_superuser:
                # Only platform operators may write national items.
                self.fields["county"].required = True
                self.fields["county"].empty_label = None
                self.fields["county"].error_messages["required"] = _("Choose the county.")
