from django.forms.renderers import TemplatesSetting


class SamordnaFormRenderer(TemplatesSetting):
    """Form fields render through our accessible field template (label, hint, error, aria)."""

    field_template_name = "core/forms/field.html"
