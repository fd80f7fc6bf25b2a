"""The docs say what the code has, and nothing it doesn't (in the way of Datasette's
test_docs.py: one test per documented thing). docs/protocol.md names every registered
command with the event it makes and who may send it, every event type, every error code
with its HTTP status, every route and every socket message; the README names every
setting; docs/architecture.md maps every module and script — and each of them names
nothing the code lacks. Nothing in the repo points outside it. No server is started."""

from __future__ import annotations

import ast
import functools
import pathlib
import re

import pytest

from conference.domain import commands
from conference.domain.errors import ERROR_CODES
from conference.web.api import HTTP_STATUS
from conference.web.events import BoardNamespace

from .support import ROOT

ROOT_PATH = pathlib.Path(ROOT)
DOCS = ROOT_PATH / "docs"
SOCKET_MESSAGES = sorted(BoardNamespace.HANDLED - {"connect", "disconnect"})
SERVER_MESSAGES = ("hello", "admitted", "event", "presence", "removed", "draft", "projector")
NAME = re.compile(r"^[a-z_]+\.[a-z_]+$")  # item.add, conference.children_set


def protocol() -> str:
    return (DOCS / "protocol.md").read_text()


# --- reading the docs ------------------------------------------------------------------


def table_under(text: str, heading: str) -> list[dict[str, str]]:
    """The first Markdown table after `heading`, as rows keyed by its header cells."""
    start = text.index(heading)
    lines = text[start:].splitlines()
    first = next(n for n, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[first:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]])
    header, body = rows[0], rows[2:]
    return [dict(zip(header, row, strict=True)) for row in body]


def names_in(cell: str) -> list[str]:
    """The dotted names a cell gives in backticks: `item.accepted {item}` -> item.accepted."""
    return [m.split()[0] for m in re.findall(r"`([^`]+)`", cell) if NAME.match(m.split()[0])]


def command_table(text: str) -> dict[str, dict[str, str]]:
    """command -> {"event", "who"} from the opening table; a row may pair commands with
    events ("`item.accept` / `item.reject`" makes "`item.accepted …` / `item.rejected …`")."""
    out = {}
    for row in table_under(text, "## Every command and the event it makes"):
        names, events = names_in(row["command"]), names_in(row["event"])
        assert len(events) in (1, len(names)), row
        for n, name in enumerate(names):
            out[name] = {"event": events[n if len(events) > 1 else 0], "who": row["who"]}
    return out


def event_table(text: str) -> dict[str, dict[str, str]]:
    """event type -> its row in the Events table."""
    return {names_in(row["event"])[0]: row for row in table_under(text, "\n## Events\n")}


def error_table(text: str) -> dict[str, int]:
    """error code -> the HTTP status its row gives first."""
    return {
        re.search(r"`(\w+)`", row["code"]).group(1): int(re.search(r"\d{3}", row["HTTP"]).group())
        for row in table_under(text, "\n## Errors\n")
    }


def documented_routes(text: str) -> set[str]:
    """Every `METHOD /path` the page names, without its query string."""
    found = re.findall(r"`(GET|POST|PUT|PATCH|DELETE) (/[^`?#\s]*)", text)
    return {f"{method} {path}" for method, path in found}


def readme_settings() -> set[str]:
    """The variables in the README's settings table (one row may name several)."""
    readme = (ROOT_PATH / "README.md").read_text()
    rows = re.findall(r"^\| (`[A-Z_]+`(?:[^|]*?`[A-Z_]+`)*)[^|]*\|", readme, re.M)
    return {n for row in rows for n in re.findall(r"`([A-Z][A-Z0-9_]+)`", row)}


def map_paths(text: str) -> tuple[list[str], list[str]]:
    """(files, folders) named by the module map's code blocks. Each entry is the first word
    of its line, ending in `/`, `.py` or `.js`; its folder is the entry above it with less
    indentation that ends in `/`. Descriptions run on in deeper-indented lines."""
    files, folders = [], []
    for block in re.findall(r"^```\n(.*?)^```", text, re.S | re.M):
        stack: list[tuple[int, str]] = []
        for line in block.splitlines():
            m = re.match(r"( *)([\w.-]+(?:/[\w.-]+)*(?:/|\.py|\.js))(?:\s|$)", line)
            if not m:
                continue
            indent, name = len(m.group(1)), m.group(2)
            while stack and stack[-1][0] >= indent:
                stack.pop()
            path = "".join(folder for _, folder in stack) + name
            if name.endswith("/"):
                stack.append((indent, name))
                folders.append(path)
            else:
                files.append(path)
    return files, folders


# --- reading the code ------------------------------------------------------------------


def code_files(root: pathlib.Path = ROOT_PATH) -> list[str]:
    """Every module under conference/ and every script under static/js, as repo paths."""
    found = [*(root / "conference").rglob("*.py"), *(root / "static" / "js").rglob("*.js")]
    return sorted(str(p.relative_to(root)) for p in found)


