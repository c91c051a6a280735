"""The facet labels of the search page come from queries.labelled_facets."""

import pytest
from django.utils import translation

from stadtgespraeche.search.queries import FacetEntry, labelled_facets
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.unit]


def test_labels_name_type_year_municipality_and_topic():
    bamberg = MunicipalityFactory(name="Bamberg")
    topic = TopicFactory(title="Glasfaserausbau")

    with translation.override("de"):
        facets = labelled_facets(
            {
                "kind": [("event", 3), ("practice", 1)],
                "year": [(2026, 4)],
                "municipality": [(bamberg.pk, 2)],
                "topic": [(topic.pk, 1)],
            }
        )

    assert facets["kind"] == [
        FacetEntry("event", 3, "Stadtgespräch"),
        FacetEntry("practice", 1, "Praxisbeispiel"),
    ]
    assert facets["year"] == [FacetEntry(2026, 4, "2026")]
    assert facets["municipality"] == [FacetEntry(bamberg.pk, 2, "Bamberg")]
    assert facets["topic"] == [FacetEntry(topic.pk, 1, "Glasfaserausbau")]


def test_values_without_an_object_are_left_out_and_unknown_types_keep_their_value():
    kept = MunicipalityFactory(name="Ulm")

    facets = labelled_facets(
        {
            "kind": [("retired-type", 1)],
            "municipality": [(kept.pk, 1), (kept.pk + 1000, 5)],
            "topic": [(999_999, 2)],
        }
    )

    assert facets["kind"] == [FacetEntry("retired-type", 1, "retired-type")]
    assert facets["municipality"] == [FacetEntry(kept.pk, 1, "Ulm")]
    assert facets["topic"] == []
