"""Nothing outside config.py reads the environment, so the settings tests in
tests/test_docs.py (every variable config.py reads is in the README's table, and every
variable the docs name is read) see every setting there is."""

from __future__ import annotations

import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_only_config_reads_the_environment():
    readers = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "conference").rglob("*.py")
        if "os.environ" in path.read_text() and path.name not in ("config.py", "launch.py")
    ]
    assert readers == []
