import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.cache import cache
from django.utils import translation

REPO_DIR = Path(__file__).resolve().parents[2]
TEST_RESULTS_DIR = REPO_DIR / "test-results"


def shared_data_path() -> Path:
    """The shared reference data (DESIGN.md section 6).

    SHARED_DATA_DIR (the `data` directory itself) wins; otherwise `../shared/data` beside
    the repository, as in CI. See docs/testing.md.
    """
    configured = os.environ.get("SHARED_DATA_DIR")
    return Path(configured) if configured else REPO_DIR.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data_dir() -> Path:
    path = shared_data_path()
    if not path.is_dir():
        pytest.fail(
            f"Shared reference data not found at {path}. Put the shared directory beside the "
            "repository (../shared/data) or set SHARED_DATA_DIR to its data directory."
        )
    return path


@pytest.fixture(autouse=True)
def _clean_cache_and_language():
    cache.clear()
    # The response cache lives in the process; the database of the last test rolled back.
    from stadtgespraeche.core import response_cache

    response_cache.clear()
    # Content types are cached per process; clearing makes query counts independent of
    # which test ran before (the first lookup in a test always costs its query).
    ContentType.objects.clear_cache()
    # The language middleware activates the request's language in the test thread and
    # leaves it active: without this, a test after one that chose English sees English
    # (which test ran before differs between serial and parallel runs).
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
    cache.clear()


@pytest.fixture
def series():
    """The "Smarte Stadtgespräche" series (network.Series), shared with the factories."""
    from tests.factories.network import DefaultSeriesFactory

    return DefaultSeriesFactory()


def _reset_task_backends() -> None:
    """Django's task backend handler caches TASKS; make it read the setting again."""
    from asgiref.local import Local
    from django.tasks import task_backends

    task_backends._settings = None
    task_backends.__dict__.pop("settings", None)
    task_backends._connections = Local(task_backends.thread_critical)


@pytest.fixture
def database_tasks(settings):
    """Tasks go to the database queue (django-tasks-db) as in production, not run at once."""
    original = settings.TASKS
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    _reset_task_backends()
    yield
    settings.TASKS = original
    _reset_task_backends()


@pytest.fixture
def mailoutbox_clear():
    mail.outbox.clear()
    return mail.outbox


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the temporary MEDIA_ROOT that tests/settings.py creates for each run."""
    from django.conf import settings

    if not settings.configured:
        return
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.parent == Path(tempfile.gettempdir()) and media_root.name.startswith(
        "stadtgespraeche-media-"
    ):
        shutil.rmtree(media_root, ignore_errors=True)


# --- Test legs: a header and a one-line summary per run --------------------------------------


def _leg_name(config: pytest.Config) -> str:
    leg = os.environ.get("STADTGESPRAECHE_TEST_LEG")
    if leg:
        return leg
    database = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
    browser = "e2e" in (config.option.markexpr or "").replace("not e2e", "")
    return f"{database}-e2e" if browser else database


def pytest_report_header(config: pytest.Config) -> list[str]:
    from django.conf import settings

    database = settings.DATABASES["default"]
    return [
        f"stadtgespraeche test leg: {_leg_name(config)}",
        f"database: {database['ENGINE'].rsplit('.', 1)[-1]}"
        + (f" at {database.get('HOST')}:{database.get('PORT')}" if database.get("HOST") else ""),
        f"shared data: {shared_data_path()}"
        + ("" if shared_data_path().is_dir() else " (missing; set SHARED_DATA_DIR)"),
    ]


def _is_xdist_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


_deselected: list[int] = []
# Under pytest-xdist every worker collects (and deselects) the whole suite itself; the
# controller only receives test reports. Workers hand their count over in workeroutput.
_worker_deselected: dict[str, int] = {}


def pytest_deselected(items: list[pytest.Item]) -> None:
    """Count deselected tests where collection happens (the only process, or each worker)."""
    _deselected.append(len(items))


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _is_xdist_worker(session.config):
        session.config.workeroutput["stadtgespraeche_deselected"] = sum(_deselected)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    output = getattr(node, "workeroutput", None) or {}
    if "stadtgespraeche_deselected" in output:
        _worker_deselected[node.gateway.id] = output["stadtgespraeche_deselected"]


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    """One line per leg, written by the only process or the xdist controller.

    Under xdist the controller's terminal reporter holds every worker's test reports, so the
    counts are those of all workers, each test once; deselection happens in the workers, which
    all collect the same suite: one worker's count is the run's.
    """
    if _is_xdist_worker(config):
        return
    counts = {
        key: len(terminalreporter.stats.get(key, []))
        for key in ("passed", "failed", "error", "skipped", "xfailed", "xpassed", "deselected")
    }
    if _worker_deselected and not counts["deselected"]:
        counts["deselected"] = max(_worker_deselected.values())
    status = "PASSED" if exitstatus == 0 else f"FAILED (exit status {int(exitstatus)})"
    line = f"{_leg_name(config)}: {status} — " + ", ".join(
        f"{number} {key}" for key, number in counts.items() if number or key == "passed"
    )
    if _worker_deselected:
        workers = len(_worker_deselected)
        line += f" ({workers} xdist worker{'' if workers == 1 else 's'})"
    terminalreporter.section("test leg summary")
    terminalreporter.write_line(line)
    if os.environ.get("STADTGESPRAECHE_TEST_LEG"):  # set by the Makefile legs
        legs_dir = TEST_RESULTS_DIR / "legs"
        legs_dir.mkdir(parents=True, exist_ok=True)
        (legs_dir / f"{_leg_name(config)}.txt").write_text(line + "\n", encoding="utf-8")


@pytest.fixture
def forbid_markdown_rendering(monkeypatch):
    """A switch: from its call on, converting Markdown fails the test.

    Call it after writing the test's rows (writing renders), before requesting the page: the
    page must show the HTML stored at write time.
    """
    from stadtgespraeche.core import markdown

    def refuse() -> None:
        raise AssertionError("Markdown was rendered while showing a page")

    def switch_off() -> None:
        monkeypatch.setattr(markdown, "_converter", refuse)

    return switch_off


@pytest.fixture
def up_to_date_people_index(monkeypatch):
    """The people directory's free text (people.text_search) reads the search index, which
    the content services update in an on-commit hook that does not run in tests (and
    factories bypass the services): every profile is (re)indexed right before a free-text
    search reads the index, as if the services had kept it up to date."""
    from stadtgespraeche.people import text_search
    from stadtgespraeche.people.models import Profile
    from stadtgespraeche.search import services

    real = text_search.matcher()
    if real is None:
        return

    def matcher(viewer, text, limit):
        services.handle_changes(
            "people.profile", list(Profile.objects.values_list("pk", flat=True))
        )
        return real(viewer, text, limit)

    monkeypatch.setattr(text_search, "_matcher", [matcher])
