"""Writes of the events app. (Membership of municipalities in a series, for now.)"""

from django.db import transaction
from django.utils import timezone

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.directory.models import Municipality

from .enums import MembershipStatus
from .models import Membership, MembershipChange, Series


@transaction.atomic
def set_membership_status(
    *,
    series: Series,
    municipality: Municipality,
    status: MembershipStatus | str,
    by: User | None,
    note: str = "",
) -> Membership:
    """Create or move a membership to `status`, recording the step in its history.

    Setting the status it already has changes nothing and records nothing.
    """
    status = MembershipStatus(status)
    today = timezone.localdate()
    membership = (
        Membership.objects.select_for_update()
        .filter(series=series, municipality=municipality)
        .first()
    )
    if membership is None:
        membership = Membership.objects.create(
            series=series, municipality=municipality, status=status, since=today
        )
        previous = ""
    elif membership.status == status:
        return membership
    else:
        previous = membership.status
        membership.status = status
        membership.since = today
        membership.save(update_fields=["status", "since", "updated_at"])
    MembershipChange.objects.create(
        membership=membership, from_status=previous, to_status=status, changed_by=by, note=note
    )
    log_action(
        "events.membership.status_changed",
        actor=by,
        obj=membership,
        data={"from": previous, "to": str(status)},
    )
    return membership
