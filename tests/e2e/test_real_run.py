"""What a real conference showed: each defect a new chair, a Polish-speaking mother,
a social worker and a school nurse met in real browsers, tried the way they met it."""

from __future__ import annotations

import io
import re
import time

import pytest
import requests

from ..support import Room
from .test_conference import PHONE, SMALLEST_TEXT, serious, sign_in, wait_for_text

pytestmark = pytest.mark.slow

PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}
CONSOLE = {"viewport": {"width": 1440, "height": 1000}}


def console_of(screens, server, room: Room, name: str = "chair", lang: str = ""):
    query = f"?lang={lang}" if lang else ""
    page = screens.open(
        name, f"{server.url}/c/{room.id}/facilitate{query}#t={room.conf['facilitator_token']}", **CONSOLE
    )
    page.locator(".join-code").first.wait_for()
    return page


def projector_of(screens, server, room: Room, query: str = ""):
    page = screens.open(
        "projector", f"{server.url}/c/{room.id}/display{query}#t={room.conf['display_token']}", **PROJECTOR
    )
    page.locator("#title").wait_for()
    return page


def phone_of(screens, server, room: Room, name: str, lang: str = "en-GB"):
    """A phone opened with the member's own token, in its language."""
    page = screens.open(name, f"{server.url}/", **PHONE)
    # under the phone's own key (and the older shared one, so this helper opens a phone on
    # the code before step 13 too, where each test must fail at its own defect)
    for key in (f"cb:token:participate:{room.id}", f"cb:token:{room.id}"):
        page.evaluate(f"localStorage.setItem('{key}', '{room.tokens[name]}')")
    page.goto(f"{server.url}/c/{room.id}/participate?lang={lang}")
    page.locator(".tabs, .scoring, .waiting, .result").first.wait_for()
    return page


# --- 1. the projector opened from the console signs nobody out ------------------------


def test_the_projector_in_a_tab_of_the_chairs_browser_leaves_the_console_the_chairs(server, screens):
    chair = sign_in(screens, server)
    chair.get_by_label("Name of the meeting").fill("Initial conference for the Nowak children")
    chair.get_by_role("button", name="Start the board").click()
    chair.wait_for_url("**/facilitate")
    href = chair.get_by_role("link", name="Open the projector view").get_attribute("href")
    projector = chair.context.new_page()  # a new tab of the same browser, as chairs work
    projector.goto(href)
    projector.locator(".join-code").first.wait_for()
    chair.reload()
    chair.get_by_label("Who is worried?").fill("The school")
    chair.get_by_label("What are they worried about?").fill("Mark shouts when he drinks")
    chair.get_by_role("button", name="Add danger statement").click()
    projector.locator(
        ".danger-text", has_text="Mark shouts when he drinks"
    ).first.wait_for()  # the draft box may show it a moment too
    assert "cannot change it" not in chair.locator("#notice").inner_text()
    assert chair.evaluate("() => window.boardClient.you.kind") == "facilitator"
    # and the projector, reloaded, is still the projector
    projector.reload()
    projector.locator(".danger-text", has_text="Mark shouts").wait_for()
    assert projector.evaluate("() => window.boardClient.you.kind") == "display"
    screens.shot(chair, "real-run-1-console-after-projector-tab")


# --- 2 and 8. statements read right in every language; the builder says nothing twice ----


def test_the_builder_says_its_own_words_once_live_on_the_projector(server, clients, screens):
    room = Room(server, clients, {"Anna Nowak": "parent_carer"})
    chair = console_of(screens, server, room)
    projector = projector_of(screens, server, room)
    # the chair types the usual full phrase into the builder, as chairs do
    chair.get_by_label("Who is worried?").fill(
        "Children's social care, the school and the police are worried that"
    )
    chair.get_by_label("What are they worried about?").fill("that when Mark drinks he shouts at the children")
    chair.get_by_label("What could happen to the child").fill("if nothing changes, Jo could be hurt")
    draft = projector.locator(".draft .danger-text")
    projector.locator(".draft .danger-text", has_text="could be hurt").wait_for()
    said = draft.inner_text()
    assert (
        "are worried are worried" not in said
        and "that that" not in said
        and "changes, if nothing" not in said
    )
    assert said.startswith(
        "Children's social care, the school and the police are worried that when Mark drinks"
    )
    screens.shot(projector, "real-run-8-projector-draft")
    chair.get_by_role("button", name="Add danger statement").click()
    projector.locator(".danger-text:not(.draft .danger-text)", has_text="could be hurt").first.wait_for()
    assert room.chair.snapshot()["statements"][0]["language"] == "en-GB"  # the console's language


