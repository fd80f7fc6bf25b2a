"""What a newcomer met running a whole conference as a new chair would (the console and the
projector as two tabs, a parent's phone in Polish or Arabic, a nurse invited before the
meeting): each small defect, tried the way it was met."""

from __future__ import annotations

import re

import pytest
import requests

from conference import i18n

from ..support import Room
from .test_real_run import console_of, phone_of, projector_of

pytestmark = pytest.mark.slow


# --- 2. the projector is said once in "Who is here" ------------------------------------


@pytest.mark.parametrize(("lang", "projector"), [("", "Projector"), ("cy", "Taflunydd")])
def test_who_is_here_names_the_projector_once(server, clients, screens, lang, projector):
    room = Room(server, clients, {"Anna Nowak": "parent_carer"})
    chair = console_of(screens, server, room, lang=lang)
    projector_of(screens, server, room)
    rows = chair.locator("#people li.person")
    rows.filter(has_text=projector).locator(".dot.on").wait_for()
    said = rows.filter(has_text=projector).inner_text()
    assert said.split() == projector.split(), said  # once, not "Projector Projector"
    # so is a chair who gave no name (the board calls them "Chair")
    chair_word = i18n.translations(lang or "en-GB").gettext("Chair")
    said = rows.filter(has_text=chair_word).inner_text()
    assert said.split() == [chair_word], said
    # in Welsh, not the English names the board gave them
    assert lang == "" or not {"Projector", "Chair"} & set(chair.locator("#people").inner_text().split())
    assert rows.filter(has_text="Anna Nowak").inner_text().split()[-2:] != ["Anna", "Nowak"]  # she has a role
    screens.shot(chair, f"newcomer-2-who-is-here{'-' + lang if lang else ''}")


def test_who_is_here_gives_a_named_chair_name_and_role(server, clients, screens):
    room = Room(server, clients, {"Anna Nowak": "parent_carer"}, chair_name="Ioana Șerban")
    chair = console_of(screens, server, room, lang="cy")
    row = chair.locator("#people li.person", has_text="Ioana Șerban")
    row.wait_for()
    assert row.locator(".person-role").inner_text() == "Cadeirydd"


def test_a_phone_says_a_chair_who_gave_no_name_once(server, clients, screens):
    _ = i18n.translations("pl").gettext
    room = Room(server, clients, {"Anna Nowak": "parent_carer"})
    room.chair.ok("item.add", {"column": "worries", "text": "Jo missed school on Monday"})
    mum = phone_of(screens, server, room, "Anna Nowak", lang="pl")
    card = mum.locator("li.item", has_text="Jo missed school")
    assert card.locator(".item-author").inner_text() == _("Chair")  # not "Chair (prowadzący)"
    mum.locator("details.who-here summary").click()
    lines = mum.locator("details.who-here li").all_inner_texts()
    assert _("Chair") in lines and not [line for line in lines if "Chair" in line], lines
    screens.shot(mum, "newcomer-2-phone-chair-once-pl")


# --- 3. "Answer" is offered on what others wrote, not on one's own --------------------


def test_a_parent_is_not_offered_answer_on_what_she_wrote(server, clients, screens):
    _ = i18n.translations("pl").gettext
    room = Room(server, clients, {"Anna Nowak": "parent_carer", "Sam Social": "social_worker"})
    room.clients["Anna Nowak"].ok(
        "item.add", {"column": "working_well", "text": "Chodzę na terapię co tydzień"}
    )
    room.clients["Sam Social"].ok("item.add", {"column": "working_well", "text": "Gran walks Jo to school"})
    mum = phone_of(screens, server, room, "Anna Nowak", lang="pl")
    mum.get_by_role("tab", name=re.compile(re.escape(_("What's working well?")))).click()
    theirs = mum.locator("li.item", has_text="Gran walks Jo to school")
    mine = mum.locator("li.item", has_text="Chodzę na terapię")
    theirs.get_by_role("button", name=_("Answer")).wait_for()  # the board is drawn
    mine.get_by_role("button", name=_("Change")).wait_for()
    assert mine.get_by_role("button", name=_("Answer")).count() == 0
    screens.shot(mum, "newcomer-3-phone-no-answer-on-own-item-pl")
    # once the social worker answers her item, she may answer him back
    item = next(i for i in room.chair.snapshot()["items"] if i["text"].startswith("Chodzę"))
    room.clients["Sam Social"].ok("item.respond", {"id": item["id"], "text": "Since when?"})
    mine.get_by_role("button", name=_("Answer")).wait_for()
    screens.shot(mum, "newcomer-3-phone-answer-back-pl")


# --- 4. after the end the console no longer invites people to join -------------------


@pytest.mark.parametrize("lang", ["", "ar"])
def test_after_the_end_the_console_shows_no_join_code(server, clients, screens, lang):
    _ = i18n.translations(lang or "en-GB").gettext
    room = Room(server, clients, {"Anna Nowak": "parent_carer"})
    chair = console_of(screens, server, room, lang=lang)
    share = chair.locator("#share")
    share.locator("img.qr").wait_for()
    assert room.conf["join_code"] in share.inner_text().replace(" ", "")
    room.chair.ok("conference.close")
    share.get_by_role("heading", name=_("How to join")).wait_for()
    assert share.get_by_text(_("This conference has finished, so it can't be joined.")).is_visible()
    assert share.locator(".join-code, img.qr, a").count() == 0
    assert room.conf["join_code"] not in share.inner_text().replace(" ", "")
    # as the server says: the code joins nobody now
    r = requests.post(
        f"{server.url}/api/join",
        json={"join_code": room.conf["join_code"], "name": "Late", "role": "family_network"},
        timeout=5,
    )
    assert r.status_code != 201 and r.json()["error"]["code"] == "closed", r.text
    screens.shot(chair, f"newcomer-4-console-ended{'-' + lang if lang else ''}")


