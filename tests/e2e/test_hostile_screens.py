"""The hostile corpus on all three screens in a real browser: shown as text, never run."""

from __future__ import annotations

import os

from ..hostile import HOSTILE, refused
from ..support import BoardClient


def test_hostile_text_is_shown_as_text_on_every_screen(server, browser, screenshots):
    made = server.create(title="<script>window.__pwned=9</script> title")
    chair = BoardClient(server.url, made["facilitator_token"])
    joined = server.join(made["join_code"], "<img src=x onerror=window.__pwned=10>", "parent_carer")
    chair.ok("member.admit", {"member_id": joined["participant_id"]})
    accepted = [t for t in HOSTILE if not refused(t, 500)]
    for n, text in enumerate(accepted):
        chair.ok("item.add", {"column": ("worries", "working_well", "next_steps")[n % 3], "text": text})
    chair.ok(
        "statement.add",
        {"kind": "danger", "who": "<b>School</b>", "behaviour": HOSTILE[0], "impact": HOSTILE[1]},
    )
    chair.close()
    pages = []
    for url, viewport in (
        (made["facilitator_url"], {"width": 1440, "height": 1000}),
        (made["display_url"], {"width": 1920, "height": 1080}),
    ):
        context = browser.new_context(viewport=viewport)
        pages.append(context.new_page())
        pages[-1].goto(url)
    phone_ctx = browser.new_context(viewport={"width": 390, "height": 844})
    phone = phone_ctx.new_page()
    phone.goto(server.url + "/")
    phone.evaluate(
        f"localStorage.setItem('cb:token:{made['conference_id']}', '{joined['participant_token']}')"
    )
    phone.goto(f"{server.url}/c/{made['conference_id']}/participate")
    pages.append(phone)
    for page, name in zip(pages, ("console", "projector", "phone"), strict=True):
        page.locator(".item-text").first.wait_for()
        shown = page.locator(".item-text").all_inner_texts()
        assert any("<script>window.__pwned=1</script>" in t for t in shown), name
        assert page.evaluate("() => window.__pwned") is None, name
        injected = page.evaluate(
            "() => document.querySelectorAll('main script, main img:not(.qr), main svg[onload], main iframe, main style, #screen script, #board script').length"
        )
        assert injected == 0, name
        page.screenshot(path=os.path.join(screenshots, f"hostile-{name}.png"))
    for page in pages:
        page.context.close()
