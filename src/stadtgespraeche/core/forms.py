from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting


class KernFormRenderer(TemplatesSetting):
    """Renders form fields with KERN UX markup (labels, hints, errors linked by aria)."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class FilterableCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Several choices as a list of checkboxes with a filter field (instead of a multi-select).

    Works with keyboard and screen reader as plain checkboxes in a fieldset, also without
    JavaScript; core/site.js shows the filter field and hides the options that do not match
    (chosen options stay visible). Rendered by core/forms/field.html.
    """


_WIDGET_CLASSES: list[tuple[type[forms.Widget], str]] = [
    (forms.CheckboxSelectMultiple, "kern-form-check__checkbox"),
    (forms.RadioSelect, "kern-form-check__radio"),
    (forms.CheckboxInput, "kern-form-check__checkbox"),
    (forms.Select, "kern-form-input__select"),
    (forms.widgets.Input, "kern-form-input__input"),
    (forms.Textarea, "kern-form-input__input"),
]


class KernFormMixin:
    """Adds the KERN UX CSS classes to every widget of a form."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for widget_class, css_class in _WIDGET_CLASSES:
                if isinstance(field.widget, widget_class):
                    existing = field.widget.attrs.get("class", "")
                    field.widget.attrs["class"] = f"{existing} {css_class}".strip()
                    break


class Form(KernFormMixin, forms.Form):
    pass


class ModelForm(KernFormMixin, forms.ModelForm):
    pass
