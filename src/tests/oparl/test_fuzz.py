"""Property-based fuzzing of the parser: whatever a server sends, no unhandled exception."""

import contextlib
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stadtgespraeche.oparl.crawler import flatten
from stadtgespraeche.oparl.loaders import LOADERS, BaseLoader, ParseError
from stadtgespraeche.oparl.mappers import MAPPERS, Context

TYPES = [*sorted(MAPPERS), "System", "Unknown"]
KEYS = [
    "id",
    "type",
    "name",
    "deleted",
    "modified",
    "created",
    "start",
    "date",
    "startDate",
    "order",
    "size",
    "ags",
    "mainFile",
    "auxiliaryFile",
    "agendaItem",
    "consultation",
    "membership",
    "location",
    "organization",
    "person",
    "meeting",
    "paper",
    "title",
    "votingRight",
    "mimeType",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "https://x/oparl/body/1/paper/7",
            "https://x/oparl/body/1/meeting/3",
            "2021-09-06T10:00:00+02:00",
            "2019-12-01T10:00:00+01::00",
            "2021-13-45",
            "0000-01-01T00:00:00",
            "9999-12-31T23:59:59-23:59",
            "N/A",
            "5358016",
            "²³",
            "\u00a0",
        ]
    ),
    st.sampled_from([f"https://schema.oparl.org/1.1/{t}" for t in TYPES]),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), children, max_size=6),
    ),
    max_leaves=30,
)
objects = st.dictionaries(st.sampled_from(KEYS), values, max_size=10)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=st.one_of(values, objects), vendor=st.sampled_from(sorted(LOADERS)))
def test_flatten_and_map_never_raise(value, vendor):
    loader = LOADERS[vendor]()
    for flat in flatten(value, loader, "Paper"):
        assert isinstance(flat.oparl_id, str)
        json.dumps(flat.data)  # storable
        mapper = MAPPERS.get(flat.object_type)
        if mapper is not None:
            fields, refs = mapper(flat.data, Context("https://x/body/1", "", "", flat.position))
            assert isinstance(fields, dict)
            assert all(isinstance(oparl_id, str) for _type, oparl_id in refs.values())


@settings(max_examples=300, deadline=None)
@given(content=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)))
def test_parse_raises_only_parse_error(content):
    loader = BaseLoader()
    try:
        data = loader.parse(content)
    except ParseError:
        return
    with contextlib.suppress(ParseError):
        loader.list_page(data)


@settings(max_examples=200, deadline=None)
@given(value=values)
def test_broken_json_is_repaired_or_refused(value):
    text = json.dumps({"data": [value], "name": "a\x01b\nc"}, ensure_ascii=False)
    broken = text.replace("\\u0001", "\x01").replace("\\n", "\n")
    data = BaseLoader().parse(broken.encode())
    assert data["name"] == "a\x01b\nc"


def test_absurdly_nested_json_is_refused():
    with pytest.raises(ParseError):
        BaseLoader().parse(b"[" * 200_000)


def test_deep_nesting_and_cycles_are_cut():
    deep: dict = {"id": "https://x/paper/1", "type": "Paper"}
    node = deep
    for _ in range(200):
        node["mainFile"] = {"id": "https://x/file/1", "type": "File", "x": {}}
        node = node["mainFile"]["x"]
    loader = BaseLoader()
    flats = flatten(deep, loader, "Paper")
    assert flats[0].oparl_id == "https://x/paper/1" or flats[-1].oparl_id == "https://x/paper/1"
    assert loader.fixes["too_deep"] >= 1
    # a self-reference is just an id, never followed
    flats = flatten(
        {"id": "https://x/paper/2", "type": "Paper", "relatedPaper": ["https://x/paper/2"]}, loader
    )
    assert [f.oparl_id for f in flats] == ["https://x/paper/2"]
