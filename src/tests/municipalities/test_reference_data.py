import csv
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from stadtgespraeche.municipalities.enums import MunicipalityKind
from stadtgespraeche.municipalities.models import (
    District,
    Municipality,
    Party,
    SmartCityProject,
    State,
)
from stadtgespraeche.municipalities.reference_data import (
    ReferenceDataError,
    german_slug,
    load_reference_data,
)

pytestmark = [pytest.mark.django_db, pytest.mark.unit]

FIXTURE = Path(__file__).parent / "fixtures" / "reference"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "reference"
    shutil.copytree(FIXTURE, target)
    return target


def _rewrite(path: Path, change) -> None:
    """Apply `change(rows)` to a CSV file, keeping its header."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fieldnames = list(reader.fieldnames or [])
        rows = list(reader)
    rows = change(rows) or rows
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames)
        writer.writeheader()
        writer.writerows(rows)


def test_load_reference_data_creates_all_tables(data_dir):
    report = load_reference_data(data_dir=data_dir)

    assert report.skipped == []
    assert State.objects.count() == 4
    assert District.objects.count() == 4
    # 5 municipalities + 2 counties (Landkreis Kaiserslautern, Eifelkreis) + 1 region
    assert Municipality.objects.count() == 8
    assert Party.objects.count() == 3
    assert SmartCityProject.objects.count() == 4
    assert report.created["municipalities"] == 8
    assert report.created["project members"] == 4


def test_load_reference_data_maps_municipality_fields(data_dir):
    load_reference_data(data_dir=data_dir)

    kaiserslautern = Municipality.objects.get(key="07312000")
    assert kaiserslautern.slug == "kaiserslautern"
    assert kaiserslautern.name == "Kaiserslautern"
    assert kaiserslautern.name_official == "Kaiserslautern, Stadt"
    assert kaiserslautern.kind == MunicipalityKind.CITY
    assert kaiserslautern.state.code == "07"
    assert kaiserslautern.district.ags == "07312"
    assert kaiserslautern.population == 101228
    assert kaiserslautern.latitude == pytest.approx(49.4328)
    bann = Municipality.objects.get(key="07335002")
    assert bann.kind == MunicipalityKind.MUNICIPALITY
    assert bann.district.ags == "07335"


def test_load_reference_data_creates_counties_with_readable_names(data_dir):
    load_reference_data(data_dir=data_dir)

    county = Municipality.objects.get(key="07335")
    assert county.kind == MunicipalityKind.COUNTY
    assert county.name == "Landkreis Kaiserslautern"
    assert county.slug == "landkreis-kaiserslautern"
    assert county.district.ags == "07335"
    assert Municipality.objects.get(key="07232").name == "Eifelkreis Bitburg-Prüm"
    # kreisfreie Städte are cities already, not counties
    assert not Municipality.objects.filter(key="07312").exists()


def test_load_reference_data_creates_region_for_project_without_members(data_dir):
    load_reference_data(data_dir=data_dir)

    region = Municipality.objects.get(key="mpsc-2021-28")
    assert region.name == "Verband Region Rhein-Neckar"
    assert region.kind == MunicipalityKind.REGION
    assert region.slug == "verband-region-rhein-neckar"
    assert region.latitude == pytest.approx(49.49953)
    project = SmartCityProject.objects.get(mpsc_id="MPSC-2021-28")
    assert list(project.members.all()) == [region]


def test_load_reference_data_maps_projects_and_parties(data_dir):
    load_reference_data(data_dir=data_dir)

    project = SmartCityProject.objects.get(mpsc_id="MPSC-2019-06")
    assert project.name == "Kaiserslautern"
    assert project.cohort_year == 2019
    assert project.cohort == "Staffel 1"
    assert project.category == "Mittlere Stadt"
    assert project.project_type == "city"
    assert [m.key for m in project.members.all()] == ["07312000"]
    county_project = SmartCityProject.objects.get(mpsc_id="MPSC-2020-24")
    assert [m.key for m in county_project.members.all()] == ["07232"]
    assert Party.objects.get(short_name="SPD").color == "#E3000F"
    assert Party.objects.get(short_name="SSW").color == ""


def test_load_reference_data_second_run_changes_nothing(data_dir):
    load_reference_data(data_dir=data_dir)

    report = load_reference_data(data_dir=data_dir)

    assert not report.changed
    assert sum(report.created.values()) == 0
    assert sum(report.updated.values()) == 0


def test_load_reference_data_updates_changed_rows_and_keeps_slug(data_dir):
    load_reference_data(data_dir=data_dir)

    def rename(rows):
        for row in rows:
            if row["ags"] == "07312000":
                row["name"] = "Kaiserslautern (neu)"
                row["population"] = "100000"

    _rewrite(data_dir / "municipalities.csv", rename)

    report = load_reference_data(data_dir=data_dir)

    assert report.updated["municipalities"] == 1
    assert report.created["municipalities"] == 0
    kaiserslautern = Municipality.objects.get(key="07312000")
    assert kaiserslautern.name == "Kaiserslautern (neu)"
    assert kaiserslautern.population == 100000
    assert kaiserslautern.slug == "kaiserslautern"


def test_load_reference_data_syncs_project_members(data_dir):
    load_reference_data(data_dir=data_dir)

    def move_member(rows):
        for row in rows:
            if row["mpsc_id"] == "MPSC-2019-06":
                row["member_key"] = "07335"
                row["member_level"] = "district"

    _rewrite(data_dir / "smart-cities" / "mpsc_members.csv", move_member)

    report = load_reference_data(data_dir=data_dir)

    project = SmartCityProject.objects.get(mpsc_id="MPSC-2019-06")
    assert [m.key for m in project.members.all()] == ["07335"]
    assert report.created["project members"] == 1
    assert report.deleted["project members"] == 1


def test_load_reference_data_gives_colliding_names_key_suffix(data_dir):
    def add_second_bann(rows):
        twin = dict(next(r for r in rows if r["ags"] == "07335002"))
        twin.update(ags="07232099", ars="072325005099", district_ags="07232", population="10")
        rows.append(twin)

    _rewrite(data_dir / "municipalities.csv", add_second_bann)

    load_reference_data(data_dir=data_dir)

    assert Municipality.objects.get(key="07335002").slug == "bann"
    assert Municipality.objects.get(key="07232099").slug == "bann-07232099"


def test_load_reference_data_skips_bad_rows_with_message(data_dir):
    def break_rows(rows):
        for row in rows:
            if row["ags"] == "07232001":
                row["ags"] = "7232001"
            if row["ags"] == "07232002":
                row["population"] = "viele"
            if row["ags"] == "07335002":
                row["lat"] = "12.0"

    _rewrite(data_dir / "municipalities.csv", break_rows)

    report = load_reference_data(data_dir=data_dir)

    assert report.skipped == [
        "municipalities.csv line 2: AGS '7232001' is not 8 digits",
        "municipalities.csv line 3: population 'viele' is not a whole number",
        "municipalities.csv line 5: latitude '12.0' is outside Germany",
    ]
    assert Municipality.objects.filter(kind=MunicipalityKind.MUNICIPALITY).count() == 0
    assert Municipality.objects.filter(key="07312000").exists()


def test_load_reference_data_skips_unknown_state_and_bad_colour(data_dir):
    def unknown_state(rows):
        for row in rows:
            if row["district_ags"] == "07232":
                row["state_code"] = "99"

    _rewrite(data_dir / "districts.csv", unknown_state)
    _rewrite(
        data_dir / "parties" / "parties.csv",
        lambda rows: [
            {**row, "color_hex": "red"} if row["short_name"] == "SPD" else row for row in rows
        ],
    )

    report = load_reference_data(data_dir=data_dir)

    assert "districts.csv line 2: state '99' unknown or not matching the key" in report.skipped
    assert "parties.csv line 2: colour 'red' is not #RRGGBB" in report.skipped
    assert "municipalities.csv line 2: district '07232' unknown" in report.skipped
    assert "mpsc_members.csv: MPSC-2020-24 member '07232' unknown" in report.skipped
    assert not Party.objects.filter(short_name="SPD").exists()


def test_load_reference_data_missing_file_raises(data_dir):
    (data_dir / "states.csv").unlink()

    with pytest.raises(ReferenceDataError, match=r"states\.csv: file not found"):
        load_reference_data(data_dir=data_dir)


def test_load_reference_data_missing_column_raises(data_dir):
    path = data_dir / "parties" / "parties.csv"
    path.write_text("short_name,name\nSPD,SPD\n", encoding="utf-8")

    with pytest.raises(ReferenceDataError, match="missing columns color_hex"):
        load_reference_data(data_dir=data_dir)


def test_german_slug_transliterates_umlauts():
    assert german_slug("Würzburg") == "wuerzburg"
    assert german_slug("Großpösna") == "grosspoesna"


def test_command_prints_counts_and_up_to_date(data_dir):
    out = StringIO()
    call_command("load_reference_data", data_dir=data_dir, stdout=out)
    assert "municipalities: 8 created, 0 updated" in out.getvalue()
    assert "Reference data loaded." in out.getvalue()

    out = StringIO()
    call_command("load_reference_data", data_dir=data_dir, stdout=out)
    assert "municipalities: 0 created, 0 updated" in out.getvalue()
    assert "Reference data already up to date." in out.getvalue()


def test_command_reports_skipped_rows_on_stderr(data_dir):
    _rewrite(
        data_dir / "states.csv",
        lambda rows: [{**row, "name": ""} if row["state_code"] == "06" else row for row in rows],
    )
    err = StringIO()

    call_command("load_reference_data", data_dir=data_dir, stdout=StringIO(), stderr=err)

    assert "Skipped: states.csv line 2: name is empty" in err.getvalue()


def test_command_missing_file_is_command_error(tmp_path):
    with pytest.raises(CommandError, match="file not found"):
        call_command("load_reference_data", data_dir=tmp_path, stdout=StringIO())


@pytest.mark.integration
def test_load_reference_data_loads_the_shipped_data():
    report = load_reference_data()

    assert report.skipped == []
    assert State.objects.count() == 16
    assert District.objects.count() == 400
    assert Municipality.objects.filter(key__regex=r"^\d{8}$").count() == 10_981
    assert Municipality.objects.filter(kind=MunicipalityKind.COUNTY).count() == 294
    assert Municipality.objects.filter(kind=MunicipalityKind.ASSOCIATION).count() == 3
    assert Municipality.objects.get(key="mpsc-2021-28").kind == MunicipalityKind.REGION
    assert SmartCityProject.objects.count() == 73
    assert Party.objects.count() == 17
    assert not SmartCityProject.objects.filter(members=None).exists()
    assert Municipality.objects.get(key="07312000").slug == "kaiserslautern"
    assert not load_reference_data().changed
