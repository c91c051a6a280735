"""The settings module under production-like environments (issue 2, section 1)."""

import re
import runpy
from pathlib import Path

import pytest
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

pytestmark = pytest.mark.integration

REPO_DIR = Path(__file__).resolve().parents[2]
SETTINGS_FILE = REPO_DIR / "src" / "stadtgespraeche" / "settings.py"
SETTINGS_VARIABLES = (
    "DEBUG",
    "STADTGESPRAECHE_DEMO",
    "SECRET_KEY",
    "SECRET_KEY_FILE",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "EMAIL_BACKEND",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "DJANGO_SETTINGS_MODULE",
)


def load_settings(monkeypatch, data_dir: Path, **env: str) -> dict:
    """Execute the settings module afresh under `env` (without the test settings' values)."""
    for key in SETTINGS_VARIABLES:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("DATA_DIR", str(data_dir))
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return runpy.run_path(str(SETTINGS_FILE), run_name="settings_under_test")


# `check --deploy --fail-level WARNING` on the production settings runs once per `make test`,
# in scripts/lint.sh (deploy_check, without the variables of SETTINGS_VARIABLES above).


def test_deploy_checks_reject_a_short_secret_key_of_the_production_settings(monkeypatch, tmp_path):
    production = load_settings(
        monkeypatch, tmp_path, SECRET_KEY="too-short", ALLOWED_HOSTS="a.example"
    )
    silenced = production.get("SILENCED_SYSTEM_CHECKS", [])

    with override_settings(SECRET_KEY=production["SECRET_KEY"], SILENCED_SYSTEM_CHECKS=silenced):
        messages = checks.run_checks(tags=[checks.Tags.security], include_deployment_checks=True)

    assert production["SECRET_KEY"] == "too-short"
    assert "security.W009" in {message.id for message in messages}


def test_settings_without_secret_key_outside_demo_and_debug_raise(monkeypatch, tmp_path):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        load_settings(monkeypatch, tmp_path)


@pytest.mark.parametrize("switch", ["DEBUG", "STADTGESPRAECHE_DEMO"])
def test_settings_without_secret_key_in_demo_or_debug_use_local_key(monkeypatch, tmp_path, switch):
    settings = load_settings(monkeypatch, tmp_path, **{switch: "1"})

    assert settings["SECRET_KEY"].startswith("insecure-demo-key")
    assert settings["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]


def test_settings_read_secret_key_from_file(monkeypatch, tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text("from-a-file-" + "x" * 50 + "\n", encoding="utf-8")

    settings = load_settings(monkeypatch, tmp_path, SECRET_KEY_FILE=str(key_file))

    assert settings["SECRET_KEY"] == "from-a-file-" + "x" * 50


def test_settings_in_production_are_secure_and_send_real_mail(monkeypatch, tmp_path):
    settings = load_settings(monkeypatch, tmp_path, SECRET_KEY="k" * 60, ALLOWED_HOSTS="a.example")

    assert settings["DEBUG"] is False
    assert settings["ALLOWED_HOSTS"] == ["a.example"]
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 31536000
    assert settings["MAILERS"]["default"]["BACKEND"].endswith("smtp.EmailBackend")


def test_settings_with_database_url_use_postgresql(monkeypatch, tmp_path):
    settings = load_settings(
        monkeypatch,
        tmp_path,
        STADTGESPRAECHE_DEMO="1",
        DATABASE_URL="postgres://user:pw@db.example:5433/stadt",
    )

    database = settings["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == ("db.example", 5433, "stadt")


def test_settings_default_database_is_sqlite_in_data_dir(monkeypatch, tmp_path):
    settings = load_settings(monkeypatch, tmp_path, STADTGESPRAECHE_DEMO="1")

    database = settings["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(database["NAME"]) == tmp_path.resolve() / "stadtgespraeche.sqlite3"
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.parametrize(("name", "value"), [("DEBUG", "maybe"), ("SECURE_HSTS_SECONDS", "a")])
def test_settings_with_malformed_value_raise(monkeypatch, tmp_path, name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        load_settings(monkeypatch, tmp_path, STADTGESPRAECHE_DEMO="1", **{name: value})


def test_every_environment_variable_of_the_settings_is_documented():
    source = SETTINGS_FILE.read_text(encoding="utf-8")
    names = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z0-9_]+)"', source))
    names |= set(re.findall(r'os\.environ\.get\(\s*"([A-Z0-9_]+)"', source))
    documented = (REPO_DIR / "docs" / "configuration.md").read_text(encoding="utf-8")

    assert "SECRET_KEY" in names
    assert sorted(name for name in names if f"`{name}`" not in documented) == []
