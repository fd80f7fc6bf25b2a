"""A phone on a poor line: how long each page takes to show a 30-item board, and what it costs.

`python -m bench.phone` starts a real server (`python -m conference run`, the tests'
launcher) on a fresh data folder, makes a conference with a 30-item board (10 items a
column, the lobby off), a joined parent and the projector, then drives Debian's Chromium
through Playwright with Chromium's own network emulation (CDP
`Network.emulateNetworkConditions`) on two lines:

- `poor`: 400 kbit/s each way (50,000 bytes/s) and 400 ms added to each request (one bar
  of signal in a council basement);
- `4g`: 9 Mbit/s each way and 85 ms.

For the phone page, the join page, the chair's console and the projector it times, cold
(a new browser context: empty cache) and warm (the same page again in that context), the
navigation to the moment the page is usable — the board's last item visible on the phone
and the console, its first on the projector (which pages a long column), the code checked
and the name asked for on the join page — and counts the requests and the bytes received
on the wire (HTTP responses as encoded, headers included, plus WebSocket frames). Then
"back from offline": a phone with the board up goes offline for `--offline-seconds` (30)
while the chair adds 3 items, comes back on the same line, and is timed from the moment
it is online to the last of those items visible. Median of `--runs` (3). Prints each run
on stderr and a JSON summary on stdout.

`--line proxy` emulates the same lines with a TCP proxy in front of the server instead
(`Line` below: each byte waits for the link's bandwidth, shared by every connection the
browser opens, then half the round trip; a new connection waits a round trip before it
carries anything). Chromium's emulation adds its latency to each HTTP request and to the
WebSocket's opening, but not to the WebSocket's messages: an echo through it comes back
in 60 ms, not 400. The board arrives in such a message, so the proxy is the truer line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
import uuid
import zlib

import socketio

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from conference.launch import CHROMIUM, CHROMIUM_ARGS, ServerProcess  # noqa: E402  (the tests' launcher)

PROFILES = {
    "poor": {"latency": 400, "downloadThroughput": 50_000, "uploadThroughput": 50_000},
    "4g": {"latency": 85, "downloadThroughput": 1_125_000, "uploadThroughput": 1_125_000},
}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "has_touch": True}
DESK = {"viewport": {"width": 1440, "height": 1000}}
WALL = {"viewport": {"width": 1920, "height": 1080}}
COLUMNS = ("worries", "working_well", "next_steps")
WORDS = {
    "worries": "Dad shouts and throws things when he has been drinking, and Jo hides upstairs",
    "working_well": "Gran walks the children to school every day and stays for tea on Fridays",
    "next_steps": "Mum and the social worker visit the family centre together each week",
}


class Line:
    """A poor line as a TCP proxy on 127.0.0.1: `url` reaches the server through it. Each
    direction is one link of `bytes_per_s`, shared by all connections (a phone has one
    radio); a chunk leaves when the link has sent what came before it and arrives half a
    round trip later; a new connection carries nothing until a round trip has passed (TCP's
    handshake)."""

    def __init__(self, target_port: int, round_trip_s: float, bytes_per_s: float):
        self.target_port, self.one_way, self.rate = target_port, round_trip_s / 2, bytes_per_s
        self.free = {"up": 0.0, "down": 0.0}  # when each direction's link has sent all it holds
        self.loop = asyncio.new_event_loop()
        started = threading.Event()
        threading.Thread(target=self._run, args=(started,), daemon=True).start()
        started.wait(10)
        self.url = f"http://127.0.0.1:{self.port}"

    def _run(self, started: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(asyncio.start_server(self._connection, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        started.set()
        self.loop.run_forever()

    async def _connection(self, reader, writer) -> None:
        await asyncio.sleep(2 * self.one_way)
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        try:
            await asyncio.gather(self._pump(reader, up_writer, "up"), self._pump(up_reader, writer, "down"))
        finally:
            writer.close()
            up_writer.close()

    async def _pump(self, src, dst, direction: str) -> None:
        queue: asyncio.Queue = asyncio.Queue()

        async def deliver() -> None:
            while True:
                at, data = await queue.get()
                await asyncio.sleep(max(0.0, at - self.loop.time()))
                if data is None:  # the other side is done sending: so is this one, after what it sent
                    if dst.can_write_eof():
                        dst.write_eof()
                    else:
                        dst.close()
                    return
                dst.write(data)
                await dst.drain()

        task = asyncio.ensure_future(deliver())
        try:
            while not task.done() and (data := await src.read(4096)):
                start = max(self.loop.time(), self.free[direction])
                self.free[direction] = start + len(data) / self.rate
                queue.put_nowait((self.free[direction] + self.one_way, data))
        except ConnectionError:
            pass
        queue.put_nowait((self.loop.time() + self.one_way, None))
        try:
            await task
        except ConnectionError:
            pass


class Chair:
    """The chair on a python-socketio client: builds the board and adds items later."""

    def __init__(self, url: str, token: str):
        self.sio = socketio.Client(reconnection=False)
        self.sio.connect(url, namespaces=["/board"], auth={"token": token}, transports=["websocket"])

    def cmd(self, type_: str, payload: dict) -> dict:
        ack = self.sio.call(
            "command", {"op_id": uuid.uuid4().hex, "type": type_, "payload": payload}, namespace="/board"
        )
        assert ack.get("ok"), ack
        return ack

    def close(self) -> None:
        self.sio.disconnect()


def build(server: ServerProcess) -> dict:
    made = server.create("Initial conference for the Wójcik children")
    chair = Chair(server.url, made["facilitator_token"])
    chair.cmd("conference.update", {"lobby": False})
    for n in range(10):
        for column in COLUMNS:
            chair.cmd("item.add", {"column": column, "text": f"{WORDS[column]} ({n + 1})"})
    joined = server.join(made["join_code"], "Olena Wójcik", "parent_carer")
    return {**made, "participant_token": joined["participant_token"], "chair": chair}


class Wire:
    """Counts what one page receives, from the DevTools protocol's own network events: HTTP
    responses as encoded (headers included), and WebSocket frames — as `permessage-deflate`
    sends them when the handshake agreed it (DevTools shows frames inflated, so each is
    deflated again here, with the context kept as the extension keeps it), plus 2–4 bytes of
    frame header. Also keeps when each script was asked for and when it arrived."""

    def __init__(self, cdp, proxied: bool = False):
        self.cdp, self.proxied = cdp, proxied  # proxied: the line is a `Line`, not the emulation
        self.reset()
        self._deflate: dict[str, object] = {}
        self._asked: dict[str, tuple[str, float]] = {}
        cdp.on("Network.requestWillBeSent", self._request)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.webSocketCreated", lambda e: self._socket())
        cdp.on("Network.webSocketHandshakeResponseReceived", self._handshake)
        cdp.on("Network.webSocketFrameReceived", self._frame)
        cdp.send("Network.enable")

    def reset(self) -> None:
        self.bytes = self.requests = self.sockets = 0
        self.scripts: list[dict] = []  # {url, asked, done}: every .js this page fetched
        self.urls: list[str] = []
        self.sizes: dict[str, int] = {}  # bytes by what carried them (a URL, or "websocket")

    def _request(self, e: dict) -> None:
        self.requests += 1
        url = e["request"]["url"]
        self.urls.append(url)
        self._asked[e["requestId"]] = (url, e["timestamp"])

    def _finished(self, e: dict) -> None:
        self.bytes += int(e.get("encodedDataLength", 0))
        url, asked = self._asked.get(e["requestId"], ("", 0.0))
        self.sizes[url] = self.sizes.get(url, 0) + int(e.get("encodedDataLength", 0))
        if url.split("?")[0].endswith(".js"):
            self.scripts.append({"url": url, "asked": asked, "done": e["timestamp"]})

    def _socket(self) -> None:
        self.sockets += 1

    def _handshake(self, e: dict) -> None:
        headers = {k.lower(): v for k, v in e["response"].get("headers", {}).items()}
        if "permessage-deflate" in headers.get("sec-websocket-extensions", ""):
            self._deflate[e["requestId"]] = zlib.compressobj(9, zlib.DEFLATED, -15)

    def _frame(self, e: dict) -> None:
        payload = e["response"].get("payloadData", "").encode()
        deflate = self._deflate.get(e["requestId"])
        if deflate is not None:
            payload = deflate.compress(payload) + deflate.flush(zlib.Z_SYNC_FLUSH)  # type: ignore[attr-defined]
            payload = payload[:-4]  # the extension drops the flush's 00 00 ff ff
        self.bytes += len(payload) + (2 if len(payload) < 126 else 4)
        self.sizes["websocket"] = (
            self.sizes.get("websocket", 0) + len(payload) + (2 if len(payload) < 126 else 4)
        )

    def largest(self, n: int = 10) -> list[tuple[str, int]]:
        """What carried the most bytes, largest first (URLs shortened to their last part)."""
        ranked = sorted(self.sizes.items(), key=lambda kv: -kv[1])[:n]
        return [(url.rsplit("/", 1)[-1] or url, size) for url, size in ranked]

    def line(self, profile: str, offline: bool = False) -> None:
        unthrottled = {"latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
        conditions = unthrottled if self.proxied else PROFILES[profile]
        self.cdp.send("Network.emulateNetworkConditions", {"offline": offline, **conditions})


def last_item(column: str) -> str:
    return f"{WORDS[column]} (10)"


# Each page stamps, on its own clock (ms since its navigation began), the first frame that
# shows an item with the text asked for: the time is the page's, not this process's.
WATCH = """
(() => {
  window.__seen = {};
  window.__online = null;
  addEventListener("online", () => (window.__online = performance.now()));
  const look = () => {
    for (const text of window.__watch || []) {
      if (window.__seen[text] !== undefined) continue;
      const found = [...document.querySelectorAll(".item-text")].some((el) => el.textContent.includes(text));
      if (found) {
        window.__seen[text] = null;
        requestAnimationFrame(() => (window.__seen[text] = performance.now()));
      }
    }
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true, characterData: true });
  // the join page: the first frame with the name field shown (after the code is checked)
  window.__nameShown = null;
  const named = () => {
    const field = document.getElementById("name");
    if (field && field.offsetParent !== null) window.__nameShown = performance.now();
    else requestAnimationFrame(named);
  };
  requestAnimationFrame(named);
})();
"""


def watch(page, text: str) -> None:
    page.evaluate("(t) => (window.__watch = [...(window.__watch || []), t])", text)


def seen_at(page, text: str) -> float:
    """Waits until the page has drawn `text`; its time in seconds since the navigation began."""
    page.wait_for_function("(t) => typeof window.__seen[t] === 'number'", arg=text, timeout=60000)
    return page.evaluate("(t) => window.__seen[t]", text) / 1000


def ready_text(which: str) -> str:
    # the projector pages a long column on its own clock: its first item, the others their last
    return f"{WORDS['worries']} (1)" if which == "projector" else last_item("worries")


def page_ready(page, which: str) -> float:
    """Seconds from the start of the navigation until the page is usable."""
    if which == "join":
        # the code checked and the name asked, and the page's styles and script in (its load
        # event): whichever comes last
        page.wait_for_function("() => window.__nameShown !== null", timeout=60000)
        page.wait_for_load_state("load", timeout=60000)
        return (
            page.evaluate(
                "() => Math.max(window.__nameShown, performance.getEntriesByType('navigation')[0].loadEventEnd)"
            )
            / 1000
        )
    return seen_at(page, ready_text(which))


def urls(server: ServerProcess, made: dict, lang: str = "", via: str = "") -> dict:
    """Each page's address and browser settings; `via`, a `Line`'s URL to reach the server."""
    root = via or server.url
    base = f"{root}/c/{made['conference_id']}"
    q = f"?lang={lang}" if lang else ""
    return {
        "phone": (f"{base}/participate{q}#t={made['participant_token']}", PHONE),
        "join": (f"{root}/j/{made['join_code']}{q}", PHONE),
        "console": (f"{base}/facilitate{q}#t={made['facilitator_token']}", DESK),
        "projector": (f"{base}/display{q}#t={made['display_token']}", WALL),
    }


def load(browser, url: str, ctx: dict, which: str, profile: str, proxied: bool = False) -> list[dict]:
    """One cold load (a new context) and one warm (the same page again): time and wire."""
    context = browser.new_context(**ctx)
    try:
        page = context.new_page()
        page.add_init_script(WATCH + f"window.__watch = [{json.dumps(ready_text(which))}];")
        wire = Wire(context.new_cdp_session(page), proxied)
        wire.line(profile)
        out = []
        for cache in ("cold", "warm"):
            if cache == "warm":
                page.goto("about:blank")
            wire.reset()
            page.goto(url, wait_until="commit", timeout=60000)
            seconds = page_ready(page, which)
            out.append(
                {
                    "cache": cache,
                    "seconds": round(seconds, 3),
                    "kb": round(wire.bytes / 1024, 1),
                    "requests": wire.requests,
                    "websockets": wire.sockets,
                }
            )
        return out
    finally:
        context.close()


def back_from_offline(
    browser, server, made: dict, profile: str, seconds: float, run: int, lang: str = "", via: str = ""
) -> dict:
    # in the pages' language: a page without ?lang follows the member's record (reloading)
    url, ctx = urls(server, made, lang, via)["phone"]
    context = browser.new_context(**ctx)
    try:
        page = context.new_page()
        page.add_init_script(WATCH + f"window.__watch = [{json.dumps(ready_text('phone'))}];")
        wire = Wire(context.new_cdp_session(page), bool(via))
        wire.line(profile)
        page.goto(url, wait_until="commit", timeout=60000)
        page_ready(page, "phone")
        page.wait_for_function("() => window.boardClient && window.boardClient.state === 'connected'")
        wire.line(profile, offline=True)
        page.wait_for_function("() => !navigator.onLine")
        texts = [f"Added while the phone was away, {profile} run {run}, number {n}" for n in range(3)]
        for text in texts:
            made["chair"].cmd("item.add", {"column": "worries", "text": text})
        watch(page, texts[-1])
        time.sleep(seconds)  # the time away is what this measures from: not a wait for an outcome
        wire.reset()
        wire.line(profile)
        caught_up = seen_at(page, texts[-1]) - page.evaluate("() => window.__online") / 1000
        return {"seconds": round(caught_up, 3), "kb": round(wire.bytes / 1024, 1)}
    finally:
        context.close()


def median_of(rows: list[dict]) -> dict:
    return {
        key: round(statistics.median(r[key] for r in rows), 3)
        for key in rows[0]
        if isinstance(rows[0][key], (int, float))
    }


def machine() -> dict:
    import psutil

    return {
        "cpu": platform.processor() or platform.machine(),
        "cores": psutil.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--offline-seconds", type=float, default=30)
    parser.add_argument("--profiles", default="poor,4g")
    parser.add_argument("--pages", default="phone,join,console,projector")
    parser.add_argument("--lang", default="", help="the pages' language (?lang=), e.g. pl; default English")
    parser.add_argument(
        "--line",
        choices=["cdp", "proxy"],
        default="cdp",
        help="Chromium's network emulation, or a TCP proxy that also delays WebSocket messages",
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    data = tempfile.mkdtemp(prefix="cb-phone-")
    server = ServerProcess(
        os.path.join(data, "data"),
        env={"CONFERENCE_COMMAND_RATE": "1000", "CONFERENCE_COMMAND_BURST": "5000"},
    )
    server.start()
    made = build(server)
    results: dict = {
        "machine": machine(),
        "runs": args.runs,
        "lang": args.lang,
        "line": args.line,
        "pages": {},
        "offline": {},
    }
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for profile in args.profiles.split(","):
                via = ""
                if args.line == "proxy":
                    p = PROFILES[profile]
                    via = Line(server.port, p["latency"] / 1000, p["downloadThroughput"]).url
                for which in args.pages.split(","):
                    url, ctx = urls(server, made, args.lang, via)[which]
                    rows: dict[str, list[dict]] = {"cold": [], "warm": []}
                    for run in range(args.runs):
                        for row in load(browser, url, ctx, which, profile, bool(via)):
                            rows[row["cache"]].append(row)
                            print(profile, which, run + 1, json.dumps(row), file=sys.stderr)
                    results["pages"][f"{profile} {which}"] = {c: median_of(r) for c, r in rows.items()}
                if args.offline_seconds > 0:
                    rows_off = []
                    for run in range(args.runs):
                        row = back_from_offline(
                            browser, server, made, profile, args.offline_seconds, run, args.lang, via
                        )
                        rows_off.append(row)
                        print(profile, "back from offline", run + 1, json.dumps(row), file=sys.stderr)
                    results["offline"][profile] = median_of(rows_off)
            browser.close()
    finally:
        made["chair"].close()
        server.stop()
        shutil.rmtree(data, ignore_errors=True)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
