"""After the end the chair checks the record in the browser: corrects typing, approves, and
notes who a copy went to; the phones show the corrected words at once."""

from __future__ import annotations

import pytest
import requests

from ..support import Room
from .test_conference import PHONE, serious

pytestmark = pytest.mark.slow


def test_the_chair_corrects_the_typing_approves_and_notes_who_was_sent_the_minutes(server, clients, screens):
    room = Room(server, clients, {"Sam": "social_worker"})
    room.chair.ok("item.add", {"column": "worries", "text": "Dad shuots at night"})
    joined = server.join(room.conf["join_code"], "Mum", "parent_carer")
    room.chair.ok("member.admit", {"member_id": joined["participant_id"]})
    mum = screens.open(
        "mum", f"{server.url}/c/{room.id}/participate#t={joined['participant_token']}", **PHONE
    )
    mum.get_by_text("Dad shuots at night").wait_for()
    url = f"{server.url}/c/{room.id}/facilitate#t={room.conf['facilitator_token']}"
    chair = screens.open("chair", url, viewport={"width": 1400, "height": 1000})
    chair.locator(".item-text", has_text="Dad shuots").wait_for()
    assert not chair.get_by_role("heading", name="Check and approve the minutes").is_visible()

    room.chair.ok("conference.close")
    chair.get_by_role("heading", name="Check and approve the minutes").wait_for()
    chair.get_by_label("What to correct").select_option(label="Item: Dad shuots at night")
    chair.get_by_label("The right words").fill("Dad shouts at night")
    chair.get_by_role("button", name="Save the correction").click()
    chair.locator(".item-text", has_text="Dad shouts at night").wait_for()
    # every screen's board has the corrected words at once (the phone shows what was agreed)
    mum.wait_for_function(
        "() => window.boardClient.board.items.some((i) => i.text === 'Dad shouts at night')"
    )
    screens.shot(chair, "console-check-the-record")
    assert serious(chair) == []
    chair.get_by_role("button", name="Approve the minutes").click()
    chair.get_by_text("Approved by Chair on").wait_for()
    assert chair.get_by_role("button", name="Save the correction").count() == 0

    chair.get_by_label("Sent to (a name or a service)").fill("Mum, by email")
    chair.get_by_role("button", name="Note that I sent it").click()
    chair.get_by_text("Noted in the access record: sent to Mum, by email.").wait_for()
    audit = requests.get(
        f"{server.url}/api/conferences/{room.id}/audit",
        headers={"Authorization": f"Bearer {room.conf['facilitator_token']}"},
        timeout=5,
    ).json()["entries"]
    sent = [e for e in audit if e["what"] == "sent the minutes"]
    assert sent[-1]["to"] == "Mum, by email" and sent[-1]["copy"] == "family"
    md = requests.get(
        f"{server.url}/api/conferences/{room.id}/minutes.md?copy=full",
        headers={"Authorization": f"Bearer {room.conf['facilitator_token']}"},
        timeout=5,
    ).text
    assert "Approved by Chair on" in md and "“Dad shuots at night” → “Dad shouts at night”" in md


