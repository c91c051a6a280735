"""Adding an endpoint: the System is checked, a body chosen and matched by AGS."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from stadtgespraeche.core.audit import log_action
from stadtgespraeche.municipalities.models import Municipality

from ..client import Fetcher, FetchError
from ..crawler import crawl_list
from ..exceptions import EndpointRefused
from ..loaders import ParseError, detect_vendor, loader_for, normalise_ags
from ..models import Endpoint


@dataclass(frozen=True)
class BodyChoice:
    url: str
    name: str
    ags: str


@dataclass(frozen=True)
class SystemCheck:
    system_url: str
    vendor: str
    oparl_version: str
    name: str
    bodies: list[BodyChoice]


def check_system(system_url: str, *, fetcher: Fetcher) -> SystemCheck:
    """Read the System and its bodies; refuse what is not an OParl System."""
    loader = loader_for("generic")
    try:
        response = fetcher.get(system_url)
        if response.status >= 400:
            raise EndpointRefused(_("The address answers with HTTP %s.") % response.status)
        system: Any = loader.object(loader.parse(response.content), "System")
        if system is None or system.get("type") != "System" or "body" not in system:
            raise EndpointRefused(_("The address does not lead to an OParl System."))
        vendor = detect_vendor(system)
        loader = loader_for(vendor)
        bodies = []
        for page in crawl_list(fetcher, loader, str(system["body"])):
            for element in page.elements:
                body = loader.object(element, "Body")
                if body is not None:
                    bodies.append(
                        BodyChoice(body["id"], str(body.get("name", "")), body.get("ags", ""))
                    )
    except (FetchError, ParseError) as error:
        raise EndpointRefused(_("The System could not be read: %s") % error) from error
    if not bodies:
        raise EndpointRefused(_("The System lists no body."))
    version = str(system.get("oparlVersion", "")).rstrip("/").rsplit("/", 1)[-1]
    return SystemCheck(system["id"], vendor, version[:10], str(system.get("name", "")), bodies)


def match_municipality(ags: str) -> Municipality | None:
    """The municipality whose official key is the (repaired) AGS, if any."""
    key = normalise_ags(ags)
    return Municipality.objects.filter(key=key).first() if key else None


def body_choices(check: SystemCheck) -> list[tuple[str, str]]:
    """(body URL, label) per body of the System, naming the municipality its AGS matches."""
    keys = {b.url: normalise_ags(b.ags) for b in check.bodies}
    names = dict(
        Municipality.objects.filter(key__in={k for k in keys.values() if k}).values_list(
            "key", "name"
        )
    )
    choices = []
    for body in check.bodies:
        key = keys[body.url]
        if key and key in names:
            label = _("%(body)s (AGS %(ags)s: %(municipality)s)") % {
                "body": body.name or body.url,
                "ags": key,
                "municipality": names[key],
            }
        elif key:
            label = _("%(body)s (AGS %(ags)s: no municipality with this key)") % {
                "body": body.name or body.url,
                "ags": key,
            }
        else:
            label = _("%(body)s (no AGS stated)") % {"body": body.name or body.url}
        choices.append((body.url, label))
    return choices


@transaction.atomic
def add_endpoint(
    *,
    system_url: str,
    fetcher: Fetcher,
    body_url: str = "",
    municipality: Municipality | None = None,
    actor: Any = None,
    check: SystemCheck | None = None,
) -> Endpoint:
    """Register an endpoint for one body; the municipality is matched by AGS if not given.

    `check` is the result of `check_system` if the caller has already read the System.
    """
    check = check or check_system(system_url, fetcher=fetcher)
    if Endpoint.objects.filter(system_url=check.system_url).exists():
        raise EndpointRefused(_("This System is already registered."))
    if body_url:
        chosen = next((b for b in check.bodies if b.url == body_url), None)
        if chosen is None:
            raise EndpointRefused(_("The System does not list this body."))
    elif len(check.bodies) == 1:
        chosen = check.bodies[0]
    else:
        raise EndpointRefused(_("The System lists several bodies; please choose one."))
    endpoint = Endpoint.objects.create(
        system_url=check.system_url,
        body_url=chosen.url,
        body_name=chosen.name[:300],
        body_ags=chosen.ags[:8],
        municipality=municipality or match_municipality(chosen.ags),
        vendor=check.vendor,
        oparl_version=check.oparl_version,
        system_name=check.name[:300],
    )
    log_action(
        "oparl.endpoint.added", actor=actor, obj=endpoint, data={"system_url": check.system_url}
    )
    return endpoint
