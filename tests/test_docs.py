"""The docs say what the code has, and nothing it doesn't (in the way of Datasette's
test_docs.py): every registered command, every event type, every error code and every
socket message is in docs/protocol.md; every module and script is in docs/architecture.md,
and every file its map names exists. Nothing in the repo points outside it."""

from __future__ import annotations

import pathlib
import re

from conference.domain import commands
from conference.web.api import HTTP_STATUS
from conference.web.events import BoardNamespace

from .support import ROOT

DOCS = pathlib.Path(ROOT) / "docs"
SOCKET_MESSAGES = sorted(BoardNamespace.HANDLED - {"connect", "disconnect"})


def undocumented_protocol(text: str, command_names, event_types) -> list[str]:
    missing = [f"command {c}" for c in command_names if f"`{c}`" not in text]
    missing += [f"event {e}" for e in event_types if f"`{e}" not in text]
    missing += [f"error code {code}" for code in HTTP_STATUS if f"`{code}`" not in text]
    missing += [f"socket message {m}" for m in SOCKET_MESSAGES if f"`{m}`" not in text]
    return missing


def code_files() -> list[pathlib.Path]:
    root = pathlib.Path(ROOT)
    py = [p for p in (root / "conference").rglob("*.py") if p.name != "__init__.py"]
    return sorted(py + list((root / "static" / "js").rglob("*.js")))


def unmapped_modules(text: str, files) -> list[str]:
    return [str(p.relative_to(ROOT)) for p in files if p.name not in text]


def repo_files() -> set[str]:
    """The name of every .py and .js file in the repo (tests, bench and config included),
    and the browser packages the app serves from the npm registry."""
    from conference.web.pages import VENDOR

    root = pathlib.Path(ROOT)
    found = {
        p.name
        for pattern in ("*.py", "*.js")
        for p in root.rglob(pattern)
        if "node_modules" not in p.parts and ".venv" not in p.parts
    }
    return found | set(VENDOR)


def mapped_but_missing(text: str) -> list[str]:
    """Every `name.py` / `name.js` the architecture page names must exist somewhere."""
    said = set(re.findall(r"(?<![\w./-])([a-z_][\w.-]*\.(?:py|js))\b", text))
    return sorted(said - repo_files())


def test_every_command_event_error_and_socket_message_is_in_the_protocol():
    text = (DOCS / "protocol.md").read_text()
    assert undocumented_protocol(text, commands.COMMANDS, commands.event_types()) == []


def test_an_undocumented_command_or_module_is_caught():
    text = (DOCS / "protocol.md").read_text()
    made_up = [*commands.COMMANDS, "item.sparkle"]
    assert undocumented_protocol(text, made_up, [*commands.event_types(), "item.sparkled"]) == [
        "command item.sparkle",
        "event item.sparkled",
    ]
    arch = (DOCS / "architecture.md").read_text()
    new_module = pathlib.Path(ROOT) / "conference" / "domain" / "sparkles.py"
    assert unmapped_modules(arch, [*code_files(), new_module]) == ["conference/domain/sparkles.py"]
    assert mapped_but_missing(arch + "\n  gone.py  a module that was removed") == ["gone.py"]


def test_every_module_and_script_is_on_the_architecture_map_and_nothing_else():
    text = (DOCS / "architecture.md").read_text()
    assert unmapped_modules(text, code_files()) == []
    assert mapped_but_missing(text) == []


def test_nothing_in_the_repo_points_outside_it():
    root = pathlib.Path(ROOT)
    places = [root / "README.md", *DOCS.glob("*.md"), *code_files(), *(root / "templates").glob("*.html")]
    outside = re.compile(r"\.\./shared|\b(?:PROTOCOL|DESIGN|DOMAIN|MEASUREMENTS)\.md\b")
    assert [str(p.relative_to(root)) for p in places if outside.search(p.read_text())] == []
