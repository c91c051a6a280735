"""Council records (app `oparl`) for tests: a council with papers and decisions."""

import datetime as dt
import itertools

from stadtgespraeche.oparl.models import (
    Endpoint,
    OparlAgendaItem,
    OparlConsultation,
    OparlMeeting,
    OparlOrganization,
    OparlPaper,
)

_numbers = itertools.count(1)


def council(municipality=None, name="Gemeinderat Musterstadt"):
    n = next(_numbers)
    return Endpoint.objects.create(
        system_url=f"https://ris-{n}.example/oparl/system",
        body_url=f"https://ris-{n}.example/oparl/body/1",
        body_name=name,
        municipality=municipality,
    )


def paper(endpoint, title, *, paper_type="Beschlussvorlage", date=None, **values):
    n = next(_numbers)
    base = endpoint.system_url.rsplit("/", 1)[0]
    return OparlPaper.objects.create(
        endpoint=endpoint,
        oparl_id=f"{base}/paper/{n}",
        web=f"{base.replace('/oparl', '')}/vo/{n}",
        name=title,
        reference=f"DS {n}/2025",
        paper_type=paper_type,
        date=date or dt.date(2025, 3, 1),
        **values,
    )


def decision(paper_row, *, result="einstimmig beschlossen", start=None, committee="Rat"):
    """A consultation of the paper in a meeting whose agenda item has the result."""
    endpoint = paper_row.endpoint
    n = next(_numbers)
    base = endpoint.system_url.rsplit("/", 1)[0]
    organization = OparlOrganization.objects.create(
        endpoint=endpoint, oparl_id=f"{base}/organization/{n}", name=committee
    )
    meeting = OparlMeeting.objects.create(
        endpoint=endpoint,
        oparl_id=f"{base}/meeting/{n}",
        name=f"Sitzung {n}",
        organization=organization,
        start=start or dt.datetime(2025, 4, 1, 18, tzinfo=dt.UTC),
    )
    item = OparlAgendaItem.objects.create(
        endpoint=endpoint,
        oparl_id=f"{base}/agendaitem/{n}",
        meeting=meeting,
        number="5",
        name=paper_row.name,
        result=result,
    )
    return OparlConsultation.objects.create(
        endpoint=endpoint,
        oparl_id=f"{base}/consultation/{n}",
        paper=paper_row,
        meeting=meeting,
        agenda_item=item,
        organization=organization,
        authoritative=True,
        role="Entscheidung",
    )
