"""Referenced objects missing from every list: fetched by their id URL once (through the
run's fetcher), a placeholder only when that fails. Against the local fake server."""

import copy

import pytest

from stadtgespraeche.oparl.enums import SyncStatus, Vendor
from stadtgespraeche.oparl.models import Endpoint, OparlMeeting, OparlOrganization, RawObject
from stadtgespraeche.oparl.services.importer import run_import
from stadtgespraeche.oparl.services.references import FETCHED

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ORGANIZATIONS = "/karlsruhe/oparl/bodies/0001/organizations"
MEETINGS = "/karlsruhe/oparl/bodies/0001/meetings"
HIDDEN = "/karlsruhe/oparl/bodies/0001/organizations/gr/40333"
GONE = "/karlsruhe/oparl/bodies/0001/organizations/gr/999999"


def _extra_meetings(server, count):
    """Meetings (copies of a real one) whose lead organisation exists nowhere."""
    template = server.datasets["karlsruhe"].lists[MEETINGS][0]
    meetings = []
    for n in range(count):
        meeting = copy.deepcopy(template)
        meeting["id"] = f"{server.base}{MEETINGS}/9990{n}"
        meeting["organization"] = [f"{server.base}{GONE}"]
        meeting.pop("agendaItem", None)
        meetings.append(meeting)
    return meetings


def test_missing_reference_is_fetched_once_before_a_placeholder(fake_oparl, fetcher):
    fake_oparl.quirks.hidden = {HIDDEN}
    fake_oparl.quirks.extra_elements = {MEETINGS: _extra_meetings(fake_oparl, 2)}
    endpoint = Endpoint.objects.create(
        system_url=fake_oparl.karlsruhe_system, vendor=Vendor.SOMACOS
    )

    run = run_import(endpoint, fetcher=fetcher)

    assert run.status == SyncStatus.SUCCEEDED, run.error
    # Missing from the organisation list, but retrievable by its id: a real row.
    hidden = OparlOrganization.objects.get(endpoint=endpoint, oparl_id__endswith=HIDDEN)
    assert not hidden.is_placeholder
    assert hidden.name
    assert OparlMeeting.objects.filter(organization=hidden).exists()
    raw = RawObject.objects.get(endpoint=endpoint, oparl_id=hidden.oparl_id)
    assert raw.parent_field == FETCHED
    # Retrievable nowhere: a placeholder, asked for once although two meetings name it.
    gone = OparlOrganization.objects.get(endpoint=endpoint, oparl_id__endswith=GONE)
    assert gone.is_placeholder
    assert OparlMeeting.objects.filter(organization=gone).count() == 2
    assert [r for r in fake_oparl.requests if r.startswith(GONE)] == [GONE]
    assert [r for r in fake_oparl.requests if r.startswith(HIDDEN)] == [HIDDEN]
    counts = run.stats["counts"]
    assert counts["references_fetched"] >= 1
    assert counts["reference_fetch_failed"] >= 1

    # A re-run asks for nothing again (the placeholder is a row now).
    fake_oparl.requests.clear()
    run_import(endpoint, fetcher=fetcher, full=True)
    assert not [r for r in fake_oparl.requests if r.startswith((GONE, HIDDEN))]


def test_reference_answering_with_another_type_becomes_a_placeholder(fake_oparl, fetcher):
    # The "organisation" the meetings name is in fact the System object.
    fake_oparl.quirks.extra_elements = {MEETINGS: _extra_meetings(fake_oparl, 1)}
    fake_oparl.quirks.extra_elements[MEETINGS][0]["organization"] = [fake_oparl.karlsruhe_system]
    endpoint = Endpoint.objects.create(
        system_url=fake_oparl.karlsruhe_system, vendor=Vendor.SOMACOS
    )

    run = run_import(endpoint, fetcher=fetcher)

    assert run.status == SyncStatus.SUCCEEDED
    organization = OparlOrganization.objects.get(
        endpoint=endpoint, oparl_id=fake_oparl.karlsruhe_system
    )
    assert organization.is_placeholder
