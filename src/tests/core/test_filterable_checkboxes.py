"""The filterable checkbox list that replaces multi-selects (core.forms)."""

import re

from django import forms

from stadtgespraeche.core.forms import FilterableCheckboxSelectMultiple, Form


class _CityForm(Form):
    cities = forms.MultipleChoiceField(
        label="Kommunen",
        choices=[("ka", "Karlsruhe"), ("ba", "Bamberg"), ("kl", "Kaiserslautern")],
        widget=FilterableCheckboxSelectMultiple,
        required=False,
    )


def test_renders_a_fieldset_of_checkboxes_with_a_hidden_filter_field():
    html = str(_CityForm(initial={"cities": ["ba"]}))

    assert "<select" not in html
    assert "<fieldset" in html
    assert re.search(r"<legend[^>]*>\s*Kommunen", html)
    assert html.count('type="checkbox"') == 3
    assert re.search(r'value="ba"[^>]*checked|checked[^>]*value="ba"', html)
    # The filter field is shown only by core/site.js; without JavaScript the list is plain.
    assert re.search(r"data-check-filter-field\s+hidden", html)
    assert 'type="search"' in html
    assert 'for="id_cities_filter"' in html
    assert html.count("data-check-filter-option") == 3


def test_chosen_values_are_read_like_a_multi_select():
    form = _CityForm({"cities": ["ka", "kl"]})
    assert form.is_valid()
    assert form.cleaned_data["cities"] == ["ka", "kl"]


def test_an_unknown_value_is_refused():
    form = _CityForm({"cities": ["xx"]})
    assert not form.is_valid()
    assert "cities" in form.errors
