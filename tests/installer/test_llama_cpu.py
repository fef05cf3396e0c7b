"""llama.cpp for any x86-64 CPU: the libraries the bundle ships must not demand AVX-512.

The baseline CPU library (``libggml-cpu``; with GGML_BACKEND_DL the variants up to
``haswell`` and ``alderlake``) must run on office PCs, so it may not use the zmm
(AVX-512) registers. Variants for AVX-512 CPUs (skylakex, icelake, zen4 …) may: ggml loads
them only where the CPU has the features. Checked on the installed llama_cpp and, when it
has been built, on the bundle in build/dist.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PORTABLE = re.compile(
    r"libggml-cpu(-(x64|sse42|sandybridge|ivybridge|piledriver|haswell|alderlake))?\.so$")

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or shutil.which("objdump") is None,
    reason="needs Linux and objdump (binutils)")


def _lib_dirs() -> list[Path]:
    spec = importlib.util.find_spec("llama_cpp")
    assert spec is not None and spec.origin is not None
    dirs = [Path(spec.origin).parent / "lib"]
    bundled = REPO / "build" / "dist" / "scribe" / "_internal" / "llama_cpp" / "lib"
    return [*dirs, bundled] if bundled.is_dir() else dirs


def uses_avx512(lib: Path) -> bool:
    out = subprocess.run(["objdump", "-d", "--no-show-raw-insn", str(lib)],
                         capture_output=True, text=True, check=True).stdout
    return "%zmm" in out


@pytest.mark.parametrize("lib_dir", _lib_dirs(), ids=lambda p: p.parts[-4])
def test_the_portable_cpu_library_has_no_avx512(lib_dir: Path) -> None:
    portable = sorted(p for p in lib_dir.iterdir() if PORTABLE.search(p.name))
    assert portable, f"no portable libggml-cpu in {lib_dir}"
    offending = [p.name for p in portable if uses_avx512(p)]
    assert offending == [], (
        f"{offending} use AVX-512: llama-cpp-python was built with -march=native. Rebuild with "
        'CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON" '
        "(see installer/README.md)")


@pytest.mark.parametrize("lib_dir", _lib_dirs(), ids=lambda p: p.parts[-4])
def test_every_x86_64_cpu_gets_a_cpu_backend(lib_dir: Path) -> None:
    """A dispatch build ships the plain x86-64 variant; a single-backend build (the .venv's
    GGML_NATIVE=OFF) ships one baseline library, which the test above keeps AVX-512-free."""
    variants = {p.name for p in lib_dir.glob("libggml-cpu-*.so")}
    if variants:
        assert "libggml-cpu-x64.so" in variants  # the baseline: plain x86-64, no AVX
    else:
        assert (lib_dir / "libggml-cpu.so").exists()
