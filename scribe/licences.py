"""What the About box and ``scribe about`` show: bundled components and model licences.

Plain data, no Qt: :func:`about` returns everything the UI needs. Versions come from the
installed (or bundled) package metadata; the licence is the package's own SPDX expression
where it declares one, else the reviewed value in :data:`KNOWN_LICENCES`. Native libraries
that ride inside a Python package (Qt, llama.cpp, SQLCipher, OpenSSL, FFmpeg …) are listed
with the package that carries them.
"""

from __future__ import annotations

import importlib.metadata as metadata
import platform
from dataclasses import dataclass
from pathlib import Path

import scribe
from scribe.errors import ScribeError
from scribe.models import ModelStore

#: Python distributions in the desktop bundle (the run-time closure of ``scribe``).
#: The PyInstaller spec copies their metadata, so versions resolve in the frozen app too.
BUNDLED: tuple[str, ...] = (
    "PySide6-Essentials", "shiboken6", "sqlcipher3", "llama-cpp-python", "faster-whisper",
    "ctranslate2", "onnxruntime", "av", "tokenizers", "huggingface-hub", "numpy", "Jinja2",
    "MarkupSafe", "sounddevice", "cffi", "platformdirs", "openpyxl", "et-xmlfile", "tqdm",
    "PyYAML", "filelock", "fsspec", "packaging", "protobuf", "flatbuffers",
)

#: Reviewed licences, used where a package's metadata has no SPDX expression.
KNOWN_LICENCES: dict[str, str] = {
    "sqlcipher3": "Zlib", "jinja2": "BSD-3-Clause", "tokenizers": "Apache-2.0",
    "onnxruntime": "MIT", "protobuf": "BSD-3-Clause", "flatbuffers": "Apache-2.0",
    "scribe": "Apache-2.0", "pyside6-essentials": "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only",
    "shiboken6": "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only",
}

#: Native code inside the packages above: (name, carried by, licence). Their own versions
#: are not in any metadata; only Qt's equals its carrier's (PySide6 x.y.z ships Qt x.y.z).
NATIVE: tuple[tuple[str, str, str], ...] = (
    ("Qt 6", "PySide6-Essentials", "LGPL-3.0-only"),
    ("llama.cpp / ggml", "llama-cpp-python", "MIT"),
    ("SQLCipher", "sqlcipher3", "BSD-3-Clause"),
    ("OpenSSL (libcrypto)", "sqlcipher3", "Apache-2.0"),
    ("CTranslate2 runtime, oneDNN", "ctranslate2", "MIT AND Apache-2.0"),
    ("Silero VAD-modell", "faster-whisper", "MIT"),
    ("FFmpeg", "av", "LGPL-2.1-or-later"),
    ("PortAudio", "sounddevice", "MIT"),
)
_SAME_VERSION = {"Qt 6"}


@dataclass(frozen=True)
class Component:
    name: str
    version: str  # "" when the package is not installed
    licence: str
    part_of: str = ""  # for native libraries: the Python package that carries it


@dataclass(frozen=True)
class ModelLicence:
    id: str
    title: str
    licence: str
    installed: bool
    origin: str


@dataclass(frozen=True)
class About:
    version: str
    python: str
    components: tuple[Component, ...]
    models: tuple[ModelLicence, ...]
    models_problem: str = ""  # Norwegian, when the model catalogue could not be read


def component(dist: str) -> Component:
    """One distribution's version and licence; version "" when it is not installed."""
    try:
        meta = metadata.metadata(dist)
    except metadata.PackageNotFoundError:
        return Component(dist, "", KNOWN_LICENCES.get(dist.lower(), "ukjent"))
    licence = _licence(_field(meta, "License-Expression"), _field(meta, "License"),
                       meta.get_all("Classifier") or [], KNOWN_LICENCES.get(dist.lower(), ""))
    return Component(dist, _field(meta, "Version"), licence)


def _field(meta: metadata.PackageMetadata, name: str) -> str:
    values = meta.get_all(name) or []
    return str(values[0]) if values else ""


def _licence(expression: str, free_text: str, classifiers: list[str],
             known: str) -> str:
    if expression:
        return expression.strip()
    if known:
        return known
    if free_text and "\n" not in free_text.strip() and len(free_text) <= 40:
        return free_text.strip()
    found = [c.split("::")[-1].strip() for c in classifiers if c.startswith("License ::")]
    return " / ".join(found) or "ukjent"


def components() -> list[Component]:
    """Scribe, Python, the bundled packages, then the native libraries inside them."""
    found = [Component("Scribe", scribe.__version__, KNOWN_LICENCES["scribe"]),
             Component("Python", platform.python_version(), "PSF-2.0")]
    found += [component(d) for d in BUNDLED]
    versions = {c.name: c.version for c in found}
    found += [Component(name, versions.get(carrier, "") if name in _SAME_VERSION else "",
                        licence, part_of=carrier)
              for name, carrier, licence in NATIVE]
    return found


def model_licences(models_dir: Path) -> list[ModelLicence]:
    """Every known model pack (manifests and registered), installed or not."""
    store = ModelStore(models_dir)
    return [ModelLicence(p.id, p.title, p.licence, store.status(p).installed, p.origin)
            for p in store.packs()]


def about(models_dir: Path) -> About:
    """Everything the About box shows. Never raises for a broken model catalogue."""
    try:
        models, problem = tuple(model_licences(models_dir)), ""
    except ScribeError as exc:
        models, problem = (), exc.message
    return About(scribe.__version__, platform.python_version(), tuple(components()),
                 models, problem)