def config_settings() -> set[str]:
    config = (ROOT_PATH / "conference" / "config.py").read_text()
    return set(re.findall(r'(?:os\.environ\.get|_int)\(\s*"([A-Z_]+)"', config))


@functools.cache
def raised_error_codes() -> set[str]:
    """Every code a refusal is made with anywhere in conference/: DomainError("code", …),
    and the codes the packet guard answers with (its `_refuse(…, code, message)`)."""
    codes = set()
    for path in (ROOT_PATH / "conference").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
            at = {"DomainError": 0, "_refuse": 3}.get(name)
            if at is not None and len(node.args) > at and isinstance(node.args[at], ast.Constant):
                codes.add(node.args[at].value)
    return codes


def all_error_codes() -> set[str]:
    return raised_error_codes() | set(ERROR_CODES) | set(HTTP_STATUS)


@functools.cache
def routes() -> set[str]:
    """Every route the app serves, as `METHOD /path` with the placeholders the docs use:
    <id> for a conference, each link of <any(…)> spelt out."""
    import tempfile

    from conference.app import create_app

    with tempfile.TemporaryDirectory() as data:
        app = create_app({"DATA_DIR": data})
        rules = list(app.url_map.iter_rules())
    out = set()
    for rule in rules:
        path = rule.rule.replace("<conference:conference_id>", "<id>")
        path = re.sub(r"<path:(\w+)>", r"<\1>", path)
        choices = re.search(r"<any\(([^)]*)\):\w+>", path)
        paths = [path]
        if choices:
            paths = [path.replace(choices.group(0), c) for c in re.findall(r"'([^']+)'", choices.group(1))]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            out.update(f"{method} {p}" for p in paths)
    return out


# --- the checks, shown to work with made-up things --------------------------------------


def undocumented_protocol(text: str, command_names, event_types) -> list[str]:
    table, events = command_table(text), event_table(text)
    missing = [f"command {c}" for c in command_names if c not in table]
    missing += [f"event {e}" for e in event_types if e not in events]
    missing += [f"error code {code}" for code in sorted(all_error_codes()) if f"`{code}`" not in text]
    missing += [f"socket message {m}" for m in SOCKET_MESSAGES if f"`{m}`" not in text]
    return missing


def unmapped_modules(text: str, files) -> list[str]:
    mapped, _ = map_paths(text)
    return [f for f in files if f not in mapped]


def mapped_but_missing(text: str, root: pathlib.Path = ROOT_PATH) -> list[str]:
    """Every file and folder the map names must exist; and every `name.py` / `name.js`
    named anywhere on the page must exist somewhere in the repo (tests, bench, vendor)."""
    from conference.web.pages import VENDOR

    files, folders = map_paths(text)
    gone = [p for p in files if not (root / p).is_file()]
    gone += [p for p in folders if not (root / p).is_dir()]
    everywhere = {
        p.name
        for pattern in ("*.py", "*.js")
        for p in root.rglob(pattern)
        if "node_modules" not in p.parts and ".venv" not in p.parts
    } | set(VENDOR)
    said = set(re.findall(r"(?<![\w./-])([a-z_][\w.-]*\.(?:py|js))\b", text))
    return sorted(set(gone) | (said - everywhere))


def test_an_undocumented_command_or_event_is_caught():
    text = protocol()
    made_up = [*commands.COMMANDS, "item.sparkle"]
    assert undocumented_protocol(text, made_up, [*commands.event_types(), "item.sparkled"]) == [
        "command item.sparkle",
        "event item.sparkled",
    ]


def test_a_documented_command_that_does_not_exist_is_caught():
    text = protocol().replace(
        "| `item.move` |", "| `item.sparkle` | `{id}` | chair | `item.sparkled {id}` |\n| `item.move` |"
    )
    assert "item.sparkle" in set(command_table(text)) - set(commands.COMMANDS)


def test_an_unmapped_module_or_a_mapped_file_that_is_gone_is_caught():
    arch = (DOCS / "architecture.md").read_text()
    tree = [*code_files(), "conference/domain/sparkles.py", "static/js/console/glitter.js"]
    assert unmapped_modules(arch, tree) == ["conference/domain/sparkles.py", "static/js/console/glitter.js"]
    gone = arch.replace("  service.py ", "  gone.py          a module that was removed\n  service.py ", 1)
    assert mapped_but_missing(gone) == ["conference/gone.py", "gone.py"]
    assert mapped_but_missing(arch + "\nSee also moved_away.js.") == ["moved_away.js"]


# --- commands ------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(commands.COMMANDS))
def test_command_is_documented_with_its_event_and_who_may_send_it(name):
    spec = commands.COMMANDS[name]
    row = command_table(protocol()).get(name)
    assert row is not None, f"{name} is not in docs/protocol.md's opening table"
    assert row["event"] == spec.event, f"{name} makes {spec.event}, the table says {row['event']}"
    who = row["who"]
    assert who.startswith("chair") == spec.chair_only, (name, who)
    assert who.startswith("anyone") == (not spec.chair_only), (name, who)
    assert bool(re.search(r"\bopen\b", who)) == spec.while_open, (name, who)
    assert ("also in a closed session" in who) == spec.in_closed_session, (name, who)
    assert ("only after the end" in who) == spec.after_end, (name, who)