def test_a_parent_asks_for_a_correction_after_the_end_and_the_chair_answers(server, clients, screens):
    room = Room(server, clients, {"Sam": "social_worker"})
    room.chair.ok("item.add", {"column": "worries", "text": "Dad shouts at night"})
    joined = server.join(room.conf["join_code"], "Mum", "parent_carer")
    room.chair.ok("member.admit", {"member_id": joined["participant_id"]})
    mum = screens.open(
        "mum", f"{server.url}/c/{room.id}/participate#t={joined['participant_token']}", **PHONE
    )
    mum.get_by_text("Dad shouts at night").wait_for()
    url = f"{server.url}/c/{room.id}/facilitate#t={room.conf['facilitator_token']}"
    chair = screens.open("chair", url, viewport={"width": 1400, "height": 1000})
    room.chair.ok("conference.close")

    # on her phone, after the end: "Something is wrong in what was written"
    mum.get_by_role("button", name="Something is wrong in what was written").click()
    mum.get_by_label("What is wrong, and what should it say?").fill("It was Lee who shouted, not Dad.")
    mum.get_by_role("button", name="Send").click()
    # her own requests under a heading of their own, each with where it stands
    mine = mum.get_by_role("list", name="What you asked us to correct")
    mine.get_by_text("It was Lee who shouted, not Dad.").wait_for()
    mine.get_by_text("Sent. The chair will answer.").wait_for()
    mum.get_by_role("heading", name="What you asked us to correct").wait_for()
    screens.shot(mum, "phone-correction-asked")
    assert serious(mum) == []

    # the chair sees it in the record panel and accepts it with a reason
    chair.get_by_role("heading", name="Requests for corrections").wait_for()
    chair.get_by_text("It was Lee who shouted, not Dad.").wait_for()
    screens.shot(chair, "console-correction-requests")
    chair.locator(".corrections textarea, .corrections input[type=text]").first.fill(
        "Checked with the police log"
    )
    chair.get_by_role("button", name="Accept").click()
    mine.get_by_text("Checked with the police log").wait_for()
    mine.get_by_text("The chair agreed.").wait_for()
    assert mine.get_by_text("Sent. The chair will answer.").count() == 0
    screens.shot(mum, "phone-correction-answered")
    md = requests.get(
        f"{server.url}/api/conferences/{room.id}/minutes.md?copy=full",
        headers={"Authorization": f"Bearer {room.conf['facilitator_token']}"},
        timeout=5,
    ).text
    assert "It was Lee who shouted, not Dad." in md and "Checked with the police log" in md


def test_an_accepted_correction_of_the_decision_is_made_and_her_phone_tells_the_truth(
    server, clients, screens
):
    from conference import i18n

    _ = i18n.translations("pl").gettext
    room = Room(server, clients, {"Anna": "parent_carer"}, kind="review_cp")
    room.chair.ok(
        "decision.record",
        {"outcome": "continue_plan", "categories": ["neglect"], "text": "The school nurse will go with Jas."},
    )
    anna = screens.open(
        "anna", f"{server.url}/c/{room.id}/participate?lang=pl#t={room.tokens['Anna']}", **PHONE
    )
    url = f"{server.url}/c/{room.id}/facilitate#t={room.conf['facilitator_token']}"
    chair = screens.open("chair", url, viewport={"width": 1400, "height": 1000})
    room.chair.ok("conference.close")
    anna.get_by_text("The school nurse will go with Jas.").wait_for()  # what was decided

    # on her phone, in Polish: about "Co postanowiono", "I'm taking Jas myself"
    anna.get_by_role("button", name=_("Something is wrong in what was written")).click()
    anna.get_by_label(_("Which part? (you can leave this empty)")).fill("Co postanowiono")
    anna.get_by_label(_("What is wrong, and what should it say?")).fill(
        "Sama zabieram Jas, nie pielęgniarka."
    )
    anna.get_by_role("button", name=_("Send to the chair")).click()
    mine = anna.get_by_role("list", name=_("What you asked us to correct"))
    mine.get_by_text(_("Sent. The chair will answer.")).wait_for()

    # the chair accepts: the form below is set for her request and the decision's words
    chair.get_by_text("Sama zabieram Jas, nie pielęgniarka.").wait_for()
    chair.get_by_role("button", name="Accept", exact=True).click()
    # accepting alone: her phone says the chair agreed, and nothing about a correction yet
    mine.get_by_text(_("The chair agreed."), exact=True).wait_for()
    assert mine.get_by_text(_("The chair agreed and corrected what was written.")).count() == 0
    assert chair.get_by_label("What to correct").input_value() == "decision|decision|text"
    assert chair.get_by_label("For the request").locator("option:checked").inner_text().startswith("Anna: ")
    words = chair.get_by_label("The right words")
    assert words.input_value() == "The school nurse will go with Jas."
    words.fill("Anna is taking Jas herself.")
    chair.get_by_role("button", name="Save the correction").click()
    chair.get_by_text(
        "Corrected: “The school nurse will go with Jas.” → “Anna is taking Jas herself.”"
    ).wait_for()
    # the console's locked decision shows the corrected words too
    assert chair.locator("#decision-text").input_value() == "Anna is taking Jas herself."
    screens.shot(chair, "console-correction-of-the-decision")

    # her phone: the decision she sees is corrected, and her request says so, truthfully
    mine.get_by_text(_("The chair agreed and corrected what was written.")).wait_for()
    anna.get_by_text("Anna is taking Jas herself.").first.wait_for()
    assert anna.get_by_text("The school nurse will go with Jas.").count() == 0
    screens.shot(anna, "phone-correction-of-the-decision-made")
    assert serious(anna) == []


