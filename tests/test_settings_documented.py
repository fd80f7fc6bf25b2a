"""Every setting the server reads from the environment is in the README's table, and
nothing outside config.py reads the environment (Datasette's habit: a test that fails
when a setting goes undocumented)."""

from __future__ import annotations

import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_every_setting_in_config_is_in_the_readme():
    config = (ROOT / "conference" / "config.py").read_text()
    names = set(re.findall(r'(?:os\.environ\.get|_int)\(\s*"([A-Z_]+)"', config))
    assert len(names) > 20, names
    readme = (ROOT / "README.md").read_text()
    documented = set(re.findall(r"^\| `([A-Z_]+)`", readme, re.M))
    documented |= {
        n
        for row in re.findall(r"^\| (`[A-Z_]+`(?:, `[A-Z_]+`)*)", readme, re.M)
        for n in re.findall(r"`([A-Z_]+)`", row)
    }
    assert sorted(names - documented) == []


def test_only_config_reads_the_environment():
    readers = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "conference").rglob("*.py")
        if "os.environ" in path.read_text() and path.name not in ("config.py", "launch.py")
    ]
    assert readers == []
