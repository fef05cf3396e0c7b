"""Typed settings, read from a TOML file in the user's config folder, and every environment
variable Scribe reads: no other module looks at the environment.

``SCRIBE_CONFIG`` names another settings file; ``SCRIBE_DATA_DIR`` and ``SCRIBE_MODELS_DIR``
override the folders; ``SCRIBE_REFERENCE_DIR`` names the publishers' code lists to import on
first run and ``SCRIBE_LEXICON_DIR`` a folder with the drug list (else the one imported into
the data folder counts: ``Settings.lexicon_dir``); ``SCRIBE_EXPORT_DIR`` the folder an EPJ
imports from. The command line's passphrase, user and passwords come from
:func:`secret_from_env` and :func:`user_from_env`. Settings are passed explicitly to whatever
needs them, never read from globals, so tests can build any combination.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from scribe.errors import ConfigError

APP_NAME = "scribe"


@dataclass(frozen=True)
class AsrSettings:
    model: str = "whisper-base"
    device: str = "auto"  # auto | cpu | cuda
    threads: int = 0  # 0: all cores but one, so the window stays responsive
    beam_size: int = 5
    vocabulary: tuple[str, ...] = ()


LLM_MODES = ("auto", "av", "koder", "utkast")


@dataclass(frozen=True)
class LlmSettings:
    # What the language model does. "av": nothing (deterministic note and codes); "koder": it
    # ranks the retrieved ICPC-2 candidates; "utkast": it also labels and phrases the note.
    # "auto": "utkast" with a LAN server or a model the practice registered, else "av":
    # measured on the small packs installable here, phrasing made notes worse and slower, and
    # the 1.5 B pack ranked the codes no better than the rules (issue 15).
    mode: str = "auto"
    model: str = "qwen2.5-coder-1.5b"
    threads: int = 0
    gpu_layers: int = -1  # used only when CUDA is present
    server_url: str = ""  # an OpenAI-compatible server on the practice's LAN; empty: embedded
    server_model: str = ""
    allow_public_server: bool = False


@dataclass(frozen=True)
class AudioSettings:
    device: str = ""  # empty: the system default input
    output_device: str = ""  # for playing evidence back; empty: the system default output


@dataclass(frozen=True)
class DoctorSettings:
    specialist_allmennmedisin: bool = False
    phd: bool = False


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    models_dir: Path
    config_path: Path
    asr: AsrSettings = field(default_factory=AsrSettings)
    llm: LlmSettings = field(default_factory=LlmSettings)
    audio: AudioSettings = field(default_factory=AudioSettings)
    doctor: DoctorSettings = field(default_factory=DoctorSettings)
    template: str = "allmennlege"
    templates_dir: Path | None = None
    export_dir: Path | None = None  # the folder an EPJ imports files from
    # From the environment only (never saved): the publishers' code lists (FinnKode JSON,
    # termsett, taksttabell) imported on first run, and a folder with the drug list that wins
    # over the one imported into the data folder (see ``lexicon_dir``).
    reference_dir: Path | None = None
    given_lexicon_dir: Path | None = None  # holds drugs/drugs_no.csv
    retention_days: int = 0  # audio of approved consultations is deleted after N days
    lock_after_minutes: int = 10

    @property
    def db_path(self) -> Path:
        return self.data_dir / "scribe.db"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def lexicon_dir(self) -> Path | None:
        """The folder holding ``drugs/drugs_no.csv``: ``SCRIBE_LEXICON_DIR``, the folder beside
        ``SCRIBE_REFERENCE_DIR``, else the copy imported into the data folder (``scribe codes
        import drugs_no.csv``); None when there is none. Looked up on each use, so an import
        counts at once."""
        if self.given_lexicon_dir is not None:
            return self.given_lexicon_dir
        imported = reference_store(self.data_dir)
        return imported if (imported / DRUG_LIST).is_file() else None


_SECTIONS: dict[str, type[Any]] = {
    "asr": AsrSettings,
    "llm": LlmSettings,
    "audio": AudioSettings,
    "doctor": DoctorSettings,
}
_TOP_LEVEL = {"template", "templates_dir", "export_dir", "retention_days", "lock_after_minutes",
              "data_dir", "models_dir"}
DRUG_LIST = Path("drugs") / "drugs_no.csv"  # under a lexicon folder
EXPORT_DIR_ENV = "SCRIBE_EXPORT_DIR"
SECRET_ENV = ("SCRIBE_PASSPHRASE", "SCRIBE_PASSWORD", "SCRIBE_ADMIN_PASSWORD",
              "SCRIBE_DOCTOR_PASSWORD", "SCRIBE_NEW_PASSWORD", "SCRIBE_NEW_PASSPHRASE")


def reference_store(data_dir: Path) -> Path:
    """Where imported reference data lives in the data folder: the code lists' current
    editions (``*.json``, earlier ones under ``editions/``) and the drug list (``DRUG_LIST``)."""
    return data_dir / "reference"


def default_config_path(env: Mapping[str, str]) -> Path:
    if env.get("SCRIBE_CONFIG"):
        return Path(env["SCRIBE_CONFIG"]).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Settings from the TOML file (if any), then the environment overrides."""
    env = os.environ if env is None else env
    path = default_config_path(env)
    raw: dict[str, Any] = {}
    if path.exists():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"Innstillingsfilen {path} kan ikke leses: {exc}") from None
    return _from_mapping(raw, path, env)