# the element is on screen and nothing covers it (the point sampled is its own)
IN_VIEW = """(sel) => {
  const el = document.querySelector(sel);
  if (!el) return false;
  const r = el.getBoundingClientRect();
  if (r.height === 0 || r.bottom <= 0 || r.top >= innerHeight) return false;
  const at = document.elementFromPoint(r.left + Math.min(r.width / 2, 40), r.top + Math.min(r.height / 2, 12));
  return !!at && el.contains(at);
}"""


def test_a_refusal_on_the_console_is_seen_where_the_chair_is(server, clients, screens):
    room = Room(server, clients, {"Anna": "parent_carer"})
    for n in range(14):  # a long console: the minutes are far below its top
        room.chair.ok("item.add", {"column": "worries", "text": f"Worry number {n + 1} about Zofia"})
    url = f"{server.url}/c/{room.id}/facilitate#t={room.conf['facilitator_token']}"
    chair = screens.open("chair", url, viewport={"width": 1280, "height": 800})
    chair.locator(".item-text", has_text="Worry number 14").wait_for()
    room.chair.ok("conference.close")
    asked = room.clients["Anna"].ok("correction.request", {"text": "Karim does not drink every day."})
    cid = asked["result"]["id"]
    chair.get_by_text("Karim does not drink every day.").wait_for()

    # approving with the request unanswered: refused, said under the stages in view, and
    # the chair taken to the request
    approve = chair.get_by_role("button", name="Approve the minutes")
    approve.scroll_into_view_if_needed()
    assert chair.evaluate("() => scrollY") > 1500
    approve.click()  # the confirm box is accepted
    notice = chair.locator("#notice")
    notice.get_by_text(
        "Please answer every request for a correction before approving the minutes."
    ).wait_for()
    assert chair.evaluate(IN_VIEW, "#notice")
    assert notice.get_attribute("role") == "alert"
    chair.wait_for_function(f"() => document.activeElement.id === 'request-{cid}'")
    assert chair.evaluate(IN_VIEW, f"#request-{cid}")  # not under the stages or the notice
    screens.shot(chair, "console-approve-refused")
    chair.screenshot(path=f"{screens.folder}/console-approve-refused-viewport.png")
    notice.get_by_role("button", name="Dismiss").click()
    assert notice.inner_text() == ""

    # declining with no reason: the same, and the chair taken to the reason
    chair.locator(f"#request-{cid}").get_by_role("button", name="Decline").click()
    notice.get_by_text("reason", exact=False).wait_for()
    assert chair.evaluate(IN_VIEW, "#notice")
    chair.wait_for_function(f"() => document.activeElement.id === 'reason-{cid}'")
    assert chair.evaluate(IN_VIEW, f"#reason-{cid}")

    # a refusal whose words come back in a card at the top: said in view, with a way to them
    chair.get_by_label("What to correct").select_option(label="Item: Worry number 3 about Zofia")
    chair.get_by_role("button", name="Save the correction").click()  # the same words
    notice.get_by_text("That is what it already says.").wait_for()
    assert chair.evaluate(IN_VIEW, "#notice")
    chair.screenshot(path=f"{screens.folder}/console-refused-words-kept-viewport.png")
    notice.get_by_role("button", name="Show my words").click()
    chair.wait_for_function("() => document.activeElement.closest('.not-saved') !== null")
    assert chair.evaluate(IN_VIEW, "#not-saved .not-saved textarea")
    assert serious(chair) == []


