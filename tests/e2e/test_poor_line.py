"""A parent's phone on one bar of signal (400 kbit/s each way, 400 ms a request, Chromium's
own network emulation): what a cold load of a 30-item board costs, and its shape — every
module asked for at once, a WebSocket straight away — and the long-polling fallback when a
WebSocket cannot open. Times are bench/phone.py's business; these check bytes and structure."""

from __future__ import annotations

import os
import re

import pytest

from bench.phone import PROFILES, Wire

from .test_conference import PHONE, board_of

BUDGET_KB = 60
WORRY = "Dad shouts and throws things when he has been drinking, and Jo hides upstairs"


def a_30_item_board(server, clients) -> tuple[dict, str]:
    from ..support import Room

    room = Room(server, clients)
    room.chair.ok("conference.update", {"lobby": False})
    for n in range(10):
        for column in ("worries", "working_well", "next_steps"):
            room.chair.ok("item.add", {"column": column, "text": f"{WORRY} — {column} ({n + 1})"})
    joined = server.join(room.conf["join_code"], "Olena Wójcik", "parent_carer")
    return room, joined["participant_token"]


def phone_page(screens, name: str, script: str | None = None):
    context = screens.browser.new_context(**PHONE)
    screens.contexts.append(context)
    page = context.new_page()
    page.on("pageerror", lambda e: screens.errors.append(f"{name}: {e}"))
    if script:
        page.add_init_script(script)
    return page, Wire(context.new_cdp_session(page))


# a Polish, Welsh or Arabic page carries its language's words as well (base.html's catalogue)
@pytest.mark.parametrize("tag", ["en", "pl", "cy", "ar"])
def test_a_cold_phone_load_of_a_30_item_board_is_small_and_asks_for_every_module_at_once(
    server, clients, screens, tag
):
    room, token = a_30_item_board(server, clients)
    page, wire = phone_page(screens, "phone")
    wire.line("poor")
    assert PROFILES["poor"]["downloadThroughput"] == 50_000 and PROFILES["poor"]["latency"] == 400
    q = "" if tag == "en" else f"?lang={tag}"
    page.goto(f"{server.url}/c/{room.id}/participate{q}#t={token}", wait_until="commit")
    page.locator(".item-text", has_text=f"{WORRY} — worries (10)").wait_for()
    shown_with = wire.bytes  # what it took to show the board (the scoring and reading aloud follow)
    largest, scripts = wire.largest(12), list(wire.scripts)
    assert page.locator("html").get_attribute("lang") == ("en-GB" if tag == "en" else tag)
    screens.shot(page, f"poor-line-phone-board-{tag}")

    # the bytes: HTML, styles, every module, the socket's handshake and the first board
    assert shown_with <= BUDGET_KB * 1024, f"{shown_with / 1024:.1f} KB on the wire: {largest}"
    # the shape: every module the page runs was asked for before the first one arrived,
    # i.e. none waited for another to be read (the modulepreload links in the HTML)
    assert len(scripts) >= 20, [s["url"] for s in scripts]
    first_arrived = min(s["done"] for s in scripts)
    late = [s["url"] for s in scripts if s["asked"] >= first_arrived]
    assert not late, late
    assert all(re.search(r"/static/[0-9a-f]{12}/", s["url"]) for s in scripts)
    # a WebSocket from the start: no long-polling request at all, and the board came in hello
    assert wire.sockets == 1
    assert not [u for u in wire.urls if "/socket.io/" in u and "transport=polling" in u]
    assert page.evaluate("() => window.boardClient.socket.io.engine.transport.name") == "websocket"
    assert len(board_of(page)["items"]) == 30

    # warm: the same page again asks the server for the page itself, and nothing it names
    wire.reset()
    page.goto("about:blank")
    page.goto(f"{server.url}/c/{room.id}/participate{q}", wait_until="commit")
    page.locator(".item-text", has_text=f"{WORRY} — worries (10)").wait_for()
    assert wire.bytes <= 20 * 1024, f"{wire.bytes / 1024:.1f} KB warm"


# A proxy that refuses WebSockets: the handshake fails, so the browser fires `error`, then
# `close` (1006), a moment later — as Chromium does for a refused upgrade. (A constructor
# that throws at once is no test of this: socket.io-client 4.8 emits that error before it
# listens for it, and no browser refuses a same-origin ws:// URL that way.)
BLOCK_WEBSOCKETS = """
window.WebSocket = class RefusedWebSocket extends EventTarget {
  static CONNECTING = 0; static OPEN = 1; static CLOSING = 2; static CLOSED = 3;
  constructor(url) {
    super();
    this.url = url;
    this.readyState = 0;
    window.__refusedWebSockets = (window.__refusedWebSockets || 0) + 1;
    setTimeout(() => {
      this.readyState = 3;
      if (this.onerror) this.onerror(new Event("error"));
      if (this.onclose) this.onclose({ code: 1006, reason: "", wasClean: false });
    }, 30);
  }
  send() { throw new Error("not open"); }
  close() {}
};
"""