def _from_mapping(raw: dict[str, Any], path: Path, env: Mapping[str, str]) -> Settings:
    unknown = set(raw) - set(_SECTIONS) - _TOP_LEVEL
    if unknown:
        raise ConfigError(f"Ukjent innstilling i {path}: {', '.join(sorted(unknown))}")
    data_dir = Path(env.get("SCRIBE_DATA_DIR") or raw.get("data_dir")
                    or platformdirs.user_data_dir(APP_NAME)).expanduser()
    models_dir = Path(env.get("SCRIBE_MODELS_DIR") or raw.get("models_dir")
                      or Path(platformdirs.user_data_dir(APP_NAME)) / "models").expanduser()
    sections = {name: _section(cls, raw.get(name, {}), name, path)
                for name, cls in _SECTIONS.items()}
    templates_dir = raw.get("templates_dir")
    export_dir = raw.get("export_dir")
    reference_dir = _env_dir(env, "SCRIBE_REFERENCE_DIR")
    lexicon_dir = _env_dir(env, "SCRIBE_LEXICON_DIR") or _lexicon_beside(reference_dir)
    try:
        return Settings(
            data_dir=data_dir,
            models_dir=models_dir,
            config_path=path,
            template=str(raw.get("template", "allmennlege")),
            templates_dir=Path(templates_dir).expanduser() if templates_dir else None,
            export_dir=Path(export_dir).expanduser() if export_dir else None,
            reference_dir=reference_dir,
            given_lexicon_dir=lexicon_dir,
            retention_days=int(raw.get("retention_days", 0)),
            lock_after_minutes=int(raw.get("lock_after_minutes", 10)),
            **sections,
        )
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"Ugyldig verdi i {path}: {exc}") from None


def _env_dir(env: Mapping[str, str], name: str) -> Path | None:
    return Path(env[name]).expanduser() if env.get(name) else None


def _lexicon_beside(reference_dir: Path | None) -> Path | None:
    """The folder above the code lists when it holds the drug list, as in the shared
    development copies (``data/reference/raw`` and ``data/reference/drugs``)."""
    if reference_dir is None or not (reference_dir.parent / DRUG_LIST).is_file():
        return None
    return reference_dir.parent


def _section(cls: type[Any], values: Any, name: str, path: Path) -> Any:
    if not isinstance(values, dict):
        raise ConfigError(f"[{name}] i {path} må være en tabell")
    known = {f.name: f for f in fields(cls)}
    unknown = set(values) - set(known)
    if unknown:
        raise ConfigError(f"Ukjent innstilling [{name}] i {path}: {', '.join(sorted(unknown))}")
    converted: dict[str, Any] = {}
    if name == "llm" and values.get("mode", "auto") not in LLM_MODES:
        raise ConfigError(f"[llm].mode i {path} må være en av {', '.join(LLM_MODES)}")
    for key, value in values.items():
        default = getattr(cls(), key)
        if isinstance(default, tuple):
            value = tuple(str(v) for v in value)
        elif not isinstance(value, type(default)) or (
            isinstance(value, bool) and not isinstance(default, bool)
        ):
            raise ConfigError(
                f"[{name}].{key} i {path} skal være {type(default).__name__}, ikke {value!r}"
            )
        converted[key] = value
    return cls(**converted)


def save_settings(settings: Settings) -> None:
    """Write the settings back to their TOML file (atomically)."""
    lines = [
        f"template = {_toml(settings.template)}",
        f"retention_days = {settings.retention_days}",
        f"lock_after_minutes = {settings.lock_after_minutes}",
    ]
    for key in ("templates_dir", "export_dir"):
        value = getattr(settings, key)
        if value is not None:
            lines.append(f"{key} = {_toml(str(value))}")
    for name in _SECTIONS:
        lines.append(f"\n[{name}]")
        for key, value in dataclasses.asdict(getattr(settings, name)).items():
            lines.append(f"{key} = {_toml(value)}")
    path = settings.config_path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def with_section(settings: Settings, name: str, **changes: Any) -> Settings:
    """A copy of ``settings`` with fields of one section changed."""
    return replace(settings, **{name: replace(getattr(settings, name), **changes)})


def export_dir_from_env(env: Mapping[str, str] | None = None) -> Path | None:
    """``SCRIBE_EXPORT_DIR``: the EPJ's import folder, over the ``export_dir`` setting."""
    return _env_dir(os.environ if env is None else env, EXPORT_DIR_ENV)


def secret_from_env(name: str, env: Mapping[str, str] | None = None) -> str | None:
    """A passphrase or password for non-interactive use (scripts, CI), or None."""
    if name not in SECRET_ENV:
        raise ValueError(f"not a secret Scribe reads: {name}")
    return (os.environ if env is None else env).get(name) or None


def user_from_env(env: Mapping[str, str] | None = None) -> str | None:
    """``SCRIBE_USER``: who logs in on the command line, or None."""
    return (os.environ if env is None else env).get("SCRIBE_USER") or None


@contextmanager
def process_environment(name: str, value: str) -> Iterator[None]:
    """``name=value`` in the process environment while a native library loads and reads it
    (OpenMP's ``OMP_WAIT_POLICY``); the previous value is restored afterwards."""
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            del os.environ[name]
        else:
            os.environ[name] = before


def default_threads(requested: int) -> int:
    """Threads for an engine: the request, or all cores but one (at least one)."""
    if requested > 0:
        return requested
    return max(1, (os.cpu_count() or 2) - 1)
