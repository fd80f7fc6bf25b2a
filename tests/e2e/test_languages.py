"""A parent's phone in Welsh and in Arabic (right to left): join → board → scoring → closed
session → what we agreed, every word of the app's in that language, hers untouched."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from conference import i18n

from ..support import Room
from .test_conference import PHONE, serious

THEIRS = "Mae Dad yn <b>garedig</b> — أبي لطيف"  # what she types: kept as typed, in any script


def wait_for_member(room: Room, name: str) -> dict:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for m in room.chair.snapshot()["members"]:
            if m["name"] == name:
                return m
        time.sleep(0.1)  # a poll for the join to land, not a wait for silence
    raise AssertionError(f"{name} never joined")


@pytest.mark.parametrize("tag", ["cy", "ar"])
def test_a_parent_follows_the_whole_meeting_in_her_own_language(server, clients, screens, tag):
    _ = i18n.translations(tag).gettext
    room = Room(server, clients, {"Sam": "social_worker"})
    code = room.conf["join_code"]
    phone = screens.open("mum", f"{server.url}/j/{code}?lang={tag}", **PHONE)
    assert phone.locator("html").get_attribute("lang") == tag
    assert phone.locator("html").get_attribute("dir") == i18n.direction(tag)
    assert phone.get_by_role("heading", name=_("Join the meeting")).is_visible()
    phone.locator("#name").fill("Mam")
    phone.locator("#role").select_option("parent_carer")
    phone.locator("button[type=submit]").click()
    phone.wait_for_url(re.compile(rf"/participate\?lang={tag}$"))
    phone.get_by_text(_("The chair will let you in shortly.")).first.wait_for()
    mum = wait_for_member(room, "Mam")
    assert mum["language"] == tag  # kept in her member record
    room.chair.ok("member.admit", {"member_id": mum["member_id"]})

    # the board: the columns in her language; what she types stays as she typed it
    worries = i18n.vocabulary(tag)["columns"][0]["heading"]
    phone.get_by_role("heading", name=worries).wait_for()
    phone.locator("#new-text").fill(THEIRS)
    phone.locator("form.add button[type=submit]").click()
    saved = phone.locator("li.item:not(.unsent) .item-text", has_text="garedig")
    saved.wait_for()
    assert saved.inner_text() == THEIRS
    if tag == "ar":  # mirrored: the first tab is on the right
        boxes = [phone.get_by_role("tab").nth(n).bounding_box() for n in (0, 1)]
        assert boxes[0]["x"] > boxes[1]["x"]
    # the child's own words, with who passed them on: the words around the name are hers
    room.chair.ok("item.add", {"column": "worries", "text": "Shouting", "voice": "child", "source": "Sam"})
    source = phone.locator("li.item .item-meta", has_text="Sam").first
    source.wait_for()  # the name isolated from the Arabic around it (i18n.js fill): not compared
    shown = re.sub("[\u2066-\u2069]", "", source.inner_text())
    assert shown == _("From: {source}").replace("{source}", "Sam")
    screens.shot(phone, f"phone-{tag}-board")
    assert serious(phone) == []

    # scoring
    rid = room.chair.ok("round.open", {})["result"]["id"]
    phone.get_by_role("heading", name=_("Where are we, 0 to 10?")).wait_for()
    kind = next(
        k for k in i18n.vocabulary(tag)["kinds"] if k["key"] == room.chair.snapshot()["conference"]["kind"]
    )
    assert phone.locator(".question").inner_text() == kind["question"]  # the kind's scale, translated
    assert kind["high_label"] in phone.locator(".rung").first.inner_text()
    phone.get_by_role("radio", name="6", exact=True).click()
    phone.get_by_role("button", name=_("Send my score")).click()
    phone.get_by_text(_("Your score: {score} — sent").replace("{score}", "6")).wait_for()
    screens.shot(phone, f"phone-{tag}-scoring")
    assert serious(phone) == []
    room.clients["Sam"].ok("round.score", {"round_id": rid, "score": 4})

    # a closed session, then back
    room.chair.ok("session.close")
    phone.get_by_role("heading", name=_("Please wait a moment")).wait_for()
    screens.shot(phone, f"phone-{tag}-closed-session")
    room.chair.ok("session.open")

    # what we agreed: the revealed scores in her words
    room.chair.ok("round.reveal", {"round_id": rid})
    # the phone follows the reveal to the result, in her language, then back to the board
    phone.get_by_role("heading", name=_("Where we are, 0 to 10")).wait_for()
    screens.shot(phone, f"phone-{tag}-result")
    assert serious(phone) == []
    # the "middle" label stands beside its dashed line, never across it (in Arabic too)
    line = phone.locator("svg line[stroke-dasharray]").first.bounding_box()
    label = phone.locator("svg line[stroke-dasharray] + text").first.bounding_box()
    assert line and label
    assert label["x"] >= line["x"] + line["width"] or label["x"] + label["width"] <= line["x"], (line, label)
    phone.get_by_role("button", name=_("Back to the board")).click()
    phone.get_by_role("tab", name=_("What we agreed")).click()
    middle = (
        _("The middle score was {score}: {where}.").replace("{score}", "5").replace("{where}", _("halfway"))
    )
    phone.get_by_text(middle).wait_for()
    screens.shot(phone, f"phone-{tag}-agreed")
    assert serious(phone) == []

    # the chair's words, typed in English, read in their own direction on her phone: on an
    # Arabic phone the full stop stays at the end of the English sentence
    room.chair.ok("decision.record", {"outcome": "cp_plan", "text": "He stopped drinking at home."})
    said = phone.get_by_text("He stopped drinking at home.").first
    said.wait_for()
    assert said.evaluate("e => getComputedStyle(e).direction") == "ltr"

    # a reload without ?lang, on a device that kept no cookie, follows her member record
    phone.context.clear_cookies()
    phone.goto(f"{server.url}/c/{room.id}/participate")
    phone.wait_for_url(re.compile(rf"/participate\?lang={tag}$"))
    assert phone.locator("html").get_attribute("lang") == tag
    english = phone.locator("body").inner_text()
    assert "What we agreed" not in english and "Where are we" not in english


def test_the_projector_in_welsh_and_the_family_copy_in_the_familys_language(
    server, clients, screens, tmp_path
):
    """The projector has its own language (?lang=); the chair's Export panel offers the family
    copy in the language the family chose on their phones, and the file is in it."""
    _ = i18n.translations("cy").gettext
    room = Room(server, clients, {"Mam": "parent_carer", "Sam": "social_worker"})
    room.clients["Mam"].ok("member.language", {"language": "ar"})
    room.clients["Mam"].ok("item.add", {"column": "worries", "text": THEIRS})
    room.chair.ok("item.add", {"column": "worries", "text": "Dad shouts at night"})

    url, fragment = room.conf["display_url"].split("#", 1)
    projector = screens.open(
        "projector", f"{url}?lang=cy#{fragment}", viewport={"width": 1920, "height": 1080}
    )
    worries = i18n.vocabulary("cy")["columns"][0]["heading"]
    projector.get_by_role("heading", name=worries).wait_for()
    assert projector.locator("html").get_attribute("lang") == "cy"
    assert projector.get_by_role("complementary", name=_("How to join")).is_visible()
    assert projector.get_by_text(THEIRS).is_visible()  # her words as she typed them
    screens.shot(projector, "projector-cy")
    assert serious(projector) == []

    chair = screens.open("chair", room.conf["facilitator_url"], viewport={"width": 1440, "height": 1000})
    select = chair.locator("#export-language")
    select.wait_for()
    expect(select).to_have_value("ar")  # the family's choice (the page's CSP allows no eval)
    with chair.expect_download() as download:
        # nothing here for the plain-language check to flag, so it downloads straight away
        chair.get_by_role("button", name="Family copy as PDF").click()
    assert download.value.suggested_filename.endswith("-family-ar.pdf")
    path = tmp_path / "family-ar.pdf"
    download.value.save_as(path)
    text = " ".join(p.extract_text() for p in PdfReader(path).pages)
    ar = i18n.translations("ar").gettext
    for word in ar("Who was there").split():
        assert word in text
    assert "Who was there" not in text and "Dad shouts at night" in text


@pytest.mark.parametrize("tag", ["cy", "pl", "ar"])
def test_the_chairs_console_in_welsh_polish_and_arabic(server, clients, screens, tag):
    """The console has its own language: its panels, buttons and messages come from the
    catalogue; the Arabic console reads right to left; people's words stay as typed."""
    _ = i18n.translations(tag).gettext
    room = Room(server, clients, {"Mam": "parent_carer"})
    room.clients["Mam"].ok("item.add", {"column": "worries", "text": THEIRS})
    url, fragment = room.conf["facilitator_url"].split("#", 1)
    chair = screens.open("chair", f"{url}?lang={tag}#{fragment}", viewport={"width": 1440, "height": 1000})
    chair.get_by_role("heading", name=_("Invite people")).wait_for()
    assert chair.locator("html").get_attribute("dir") == i18n.direction(tag)
    chair.get_by_role("button", name=_("Start closed session")).wait_for()
    assert chair.get_by_text(THEIRS).first.is_visible()
    english = chair.locator("body").inner_text()
    for phrase in ("Invite people", "Who is here", "End the conference", "Start scoring", "Settings"):
        assert phrase not in english, phrase
    if tag == "ar":  # mirrored: the side panel is on the right of the board
        side, main = chair.locator("aside.side").bounding_box(), chair.locator("main.main").bounding_box()
        assert side["x"] > main["x"]
    screens.shot(chair, f"console-{tag}")
    assert serious(chair) == []


