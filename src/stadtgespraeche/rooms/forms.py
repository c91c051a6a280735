"""The organisers' form for the online room of a series (docs/rooms.md)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.forms import Form
from stadtgespraeche.network.enums import RoomKind


class SeriesRoomForm(Form):
    room_provider = forms.ChoiceField(
        label=_("Online room of the events of this series"),
        choices=RoomKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose the online room."),
            "invalid_choice": _("Please choose the online room."),
        },
    )
