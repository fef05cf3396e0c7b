"""PyInstaller run-time hook: load llama.cpp's CPU backend variant that fits this CPU.

A llama-cpp-python built with GGML_BACKEND_DL + GGML_CPU_ALL_VARIANTS has no CPU backend
linked in; it ships one ``ggml-cpu-<variant>`` library per CPU generation, and
llama-cpp-python 0.3.x never loads one (the first model load fails: "no backends are
loaded"). Here, before any Scribe code runs, ggml scores the variants in the bundle's
``llama_cpp/lib`` and loads the best one this CPU supports (and ggml-cuda where a driver is
present). A build with a single linked-in ``ggml-cpu`` library is left alone.
"""

from __future__ import annotations


def _load_ggml_backends() -> None:
    import ctypes
    import sys
    from pathlib import Path

    lib_dir = Path(getattr(sys, "_MEIPASS", "")) / "llama_cpp" / "lib"
    if not lib_dir.is_dir():
        return
    names = [p.name for p in lib_dir.iterdir()]
    plain_cpu = ("libggml-cpu.so", "ggml-cpu.dll", "libggml-cpu.dylib")
    if any(n.startswith(plain_cpu) for n in names) or not any("ggml-cpu-" in n for n in names):
        return  # no run-time variants: the CPU backend is linked into libggml
    candidates = sorted(lib_dir.glob("libggml.so*")) + sorted(lib_dir.glob("ggml.dll"))
    if not candidates:
        return
    # The soname's file (libggml.so.0) first: libllama then finds this very copy by soname.
    ggml = ctypes.CDLL(str(min(candidates, key=lambda p: (p.name != "libggml.so.0", p.name))),
                       mode=ctypes.RTLD_GLOBAL)
    ggml.ggml_backend_load_all_from_path.argtypes = [ctypes.c_char_p]
    ggml.ggml_backend_load_all_from_path.restype = None
    # ggml announces each loaded backend on stderr; keep `scribe --version` & co. quiet.
    log_callback = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p)
    ggml.ggml_log_set.argtypes = [log_callback, ctypes.c_void_p]
    ggml.ggml_log_set.restype = None
    quiet = log_callback(lambda level, text, data: None)
    ggml.ggml_log_set(quiet, None)
    try:
        ggml.ggml_backend_load_all_from_path(str(lib_dir).encode())
    finally:
        ggml.ggml_log_set(log_callback(), None)  # NULL: ggml's default logger again


try:
    _load_ggml_backends()
except OSError as exc:  # the app still starts; the first model load then explains
    import sys as _sys

    print(f"Scribe: kunne ikke laste llama.cpp-bibliotekene: {exc}", file=_sys.stderr)
