"""Runs the ``scribe`` CLI with every network connection outside loopback refused.

An audit hook sees each ``socket.connect`` and name lookup *before* it happens; anything
not on loopback or a Unix socket is written to ``SCRIBE_NETLOG`` and refused, so nothing
leaves the machine even when the code under test tries.
"""

from __future__ import annotations

import ipaddress
import os
import sys
from typing import Any

LOG = os.environ["SCRIBE_NETLOG"]


def _loopback(host: Any) -> bool:
    if isinstance(host, bytes):
        host = host.decode()
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _hook(event: str, args: tuple[Any, ...]) -> None:
    target = None
    if event == "socket.connect":
        address = args[1]
        if isinstance(address, tuple) and not _loopback(address[0]):
            target = address
    elif event in ("socket.getaddrinfo", "socket.gethostbyname") and not _loopback(args[0]):
        target = args[0]
    if target is not None:
        with open(LOG, "a", encoding="utf-8") as fh:
            fh.write(f"{event} {target!r}\n")
        raise PermissionError(f"network access outside loopback refused: {event}")


sys.addaudithook(_hook)

if __name__ == "__main__":
    if sys.argv[1:2] == ["--self-check"]:
        import socket

        socket.create_connection(("192.0.2.1", 80), timeout=1)  # TEST-NET-1: refused first
    from scribe.cli import main

    raise SystemExit(main(sys.argv[1:]))