def test_a_polish_mother_reads_whole_sentences_never_half_polish(server, clients, screens):
    room = Room(server, clients, {"Anna Nowak": "parent_carer", "Sam Social": "social_worker"})
    room.chair.ok(
        "statement.add",
        {
            "kind": "danger",
            "who": "Children's social care, the school and the police",
            "behaviour": "when Mark drinks he shouts at the children",
            "impact": "Jo could be hurt",
        },
    )
    statement = room.chair.snapshot()["statements"][0]
    room.chair.ok("round.open", {"statement_id": statement["id"]})
    mum = phone_of(screens, server, room, "Anna Nowak", "pl")
    about = mum.locator(".scoring .about")
    about.wait_for()
    text = about.inner_text()
    assert "Kto się martwi: Children's social care, the school and the police" in text
    assert "martwią się, że" not in text and "martwi się, że" not in text
    screens.shot(mum, "real-run-2-phone-pl-scoring")
    assert serious(mum) == []
    rid = next(r["id"] for r in room.chair.snapshot()["rounds"] if r["status"] == "open")
    room.chair.ok("round.close", {"round_id": rid})
    mum.get_by_role("tab", name=re.compile("Co uzgodniliśmy")).click()
    agreed = mum.locator(".agreed .danger-text").inner_text()
    assert agreed.startswith("Kto się martwi:") and "martwią się, że" not in agreed
    screens.shot(mum, "real-run-2-phone-pl-agreed")
    # the Polish family copy's first page says the same
    from pypdf import PdfReader

    r = requests.get(
        f"{server.url}/api/conferences/{room.id}/minutes.pdf?copy=family&lang=pl",
        headers={"Authorization": f"Bearer {room.conf['facilitator_token']}"},
        timeout=30,
    )
    first = PdfReader(io.BytesIO(r.content)).pages[0].extract_text()
    assert "Kto się martwi" in first and "martwią się, że" not in first


# --- 3. a download changes nothing about the person who downloads ------------------------


def test_a_polish_family_copy_leaves_the_chairs_console_in_english(server, clients, screens):
    room = Room(server, clients, {"Anna Nowak": "parent_carer"})
    chair = console_of(screens, server, room)
    status = chair.evaluate(
        f"""async () => (await fetch('/api/conferences/{room.id}/minutes.pdf?copy=family&lang=pl',
        {{headers: {{Authorization: 'Bearer {room.conf["facilitator_token"]}'}}}})).status"""
    )
    assert status == 200
    assert not [c for c in chair.context.cookies() if c["name"] == "cb_lang"]
    chair.reload()
    chair.get_by_role("heading", name="Waiting to join").wait_for()
    assert chair.evaluate("document.documentElement.lang") == "en-GB"


# --- 4. what was said without the family says so when they are back ----------------------


def test_items_from_the_closed_session_are_marked_on_the_console_and_professionals_phones(
    server, clients, screens
):
    room = Room(server, clients, {"Anna Nowak": "parent_carer", "Sam Social": "social_worker"})
    room.chair.ok("session.close", {})
    room.clients["Sam Social"].ok(
        "item.add", {"column": "worries", "text": "Police know of an assault last year"}
    )
    room.chair.ok("session.open", {})
    room.chair.ok("item.add", {"column": "worries", "text": "Said with everyone back"})
    chair = console_of(screens, server, room)
    worker = phone_of(screens, server, room, "Sam Social")
    for page in (chair, worker):
        card = page.locator(".item", has_text="Police know of an assault")
        card.wait_for()
        assert "Said in the closed session" in card.inner_text()
        assert (
            "Said in the closed session"
            not in page.locator(".item", has_text="Said with everyone back").inner_text()
        )
    screens.shot(worker, "real-run-4-phone-worker-private-mark")
    mum = phone_of(screens, server, room, "Anna Nowak")
    mum.locator(".item", has_text="Said with everyone back").wait_for()
    assert "Police know" not in mum.locator("body").inner_text()


# --- 5. a review: finished actions are not "to do"; statuses and trends show ----------------


