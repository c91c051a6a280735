"""Demo people must never carry names from the real OParl data (DESIGN.md section 6)."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from stadtgespraeche.accounts.models import User

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

OPARL_DIR = Path(__file__).resolve().parents[4] / "shared" / "data" / "oparl"
if not OPARL_DIR.is_dir():
    OPARL_DIR = Path("/work/shared/data/oparl")


def _oparl_person_names() -> tuple[set[str], set[str]]:
    """(full names, family names) of every OParl Person in the shared data."""
    full_names: set[str] = set()
    family_names: set[str] = set()

    def visit(node: object) -> None:
        if isinstance(node, dict):
            if str(node.get("type", "")).endswith("/Person"):
                if node.get("name"):
                    full_names.add(str(node["name"]))
                if node.get("familyName"):
                    family_names.add(str(node["familyName"]))
                    full_names.add(f"{node.get('givenName', '')} {node['familyName']}".strip())
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    for path in OPARL_DIR.rglob("*.json"):
        try:
            visit(json.loads(path.read_text(encoding="utf-8")))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
    return full_names, family_names


@pytest.mark.skipif(not OPARL_DIR.is_dir(), reason="shared OParl data not available")
@pytest.mark.usefixtures("reference_data")
def test_demo_people_do_not_use_names_from_oparl_data():
    call_command("load_demo", "--force", stdout=StringIO())
    full_names, family_names = _oparl_person_names()

    demo_people = list(User.objects.filter(is_demo=True))

    assert full_names
    assert len(demo_people) == 17
    assert [u.get_full_name() for u in demo_people if u.get_full_name() in full_names] == []
    assert [u.last_name for u in demo_people if u.last_name in family_names] == []