# --- 5. the invited nurse finishes her report below what she wrote --------------------


@pytest.mark.parametrize("lang", ["pl", "ar"])
def test_the_nurse_sends_her_report_from_below_what_she_wrote(server, clients, screens, lang):
    _ = i18n.translations(lang).gettext
    room = Room(server, clients, {"Mum": "parent_carer"}, kind="initial_cp", meeting_at="2030-01-15T10:00")
    room.invite(clients, "Siostra Anna", "health", agency="Szkoła Podstawowa nr 3")
    nurse = phone_of(screens, server, room, "Siostra Anna", lang=lang)
    # what her report is, at the top, before the board's tabs
    intro = nurse.get_by_role("heading", name=_("Your report"), exact=True)
    intro.wait_for()
    nurse.locator("#new-text").fill("Jaś opuścił dwa szczepienia")
    nurse.locator("form.add button[type=submit]").click()
    item = nurse.locator("li.item:not(.unsent)", has_text="szczepienia")
    item.wait_for()
    send = nurse.get_by_role("button", name=_("Send my report"))

    def top(locator) -> float:
        locator.wait_for()  # visible: a part re-drawn as the board's next event arrives has no box
        return locator.bounding_box()["y"]

    tabs = nurse.get_by_role("tablist")
    assert top(intro) < top(tabs) < top(item)
    # "Send my report" (and her view on the decision) after her item and the add form
    assert top(send) > top(item) + item.bounding_box()["height"], (top(send), top(item))
    finish = nurse.get_by_role("form", name=_("Finish your report"))  # set apart from "Add"
    assert top(finish) > top(nurse.locator("form.add button[type=submit]"))
    assert finish.get_by_role("button", name=_("Send my report")).count() == 1
    screens.shot(nurse, f"newcomer-5-nurse-report-{lang}")
    nurse.locator("#report-view").fill("Plan ochrony pomoże rodzinie.")
    send.click()
    nurse.get_by_text(_("Your report was sent. Thank you.")).wait_for()
    assert send.count() == 0 and nurse.locator("#report-view").count() == 0
    me = next(m for m in room.chair.snapshot()["members"] if m["member_id"] == room.ids["Siostra Anna"])
    assert me["report_submitted_at"] and me["report_view"] == "Plan ochrony pomoże rodzinie."


# --- 6. the nurse who only sent her report is not counted as there ------------------


def test_a_nurse_who_only_sent_her_report_is_not_counted_as_there(server, clients, screens):
    _ = i18n.translations("pl").gettext
    room = Room(
        server, clients, {"Anna Nowak": "parent_carer", "Sam Social": "social_worker"}, kind="initial_cp"
    )
    nurse = room.invite(clients, "Siostra Anna", "health", agency="Szkoła Podstawowa nr 3")
    nurse.ok("report.submit", {"view": "Plan ochrony pomoże rodzinie."})
    chair = console_of(screens, server, room)
    projector = projector_of(screens, server, room)
    mum = phone_of(screens, server, room, "Anna Nowak", lang="pl")
    # the family's phone says she sent a report but is not here, not that she is here
    mum.locator("details.who-here summary").click()
    who = mum.locator("details.who-here")
    who.get_by_text(_("Sent a report but not here: {names}").split("{")[0].strip(), exact=False).wait_for()
    assert "Siostra Anna" not in " ".join(who.locator("li").all_inner_texts())
    her_phone = phone_of(screens, server, room, "Siostra Anna")
    room.chair.ok("round.open", {})
    # her phone, open at her desk, is not asked to score: she is not in the meeting
    her_phone.get_by_text("You are not in the meeting yet", exact=False).wait_for()
    assert her_phone.locator(".rung").count() == 0
    # the chair, Anna and Sam are in the room: 3 expected to score, not 4
    chair.get_by_text("0 of 3 have scored").wait_for()
    projector.get_by_text("0 of 3 have scored").wait_for()
    # only one agency (the social worker) of the 3 an initial conference needs
    chair.locator("#quorum-warning").get_by_text("Only 1 of the 3 agencies").wait_for()
    row = chair.locator("#people li.person", has_text="Siostra Anna")
    assert "sent a report, not in the meeting" in row.inner_text()
    # listed apart from those here, under its own heading (a newcomer's run: her green dot
    # among those here read as if she were in the room)
    away = chair.locator("#people h3 + ul.people")
    assert chair.locator("#people h3").inner_text() == "Not in the meeting"
    assert away.locator("li.person").all_inner_texts() == [row.inner_text()]
    assert "Siostra Anna" not in " ".join(chair.locator("#people > ul.people").first.all_inner_texts())
    screens.shot(chair, "newcomer-6-console-nurse-sent-a-report")
    # she comes after all: the chair lets her in to the meeting, and she is there as usual
    row.get_by_role("button", name="Let Siostra Anna in").click()
    chair.get_by_text("0 of 4 have scored").wait_for()
    projector.get_by_text("0 of 4 have scored").wait_for()
    chair.locator("#quorum-warning").get_by_text("Only 2 of the 3 agencies").wait_for()
    assert row.get_by_role("button", name="Let Siostra Anna in").count() == 0
    assert "sent a report" not in row.inner_text()
    assert chair.locator("#people h3").count() == 0  # nobody is away now
    her_phone.get_by_role("button", name="Send my score").wait_for()