def test_a_phone_whose_websocket_is_refused_falls_back_to_polling_and_works(server, clients, screens):
    room, token = a_30_item_board(server, clients)
    page, wire = phone_page(screens, "phone without WebSocket", BLOCK_WEBSOCKETS)
    page.goto(f"{server.url}/c/{room.id}/participate#t={token}", wait_until="commit")
    page.locator(".item-text", has_text=f"{WORRY} — worries (10)").wait_for()
    assert page.evaluate("() => window.boardClient.socket.io.engine.transport.name") == "polling"
    assert page.evaluate("() => window.__refusedWebSockets") >= 1  # it did try a WebSocket first
    assert wire.sockets == 0
    assert [u for u in wire.urls if "/socket.io/" in u and "transport=polling" in u]

    # a command from the phone round-trips: acknowledged, and seen by the chair
    page.get_by_label('Add to "What are we worried about?"').fill("Nobody answers the door on Mondays")
    page.get_by_role("button", name="Add", exact=True).click()
    room.chair.wait(
        lambda: any(
            e["type"] == "item.added" and e["payload"]["item"]["text"] == "Nobody answers the door on Mondays"
            for e in room.chair.events
        )
    )
    page.wait_for_function("() => window.boardClient.outbox.length === 0")
    # and an event from the chair reaches the phone over polling
    room.chair.ok("item.add", {"column": "worries", "text": "The chair's item, over long-polling"})
    page.locator(".item-text", has_text="The chair's item, over long-polling").wait_for()
    screens.shot(page, "poor-line-phone-polling")
    assert os.path.exists(os.path.join(screens.folder, "poor-line-phone-polling.png"))


def test_a_wake_while_the_socket_is_still_connecting_loses_nothing(server, clients, screens):
    """The page is woken (online, visibilitychange, pageshow from the page cache) while its socket
    is half way through connecting — the transport open, the namespace's CONNECT on its way,
    which on a poor line lasts a round trip. Connecting again then would send a second
    CONNECT, and the server would give the namespace a new id the page never hears on."""
    room, token = a_30_item_board(server, clients)
    page, wire = phone_page(screens, "phone")
    page.goto(f"{server.url}/c/{room.id}/participate#t={token}", wait_until="commit")
    page.locator(".item-text", has_text=f"{WORRY} — worries (10)").wait_for()
    wire.line("poor", offline=True)
    page.wait_for_function("() => window.boardClient.state === 'offline'")
    wire.line("poor")
    # the transport is open and the namespace not yet connected: the phone is woken now
    page.wait_for_function(
        "() => { const s = window.boardClient.socket; return s.io.engine && s.io.engine.readyState === 'open'"
        " && !s.connected; }",
        polling=5,
    )
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    page.wait_for_function("() => window.boardClient.state === 'connected'")
    room.chair.ok("item.add", {"column": "worries", "text": "Said after the phone came back"})
    page.locator(".item-text", has_text="Said after the phone came back").wait_for(timeout=10000)


def test_the_join_link_asks_the_name_with_no_round_trip_more(server, clients, screens):
    """The code in the QR link is checked as the page is made: on the poor line the name is
    asked for as soon as the page is drawn, and the page never asks /api/join-code."""
    from ..support import Room

    room = Room(server, clients)
    page, wire = phone_page(screens, "join")
    wire.line("poor")
    page.goto(f"{server.url}/j/{room.conf['join_code']}", wait_until="load")
    assert page.get_by_label("Your name").is_visible()
    assert page.evaluate("() => document.activeElement && document.activeElement.id") == "name"
    assert not page.get_by_role("button", name="Check the code").is_visible()
    assert not [u for u in wire.urls if "/api/" in u], wire.urls
    assert wire.bytes <= 12 * 1024, f"{wire.bytes / 1024:.1f} KB"
    screens.shot(page, "poor-line-join")
    # and joining still works from here
    page.get_by_label("Your name").fill("Anna Nowak")
    page.get_by_label("How are you here?").select_option("parent_carer")
    page.get_by_role("button", name="Join").click()
    page.wait_for_url(re.compile(r"/participate"))


def test_a_polish_phone_whose_later_modules_failed_to_come_scores_in_polish_when_they_do(
    server, clients, screens
):
    """The scoring, result and reading-aloud modules come after the board shows
    (participate.js `loadLater`). A phone whose line drops as they are asked for asks
    again at the next screen, and they speak Polish: their words are in the page's
    catalogue, there before the modules."""
    from conference import i18n

    _ = i18n.translations("pl").gettext
    room, token = a_30_item_board(server, clients)
    page, wire = phone_page(screens, "Polish phone, later modules failed")
    wire.line("poor")
    # the line drops just as the later modules are asked for: the first asking of each fails
    failed: list[str] = []

    def drop_first(route):
        if route.request.url in failed:
            route.continue_()
        else:
            failed.append(route.request.url)
            route.abort("internetdisconnected")

    for later in ("scoring", "result", "read-aloud"):
        page.route(f"**/js/phone/{later}.js", drop_first)
    with page.expect_event("requestfailed", lambda r: "/phone/scoring.js" in r.url, timeout=20000):
        page.goto(f"{server.url}/c/{room.id}/participate?lang=pl#t={token}", wait_until="commit")
        page.locator(".item-text", has_text=f"{WORRY} — worries (10)").wait_for()
    assert any("/phone/scoring.js" in url for url in failed)

    room.chair.ok("round.open", {})
    page.get_by_role("heading", name=_("Where are we, 0 to 10?")).wait_for(timeout=20000)
    kind = next(
        k for k in i18n.vocabulary("pl")["kinds"] if k["key"] == room.chair.snapshot()["conference"]["kind"]
    )
    assert page.locator(".question").inner_text() == kind["question"]  # the round's words, in Polish
    assert kind["high_label"] in page.locator(".rung").first.inner_text()
    assert page.get_by_role("button", name=_("Send my score")).is_visible()
    assert page.get_by_role("button", name=_("Read this screen aloud")).is_visible()
    assert _("Where are we, 0 to 10?") != "Where are we, 0 to 10?"
    screens.shot(page, "poor-line-phone-pl-scoring")
