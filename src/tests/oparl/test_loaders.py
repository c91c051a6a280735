import json

import pytest

from stadtgespraeche.oparl.crawler import flatten
from stadtgespraeche.oparl.enums import Vendor
from stadtgespraeche.oparl.loaders import (
    BaseLoader,
    ParseError,
    detect_vendor,
    loader_for,
    normalise_ags,
    type_from_url,
)
from stadtgespraeche.oparl.loaders.ccegov import CCEgovLoader
from stadtgespraeche.oparl.loaders.somacos import SomacosLoader
from stadtgespraeche.oparl.loaders.sternberg import SternbergLoader


@pytest.fixture
def samples(shared_data_dir):
    return shared_data_dir / "oparl" / "mst-endpoint-samples"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("05358016", "05358016"),
        ("5358016", "05358016"),
        ("051140000", "05114000"),
        (5358016, "05358016"),
        (" 08212000 ", "08212000"),
        ("123", ""),
        ("0511400012", ""),
        ("abc", ""),
        (None, ""),
        ([], ""),
    ],
)
def test_normalise_ags(value, expected):
    assert normalise_ags(value) == expected


def test_ags_of_real_bodies_match_the_oracle(samples):
    """meine-stadt-transparent's expected AGS for every sample body that states one."""
    oracle = json.loads((samples / "body_to_ags.json").read_text())
    # The oracle keeps Krefeld's zero-padded "051140000"; its AGS is 05114000 (OPARL.md 3.1).
    oracle["Stadt Krefeld.json"]["ags"] = "05114000"
    checked = 0
    for name, expected in oracle.items():
        body = json.loads((samples / "bodies" / name).read_text())
        if not body.get("ags"):
            continue
        cleaned = SternbergLoader().object(body, "Body")
        assert cleaned is not None
        assert cleaned["ags"] == expected["ags"], name
        checked += 1
    assert checked >= 20


def test_vendor_is_detected_from_real_systems(samples):
    vendors = {
        path.stem: detect_vendor(json.loads(path.read_text()))
        for path in (samples / "systems").glob("*.json")
    }
    assert vendors["Gemeinde Hürtgenwald"] == Vendor.STERNBERG
    assert vendors["Stadt Leipzig"] == Vendor.CC_EGOV
    assert list(vendors.values()).count(Vendor.STERNBERG) == 26
    wuppertal = json.loads((samples / "wuppertal-somacos" / "system.json").read_text())
    assert detect_vendor(wuppertal) == Vendor.SOMACOS
    assert detect_vendor({"name": "Irgendein RIS"}) == Vendor.GENERIC
    assert detect_vendor(["not", "a", "system"]) == Vendor.GENERIC


def test_loader_for_unknown_vendor_is_generic():
    assert type(loader_for("unknown")) is BaseLoader
    assert type(loader_for(Vendor.SOMACOS)) is SomacosLoader


def test_broken_json_with_control_characters_is_repaired(samples):
    content = (samples / "braunschweig-ccegov-allris" / "paper_1664.broken_json").read_bytes()
    with pytest.raises(json.JSONDecodeError):
        json.loads(content)
    loader = CCEgovLoader()
    paper = loader.parse(content)
    assert paper["id"].endswith("1664") or "1664" in json.dumps(paper)
    assert loader.fixes["invalid_json_repaired"] == 1


def test_unrepairable_json_raises_parse_error():
    loader = BaseLoader()
    with pytest.raises(ParseError):
        loader.parse(b"<html>Wartung</html>")
    assert loader.parse(b"\xef\xbb\xbf{}") == {}


def test_sternberg_404_with_code_802_is_an_empty_list(samples):
    content = (
        samples / "krefeld-sternberg" / "paper_list_modified_since_404_body.json"
    ).read_bytes()
    loader = SternbergLoader()
    assert loader.is_empty_list_response(404, content)
    assert not loader.is_empty_list_response(404, b"<html>not found</html>")
    assert not loader.is_empty_list_response(500, content)
    assert not BaseLoader().is_empty_list_response(404, content)
    assert loader.fixes["404_as_empty_list"] == 1