def _review_with_one_action_done(server, clients) -> Room:
    first = Room(server, clients, {"Anna Nowak": "parent_carer"})
    for text in ("Anna goes to the parenting course", "Mark sees the drug service weekly"):
        first.chair.ok(
            "item.add", {"column": "next_steps", "category": "actions", "text": text, "owner": "Anna"}
        )
    rid = first.chair.ok("round.open", {})["result"]["id"]
    first.clients["Anna Nowak"].ok("round.score", {"round_id": rid, "score": 3})
    first.chair.ok("round.reveal", {"round_id": rid})
    first.chair.ok("conference.close", {})
    room = Room(
        server,
        clients,
        {"Anna Nowak": "parent_carer"},
        title="Review conference for the Nowak children",
        kind="review_cp",
        previous_conference_id=first.id,
    )
    done = next(i for i in room.chair.snapshot()["items"] if i["text"].startswith("Anna goes"))
    room.chair.ok("item.review", {"id": done["id"], "status": "done", "note": "Finished in March"})
    return room


def test_a_review_shows_what_was_done_and_keeps_it_off_the_to_do_list(server, clients, screens):
    room = _review_with_one_action_done(server, clients)
    projector = projector_of(screens, server, room)
    mum = phone_of(screens, server, room, "Anna Nowak")
    rid = room.chair.ok("round.open", {})["result"]["id"]
    room.clients["Anna Nowak"].ok("round.score", {"round_id": rid, "score": 6})
    room.chair.ok("round.reveal", {"round_id": rid})
    # the result screen shows how the middle score moved since the first conference
    projector.locator(".result .since svg.trend").wait_for()
    mum.locator(".result svg.trend").wait_for()
    screens.shot(projector, "real-run-5-projector-result-trend")
    room.chair.ok("decision.record", {"outcome": "continue_plan"})
    projector.locator(".decision .action-status", has_text="Since last time: Done").wait_for()
    mum.locator(".action-status", has_text="Since last time: Done").wait_for()
    screens.shot(projector, "real-run-5-projector-decision-statuses")
    md = requests.get(
        f"{server.url}/api/conferences/{room.id}/minutes.md?copy=family",
        headers={"Authorization": f"Bearer {room.conf['facilitator_token']}"},
        timeout=10,
    ).text
    summary = md.split("## ")[1]  # page 1, "In short"
    assert "Mark sees the drug service weekly" in summary
    assert "Anna goes to the parenting course" not in summary


# --- 6. the family's wording is on the record and, when the chair says, on the projector --


def test_the_family_wording_is_recorded_and_shown_on_the_projector_when_chosen(server, clients, screens):
    room = Room(server, clients, {"Anna Nowak": "parent_carer"})
    chair = console_of(screens, server, room)
    projector = projector_of(screens, server, room)
    room.chair.ok(
        "round.open",
        {"family_question": "How safe are the children at home now?", "family_low_label": "Not safe at all"},
    )
    projector.locator(".scaling-now .question").wait_for()
    assert "cannot stay at home" in projector.locator(".scaling-now").inner_text()
    chair.get_by_label("Scores on the projector in the family's words").check()
    projector.locator(".scaling-now .question", has_text="How safe are the children at home now?").wait_for()
    assert "Not safe at all" in projector.locator(".scaling-now .labels").inner_text()
    screens.shot(projector, "real-run-6-projector-family-wording")
    for fmt in ("md", "json", "html"):
        text = requests.get(
            f"{server.url}/api/conferences/{room.id}/minutes.{fmt}",
            headers={"Authorization": f"Bearer {room.conf['facilitator_token']}"},
            timeout=10,
        ).text
        assert "How safe are the children at home now?" in text, fmt


# --- 7. phones follow the reveal and the decision, each screen opening at its top ----------


def test_phones_follow_the_reveal_and_the_decision_and_open_at_the_top(server, clients, screens):
    room = Room(server, clients, {"Anna Nowak": "parent_carer"})
    for n in range(25):
        room.chair.ok("item.add", {"column": "worries", "text": f"A worry said in the room, number {n}"})
    mum = phone_of(screens, server, room, "Anna Nowak")
    mum.locator(".item").last.wait_for()
    mum.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert mum.evaluate("window.scrollY") > 300
    rid = room.chair.ok("round.open", {})["result"]["id"]
    mum.get_by_role("heading", name="Where are we, 0 to 10?").wait_for()
    assert mum.evaluate("window.scrollY") == 0
    assert mum.locator(".scoring .question").is_visible()
    screens.shot(mum, "real-run-7-phone-scoring-top")
    room.clients["Anna Nowak"].ok("round.score", {"round_id": rid, "score": 5})
    room.chair.ok("round.reveal", {"round_id": rid})
    mum.get_by_role("heading", name="Where we are, 0 to 10").wait_for()
    mum.get_by_text("The middle score was 5: halfway.").wait_for()
    screens.shot(mum, "real-run-7-phone-result")
    room.chair.ok(
        "decision.record",
        {
            "outcome": "cp_plan",
            "next_meeting": "2027-02-26",
            "next_meeting_time": "10:00",
            "next_meeting_place": "Ty Hywel, room 2",
        },
    )
    mum.get_by_role("heading", name="What was decided").wait_for()
    mum.get_by_text("Next meeting: Friday 26 February 2027 at 10:00, Ty Hywel, room 2").wait_for()
    screens.shot(mum, "real-run-7-phone-decision")
    assert serious(mum) == []
    mum.get_by_role("button", name="Back to the board").click()
    mum.locator(".tabs").wait_for()


