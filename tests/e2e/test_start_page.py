"""The start page and the join page in a real browser: they work, and load nothing from elsewhere."""

from __future__ import annotations

import os
import re
from urllib.parse import urlparse


def test_someone_can_type_a_code_and_join_from_a_phone(server, browser, screenshots):
    made = server.create(title="Review conference")
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url + "/")
    assert page.get_by_role("heading", name="Conference Board").is_visible()
    page.screenshot(path=os.path.join(screenshots, "start-360.png"), full_page=True)
    # typed the way people do: lower case, with a space
    code = made["join_code"]
    page.get_by_label("Type the join code").fill(f"{code[:4].lower()} {code[4:]}")
    page.get_by_role("button", name="Join the meeting").click()
    page.wait_for_url(f"**/j/{code}")
    assert page.get_by_label("Meeting code").input_value() == code
    page.get_by_label("Your name").fill("Łucja Wójcik <b>")
    # the role has no default: nobody lands on the wrong side of the room by not choosing
    page.get_by_role("button", name="Join").click()
    assert page.locator("#role:invalid").count() == 1 and page.locator("#join-status").inner_text() == ""
    page.get_by_label("How are you here?").select_option("parent_carer")
    page.get_by_role("button", name="Join").click()
    page.wait_for_url(re.compile(r"/participate\?lang=en-GB$"))
    page.get_by_text("The chair will let you in shortly").wait_for()
    page.screenshot(path=os.path.join(screenshots, "joined-waiting-360.png"), full_page=True)
    # no horizontal scrolling on a 360 px phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert errors == []
    hosts = {urlparse(u).netloc for u in requested}
    assert hosts == {urlparse(server.url).netloc}, hosts
    context.close()


def test_an_unknown_code_gets_a_plain_answer(server, browser):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url + "/j/ZZZZZZZZ")
    # said at once, before anyone is asked their name, and how to put it right
    status = page.locator("#join-code-status")
    status.filter(has_text="couldn't find a conference").wait_for()
    assert "Check the 8 characters" in status.inner_text()
    assert "not_found" not in status.inner_text() and errors == []
    assert not page.get_by_label("Your name").is_visible()
    assert page.get_by_label("Meeting code").is_editable()
    assert page.url.endswith("/j/ZZZZZZZZ")  # still on the join page, nothing joined
    page.close()


def test_signing_in_before_the_pages_script_runs_lands_on_my_conferences(server, browser):
    """Scripts off (or the form sent before the page's script loaded): the browser posts the
    form itself, the address bar ends at /mine, and no address ever held the password."""
    from tests.support import FACILITATOR

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    addresses: list[str] = []
    page.on("request", lambda r: addresses.append(r.url))
    try:
        page.goto(server.url + "/login")
        page.get_by_label("Username").fill(FACILITATOR[0])
        page.get_by_label("Password").fill(FACILITATOR[1])
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/mine")
        assert page.get_by_role("heading", name="My conferences").is_visible()
        assert not [a for a in addresses if FACILITATOR[1] in a or "password=" in a]
    finally:
        context.close()