def test_deleted_object_without_type_gets_it_from_the_url(samples):
    data = json.loads(
        (samples / "krefeld-sternberg" / "file_deleted_without_type.json").read_text()
    )
    assert "type" not in data
    loader = SternbergLoader()
    obj = loader.object(data)
    assert obj is not None
    assert obj["type"] == "File"
    assert obj["deleted"] is True
    assert loader.fixes["type_inferred"] == 1


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.de/oparl/v1.0/body/1/paper/990", "Paper"),
        ("https://x.de/oparl/v1.0/body/1", "Body"),
        ("https://web1.karlsruhe.de/oparl/bodies/0001/papers/vo/54064", "Paper"),
        ("https://x.de/oparl/v1.0/body/1/agendaitem/3976", "AgendaItem"),
        ("https://x.de/oparl/v1.0/body/1/file/2-19309", "File"),
        ("https://x.de/something/else", None),
    ],
)
def test_type_from_url(url, expected):
    assert type_from_url(url) == expected


def test_list_page_shapes():
    loader = BaseLoader()
    assert loader.list_page([{"id": "a"}]) == ([{"id": "a"}], None)
    assert loader.list_page({"id": "https://x/body/1", "type": "Body"})[0][0]["id"].endswith("1")
    elements, following = loader.list_page({"data": [], "links": {"next": "https://x?page=2"}})
    assert (elements, following) == ([], "https://x?page=2")
    assert loader.list_page({"data": None, "links": []}) == ([], None)
    with pytest.raises(ParseError):
        loader.list_page("text")
    assert loader.fixes["list_as_array"] == 1
    assert loader.fixes["object_instead_of_list"] == 1


def test_query_encoding_per_vendor():
    since = "2020-11-26T19:26:34+00:00"
    assert BaseLoader().with_query("https://x/p", "modified_since", since) == (
        "https://x/p?modified_since=2020-11-26T19%3A26%3A34%2B00%3A00"
    )
    assert SomacosLoader().with_query("https://x/p?a=1", "modified_since", since) == (
        f"https://x/p?a=1&modified_since={since}"
    )


def test_ccegov_placeholders_and_broken_offsets(samples):
    body = json.loads(
        (samples / "bonn-ccegov-allris" / "body_colon_timezone_before.json").read_text()
    )
    loader = CCEgovLoader()
    cleaned = loader.object(body, "Body")
    assert cleaned is not None
    assert "::" not in json.dumps(cleaned)
    assert loader.fixes["broken_offset"] > 0
    assert CCEgovLoader().clean({"name": "N/A", "website": " ", "x": "y"}) == {"x": "y"}


def test_auxiliary_file_as_object_is_flattened(samples):
    meeting = json.loads(
        (samples / "bonn-ccegov-allris" / "meeting_664_auxiliaryFile_as_object.json").read_text()
    )
    flats = flatten(meeting, CCEgovLoader(), "Meeting")
    by_type = {}
    for flat in flats:
        by_type.setdefault(flat.object_type, []).append(flat)
    root = next(f for f in flats if f.object_type == "Meeting")
    assert isinstance(root.data["auxiliaryFile"], str)
    assert root.data["auxiliaryFile"] in {f.oparl_id for f in by_type["File"]}
    assert all(item.data["meeting"] == root.oparl_id for item in by_type.get("AgendaItem", []))


def test_sternberg_double_slash_and_nbsp():
    loader = SternbergLoader()
    cleaned = loader.clean({"accessUrl": "https://x/files//rim/a.pdf", "postalCode": "52393\u00a0"})
    assert cleaned == {"accessUrl": "https://x/files/rim/a.pdf", "postalCode": "52393"}
    assert loader.fixes["double_slash_url"] == 1