# --- 9. a wrong code is said before anyone's name is asked ------------------------------------


def test_a_wrong_join_code_is_said_first_and_can_be_put_right(server, clients, screens):
    room = Room(server, clients, {})
    phone = screens.open("phone", f"{server.url}/j/ZZZZ2222", **PHONE)
    phone.get_by_text("We couldn't find a conference with that code").wait_for()
    assert not phone.get_by_label("Your name").is_visible()
    screens.shot(phone, "real-run-9-join-wrong-code")
    assert serious(phone) == []
    phone.get_by_label("Meeting code").fill(room.conf["join_code"].lower())
    phone.get_by_role("button", name="Check the code").click()
    phone.get_by_label("Your name").wait_for()
    phone.get_by_label("Your name").fill("Anna Nowak")
    phone.get_by_label("How are you here?").select_option("parent_carer")
    phone.get_by_role("button", name="Join").click()
    wait_for_text(phone, "The chair will let you in shortly")


# --- 10. someone waiting is never missed ------------------------------------------------------


def test_the_console_says_at_the_top_and_in_its_tab_when_someone_waits(server, clients, screens):
    room = Room(server, clients, {})
    chair = console_of(screens, server, room)
    for name in ("Anna Nowak", "Mark Nowak"):
        server.join(room.conf["join_code"], name, "parent_carer")
    alert = chair.locator("#lobby-alert")
    alert.get_by_text("2 people are waiting to join").wait_for()
    assert alert.bounding_box()["y"] < 300  # at the top, above the fold
    assert chair.title().startswith("(2) ")
    screens.shot(chair, "real-run-10-lobby-alert")
    assert serious(chair) == []
    alert.get_by_role("button", name="Let everyone in").click()
    alert.wait_for(state="hidden")
    assert not chair.title().startswith("(")
    assert all(
        m["status"] == "admitted" for m in room.chair.snapshot()["members"] if m["kind"] == "participant"
    )


# --- 11. the projector at any size: its own clock, the corner, three pages of 60 ----------------


PAGE = """() => { const m = document.getElementById('page-marker'); return m ? m.textContent : ''; }"""


def test_the_projector_turns_its_pages_while_the_board_changes(server, clients, screens):
    room = Room(server, clients, {"Anna Nowak": "parent_carer"})
    columns = ["worries", "working_well", "next_steps"]
    for n in range(60):
        room.chair.ok(
            "item.add",
            {"column": columns[n % 3], "text": f"Item {n:02d}: Mark shouts when he has been drinking"},
        )
    chair = console_of(screens, server, room)
    projector = projector_of(screens, server, room, "?page_seconds=2")
    projector.locator("#page-marker").wait_for()
    screens.shot(projector, "real-run-11-projector-60-items")
    pages = int(projector.evaluate(PAGE).split("/")[1].split(" ")[0])
    assert pages <= 3, pages
    # the way to join is in the corner now, the code readable
    assert projector.locator(".join-large").count() == 0
    code = projector.locator("#join-corner .join-code")
    assert (
        code.is_visible() and float(code.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)")) >= 36
    )
    assert projector.evaluate(SMALLEST_TEXT, 24) == []
    screens.shot(projector, "real-run-11-projector-60-items")
    # an item every half second: the pages still turn on their own clock
    seen = {projector.evaluate(PAGE)}
    deadline = time.monotonic() + 9
    n = 60
    while time.monotonic() < deadline and len(seen) < 2:
        room.chair.ok("item.add", {"column": "worries", "text": f"New while paging {n}"})
        n += 1
        projector.wait_for_timeout(500)
        seen.add(projector.evaluate(PAGE))
    assert len(seen) >= 2, seen
    # the chair holds a page: it stays; turns to the next: it moves
    chair.get_by_role("button", name="Hold this page").click()
    projector.locator("#page-marker", has_text="❚❚").wait_for()
    held = projector.evaluate(PAGE)
    projector.wait_for_timeout(4500)
    assert projector.evaluate(PAGE) == held
    chair.get_by_role("button", name="Next page").click()
    projector.wait_for_function(f"() => document.getElementById('page-marker').textContent !== {held!r}")
    screens.shot(projector, "real-run-11-projector-held")