@pytest.mark.parametrize("name", sorted(command_table(protocol())))
def test_documented_command_exists(name):
    assert name in commands.COMMANDS, f"docs/protocol.md documents {name}, which the server doesn't have"


# --- events --------------------------------------------------------------------------


@pytest.mark.parametrize("event", commands.event_types())
def test_event_type_is_documented(event):
    assert event in event_table(protocol()), f"{event} is not in docs/protocol.md's Events table"


@pytest.mark.parametrize("event", sorted(event_table(protocol())))
def test_documented_event_type_exists(event):
    assert event in commands.event_types(), f"docs/protocol.md documents {event}, which nothing makes"


@pytest.mark.parametrize("event", sorted(event_table(protocol())))
def test_documented_event_names_what_makes_it(event):
    row = event_table(protocol())[event]
    makers = [name for name, spec in commands.COMMANDS.items() if spec.event == event]
    if not makers:  # made by the server itself (a board starting, someone joining, a review)
        assert row["made by"].startswith("the server"), row
    else:
        assert sorted(names_in(row["made by"])) == sorted(makers), row


# --- error codes ---------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(all_error_codes()))
def test_error_code_is_documented_with_its_http_status(code):
    table = error_table(protocol())
    assert code in table, f"{code} is not in docs/protocol.md's Errors table"
    assert table[code] == HTTP_STATUS[code], (code, table[code], HTTP_STATUS[code])


@pytest.mark.parametrize("code", sorted(error_table(protocol())))
def test_documented_error_code_exists(code):
    assert code in all_error_codes(), f"docs/protocol.md documents {code}, which nothing raises"


def test_every_error_code_is_raised_somewhere():
    """The contract's codes and the ones the code raises are the same list."""
    assert raised_error_codes() == set(ERROR_CODES) == set(HTTP_STATUS)


# --- routes and socket messages ------------------------------------------------------


@pytest.mark.parametrize("route", sorted(routes()))
def test_route_is_documented(route):
    assert route in documented_routes(protocol()), f"{route} is not in docs/protocol.md"


@pytest.mark.parametrize("route", sorted(documented_routes(protocol())))
def test_documented_route_exists(route):
    assert route in routes(), f"docs/protocol.md documents {route}, which the app doesn't serve"


@pytest.mark.parametrize("message", [*SOCKET_MESSAGES, *SERVER_MESSAGES])
def test_socket_message_is_documented(message):
    assert f"| `{message}` |" in protocol(), f"socket message {message} has no row in docs/protocol.md"


# --- settings ------------------------------------------------------------------------


def test_settings_are_read():
    assert len(config_settings()) > 20, config_settings()


@pytest.mark.parametrize("name", sorted(config_settings()))
def test_setting_is_in_the_readme(name):
    assert name in readme_settings(), f"{name} is read in conference/config.py but not in the README's table"


@pytest.mark.parametrize("name", sorted(readme_settings()))
def test_documented_setting_is_read(name):
    assert name in config_settings(), f"the README documents {name}, which conference/config.py never reads"


def test_every_setting_the_docs_name_is_read():
    places = [ROOT_PATH / "README.md", *DOCS.glob("*.md")]
    named = {n for p in places for n in re.findall(r"\bCONFERENCE_[A-Z0-9_]+\b", p.read_text())}
    assert sorted(named - config_settings()) == []


# --- modules -------------------------------------------------------------------------


@pytest.mark.parametrize("path", code_files())
def test_module_is_on_the_architecture_map(path):
    mapped, _ = map_paths((DOCS / "architecture.md").read_text())
    assert path in mapped, f"{path} is not on docs/architecture.md's module map"


def test_everything_on_the_architecture_map_exists():
    assert mapped_but_missing((DOCS / "architecture.md").read_text()) == []


# --- the repo stands on its own ------------------------------------------------------


def test_nothing_in_the_repo_points_outside_it():
    root = ROOT_PATH
    places = [
        root / "README.md",
        *DOCS.glob("*.md"),
        *(root / p for p in code_files()),
        *(root / "templates").glob("*.html"),
    ]
    outside = re.compile(r"\.\./shared|\b(?:PROTOCOL|DESIGN|DOMAIN|MEASUREMENTS)\.md\b")
    assert [str(p.relative_to(root)) for p in places if outside.search(p.read_text())] == []


def test_the_docs_link_only_to_pages_that_exist():
    for page in [ROOT_PATH / "README.md", *DOCS.glob("*.md")]:
        for target in re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", page.read_text()):
            assert (page.parent / target).is_file(), (page.name, target)
