"""Municipalities: one public document each."""

from django.db.models import QuerySet
from django.utils.translation import override

from stadtgespraeche.municipalities.models import Municipality

from ..enums import Kind
from . import Document, Provider, register


class MunicipalityProvider(Provider):
    model_label = "municipalities.municipality"
    kind = Kind.MUNICIPALITY

    def queryset(self) -> QuerySet[Municipality]:
        return Municipality.objects.select_related("state", "district")

    def documents(self, municipality: Municipality) -> list[Document]:
        with override("de"):
            parts = [
                municipality.name_official,
                municipality.designation,
                municipality.get_kind_display(),
                municipality.district.name if municipality.district else "",
                municipality.state.name if municipality.state else "",
            ]
        return [
            Document(
                title=municipality.name,
                url=municipality.get_absolute_url(),
                kind=self.kind,
                body=" · ".join(part for part in parts if part),
                municipality_ids={municipality.pk},
            )
        ]


register(MunicipalityProvider())
