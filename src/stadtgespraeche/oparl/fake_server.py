"""A local OParl server over the recorded crawls in `shared/data/oparl/` (tests, benchmarks).

Serves the Hürtgenwald crawl (OParl 1.0, Sternberg) under `/huertgenwald/` and the Karlsruhe
subset (OParl 1.1, Somacos; System and Body synthesised) under `/karlsruhe/`, with every id
URL rewritten to the local base. Lists are paginated here (`page`, `modified_since`), with
the vendors' quirks: Sternberg answers an empty filtered list with HTTP 404 (code 802) and
keeps deleted objects without `type` in full lists; Somacos refuses percent-encoded query
values. `Quirks` injects failures (and file downloads) for tests. Never used in production.

    python -m uv run --frozen python -m stadtgespraeche.oparl.fake_server --data ../shared/data
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

HUERTGENWALD_ORIGIN = "https://sdnetrim.kdvz-frechen.de/rim4220/webservice/oparl/v1.0"
KARLSRUHE_ORIGIN = "https://web1.karlsruhe.de/oparl"
STERNBERG_EMPTY = {
    "error": "Die angeforderte Ressource wurde nicht gefunden.",
    "code": 802,
    "type": "SD.NET RIM Webservice",
}


@dataclass
class Quirks:
    """Failures injected for tests (paths are the local URL paths)."""

    flaky: dict[str, int] = field(default_factory=dict)  # path → 500s before success
    broken_json: set[str] = field(default_factory=set)  # list paths: control char on page 1
    garbage: set[str] = field(default_factory=set)  # paths answering with non-JSON
    lose_filter: bool = False  # links.next without modified_since
    extra_elements: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # list path
    files: dict[str, bytes] = field(default_factory=dict)  # path → a file's bytes (as PDF)
    # Object paths left out of every list (still served by their id: a dangling reference).
    hidden: set[str] = field(default_factory=set)


@dataclass
class Dataset:
    vendor: str
    lists: dict[str, list[dict[str, Any]]]  # list path → elements
    objects: dict[str, Any]  # path → object or raw page


def _path(url: str) -> str:
    return urlsplit(url).path


def _load(path: Path, origin: str, local: str) -> Any:
    return json.loads(path.read_text(encoding="utf-8").replace(origin, local))


def load_huertgenwald(data_dir: Path, base: str) -> Dataset:
    folder = data_dir / "oparl" / "huertgenwald-sternberg-oparl10"
    local = f"{base}/huertgenwald/oparl/v1.0"
    system = _load(folder / "system.json", HUERTGENWALD_ORIGIN, local)
    bodies = _load(folder / "body.json", HUERTGENWALD_ORIGIN, local)
    body = bodies["data"][0]
    objects: dict[str, Any] = {_path(system["id"]): system, _path(body["id"]): body}
    lists: dict[str, list[dict[str, Any]]] = {_path(system["body"]): bodies["data"]}
    for name in ("organization", "person", "meeting", "paper"):
        files = sorted(
            (folder / "body" / "1").glob(f"{name}*.json"),
            key=lambda p: int(p.stem.rsplit("=", 1)[1]) if "=" in p.stem else 1,
        )
        elements = [e for f in files for e in _load(f, HUERTGENWALD_ORIGIN, local)["data"]]
        lists[_path(body[name])] = elements
        objects.update((_path(e["id"]), e) for e in elements)
    return Dataset("sternberg", lists, objects)


def load_karlsruhe(data_dir: Path, base: str) -> Dataset:
    folder = data_dir / "oparl" / "karlsruhe-somacos-oparl11-2025"
    local = f"{base}/karlsruhe/oparl"
    root = f"{local}/bodies/0001"
    stamp = "2025-01-01T00:00:00+01:00"
    system = {
        "id": f"{local}/system",
        "type": "https://schema.oparl.org/1.1/System",
        "oparlVersion": "https://schema.oparl.org/1.1/",
        "body": f"{local}/bodies",
        "name": "Stadt Karlsruhe (lokale Kopie)",
        "vendor": "http://www.somacos.de",
        "created": stamp,
        "modified": stamp,
    }
    names = {
        "organization": "organizations",
        "person": "people",
        "meeting": "meetings",
        "paper": "papers",
        "membership": "memberships",
        "agendaItem": "agendaitems",
        "consultation": "consultations",
        "file": "files",
        "locationList": "locations",
        "legislativeTermList": "legislativeterms",
    }
    body = {
        "id": root,
        "type": "https://schema.oparl.org/1.1/Body",
        "system": system["id"],
        "name": "Stadt Karlsruhe",
        "ags": "08212000",
        "created": stamp,
        "modified": stamp,
        **{key: f"{root}/{path}" for key, path in names.items()},
    }

    def records(sub: str) -> list[dict[str, Any]]:
        files = sorted((folder / sub).glob("*.json"), key=lambda p: int(p.stem))
        return [_load(f, KARLSRUHE_ORIGIN, local) for f in files]

    lists: dict[str, list[dict[str, Any]]] = {"/karlsruhe/oparl/bodies": [body]}
    lists.update({_path(body[key]): [] for key in names})
    lists[_path(body["organization"])] = _load(
        folder / "organizations.json", KARLSRUHE_ORIGIN, local
    )
    lists[_path(body["consultation"])] = _load(
        folder / "consultations.json", KARLSRUHE_ORIGIN, local
    )
    lists[_path(body["meeting"])] = records("meetings")
    lists[_path(body["paper"])] = records("papers")
    objects: dict[str, Any] = {_path(system["id"]): system, _path(root): body}
    for elements in lists.values():
        objects.update((_path(e["id"]), e) for e in elements)
    return Dataset("somacos", lists, objects)


def _modified(element: dict[str, Any]) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(element.get("modified")))
    except ValueError:
        return None


class FakeOparlServer:
    """Serves the crawls on 127.0.0.1 in a background thread (`with` or start/stop)."""

    def __init__(self, data_dir: Path, *, page_size: int = 25, port: int = 0) -> None:
        self.data_dir = data_dir
        self.page_size = page_size
        self.quirks = Quirks()
        self.requests: list[str] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self.datasets = {
            "huertgenwald": load_huertgenwald(data_dir, self.base),
            "karlsruhe": load_karlsruhe(data_dir, self.base),
        }
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def huertgenwald_system(self) -> str:
        return f"{self.base}/huertgenwald/oparl/v1.0/system"

    @property
    def karlsruhe_system(self) -> str:
        return f"{self.base}/karlsruhe/oparl/system"

    def start(self) -> FakeOparlServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> FakeOparlServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- answering ------------------------------------------------------------------------

    def answer(self, raw_path: str) -> tuple[int, str, bytes]:
        path, _, query = raw_path.partition("?")
        with self._lock:
            self.requests.append(raw_path)
            remaining = self.quirks.flaky.get(path, 0)
            if remaining:
                self.quirks.flaky[path] = remaining - 1
                return 500, "text/plain", b"Internal Server Error"
        if path in self.quirks.files:
            return 200, "application/pdf", self.quirks.files[path]
        if path in self.quirks.garbage:
            return 200, "application/json", b"<html>Wartungsarbeiten</html>"
        dataset = self.datasets.get(path.split("/")[1] if path.count("/") > 1 else "")
        if dataset is None:
            return 404, "text/plain", b"not found"
        if dataset.vendor == "somacos" and re.search(r"%[0-9A-Fa-f]{2}", query):
            return 404, "text/html", b"<html>404</html>"
        params = {
            unquote(k): unquote(v) for k, _, v in (p.partition("=") for p in query.split("&") if p)
        }
        if path in dataset.lists:
            return self._list(dataset, path, query, params)
        if path in dataset.objects:
            return 200, "application/json", json.dumps(dataset.objects[path]).encode()
        return 404, "application/json", b'{"type": "https://schema.oparl.org/1.1/Error"}'

    def _list(
        self, dataset: Dataset, path: str, query: str, params: dict[str, str]
    ) -> tuple[int, str, bytes]:
        elements = dataset.lists[path] + self.quirks.extra_elements.get(path, [])
        if self.quirks.hidden:
            elements = [
                e for e in elements if _path(str(e.get("id", ""))) not in self.quirks.hidden
            ]
        since_text = params.get("modified_since")
        if since_text:
            try:
                since = dt.datetime.fromisoformat(since_text)
            except ValueError:
                return 400, "text/plain", b"bad modified_since"
            elements = [e for e in elements if (m := _modified(e)) is not None and m >= since]
            if not elements and dataset.vendor == "sternberg":
                return 404, "text/html", json.dumps(STERNBERG_EMPTY).encode()
        elif dataset.vendor != "sternberg":
            elements = [e for e in elements if e.get("deleted") is not True]
        try:
            page = max(1, int(params.get("page", "1")))
        except ValueError:
            page = 1
        total_pages = max(1, -(-len(elements) // self.page_size))
        chunk = elements[(page - 1) * self.page_size : page * self.page_size]
        kept = [p for p in query.split("&") if p and not p.startswith("page=")]
        if self.quirks.lose_filter:
            kept = [p for p in kept if not p.startswith("modified_since=")]
        links = {"first": self._page_url(path, kept, 1)}
        if page < total_pages:
            links["next"] = self._page_url(path, kept, page + 1)
        body = json.dumps(
            {
                "data": chunk,
                "pagination": {
                    "totalElements": len(elements),
                    "elementsPerPage": self.page_size,
                    "currentPage": page,
                    "totalPages": total_pages,
                },
                "links": links,
            }
        )
        if page == 1 and path in self.quirks.broken_json:
            body = body.replace('"name": "', '"name": "\x01', 1)
        return 200, "application/json", body.encode()

    def _page_url(self, path: str, kept: list[str], page: int) -> str:
        return f"{self.base}{path}?{'&'.join([*kept, f'page={page}'])}"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                status, content_type, body = server.answer(self.path)
                self.send_response(status)
                charset = "" if content_type == "application/pdf" else "; charset=utf-8"
                self.send_header("Content-Type", f"{content_type}{charset}")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data directory")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    server = FakeOparlServer(args.data, port=args.port)
    print(server.huertgenwald_system)
    print(server.karlsruhe_system)
    server._httpd.serve_forever()


if __name__ == "__main__":
    main()
