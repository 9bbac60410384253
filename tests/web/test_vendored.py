"""The explorer's vendored browser libraries are exactly what VERSIONS.txt says
``refresh.sh`` copied from npm: no file edited by hand, none unlisted, none missing."""

from __future__ import annotations

import hashlib
import re

from tests.conftest import ROOT

VENDOR = ROOT / "web/static/explorer/vendor"
ROW = re.compile(r"^(\S+)\s+<-\s+(\S+)@(\S+) : (\S+)\s+\(sha256 ([0-9a-f]{64})\)$")


def listed() -> dict[str, tuple[str, str]]:
    rows = {}
    for line in (VENDOR / "VERSIONS.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        match = ROW.match(line)
        assert match, line
        dest, package, _version, _source, digest = match.groups()
        rows[dest] = (package, digest)
    return rows


def test_every_vendored_file_is_listed_with_its_checksum_and_licence() -> None:
    rows = listed()
    served = {
        path.name
        for path in VENDOR.iterdir()
        if path.name not in ("VERSIONS.txt", "refresh.sh") and not path.name.startswith("LICENSE.")
    }
    assert served == set(rows)
    for dest, (package, digest) in rows.items():
        assert hashlib.sha256((VENDOR / dest).read_bytes()).hexdigest() == digest, dest
        assert (VENDOR / f"LICENSE.{package}.txt").is_file(), package


def test_refresh_script_vendors_what_is_listed() -> None:
    script = (VENDOR / "refresh.sh").read_text(encoding="utf-8")
    for dest, (package, _digest) in listed().items():
        assert re.search(rf'"{re.escape(package)}@\S+\s+\S+\s+{re.escape(dest)}\s', script), dest
