from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Issue, Item, MailingList, Section, Subscriber


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    mailing_list = forms.ModelChoiceField(
        label=_("List"), queryset=MailingList.objects.none(), empty_label=None, required=False
    )
    consent = forms.BooleanField(
        label=_("I have read how my personal data is handled and want the newsletter."),
    )

    def __init__(self, *args, lists=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mailing_list"].queryset = lists
        if len(lists) <= 1:
            self.fields["mailing_list"].widget = forms.HiddenInput()
            self.fields["mailing_list"].initial = lists[0].pk if lists else None


class PreferencesForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)


class IssueForm(forms.ModelForm):
    class Meta:
        model = Issue
        fields = ["mailing_list", "title", "intro"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, county=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mailing_list"].queryset = MailingList.objects.filter(county=county)
        self.fields["mailing_list"].empty_label = None


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title", "position"]


class ItemForm(forms.ModelForm):
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Blank lines separate paragraphs. Simple HTML is allowed (p, strong, em, lists, "
            "links); everything else is removed."
        ),
    )
    image = forms.FileField(
        label=_("Image"),
        required=False,
        help_text=_("PNG or JPEG, at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_image = forms.BooleanField(label=_("Remove the image"), required=False)

    class Meta:
        model = Item
        fields = ["section", "heading", "details", "link_url", "link_text", "image_alt", "position"]
        help_texts = {
            "details": _("For example date, place and format of an event."),
            "image_alt": _("Required when there is an image."),
        }

    def __init__(self, *args, issue=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = Section.objects.filter(issue=issue)
        self.fields["section"].empty_label = None
        self.fields["position"].required = False
        if self.instance.pk:
            self.fields["body"].initial = self.instance.body_html
        if not (self.instance.pk and self.instance.image):
            del self.fields["remove_image"]
        order = ["section", "heading", "body", "details", "link_url", "link_text", "image"]
        order += ["image_alt", "remove_image", "position"]
        self.order_fields(order)


class SendForm(forms.Form):
    send_at = forms.DateTimeField(
        label=_("Send at"),
        required=False,
        help_text=_("Leave empty to send now. Format: 2026-12-01 08:00."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class ImportForm(forms.Form):
    mailing_list = forms.ModelChoiceField(
        label=_("List"), queryset=MailingList.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (UTF-8, comma or semicolon) or XLSX with the columns email, name, organisation "
            "and consent_date (YYYY-MM-DD) on the first row."
        ),
    )
    confirm = forms.BooleanField(
        label=_("Import the valid rows (otherwise only check the file)"), required=False
    )

    def __init__(self, *args, county=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mailing_list"].queryset = MailingList.objects.filter(county=county)


class MailingListForm(forms.ModelForm):
    class Meta:
        model = MailingList
        fields = ["name", "description"]


class SubscriberFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All"))] + list(Subscriber.Status.choices),
    )