def test_sixty_items_before_anyone_joins_take_at_most_three_pages(server, clients, screens):
    room = Room(server, clients, {})
    columns = ["worries", "working_well", "next_steps"]
    for n in range(60):
        room.chair.ok(
            "item.add",
            {"column": columns[n % 3], "text": f"Item {n:02d}: Mark shouts when he has been drinking"},
        )
    projector = projector_of(screens, server, room, "?page_seconds=30")
    projector.locator(".columns .item").first.wait_for()
    marker = projector.evaluate(PAGE)
    assert not marker or int(marker.split("/")[1].split(" ")[0]) <= 3, marker


# --- 12. who is in the meeting --------------------------------------------------------------


def test_the_phone_and_the_projector_say_who_is_in_the_meeting(server, clients, screens):
    room = Room(server, clients, {"Anna Nowak": "parent_carer", "Sam Social": "social_worker"})
    room.chair.ok("member.add", {"name": "Nurse Jones", "role": "health", "present": True})
    room.chair.ok("member.add", {"name": "Dr Patel", "role": "health", "present": False})
    projector = projector_of(screens, server, room)
    who = projector.locator(".who-now")
    who.get_by_text("Sam Social").wait_for()
    assert "Nurse Jones" in who.inner_text() and "Sent apologies: Dr Patel" in who.inner_text()
    screens.shot(projector, "real-run-12-projector-joining-who")
    room.chair.ok("conference.focus", {"section": "people"})
    projector.get_by_role("heading", name="Who is in the meeting").wait_for()
    assert "Anna Nowak, parent or carer (on a phone)" in projector.locator(".people-now").inner_text()
    screens.shot(projector, "real-run-12-projector-people")
    mum = phone_of(screens, server, room, "Anna Nowak")
    mum.get_by_text("Who is in the meeting: 4 people").click()
    listed = mum.locator(".who-here").inner_text()
    for name in ("Sam Social", "Nurse Jones", "Anna Nowak"):
        assert name in listed
    assert "Sent apologies: Dr Patel" in listed
    screens.shot(mum, "real-run-12-phone-who")
    assert serious(mum) == []


# --- every changed screen, in English and in Arabic: axe finds nothing serious ---------------


@pytest.mark.parametrize("lang", ["en-GB", "ar"])
def test_the_changed_screens_have_no_serious_accessibility_faults(server, clients, screens, lang):
    room = Room(
        server, clients, {"Anna Nowak": "parent_carer", "Sam Social": "social_worker"}, kind="initial_cp"
    )
    room.chair.ok("member.add", {"name": "Dr Patel", "role": "health", "present": False})
    server.join(room.conf["join_code"], "Mark Nowak", "parent_carer")  # waiting: the lobby alert
    found: dict[str, list[str]] = {}
    join = screens.open("join", f"{server.url}/j/ZZZZ2222?lang={lang}", **PHONE)
    join.locator("#join-code-status:not(:empty)").wait_for()
    found["join, a wrong code"] = serious(join)
    chair = console_of(screens, server, room, lang=lang)
    chair.locator("#lobby-alert").wait_for()
    chair.locator("#quorum-warning").wait_for()  # 1 agency of the 3 an initial conference needs
    found["console: lobby alert, quorum warning"] = serious(chair)
    screens.shot(chair, f"real-run-console-{lang}")
    projector = projector_of(screens, server, room, f"?lang={lang}")
    projector.locator(".who-now").wait_for()
    found["projector: joining, who is here"] = serious(projector)
    screens.shot(projector, f"real-run-projector-joining-{lang}")
    mum = phone_of(screens, server, room, "Anna Nowak", lang)
    mum.locator(".who-here summary").click()
    found["phone: who is here"] = serious(mum)
    rid = room.chair.ok("round.open", {})["result"]["id"]
    room.clients["Anna Nowak"].ok("round.score", {"round_id": rid, "score": 4})
    room.chair.ok("round.reveal", {"round_id": rid})
    mum.locator(".result svg").wait_for()
    found["phone: the result"] = serious(mum)
    room.chair.ok(
        "decision.record", {"outcome": "cp_plan", "next_meeting": "2027-02-26", "next_meeting_time": "10:00"}
    )
    mum.locator("#decision-h").wait_for()
    found["phone: the decision"] = serious(mum)
    screens.shot(mum, f"real-run-phone-decision-{lang}")
    room.chair.ok("conference.focus", {"section": "people"})
    projector.locator(".people-now").wait_for()
    found["projector: who is in the meeting"] = serious(projector)
    assert {where: faults for where, faults in found.items() if faults} == {}


