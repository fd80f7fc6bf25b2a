"""The screens' files on a poor line: one build hash in every static URL, the whole module
graph of a page announced at once, and each file compressed once.

- Every static URL a page names is `/static/<build>/<path>`, where `<build>` is a hash of
  every file under static/ and the vendored Socket.IO client, made when the process first
  needs it. Those answers are `Cache-Control: public, max-age=31536000, immutable`: a phone
  that has the page's files never asks for them again until a release changes one.
  The hash is in the *path*, not a `?v=` query, so the modules' own relative imports
  (`import … from "./screen.js"`) resolve under the same prefix and match the preloads;
  the Socket.IO client sits beside them at `/static/<build>/vendor/…`.
- `module_tags(entry)` writes a page's `<link rel="modulepreload">` for every module its
  entry module imports, however deep (read from the `import … from "…"` statements of
  static/js, once per process), then the entry's `<script type="module">`: the browser
  asks for the whole graph in one go instead of one round trip per level of imports.
- A module of static/js is sent without its whole-line `//` comments (each left as an empty
  line, so a stack trace's line numbers are the source's): on the phone's page they were a
  quarter of its modules' bytes. Nothing else of a file is changed (tests/web/test_assets.py
  parses every module both ways and finds the same program).
- Each file is compressed once per process at the highest settings (brotli 11, gzip 9) and
  served in the encoding the browser asks for. Plain `/static/<path>` and `/vendor/<name>`
  still answer (`no-cache`: checked with the ETag every time).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import mimetypes
import os
import posixpath
import re
import threading
from functools import lru_cache

import brotli
from flask import Response, abort, request
from markupsafe import Markup, escape

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STATIC = os.path.join(ROOT, "static")
VENDOR = {"socket.io.esm.min.js": os.path.join(ROOT, "node_modules", "socket.io-client", "dist")}
IMMUTABLE = "public, max-age=31536000, immutable"
BUILD = re.compile(r"[0-9a-f]{12}")
# `import x from "./y.js"`, `import {a,\n b} from "../y.js"`, `export … from "./y.js"`, `import "./y.js"`
IMPORT = re.compile(r"""(?:^|[;\s])(?:import|export)\s+(?:[\w*{}\s,$]*?\s*from\s*)?["']([^"']+)["']""", re.M)
TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".json": "application/json"}


def _file(path: str) -> str | None:
    """The file on disk behind a static path (`js/x.js`, `vendor/socket.io.esm.min.js`), or None."""
    path = posixpath.normpath(path)
    if path.startswith(("..", "/")) or "\\" in path or "\0" in path:
        return None
    if path.startswith("vendor/"):
        name = path[len("vendor/") :]
        return os.path.join(VENDOR[name], name) if name in VENDOR else None
    found = os.path.join(STATIC, *path.split("/"))
    return found if os.path.isfile(found) else None


def _all_files() -> list[str]:
    paths = [f"vendor/{name}" for name in VENDOR]
    for folder, _, names in os.walk(STATIC):
        rel = os.path.relpath(folder, STATIC).replace(os.sep, "/")
        paths += [name if rel == "." else f"{rel}/{name}" for name in names]
    return sorted(paths)


@lru_cache(maxsize=1)
def build() -> str:
    """A hash of every file a page can load: any change to any of them changes every URL."""
    digest = hashlib.sha256()
    for path in _all_files():
        found = _file(path)
        if found:
            digest.update(path.encode() + b"\0")
            with open(found, "rb") as f:
                # what is sent, not what is on disk: a change to `sent` is a new build too
                digest.update(hashlib.sha256(sent(found, f.read())).digest())
    return digest.hexdigest()[:12]


def url(path: str) -> str:
    """The fingerprinted URL of a static file (`css/base.css` → /static/<build>/css/base.css)."""
    return f"/static/{build()}/{path}"


# `import("./y.js")`: a module loaded later (not preloaded; its words are in the page)
DYNAMIC_IMPORT = re.compile(r"""\bimport\(\s*["']([^"']+)["']\s*\)""")


def _imports(path: str, later: bool = False) -> list[str]:
    """The static paths one module imports, resolved against its own (`js/x.js` + "./y.js");
    with `later`, also those it loads later by `import()`."""
    found = _file(path)
    if not found or not path.endswith(".js") or path.startswith("vendor/"):
        return []
    with open(found, encoding="utf-8") as f:
        source = f.read()
    out = []
    for spec in IMPORT.findall(source) + (DYNAMIC_IMPORT.findall(source) if later else []):
        if spec.startswith("/vendor/"):
            out.append(spec[1:])
        elif spec.startswith("."):
            out.append(posixpath.normpath(posixpath.join(posixpath.dirname(path), spec)))
    return out


@lru_cache(maxsize=64)
def module_graph(entry: str, later: bool = False) -> tuple[str, ...]:
    """Every module `entry` (`js/participate.js`) needs, however deep, nearest first; not
    itself. With `later`, also what it loads later (`import()`) and what those need."""
    seen, order, queue = {entry}, [], [entry]
    while queue:
        for dep in _imports(queue.pop(0), later):
            if dep not in seen:
                seen.add(dep)
                order.append(dep)
                queue.append(dep)
    return tuple(order)


def module_tags(entry: str, early: str | None = None) -> Markup:
    """A page's modules: a modulepreload for each one the entry needs, then the entry. With
    `early`, that module's own graph is asked for first and it
    runs as soon as it has arrived (`async`), before the rest of the page's modules
    (board-socket.js on the screens: it opens the board's socket as it is evaluated)."""
    path = f"js/{entry}"
    first = [f"js/{early}", *module_graph(f"js/{early}")] if early else []
    graph = [dep for dep in module_graph(path) if dep not in first]
    tags = [f'<script type="module" async src="{escape(url(first[0]))}"></script>'] if early else []
    tags += [f'<link rel="modulepreload" href="{escape(url(dep))}">' for dep in first[1:] + graph]
    tags.append(f'<script type="module" src="{escape(url(path))}"></script>')
    return Markup("\n  ".join(tags))


def page_files(entry: str | None) -> frozenset[str]:
    """The files (from the repository's root) of a page's whole module graph, with what it
    loads later (their words are the page's words too); none for a page without a script."""
    if entry is None:
        return frozenset()
    path = f"js/{entry}"
    return frozenset(
        f"static/{p}" for p in (path, *module_graph(path, later=True)) if not p.startswith("vendor/")
    )


def page_json(value: object) -> Markup:
    """A page's inline JSON (its words, its vocabulary) as UTF-8 rather than \\u escapes
    (an Arabic or Welsh catalogue is a third of the bytes), compact, and safe inside
    <script> as Jinja's tojson is (<, >, & and ' escaped)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")):
        text = text.replace(char, escaped)
    # U+2028 and U+2029 are fine in JSON and in a JSON script block: nothing else to do
    return Markup(text)


class _Compressed:
    """One file's bytes, and each encoding of them, made once when first asked for."""

    def __init__(self, data: bytes):
        self.data = data
        self.etag = hashlib.sha256(data).hexdigest()[:20]
        self.encoded: dict[str, bytes] = {}
        self.lock = threading.Lock()

    def get(self, encoding: str | None) -> bytes:
        if encoding is None:
            return self.data
        with self.lock:
            if encoding not in self.encoded:
                if encoding == "br":
                    self.encoded[encoding] = brotli.compress(self.data, quality=11)
                else:
                    self.encoded[encoding] = gzip.compress(self.data, compresslevel=9, mtime=0)
            return self.encoded[encoding]


_files: dict[tuple[str, float, int], _Compressed] = {}
# a line that is nothing but a `//` comment (the explanations this code base writes above
# what they explain); a comment after code on its line stays, as does every `/* … */`
COMMENT_LINE = re.compile(rb"^[ \t]*//[^\n]*$", re.M)
OUR_MODULES = os.path.join(STATIC, "js", "")


def sent(found: str, data: bytes) -> bytes:
    """What is sent of a file on disk: one of our modules without its whole-line comments
    (an empty line in place of each), anything else as it is."""
    if found.startswith(OUR_MODULES) and found.endswith(".js"):
        return COMMENT_LINE.sub(b"", data)
    return data


def _load(found: str) -> _Compressed:
    st = os.stat(found)
    key = (found, st.st_mtime, st.st_size)
    if key not in _files:
        with open(found, "rb") as f:
            _files[key] = _Compressed(sent(found, f.read()))
    return _files[key]


def accepted(header: str, offered: tuple[str, ...] = ("br", "gzip")) -> str | None:
    """The encoding to answer in: the browser's most wanted of `offered`, ours first on a tie
    (`q=0` refuses one, `*` stands for any not named)."""
    wanted: dict[str, float] = {}
    for part in header.split(","):
        name, _, params = part.partition(";")
        name = name.strip().lower()
        if not name:
            continue
        m = re.fullmatch(r"\s*q\s*=\s*([0-9]*\.?[0-9]*)\s*", params) if params.strip() else None
        try:
            wanted[name] = float(m.group(1)) if m else (0.0 if params.strip() else 1.0)
        except ValueError:
            wanted[name] = 0.0
    scored = [(wanted.get(name, wanted.get("*", 0.0)), -i, name) for i, name in enumerate(offered)]
    q, _, best = max(scored)
    return best if q > 0 else None


def serve(filename: str) -> Response:
    """GET /static/<build>/<path> (immutable) or /static/<path> (checked each time)."""
    first, _, rest = filename.partition("/")
    cache = "no-cache"
    if BUILD.fullmatch(first) and rest and not os.path.isdir(os.path.join(STATIC, first)):
        filename = rest
        # a page of another build (a release since it loaded): this build's file, not kept
        cache = IMMUTABLE if first == build() else "no-cache"
    found = _file(filename)
    if not found:
        abort(404)
    item = _load(found)
    ext = os.path.splitext(found)[1]
    mimetype = TYPES.get(ext) or mimetypes.guess_type(found)[0] or "application/octet-stream"
    encoding = accepted(request.headers.get("Accept-Encoding", "")) if _compressible(mimetype) else None
    response = Response(item.get(encoding), mimetype=mimetype)
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.headers["Vary"] = "Accept-Encoding"
    response.headers["Cache-Control"] = cache
    if cache != IMMUTABLE:  # an immutable answer is never asked for again: no validator needed
        response.set_etag(f"{item.etag}-{encoding or 'identity'}")
        response.make_conditional(request)  # 304 when the browser has this one
    return response


def _compressible(mimetype: str) -> bool:
    return mimetype.startswith("text/") or mimetype in ("application/json", "image/svg+xml")