def test_once_approved_her_phone_offers_no_correction_and_the_server_takes_none(server, clients, screens):
    from conference import i18n

    _ = i18n.translations("pl").gettext
    room = Room(server, clients, {"Anna": "parent_carer"})
    room.chair.ok("item.add", {"column": "worries", "text": "Karim drinks every day"})
    anna = screens.open(
        "anna", f"{server.url}/c/{room.id}/participate?lang=pl#t={room.tokens['Anna']}", **PHONE
    )
    url = f"{server.url}/c/{room.id}/facilitate#t={room.conf['facilitator_token']}"
    chair = screens.open("chair", url, viewport={"width": 1400, "height": 1000})
    room.chair.ok("conference.close")
    ask = anna.get_by_role("button", name=_("Something is wrong in what was written"))
    ask.wait_for()
    # she is writing a request when the chair approves
    ask.click()
    anna.get_by_label(_("What is wrong, and what should it say?")).fill("Karim nie pije codziennie.")
    room.chair.ok("record.approve")

    # her phone: no "Something is wrong…", but who approved the minutes, and whom to contact
    anna.get_by_text(
        _("If something is still wrong, please contact {name} or your social worker.").format(name="Chair")
    ).wait_for()
    assert ask.count() == 0
    assert anna.get_by_role("button", name=_("Send to the chair")).count() == 0
    # what she had typed is not lost: hers to copy and send on
    assert anna.locator(".corrections .not-saved textarea").input_value() == "Karim nie pije codziennie."
    assert "Chair" in anna.locator(".corrections .approved").inner_text()
    screens.shot(anna, "phone-minutes-approved-pl")
    assert serious(anna) == []

    # a request sent anyway (a phone that had not heard yet) is refused, in her language
    ack = room.clients["Anna"].cmd("correction.request", {"text": "Karim nie pije codziennie."})
    assert ack["ok"] is False and ack["error"]["code"] == "conflict"
    assert ack["error"]["message"] == _(
        "The chair has approved these minutes, so they can no longer be changed here."
        " If something is still wrong, please contact the chair."
    )
    # the console says no more requests can come, and offers nothing to accept
    chair.get_by_text("The minutes are approved: nobody can ask for a correction here any more.").wait_for()
    assert chair.get_by_role("button", name="Accept", exact=True).count() == 0


def test_fix_first_after_the_end_takes_the_chair_to_the_correction_form(server, clients, screens):
    room = Room(server, clients, {"Anna": "parent_carer"})
    behaviour = (
        "when Karim has been drinking he shouts late at night and Zofia has gone hungry and"
        " missed her health appointments at the surgery and at school"
    )
    room.chair.ok(
        "statement.add",
        {
            "id": "danger1",
            "kind": "danger",
            "who": "The social worker and the school nurse",
            "behaviour": behaviour,
        },
    )
    url = f"{server.url}/c/{room.id}/facilitate#t={room.conf['facilitator_token']}"
    chair = screens.open("chair", url, viewport={"width": 1280, "height": 800})
    room.chair.ok("conference.close")
    chair.get_by_role("heading", name="Check and approve the minutes").wait_for()
    # an export before: its "Downloaded …" line is not this export's
    chair.get_by_role("button", name="Full record as Markdown").click()
    status = chair.locator("#export-status")
    status.get_by_text("Downloaded").wait_for()
    chair.get_by_role("button", name="Family copy as Word").click()
    check = chair.locator("#export-check")
    check.get_by_text("long sentence", exact=False).first.wait_for()
    assert status.inner_text() == ""
    check.get_by_role("button", name="Fix first").click()

    # the correction form, set for the flagged words, in view and focused
    what = chair.get_by_label("What to correct")
    value = what.input_value()
    assert value == "statement|danger1|behaviour"
    chair.wait_for_function("() => document.activeElement.id === 'correction-text'")
    assert chair.get_by_label("The right words").input_value() == behaviour
    assert chair.evaluate(IN_VIEW, "#correction-text")
    assert chair.evaluate(IN_VIEW, "#correction-what")
    assert check.is_hidden()
    chair.screenshot(path=f"{screens.folder}/console-fix-first-after-the-end.png")