def test_an_emptied_builder_never_keeps_the_reveal_off_the_projector(server, clients, screens):
    room = Room(server, clients, {"Anna Nowak": "parent_carer"})
    chair = console_of(screens, server, room)
    projector = projector_of(screens, server, room)
    who = chair.get_by_label("Who is worried?")
    who.fill("The school")
    projector.locator(".draft").wait_for()
    who.fill("")  # the chair thinks better of it and empties the builder
    projector.locator(".draft").wait_for(state="detached")
    rid = room.chair.ok("round.open", {})["result"]["id"]
    room.clients["Anna Nowak"].ok("round.score", {"round_id": rid, "score": 5})
    room.chair.ok("round.reveal", {"round_id": rid})
    projector.get_by_text("The middle score was 5: halfway.").wait_for()
    # and a draft begun after the reveal is shown: the chair is writing again
    who.fill("The police")
    projector.locator(".draft .danger-text", has_text="The police").wait_for()


def test_the_chair_gives_a_step_already_on_the_board_a_person_and_a_date(server, clients, screens):
    """Found by a newcomer's run: a social worker's "Dad to see the alcohol service" sat
    under What needs to happen? with no one and no date, and the card's Edit offered only
    its words, so the plan and both minutes said nobody and never."""
    room = Room(server, clients, {"Sam": "social_worker"})
    room.clients["Sam"].ok("item.add", {"column": "next_steps", "text": "Dad to see the alcohol service"})
    chair = console_of(screens, server, room)
    projector = projector_of(screens, server, room)
    chair.get_by_label("More for: Dad to see the alcohol service").click()
    chair.get_by_role("button", name="Edit", exact=True).click()
    editor = chair.locator("form", has=chair.get_by_label("Change the words"))  # not the add form
    editor.get_by_label("Who will do it").fill("Dad, with Sam")
    # typed as a chair types a date, with a change from a phone arriving half way: the
    # console waits to draw until the field is left, so the half-typed date is not lost
    when = editor.get_by_label("By when")
    when.click()
    when.press_sequentially("0115")  # month and day (Chromium's en-US order)
    room.clients["Sam"].ok("item.add", {"column": "worries", "text": "Arrived while the date was typed"})
    chair.wait_for_function(
        "() => window.boardClient.board.items.some(i => i.text === 'Arrived while the date was typed')"
    )
    when.press_sequentially("2027")
    assert when.input_value() == "2027-01-15"
    screens.shot(chair, "console-edit-a-step")
    editor.get_by_role("button", name="Save").click()
    projector.get_by_text("Who: Dad, with Sam").wait_for()
    projector.get_by_text("By: Friday 15 January 2027").wait_for()
    chair.locator(".item-text", has_text="Arrived while the date was typed").wait_for()  # drawn once left
    item = next(i for i in room.chair.snapshot()["items"] if i["text"] == "Dad to see the alcohol service")
    assert (item["owner"], item["due"]) == ("Dad, with Sam", "2027-01-15")
    # a date cleared is cleared; the person kept as it was (only what changed is sent)
    chair.get_by_label("More for: Dad to see the alcohol service").click()
    chair.get_by_role("button", name="Edit", exact=True).click()
    assert editor.get_by_label("Who will do it").input_value() == "Dad, with Sam"
    editor.get_by_label("By when").fill("")
    editor.get_by_role("button", name="Save").click()
    projector.get_by_text("By: Friday 15 January 2027").wait_for(state="detached")
    item = next(i for i in room.chair.snapshot()["items"] if i["text"] == "Dad to see the alcohol service")
    assert (item["owner"], item["due"]) == ("Dad, with Sam", None)
    # a worry has no person or date to give
    room.chair.ok("item.add", {"column": "worries", "text": "Shouting at night"})
    chair.get_by_label("More for: Shouting at night").click()
    chair.get_by_role("button", name="Edit", exact=True).click()
    editor.wait_for()
    assert editor.get_by_label("Who will do it").count() == 0
