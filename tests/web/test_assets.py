"""What a page costs on a poor line, in process: static files under one build hash and kept a
year, every module of a page preloaded from its imports, answers compressed where the
browser asks (and never an /api/ answer with a token, a PDF or a Word file), and the join
link's code checked while the page is made."""

from __future__ import annotations

import gzip
import json
import pathlib
import re
import subprocess

import brotli
import pytest

from conference.app import create_app
from conference.web import assets

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture
def app(tmp_path):
    return create_app({"DATA_DIR": str(tmp_path), "ASYNC_MODE": "threading", "TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


def preloads(html: str) -> list[str]:
    return re.findall(r'<link rel="modulepreload" href="([^"]+)">', html)


def imports_of(path: pathlib.Path) -> set[pathlib.Path]:
    """A module's imports, read the plainest way (one `from "…"` or `import "…"` each)."""
    found = set()
    for spec in re.findall(r'(?:from|import)\s+"([^"]+)"', path.read_text()):
        found.add((path.parent / spec).resolve())
    return found


def loaded_later(graph: set[pathlib.Path]) -> set[pathlib.Path]:
    """What these modules load later (`import("…")`), with all those need in turn."""
    later = {
        (path.parent / spec).resolve()
        for path in graph
        for spec in re.findall(r'\bimport\(\s*"([^"]+)"\s*\)', path.read_text())
    }
    return later.union(*(whole_graph(p) for p in later)) if later else set()


def whole_graph(entry: pathlib.Path) -> set[pathlib.Path]:
    seen, todo = set(), [entry]
    while todo:
        for dep in imports_of(todo.pop()):
            if dep not in seen and "vendor" not in dep.parts:
                seen.add(dep)
                todo.append(dep)
    return seen


@pytest.mark.parametrize(
    "path,entry",
    [
        ("/c/abc/participate", "participate.js"),
        ("/c/abc/facilitate", "facilitate.js"),
        ("/c/abc/display", "display.js"),
        ("/j/ABCDEFGH", "join.js"),
        ("/login", "login.js"),
        ("/mine", "my-conferences.js"),
        ("/manage", "manage.js"),
    ],
)
def test_every_page_preloads_its_entrys_whole_import_graph_under_the_build_hash(client, path, entry):
    html = client.get(path).get_data(as_text=True)
    build = assets.build()
    urls = preloads(html)
    assert len(urls) == len(set(urls))
    assert all(u.startswith(f"/static/{build}/") for u in urls)
    assert f'<script type="module" src="/static/{build}/js/{entry}"></script>' in html
    early = re.findall(r'<script type="module" async src="([^"]+)"></script>', html)
    preloaded = {(ROOT / "static" / u.removeprefix(f"/static/{build}/")).resolve() for u in urls + early}
    want = whole_graph(ROOT / "static" / "js" / entry)
    assert {p for p in preloaded if "vendor" not in p.parts} == want
    if entry in ("participate.js", "facilitate.js", "display.js"):
        assert f"/static/{build}/vendor/socket.io.esm.min.js" in urls
        # the screens open the board's socket first, on its own, before the rest has arrived
        early = f'<script type="module" async src="/static/{build}/js/board-socket.js"></script>'
        assert html.index(early) < html.index('<link rel="modulepreload"')
        assert urls[:2] == [f"/static/{build}/vendor/socket.io.esm.min.js", f"/static/{build}/js/keys.js"]
    # the styles are fingerprinted too
    assert re.search(rf'<link rel="stylesheet" href="/static/{build}/css/base.css">', html)


def test_a_fingerprinted_file_is_kept_a_year_and_compressed_as_the_browser_asks(client):
    url = assets.url("js/board-client.js")
    # the module as it is sent: its comment lines empty (see the test at the end)
    source = assets.sent(
        str(ROOT / "static/js/board-client.js"), (ROOT / "static/js/board-client.js").read_bytes()
    )
    br = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert br.status_code == 200 and br.headers["Content-Encoding"] == "br"
    assert br.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert br.headers["Vary"] == "Accept-Encoding"
    assert br.mimetype == "text/javascript"
    assert brotli.decompress(br.data) == source and len(br.data) < len(source) / 2
    gz = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip" and gzip.decompress(gz.data) == source
    plain = client.get(url, headers={"Accept-Encoding": "br;q=0, gzip;q=0"})
    assert "Content-Encoding" not in plain.headers and plain.data == source
    # never asked for again, so no validator rides on it; the page's policy headers are for
    # documents (a module without a Referrer-Policy follows its page's); nosniff stays
    assert "ETag" not in br.headers
    assert br.headers["X-Content-Type-Options"] == "nosniff"
    assert not {"Content-Security-Policy", "Referrer-Policy", "X-Frame-Options"} & set(br.headers.keys())


def test_the_plain_static_path_is_checked_every_time_and_nothing_outside_is_served(client):
    r = client.get("/static/js/board-client.js")
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-cache" and r.headers["ETag"]
    again = client.get("/static/js/board-client.js", headers={"If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304 and not again.data  # checked: the browser's copy is good
    old_build = client.get("/static/000000000000/js/board-client.js")  # a page from before a release
    assert old_build.status_code == 200 and old_build.headers["Cache-Control"] == "no-cache"
    for path in ("/static/../conference/app.py", f"/static/{assets.build()}/../requirements.txt"):
        assert client.get(path).status_code == 404
    assert client.get(f"/static/{assets.build()}/vendor/other.js").status_code == 404
    vendored = client.get(assets.url("vendor/socket.io.esm.min.js"), headers={"Accept-Encoding": "br"})
    assert vendored.status_code == 200 and vendored.headers["Content-Encoding"] == "br"


def test_pages_are_compressed_and_api_answers_with_tokens_are_not(client):
    page = client.get("/c/abc/participate", headers={"Accept-Encoding": "br"})
    assert page.headers["Content-Encoding"] == "br"
    assert b'id="vocabulary"' in brotli.decompress(page.data)
    assert "Accept-Encoding" in page.headers["Vary"]
    assert "Content-Encoding" not in client.get("/c/abc/participate").headers  # not asked: not sent
    api = client.get("/api/vocabulary", headers={"Accept-Encoding": "br, gzip"})
    assert api.status_code == 200 and "Content-Encoding" not in api.headers


def test_the_minutes_text_is_compressed_and_pdf_and_word_are_left_alone(app, client):
    made = app.extensions["conference_service"].create_conference("Review", "review_cp")
    auth = {"Authorization": f"Bearer {made['facilitator_token']}", "Accept-Encoding": "br, gzip"}
    base = f"/api/conferences/{made['conference_id']}/minutes"
    md = client.get(f"{base}.md", headers=auth)
    assert md.status_code == 200 and md.headers["Content-Encoding"] == "br"
    assert md.headers["Content-Disposition"].startswith("attachment")
    assert brotli.decompress(md.data).decode().strip()
    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK")):
        r = client.get(f"{base}.{fmt}", headers=auth)
        assert r.status_code == 200 and "Content-Encoding" not in r.headers
        assert r.data.startswith(magic)


def test_the_join_links_code_is_checked_as_the_page_is_made(app, client):
    made = app.extensions["conference_service"].create_conference("Review", "review_cp")
    good = client.get(f"/j/{made['join_code']}").get_data(as_text=True)
    assert 'data-checked="ok"' in good
    assert re.search(r'<fieldset id="join-who" class="stack plain">', good)  # the name asked at once
    assert re.search(r'<button type="button" id="check-code" class="secondary" hidden>', good)
    bad = client.get("/j/ZZZZ2222").get_data(as_text=True)
    assert 'data-checked="bad"' in bad and "couldn&#39;t find a conference" in bad
    assert re.search(r'<fieldset id="join-who" class="stack plain" hidden>', bad)
    # a wrong code counts toward the same limit as the join page's own check
    limit = app.config["JOIN_FAILURES_PER_MINUTE"]
    for _ in range(limit):
        client.get("/j/ZZZZ2222")
    r = client.post("/api/join-code", json={"join_code": made["join_code"]})
    assert r.status_code == 429
    # and past it the page checks nothing, so it tells nothing: the page asks, and is told to wait
    assert 'data-checked=""' in client.get(f"/j/{made['join_code']}").get_data(as_text=True)


def code_of(path: pathlib.Path) -> str:
    """A module's code without its comment lines (i18n.js shows t("…") in one)."""
    return "\n".join(line for line in path.read_text().splitlines() if not line.strip().startswith("//"))


@pytest.mark.parametrize("path,entry", [("/c/abc/participate", "participate.js"), ("/j/ABCDEFGH", "join.js")])
def test_a_page_carries_the_words_its_own_modules_ask_for_and_not_the_others(client, path, entry):
    from conference import i18n

    html = client.get(f"{path}?lang=pl").get_data(as_text=True)
    found = re.search(r'<script type="application/json" id="catalogue">(.*?)</script>', html)
    carried = json.loads(found.group(1))["messages"]
    everything = i18n.browser_catalogue("pl")["messages"]
    graph = whole_graph(ROOT / "static" / "js" / entry) | {(ROOT / "static" / "js" / entry).resolve()}
    graph |= loaded_later(graph)  # loaded after the board shows, in the page's language too
    asked = {m for f in graph for m in re.findall(r'\bt[n]?\(\s*"((?:[^"\\]|\\.)*)"', code_of(f))}
    wanted = {m for m in asked if m in everything}
    assert wanted and wanted <= set(carried), sorted(wanted - set(carried))[:5]
    if entry == "participate.js":  # reading aloud loads later: its words are here already
        assert "Read this screen aloud" in carried
    # the console's own words stay on the console
    console_only = {
        m
        for f in (ROOT / "static/js/console").glob("*.js")
        for m in re.findall(r'\bt\(\s*"((?:[^"\\]|\\.)*)"', code_of(f))
    } - asked
    assert console_only & set(everything)
    assert not console_only & set(carried) - set(i18n.vocabulary_messages())
    assert len(carried) < len(everything)
    # of the vocabulary's words only the scale's, which the screens look up themselves (a
    # round's question and end words, as asked): the rest come translated in its vocabulary
    scale = set(i18n.vocabulary_messages(i18n.SCALE_KEYS))
    vocabulary_only = set(i18n.vocabulary_messages()) - scale - asked
    assert vocabulary_only & set(everything) and not vocabulary_only & set(carried)
    if entry == "participate.js":
        assert scale & set(everything) <= set(carried)
        kinds = json.loads(re.search(r'id="vocabulary">(.*?)</script>', html).group(1))["kinds"]
        assert {k["question"] for k in kinds} <= {carried[k] for k in scale & set(carried)}
    else:  # the join page shows no round
        assert not (scale - asked) & set(carried)
    # written as UTF-8, not \\u escapes, and still safe inside <script>
    assert "ł" in found.group(1) or "ą" in found.group(1) or "ś" in found.group(1)
    assert "</" not in found.group(1)


# acorn (eslint's parser, in node_modules) reads each module as the browser will: the same
# program, comments aside, whatever the positions
SAME_PROGRAM = """
const acorn = require("acorn");
const pairs = JSON.parse(require("fs").readFileSync(0, "utf8"));
const tree = (text) =>
  JSON.stringify(acorn.parse(text, { ecmaVersion: "latest", sourceType: "module" }), (k, v) =>
    k === "start" || k === "end" ? undefined : v,
  );
const differ = Object.keys(pairs).filter((path) => tree(pairs[path][0]) !== tree(pairs[path][1]));
process.stdout.write(JSON.stringify(differ));
"""


def test_a_module_is_sent_without_its_comment_lines_and_is_the_same_program(client):
    pairs, saved = {}, 0
    for path in sorted((ROOT / "static" / "js").rglob("*.js")):
        rel = path.relative_to(ROOT / "static").as_posix()
        source = path.read_text(encoding="utf-8")
        sent = client.get(f"/static/{assets.build()}/{rel}").get_data(as_text=True)
        # the same lines (a stack trace's line numbers are the source's), no line a comment
        assert sent.count("\n") == source.count("\n"), rel
        assert not [line for line in sent.splitlines() if line.strip().startswith("//")], rel
        pairs[rel] = [source, sent]
        saved += len(source) - len(sent)
    assert saved > 30_000  # what the comments were (characters)
    found = subprocess.run(
        ["node", "-e", SAME_PROGRAM],
        input=json.dumps(pairs),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert json.loads(found.stdout) == []
    # a comment after code on its line stays; the vendored client is sent as it is
    assert "// " in client.get(f"/static/{assets.build()}/js/participate.js").get_data(as_text=True)
    vendor = ROOT / "node_modules" / "socket.io-client" / "dist" / "socket.io.esm.min.js"
    assert client.get(f"/static/{assets.build()}/vendor/socket.io.esm.min.js").data == vendor.read_bytes()


@pytest.mark.parametrize("path", ["/c/abc/participate", "/c/abc/display", "/c/abc/facilitate"])
def test_a_screen_says_it_is_connecting_before_its_script_has_come(client, path):
    """Found by a newcomer's run on a poor line: for three seconds after joining, a parent's
    phone showed an empty status bar and nothing else while its modules came."""
    import re

    for lang, said in (("en", "Connecting to the board…"), ("pl", "Łączenie z tablicą…")):
        html = client.get(f"{path}?lang={lang}").get_data(as_text=True)
        status = re.search(r'<p id="status" class="([^"]*)" role="status">([^<]*)</p>', html)
        assert status and status.group(2) == said and "status-connecting" in status.group(1)


def test_the_screens_know_an_unnamed_chair_by_the_domains_own_default_name():
    from conference.domain import vocabulary as v

    source = (ROOT / "static" / "js" / "board-view.js").read_text(encoding="utf-8")
    assert f'export const UNNAMED_CHAIR = "{v.DEFAULT_CHAIR_NAME}";' in source