def test_an_interpreter_reads_the_board_in_the_familys_language_on_their_own_phone(server, clients, screens):
    """The interpreter joins on their own phone in the family's language:
    the board's words are Arabic for them while the chair and the room stay in English,
    and what each person typed reads as they typed it."""
    ar = i18n.translations("ar").gettext
    room = Room(server, clients, {"Mam": "parent_carer"})
    room.clients["Mam"].ok("member.language", {"language": "ar"})
    room.clients["Mam"].ok("item.add", {"column": "worries", "text": "أبي يصرخ في الليل"})
    room.chair.ok("item.add", {"column": "worries", "text": "Dad shouts at night"})
    phone = screens.open("interpreter", f"{server.url}/j/{room.conf['join_code']}?lang=ar", **PHONE)
    phone.locator("#name").fill("Yusuf")
    phone.locator("#role").select_option("interpreter")
    phone.locator("button[type=submit]").click()
    phone.wait_for_url(re.compile(r"/participate\?lang=ar$"))
    yusuf = wait_for_member(room, "Yusuf")
    assert yusuf["role"] == "interpreter" and yusuf["language"] == "ar"
    if yusuf["status"] == "waiting":
        room.chair.ok("member.admit", {"member_id": yusuf["member_id"]})
    worries = i18n.vocabulary("ar")["columns"][0]["heading"]
    phone.get_by_role("heading", name=worries).wait_for()
    assert phone.locator("html").get_attribute("dir") == "rtl"
    for typed in ("أبي يصرخ في الليل", "Dad shouts at night"):
        assert phone.locator(".item-text", has_text=typed).first.inner_text() == typed
    assert phone.get_by_role("tab", name=ar("What we agreed")).is_visible()
    screens.shot(phone, "phone-ar-interpreter")
    assert serious(phone) == []
    # the chair's console is untouched by the interpreter's choice
    assert room.chair.snapshot()["members"][0]["language"] in (None, "en-GB")


