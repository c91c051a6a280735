"""Load the shipped reference data (states, districts, municipalities, counties, Modellprojekte
Smart Cities, parties) into the database, idempotently.

Every table is synchronised on its natural key: missing rows are created with `bulk_create`,
changed rows updated with `bulk_update`, unchanged rows left alone, so a second run changes
nothing. Rows that cannot be read are skipped with a message naming file and line. Slugs are
given once, when a row is created, and never changed afterwards, so public URLs stay stable.
Rows missing from the files are kept (memberships and people may point at them).
"""

from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from stadtgespraeche.municipalities.enums import MunicipalityKind
from stadtgespraeche.municipalities.models import (
    District,
    Municipality,
    Party,
    SmartCityProject,
    State,
)
from stadtgespraeche.municipalities.reference_data.sync import (
    BATCH_SIZE,
    BadRow,
    LoadReport,
    ReferenceDataError,
    Sync,
    coordinate,
    german_slug,
    integer,
    natural_key,
    read_csv,
    text,
)

__all__ = [
    "DATA_DIR",
    "LoadReport",
    "ReferenceDataError",
    "german_slug",
    "load_reference_data",
    "synthetic_key",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# GV100AD district types that are counties of their own (Kreis, Landkreis, Regionalverband);
# kreisfreie Städte (41, 42) are already in the municipality list as cities.
COUNTY_TYPE_CODES = {"43", "44", "45"}
ASSOCIATION_PREFIX = "vb:"


@transaction.atomic
def load_reference_data(*, data_dir: Path = DATA_DIR) -> LoadReport:
    """Load or update all reference data from `data_dir` (the shipped data by default)."""
    report = LoadReport()
    states = _load_states(data_dir, report)
    districts, county_rows = _load_districts(data_dir, report, states)
    municipality_rows = _municipality_rows(data_dir, report, states, districts)
    municipality_rows.update(county_rows)
    project_rows, member_keys = _project_rows(data_dir, report)
    municipality_rows.update(
        _association_rows(data_dir, member_keys, municipality_rows, states, districts)
    )
    municipality_rows.update(_region_rows(project_rows, member_keys, municipality_rows, states))
    municipalities = _save_municipalities(municipality_rows, report)
    _load_parties(data_dir, report)
    _save_projects(project_rows, member_keys, municipalities, report)
    return report


# --- states and districts ---------------------------------------------------------------


def _load_states(data_dir: Path, report: LoadReport) -> dict[str, State]:
    rows: dict[str, dict[str, Any]] = {}
    path = data_dir / "states.csv"
    for line, row in read_csv(path, {"state_code", "name", "abbreviation", "population"}):
        try:
            code = natural_key(row["state_code"], 2, "state code")
            rows[code] = {
                "name": text(row["name"], "name"),
                "abbreviation": text(row["abbreviation"], "abbreviation")[:2],
                "population": integer(row["population"], "population") or 0,
            }
        except BadRow as error:
            report.skipped.append(f"{path.name} line {line}: {error}")
    return Sync(State, "code", report, "states").run(rows)


def _load_districts(
    data_dir: Path, report: LoadReport, states: dict[str, State]
) -> tuple[dict[str, District], dict[str, dict[str, Any]]]:
    rows: dict[str, dict[str, Any]] = {}
    county_rows: dict[str, dict[str, Any]] = {}
    path = data_dir / "districts.csv"
    required = {
        "district_ags",
        "name",
        "name_official",
        "district_type_code",
        "district_type",
        "state_code",
        "population",
        "lat",
        "lon",
    }
    for line, row in read_csv(path, required):
        try:
            key = natural_key(row["district_ags"], 5, "district key")
            state = states.get(row["state_code"])
            if state is None or not key.startswith(state.code):
                raise BadRow(f"state {row['state_code']!r} unknown or not matching the key")
            name = text(row["name"], "name")
            district_type = text(row["district_type"], "district type")
            population = integer(row["population"], "population") or 0
            rows[key] = {
                "name": name,
                "district_type": district_type,
                "state_id": state.pk,
                "population": population,
            }
            if row["district_type_code"] in COUNTY_TYPE_CODES:
                county_rows[key] = {
                    "name": _county_name(name, district_type),
                    "name_official": row["name_official"],
                    "kind": MunicipalityKind.COUNTY.value,
                    "designation": district_type,
                    "state_id": state.pk,
                    "district_key": key,
                    "population": population,
                    "postal_code": "",
                    "latitude": coordinate(row["lat"], "latitude", 47.0, 55.1),
                    "longitude": coordinate(row["lon"], "longitude", 5.8, 15.1),
                }
        except BadRow as error:
            report.skipped.append(f"{path.name} line {line}: {error}")
    return Sync(District, "ags", report, "districts").run(rows), county_rows


def _county_name(name: str, district_type: str) -> str:
    """ "Kaiserslautern" + "Landkreis" → "Landkreis Kaiserslautern"; "Rhein-Sieg-Kreis" stays."""
    lowered = name.lower()
    if "kreis" in lowered or "region" in lowered:
        return name
    return f"{district_type} {name}"


# --- municipalities, counties, associations, regions -------------------------------------


def _municipality_rows(
    data_dir: Path,
    report: LoadReport,
    states: dict[str, State],
    districts: dict[str, District],
) -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    path = data_dir / "municipalities.csv"
    required = {
        "ags",
        "name",
        "name_official",
        "designation",
        "is_town",
        "state_code",
        "district_ags",
        "postal_code",
        "population",
        "lat",
        "lon",
    }
    for line, row in read_csv(path, required):
        try:
            key = natural_key(row["ags"], 8, "AGS")
            state = states.get(row["state_code"])
            if state is None or not key.startswith(state.code):
                raise BadRow(f"state {row['state_code']!r} unknown or not matching the AGS")
            district_key = row["district_ags"]
            if district_key and district_key not in districts:
                raise BadRow(f"district {district_key!r} unknown")
            if row["is_town"] not in {"0", "1"}:
                raise BadRow(f"is_town {row['is_town']!r} is not 0 or 1")
            is_town = row["is_town"] == "1"
            rows[key] = {
                "name": text(row["name"], "name"),
                "name_official": row["name_official"][:200],
                "kind": (MunicipalityKind.CITY if is_town else MunicipalityKind.MUNICIPALITY).value,
                "designation": row["designation"][:100],
                "state_id": state.pk,
                "district_key": district_key,
                "population": integer(row["population"], "population"),
                "postal_code": row["postal_code"][:5],
                "latitude": coordinate(row["lat"], "latitude", 47.0, 55.1),
                "longitude": coordinate(row["lon"], "longitude", 5.8, 15.1),
            }
        except BadRow as error:
            report.skipped.append(f"{path.name} line {line}: {error}")
    return rows


def _member_key(value: str) -> str:
    return value.removeprefix(ASSOCIATION_PREFIX)


def _association_rows(
    data_dir: Path,
    member_keys: dict[str, list[tuple[str, str, str]]],
    municipality_rows: dict[str, dict[str, Any]],
    states: dict[str, State],
    districts: dict[str, District],
) -> dict[str, dict[str, Any]]:
    """Municipal associations (Samtgemeinden …) named as MPSC members: population and point
    are aggregated from their municipalities (ARS positions 1–9)."""
    wanted = {
        key: name
        for members in member_keys.values()
        for key, name, level in members
        if level == "association" and key not in municipality_rows
    }
    if not wanted:
        return {}
    members: dict[str, list[dict[str, str]]] = {key: [] for key in wanted}
    for _line, row in read_csv(data_dir / "municipalities.csv", {"ars", "ags"}):
        association = row["ars"][:9]
        if association in members and row["ags"] in municipality_rows:
            members[association].append(row)
    rows = {}
    for key, name in wanted.items():
        own = [municipality_rows[row["ags"]] for row in members[key]]
        points = [(m["latitude"], m["longitude"]) for m in own if m["latitude"] is not None]
        state = states.get(key[:2])
        district = districts.get(key[:5])
        rows[key] = {
            "name": name,
            "name_official": name,
            "kind": MunicipalityKind.ASSOCIATION.value,
            "designation": "",
            "state_id": state.pk if state else None,
            "district_key": district.ags if district else "",
            "population": sum(m["population"] or 0 for m in own) or None,
            "postal_code": "",
            "latitude": round(sum(p[0] for p in points) / len(points), 5) if points else None,
            "longitude": round(sum(p[1] for p in points) / len(points), 5) if points else None,
        }
    return rows


def _region_rows(
    project_rows: dict[str, dict[str, Any]],
    member_keys: dict[str, list[tuple[str, str, str]]],
    municipality_rows: dict[str, dict[str, Any]],
    states: dict[str, State],
) -> dict[str, dict[str, Any]]:
    """A body of its own for every project without a keyed member (Verband Region
    Rhein-Neckar), under a synthetic stable key such as "mpsc-2021-28"."""
    rows = {}
    for mpsc_id, project in project_rows.items():
        keyed = [key for key, _name, _level in member_keys.get(mpsc_id, []) if key]
        if keyed:
            continue
        state_codes = project["_state_codes"]
        state = states.get(state_codes[0]) if len(state_codes) == 1 else None
        rows[synthetic_key(mpsc_id)] = {
            "name": project["name"],
            "name_official": project["name"],
            "kind": (
                MunicipalityKind.REGION
                if project["project_type"] == "region"
                else MunicipalityKind.ASSOCIATION
            ).value,
            "designation": "",
            "state_id": state.pk if state else None,
            "district_key": "",
            "population": None,
            "postal_code": "",
            "latitude": project["_lat"],
            "longitude": project["_lon"],
        }
    return rows


def synthetic_key(mpsc_id: str) -> str:
    """The stable key of a body known only as an MPSC project: "MPSC-2021-28" → "mpsc-2021-28"."""
    return mpsc_id.lower()


def _save_municipalities(
    rows: dict[str, dict[str, Any]], report: LoadReport
) -> dict[str, Municipality]:
    sync = Sync(Municipality, "key", report, "municipalities")
    districts = {d.ags: d.pk for d in District.objects.all()}
    for values in rows.values():
        district_key = values.pop("district_key")
        values["district_id"] = districts.get(district_key) if district_key else None
    _assign_slugs(rows, {obj.slug for obj in sync.existing.values()}, set(sync.existing))
    return sync.run(rows, create_only={"slug"})


def _assign_slugs(rows: dict[str, dict[str, Any]], used: set[str], existing: set[str]) -> None:
    """New rows get the plain name slug if it is free, the biggest first ("kaiserslautern"),
    otherwise name and key ("bergen-03351004"). Existing rows keep their slug."""
    new = [key for key in rows if key not in existing]
    new.sort(key=lambda key: (-(rows[key]["population"] or 0), key))
    for key in new:
        base = german_slug(rows[key]["name"])[:100] or "kommune"
        slug = base if base not in used else f"{base}-{slugify(key)}"
        used.add(slug)
        rows[key]["slug"] = slug


# --- parties and projects ----------------------------------------------------------------


def _load_parties(data_dir: Path, report: LoadReport) -> None:
    rows: dict[str, dict[str, Any]] = {}
    path = data_dir / "parties" / "parties.csv"
    for line, row in read_csv(path, {"short_name", "name", "color_hex"}):
        try:
            color = row["color_hex"]
            if color and not (
                len(color) == 7
                and color.startswith("#")
                and all(c in "0123456789abcdefABCDEF" for c in color[1:])
            ):
                raise BadRow(f"colour {color!r} is not #RRGGBB")
            rows[text(row["short_name"], "short name")[:50]] = {
                "name": text(row["name"], "name")[:200],
                "color": color.upper(),
            }
        except BadRow as error:
            report.skipped.append(f"{path.name} line {line}: {error}")
    Sync(Party, "short_name", report, "parties").run(rows)


def _project_rows(
    data_dir: Path, report: LoadReport
) -> tuple[dict[str, dict[str, Any]], dict[str, list[tuple[str, str, str]]]]:
    rows: dict[str, dict[str, Any]] = {}
    path = data_dir / "smart-cities" / "mpsc_projects.csv"
    required = {
        "mpsc_id",
        "cohort_year",
        "cohort",
        "name",
        "project_title",
        "category_bmi",
        "type",
        "state_codes",
        "lat",
        "lon",
        "website",
    }
    for line, row in read_csv(path, required):
        try:
            mpsc_id = text(row["mpsc_id"], "MPSC id")
            cohort_year = integer(row["cohort_year"], "cohort year")
            if cohort_year is None or not 2019 <= cohort_year <= 2100:
                raise BadRow(f"cohort year {row['cohort_year']!r} is not a year")
            website = row["website"]
            if website and not website.startswith(("https://", "http://")):
                raise BadRow(f"website {website!r} is not a web address")
            rows[mpsc_id] = {
                "name": text(row["name"], "name")[:200],
                "project_title": row["project_title"][:200],
                "cohort_year": cohort_year,
                "cohort": text(row["cohort"], "cohort")[:20],
                "category": text(row["category_bmi"], "category")[:100],
                "project_type": text(row["type"], "type")[:30],
                "website": website,
                "_state_codes": [c for c in row["state_codes"].split(";") if c],
                "_lat": coordinate(row["lat"], "latitude", 47.0, 55.1),
                "_lon": coordinate(row["lon"], "longitude", 5.8, 15.1),
            }
        except BadRow as error:
            report.skipped.append(f"{path.name} line {line}: {error}")

    members: dict[str, list[tuple[str, str, str]]] = {}
    path = data_dir / "smart-cities" / "mpsc_members.csv"
    for line, row in read_csv(path, {"mpsc_id", "member_key", "member_name", "member_level"}):
        if row["mpsc_id"] not in rows:
            report.skipped.append(f"{path.name} line {line}: project {row['mpsc_id']!r} unknown")
            continue
        members.setdefault(row["mpsc_id"], []).append(
            (_member_key(row["member_key"]), row["member_name"], row["member_level"])
        )
    return rows, members


def _save_projects(
    rows: dict[str, dict[str, Any]],
    member_keys: dict[str, list[tuple[str, str, str]]],
    municipalities: dict[str, Municipality],
    report: LoadReport,
) -> None:
    clean = {
        mpsc_id: {k: v for k, v in values.items() if not k.startswith("_")}
        for mpsc_id, values in rows.items()
    }
    projects = Sync(SmartCityProject, "mpsc_id", report, "smart city projects").run(clean)

    wanted: set[tuple[int, int]] = set()
    for mpsc_id in rows:
        keys = [key for key, _name, _level in member_keys.get(mpsc_id, []) if key]
        if not keys:
            keys = [synthetic_key(mpsc_id)]
        for key in keys:
            municipality = municipalities.get(key)
            if municipality is None:
                report.skipped.append(f"mpsc_members.csv: {mpsc_id} member {key!r} unknown")
                continue
            wanted.add((projects[mpsc_id].pk, municipality.pk))

    through = SmartCityProject.members.through
    project_ids = [projects[mpsc_id].pk for mpsc_id in rows]
    current = set(
        through.objects.filter(smartcityproject_id__in=project_ids).values_list(
            "smartcityproject_id", "municipality_id"
        )
    )
    missing = wanted - current
    extra = current - wanted
    if missing:
        through.objects.bulk_create(
            [through(smartcityproject_id=p, municipality_id=m) for p, m in sorted(missing)],
            batch_size=BATCH_SIZE,
        )
    for project_id, municipality_id in extra:
        through.objects.filter(
            smartcityproject_id=project_id, municipality_id=municipality_id
        ).delete()
    report.created["project members"] += len(missing)
    report.deleted["project members"] += len(extra)