def test_the_chairs_family_wording_goes_to_the_family_phones_in_its_language(server, clients, screens):
    """The chair writes the family's question in Polish and says so: Mam's Polish phone
    asks it; Nain's Welsh phone asks the kind's usual question, in Welsh."""
    room = Room(server, clients, {"Mam": "parent_carer", "Nain": "family_network"})
    room.clients["Mam"].ok("member.language", {"language": "pl"})
    room.clients["Nain"].ok("member.language", {"language": "cy"})
    chair = screens.open("chair", room.conf["facilitator_url"], viewport={"width": 1440, "height": 1000})
    chair.locator("details.family-wording summary").click()
    chair.locator("#round-family-question").fill("Jak jest teraz w domu?")
    chair.locator("#round-family-language").select_option("pl")
    chair.get_by_role("button", name="Start scoring").click()
    chair.get_by_text("Family phones in Polski ask: Jak jest teraz w domu?", exact=False).wait_for()
    opened = room.chair.snapshot()["rounds"][-1]
    assert opened["family"]["language"] == "pl" and opened["family"]["question"] == "Jak jest teraz w domu?"

    mam = screens.open("mam", f"{server.url}/c/{room.id}/participate?lang=pl#t={room.tokens['Mam']}", **PHONE)
    mam.locator(".question").wait_for()
    assert mam.locator(".question").inner_text() == "Jak jest teraz w domu?"
    nain = screens.open(
        "nain", f"{server.url}/c/{room.id}/participate?lang=cy#t={room.tokens['Nain']}", **PHONE
    )
    nain.locator(".question").wait_for()
    welsh = next(
        k for k in i18n.vocabulary("cy")["kinds"] if k["key"] == room.chair.snapshot()["conference"]["kind"]
    )
    assert nain.locator(".question").inner_text() == welsh["question"]
    screens.shot(mam, "phone-pl-family-wording")
