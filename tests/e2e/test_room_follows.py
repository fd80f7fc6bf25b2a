"""The room follows the meeting: the projector switches by itself on a round, a
reveal, the decision and the end; the console offers only what can work now."""

from __future__ import annotations

import pytest

from ..support import Room
from .test_conference import SMALLEST_TEXT, serious

pytestmark = pytest.mark.slow

EDITING = [
    "Edit",
    "Delete",
    "Add",
    "Remove",
    "Start scoring",
    "Save the decision",
    "Add danger statement",
    "Add person",
]


SMALLEST_CHART_TEXT = """() => Math.min(...[...document.querySelectorAll('svg')].flatMap((svg) => {
  const scale = svg.getBoundingClientRect().height / svg.viewBox.baseVal.height;
  return [...svg.querySelectorAll('text')].map((t) => Number(t.getAttribute('font-size')) * scale);
}), 999)"""


def fits(page, size) -> bool:
    """Nothing below the fold and no text under 24 px, the chart's numbers included."""
    return (
        page.evaluate("document.documentElement.scrollHeight") <= size[1]
        and page.evaluate(SMALLEST_TEXT, 24) == []
        and page.evaluate(SMALLEST_CHART_TEXT) >= 24
    )


def visible_buttons(page) -> list[str]:
    return page.evaluate(
        "() => [...document.querySelectorAll('button, a.button')].filter((b) => b.offsetParent !== null)"
        ".map((b) => b.textContent.trim())"
    )


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_the_projector_follows_a_round_the_reveal_the_decision_and_the_end(server, clients, screens, size):
    room = Room(server, clients, {"Mum": "parent_carer", "Sam": "social_worker"})
    room.chair.ok(
        "item.add",
        {
            "column": "next_steps",
            "text": "Mum goes to the parenting course",
            "owner": "Mum",
            "due": "2026-12-12",
        },
    )
    # a parent's wish the chair never sorts, with no person and no date: on the board, but
    # never an agreed step under "What happens next"
    room.clients["Mum"].ok("item.add", {"column": "next_steps", "text": "I want my mum to help"})
    danger = room.chair.ok("statement.add", {"kind": "danger", "who": "School", "behaviour": "Dad shouts"})
    url = f"{server.url}/c/{room.id}/display#t={room.conf['display_token']}"
    projector = screens.open("projector", url, viewport={"width": size[0], "height": size[1]})
    projector.locator(".item-text", has_text="parenting course").wait_for()
    projector.locator(".item-text", has_text="I want my mum to help").wait_for()
    tag = f"{size[0]}x{size[1]}"

    # a round opens: full-screen scaling, with the statement being scored — no focus command
    rid = room.chair.ok("round.open", {"statement_id": danger["result"]["id"]})["result"]["id"]
    projector.get_by_text("0 of 3 have scored").wait_for()
    assert "School is worried that Dad shouts" in projector.locator(".scaling-now").inner_text()
    room.clients["Mum"].ok("round.score", {"round_id": rid, "score": 6, "reason": "Calmer now"})
    room.clients["Sam"].ok("round.score", {"round_id": rid, "score": 4})
    projector.get_by_text("2 of 3 have scored").wait_for()
    assert "Calmer now" not in projector.locator("body").inner_text()
    screens.shot(projector, f"projector-now-scoring-{tag}")
    assert fits(projector, size), "scoring"

    # the reveal: dots on the line and the middle score in words
    room.chair.ok("round.reveal", {"round_id": rid})
    projector.get_by_text("The middle score was 5: halfway.").wait_for()
    assert projector.locator(".result svg circle").count() == 2
    # what 0 and 10 mean under the chart's two ends, never wider than the chart
    ends = projector.evaluate(CHART_ENDS)
    assert abs(ends["low"][0] - ends["line"][0]) <= 2 and abs(ends["high"][1] - ends["line"][1]) <= 2, ends
    assert ends["line"][0] - 2 <= min(ends["low"][0], ends["high"][0]), ends
    assert max(ends["low"][1], ends["high"][1]) <= ends["line"][1] + 2, ends
    if size[1] >= 1080:  # across a room: the chart takes the room the screen has (it took 44 %)
        assert ends["line"][1] - ends["line"][0] >= size[0] / 2, ends
    screens.shot(projector, f"projector-now-result-{tag}")
    assert fits(projector, size), "result"

    # the decision: outcome and the plan with who and by when
    room.chair.ok(
        "decision.record", {"outcome": "cp_plan", "categories": ["emotional"], "next_meeting": "2027-03-01"}
    )
    projector.get_by_role("heading", name="What was decided").wait_for()
    text = projector.locator(".decision").inner_text()
    assert "Mum goes to the parenting course" in text and "Mum, by Saturday 12 December 2026" in text
    assert "I want my mum to help" not in text
    assert "Monday 1 March 2027" in text
    # who leads and the first core group only once the chair has given them
    assert "Lead social worker" not in text and "First core group" not in text
    room.chair.ok("decision.record", {"lead_social_worker": "Sam Patel", "first_core_group": "2026-12-14"})
    projector.get_by_text("Lead social worker: Sam Patel").wait_for()
    text = projector.locator(".decision").inner_text()
    assert "First core group: Monday 14 December 2026" in text
    screens.shot(projector, f"projector-now-decision-{tag}")
    assert fits(projector, size), "decision"

    # the end
    room.chair.ok("conference.close")
    projector.get_by_role("heading", name="This meeting has ended").wait_for()
    screens.shot(projector, f"projector-now-ended-{tag}")
    assert fits(projector, size), "ended"
    assert serious(projector) == []


# the result chart's line (its first line, 0 to 10), and where the words of what 0 and 10
# mean are drawn: [left, right] of each, in px
CHART_ENDS = """() => {
  const line = document.querySelector('.result svg line').getBoundingClientRect();
  const [low, high] = [...document.querySelectorAll('.result .labels span')].map((span) => {
    const r = document.createRange();
    r.selectNodeContents(span);
    const boxes = [...r.getClientRects()];
    return [Math.min(...boxes.map((b) => b.left)), Math.max(...boxes.map((b) => b.right))];
  });
  return { line: [line.left, line.right], low, high };
}"""


# where each letter of the first text on the page holding `needle` is drawn: [[x, line top]]
LETTER_BOXES = """(needle) => {
  const walk = document.createTreeWalker(document.querySelector('#screen'), NodeFilter.SHOW_TEXT);
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    const at = node.data.indexOf(needle);
    if (at < 0 || !node.parentElement.offsetParent) continue;
    return [...needle].map((_, k) => {
      const r = document.createRange();
      r.setStart(node, at + k);
      r.setEnd(node, at + k + 1);
      const box = r.getBoundingClientRect();
      return [box.left + box.width / 2, Math.round(box.top)];
    }).filter((_, k) => needle[k] !== ' ');
  }
  return null;
}"""


def test_the_projector_and_the_familys_phone_say_who_leads_and_the_first_core_group_in_their_language(
    server, clients, screens
):
    """The lead social worker and the first core group the chair gave in the decision form,
    with the console's labels, on the projector in Polish and on Mum's phone in Arabic; the
    date in each screen's language."""
    room = Room(server, clients, {"Mum": "parent_carer"})
    url = f"{server.url}/c/{room.id}/display?lang=pl#t={room.conf['display_token']}"
    projector = screens.open("projector", url, viewport={"width": 1920, "height": 1080})
    phone = screens.open(
        "mum",
        f"{server.url}/c/{room.id}/participate?lang=ar#t={room.tokens['Mum']}",
        viewport={"width": 390, "height": 844},
    )
    projector.locator("html[lang=pl]").wait_for()
    phone.locator("html[lang=ar]").wait_for()
    room.chair.ok(
        "decision.record",
        {
            "outcome": "cp_plan",
            "categories": ["neglect"],
            "next_meeting": "2027-03-01",
            "lead_social_worker": "Łucja Wójcik",
            "first_core_group": "2026-12-14",
        },
    )
    projector.get_by_text("Prowadzący pracownik socjalny: Łucja Wójcik").wait_for()
    text = projector.locator(".decision").inner_text()
    assert "Pierwsze spotkanie grupy roboczej: poniedziałek, 14 grudnia 2026" in text, text
    assert "Kategoria: Zaniedbanie" in text, text
    screens.shot(projector, "projector-now-decision-lead-pl")
    assert fits(projector, (1920, 1080))
    phone.get_by_text("Łucja Wójcik").wait_for()
    said = phone.locator("body").inner_text()
    # the name typed in English, isolated (LRI … PDI) in the Arabic sentence
    assert "الأخصائي الاجتماعي المسؤول: \u2066Łucja Wójcik\u2069" in said, said
    screens.shot(phone, "phone-decision-lead-ar")
    assert serious(projector) == [] and serious(phone) == []

    # the end: the next meeting's time and a place typed in English, starting with a number
    # and ending with a bracket, which an Arabic sentence would split around its own words
    place = "2 Church St (room 3)"
    room.chair.ok("decision.record", {"next_meeting_time": "10:00", "next_meeting_place": place})
    room.chair.ok("conference.close")
    phone.get_by_text(place).first.wait_for()
    for who in ("Łucja Wójcik", place):
        boxes = phone.evaluate(LETTER_BOXES, who)
        assert boxes, who
        # each letter of the name or place to the right of the one before it, on its line:
        # read left to right in one piece
        for (x0, line0), (x1, line1) in zip(boxes, boxes[1:], strict=False):
            assert line0 != line1 or x1 > x0, (who, boxes)
    screens.shot(phone, "phone-ended-place-ar")


def test_the_chairs_focus_still_wins_and_one_click_brings_the_board_back(server, clients, screens):
    room = Room(server, clients, {"Mum": "parent_carer"})
    room.chair.ok("item.add", {"column": "worries", "text": "Dad drinks"})
    url = f"{server.url}/c/{room.id}/display#t={room.conf['display_token']}"
    projector = screens.open("projector", url, viewport={"width": 1920, "height": 1080})
    rid = room.chair.ok("round.open", {})["result"]["id"]
    projector.get_by_text("0 of 2 have scored").wait_for()
    room.chair.ok("round.reveal", {"round_id": rid})
    projector.get_by_text("Nobody gave a score.").wait_for()
    room.chair.ok("conference.focus", {"section": "worries"})
    projector.locator(".column-worries.focused .item-text", has_text="Dad drinks").wait_for()
    room.chair.ok("conference.focus", {"section": None})
    projector.locator(".columns").wait_for()
    assert projector.locator(".moment").count() == 0


def test_the_console_offers_only_what_can_work_now(server, clients, screens):
    room = Room(server, clients, {"Mum": "parent_carer"})
    room.chair.ok("item.add", {"column": "worries", "text": "Dad drinks"})
    room.chair.ok("statement.add", {"kind": "danger", "who": "School", "behaviour": "Dad shouts"})
    url = f"{server.url}/c/{room.id}/facilitate#t={room.conf['facilitator_token']}"
    chair = screens.open("chair", url, viewport={"width": 1400, "height": 1000})
    chair.locator(".item-text", has_text="Dad drinks").wait_for()
    # the projector is not offered "Remove"; Mum is
    removes = [b for b in visible_buttons(chair) if b == "Remove"]
    assert len(removes) == 1
    # while a round is open there is no second "Start scoring" (the hidden form is not visible)
    rid = room.chair.ok("round.open", {})["result"]["id"]
    chair.get_by_text("0 of 2 have scored").wait_for()
    assert not chair.locator("#round-form").is_visible()
    assert "Start scoring" not in visible_buttons(chair)
    room.chair.ok("round.close", {"round_id": rid})
    chair.get_by_role("button", name="Start scoring").wait_for()
    # after the end nothing edits
    room.chair.ok("conference.close")
    chair.get_by_text("This conference has ended").wait_for()
    left = visible_buttons(chair)
    assert [b for b in left if b in EDITING or b.startswith("Move")] == [], left
    assert chair.locator(".item-actions").count() == 0
    assert chair.locator("#decision-text").is_disabled()
    assert "Word" in left  # the minutes can still be downloaded
    screens.shot(chair, "console-ended")


def test_the_family_can_follow_what_is_agreed_on_the_phone(server, clients, screens):
    from .test_conference import PHONE

    room = Room(server, clients, {"Sam": "social_worker"})
    joined = server.join(room.conf["join_code"], "Mum", "parent_carer")
    room.chair.ok("member.admit", {"member_id": joined["participant_id"]})
    url = f"{server.url}/c/{room.id}/participate#t={joined['participant_token']}"
    mum = screens.open("mum", url, **PHONE)
    mum.wait_for_function("() => window.boardClient && window.boardClient.board")
    mum.get_by_role("tab", name="What we agreed").click()
    mum.get_by_text("Nothing has been agreed yet").wait_for()

    # each thing shows as soon as it happens: the statement, then the revealed scores
    danger = room.chair.ok("statement.add", {"kind": "danger", "who": "School", "behaviour": "Dad shouts"})
    room.chair.ok(
        "statement.add",
        {"kind": "safety_goal", "text": "Dad stays calm", "pairs_with": danger["result"]["id"]},
    )
    mum.get_by_text("Safety goal: Dad stays calm").wait_for()
    rid = room.chair.ok("round.open", {})["result"]["id"]
    mum.get_by_role("heading", name="Where are we, 0 to 10?").wait_for()
    # the ladder: 10 at the top, one row of at least 48 px a number, nothing sent until asked
    heights = mum.evaluate(
        "() => [...document.querySelectorAll('.rung')].map((r) => r.getBoundingClientRect().height)"
    )
    assert len(heights) == 11 and min(heights) >= 48
    assert mum.get_by_role("button", name="Send my score").is_disabled()
    mum.get_by_role("radio", name="6", exact=True).click()
    mum.get_by_label("Why this number?").fill("Dad is trying")
    mum.get_by_role("button", name="Send my score").click()
    mum.get_by_text("Your score: 6 — sent").wait_for()
    screens.shot(mum, "phone-ladder")
    assert serious(mum) == []
    room.clients["Sam"].ok("round.score", {"round_id": rid, "score": 4, "reason": "Sam's reason"})
    room.chair.ok("round.reveal", {"round_id": rid})
    # the phone follows the reveal to the result, then its person goes back to the board
    mum.get_by_role("heading", name="Where we are, 0 to 10").wait_for()
    mum.get_by_text("The middle score was 5: halfway.").wait_for()
    mum.get_by_role("button", name="Back to the board").click()
    mum.get_by_role("tab", name="What we agreed").click()
    mum.get_by_text("The middle score was 5: halfway.").wait_for()
    screens.shot(mum, "phone-agreed-after-reveal")
    assert mum.evaluate(SMALLEST_CHART_TEXT) >= 16  # the chart's numbers read on a phone
    assert serious(mum) == []

    # the end: what was agreed, never "paused"
    room.chair.ok(
        "item.add", {"column": "next_steps", "text": "Sam visits weekly", "owner": "Sam", "due": "2026-12-12"}
    )
    # Dad's wish, never sorted by the chair, with no person and no date
    dad = room.add(clients, "Dad", "parent_carer")
    dad.ok("item.add", {"column": "next_steps", "text": "I want my mum to help"})
    # on the phone's board, in its column: nothing said is lost
    mum.locator("#tab-next_steps").click()
    mum.locator(".item-text", has_text="I want my mum to help").wait_for()
    room.chair.ok("decision.record", {"outcome": "cp_plan", "next_meeting": "2027-03-01"})
    room.chair.ok("conference.close")
    mum.get_by_role("heading", name="The meeting has ended. Here is what was agreed.").wait_for()
    text = mum.locator("#screen").inner_text()
    assert "Sam visits weekly" in text and "by Saturday 12 December 2026" in text
    # not listed as a step of the plan: "What happens next" holds only the agreed one
    steps = mum.locator("ul.plan li .item-text").all_inner_texts()
    assert steps == ["Sam visits weekly"], steps
    assert "Next meeting: Monday 1 March 2027" in text and "Child protection plan" in text
    assert "paused" not in mum.locator("body").inner_text()
    screens.shot(mum, "phone-ended")
    assert serious(mum) == []


def test_a_score_given_aloud_is_hidden_until_the_reveal(server, clients, screens):
    room = Room(server, clients, {"Mum": "parent_carer"})
    nan = room.chair.ok("member.add", {"name": "Nan", "role": "family_network", "present": True})
    url = f"{server.url}/c/{room.id}/facilitate#t={room.conf['facilitator_token']}"
    chair = screens.open("chair", url, viewport={"width": 1400, "height": 1000})
    projector = screens.open(
        "projector",
        f"{server.url}/c/{room.id}/display#t={room.conf['display_token']}",
        viewport={"width": 1920, "height": 1080},
    )
    chair.get_by_role("button", name="Start scoring").click()
    chair.get_by_text("Scores given aloud (people without a phone)").wait_for()
    chair.get_by_label("Nan", exact=True).select_option("8")
    # the chair's typing survives the redraw another event causes
    chair.get_by_label("Why Nan gave this score").fill("He has stopped drinking")
    room.clients["Mum"].ok("round.score", {"round_id": board_round(room), "score": 6})
    projector.get_by_text("1 of 3 have scored").wait_for()
    assert chair.get_by_label("Why Nan gave this score").input_value() == "He has stopped drinking"
    chair.locator(".aloud-row").get_by_role("button", name="Enter").click()
    chair.get_by_text("Entered — hidden until you reveal").wait_for()
    projector.get_by_text("2 of 3 have scored").wait_for()
    screens.shot(chair, "console-score-given-aloud")
    # hidden from every screen until the reveal: the chair's, the projector, the phone's events
    for page in (chair, projector):
        assert "stopped drinking" not in page.locator("body").inner_text()
    assert not any("stopped drinking" in str(e) for e in room.clients["Mum"].events)
    chair.get_by_role("button", name="Reveal the scores").first.click()
    chair.get_by_role("cell", name="He has stopped drinking").wait_for()
    assert "given aloud" in chair.locator(".round table").inner_text()
    projector.get_by_text("The middle score was 7: above halfway.").wait_for()
    minutes = room.server.session().get(f"{server.url}/api/conferences/{room.id}/minutes.md", timeout=10).text
    assert "Nan (score given aloud)" in minutes and nan["result"]["member_id"] not in minutes


def board_round(room: Room) -> str:
    return next(r["id"] for r in room.chair.snapshot()["rounds"] if r["status"] == "open")


VISIBLE_ITEMS = """() => [...document.querySelectorAll('.columns .item')].filter((el) => {
  const r = el.getBoundingClientRect();
  const column = el.closest('.column').getBoundingClientRect();
  return el.offsetParent !== null && r.height > 0 && r.top >= column.top && r.bottom <= column.bottom
    && r.bottom <= window.innerHeight;
}).map((el) => el.querySelector('.item-text').textContent)"""


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_a_board_of_60_items_is_all_seen_within_one_page_cycle(server, clients, screens, size):
    room = Room(server, clients, {"Mum": "parent_carer", "Sam": "social_worker"})
    columns = ["worries", "working_well", "next_steps"]
    texts = [
        f"Item {n:02d}: {'Dad shouts when he has been drinking' if n % 3 else 'School run'}"
        for n in range(60)
    ]
    for n, text in enumerate(texts):
        room.chair.ok("item.add", {"column": columns[n % 3], "text": text})
    room.chair.ok("statement.add", {"kind": "danger", "who": "School", "behaviour": "Dad shouts"})
    url = f"{server.url}/c/{room.id}/display?page_seconds=1#t={room.conf['display_token']}"
    projector = screens.open("projector", url, viewport={"width": size[0], "height": size[1]})
    projector.locator(".columns .item").first.wait_for()
    tag = f"{size[0]}x{size[1]}"
    seen: set[str] = set()
    marker = projector.locator("#page-marker")
    if marker.count():
        pages = int(marker.inner_text().split("/")[1])
        for n in range(1, pages + 1):
            projector.locator("#page-marker", has_text=f"{n}/{pages}").wait_for(timeout=5000)
            assert projector.evaluate("document.documentElement.scrollHeight") <= size[1]
            assert projector.evaluate(SMALLEST_TEXT, 24) == []
            seen |= set(projector.evaluate(VISIBLE_ITEMS))
            screens.shot(projector, f"projector-60-items-{tag}-page{n}")
    else:
        seen = set(projector.evaluate(VISIBLE_ITEMS))
    assert seen == set(texts), sorted(set(texts) - seen)[:5]
    assert projector.evaluate("document.documentElement.scrollHeight") <= size[1]


def test_the_projector_shows_the_chairs_draft_dashed_until_it_is_added(server, clients, screens):
    room = Room(server, clients, {"Mum": "parent_carer"})
    room.chair.ok("item.add", {"column": "worries", "text": "Dad drinks"})
    first = room.chair.ok("statement.add", {"kind": "danger", "who": "School", "behaviour": "Dad shouts"})
    chair_url = f"{server.url}/c/{room.id}/facilitate#t={room.conf['facilitator_token']}"
    chair = screens.open("chair", chair_url, viewport={"width": 1400, "height": 1000})
    url = f"{server.url}/c/{room.id}/display#t={room.conf['display_token']}"
    projector = screens.open("projector", url, viewport={"width": 1920, "height": 1080})
    projector.locator(".item-text", has_text="Dad drinks").wait_for()

    # typing a new statement: the projector shows it dashed, word by word
    chair.get_by_label("Who is worried?").fill("The health visitor")
    chair.get_by_label("What are they worried about?").fill("the baby is left alone at night")
    draft = projector.locator(".draft")
    draft.get_by_text("The health visitor is worried that the baby is left alone at night.").wait_for()
    assert draft.get_by_text("Draft — not agreed yet").is_visible()
    assert projector.evaluate("getComputedStyle(document.querySelector('.draft')).borderStyle") == "dashed"
    assert projector.get_by_text("School is worried that Dad shouts.").is_visible()  # the agreed ones stay
    screens.shot(projector, "projector-draft-statement")
    assert fits(projector, (1920, 1080))
    assert serious(projector) == []

    # adding it turns it solid: the same words, no dashed box
    chair.get_by_role("button", name="Add danger statement").click()
    # (the dashed draft and the solid statement may both show for a moment: the draft goes first)
    projector.locator(".draft").wait_for(state="detached")
    projector.locator(".danger-text", has_text="The health visitor is worried").wait_for()
    screens.shot(projector, "projector-draft-added")

    # changing an agreed statement: its draft shows in its place, then the saved wording
    chair.locator("#statements li", has_text="School is worried").get_by_role("button", name="Change").click()
    chair.get_by_label("What are they worried about?").fill("Dad shouts at the children")
    projector.locator(".draft", has_text="School is worried that Dad shouts at the children.").wait_for()
    chair.get_by_role("button", name="Save the change").click()
    projector.locator(".draft").wait_for(state="detached")
    projector.locator(".danger-text", has_text="Dad shouts at the children").wait_for()
    projector.locator(".draft").wait_for(state="detached")
    edited = [s for s in room.chair.snapshot()["statements"] if s["id"] == first["result"]["id"]][0]
    assert edited["behaviour"] == "Dad shouts at the children" and edited["version"] == 2

    # the phone never saw a draft: only the agreed wording
    mum = room.clients["Mum"]
    assert mum.drafts == []
    screens.shot(chair, "console-statement-changed")
    assert serious(chair) == []


def test_family_wording_and_what_each_heading_means(server, clients, screens):
    from .test_conference import PHONE

    room = Room(server, clients, {"Sam": "social_worker"})
    joined = server.join(room.conf["join_code"], "Mum", "parent_carer")
    room.chair.ok("member.admit", {"member_id": joined["participant_id"]})
    mum = screens.open(
        "mum", f"{server.url}/c/{room.id}/participate#t={joined['participant_token']}", **PHONE
    )
    mum.wait_for_function("() => window.boardClient && window.boardClient.board")
    # the chips carry their meaning, from the vocabulary the server sends
    mum.get_by_role("tab", name="What's working well?").click()
    chip = mum.get_by_role("button", name="Existing safety")
    assert "keeps the children safe" in chip.inner_text()
    screens.shot(mum, "phone-chips-with-meanings")
    assert serious(mum) == []

    # the chair words a round for the family; professionals' phones keep the usual words
    chair_url = f"{server.url}/c/{room.id}/facilitate#t={room.conf['facilitator_token']}"
    chair = screens.open("chair", chair_url, viewport={"width": 1400, "height": 1000})
    chair.get_by_text("Wording for the family (optional)").click()
    chair.get_by_label("Question for the family").fill("How are things at home now?")
    chair.get_by_label("What 10 means, for the family").fill("Things are good, we can stop meeting")
    chair.get_by_role("button", name="Start scoring").click()
    mum.get_by_text("How are things at home now?").wait_for()
    assert "Things are good, we can stop meeting" in mum.locator(".ladder").inner_text()
    chair.get_by_text("Family phones ask: How are things at home now?").wait_for()
    sam_url = f"{server.url}/c/{room.id}/participate#t={room.tokens['Sam']}"
    sam = screens.open("sam", sam_url, **PHONE)
    sam.locator(".ladder").wait_for()
    assert "How are things at home now?" not in sam.locator("#screen").inner_text()
    screens.shot(mum, "phone-family-wording")
    assert serious(mum) == []


def test_the_stage_bar_jumps_and_shows_but_forces_nothing(server, clients, screens):
    room = Room(server, clients, {"Mum": "parent_carer"})
    room.chair.ok("item.add", {"column": "worries", "text": "Dad drinks"})
    chair_url = f"{server.url}/c/{room.id}/facilitate#t={room.conf['facilitator_token']}"
    chair = screens.open("chair", chair_url, viewport={"width": 1400, "height": 900})
    stages = chair.get_by_role("navigation", name="Stages of the meeting")
    # where the meeting seems to be: items on the board, nothing else yet
    assert stages.locator("[aria-current=step]").inner_text() == "Worries / What's working well"
    seq = room.chair.snapshot()["seq"]
    stages.get_by_role("button", name="Statements").click()
    room.chair.wait(lambda: any(e["type"] == "conference.focused" for e in room.chair.events))
    assert room.chair.snapshot()["conference"]["focus"] == "statements"
    # the console jumped: the statements' heading is at the top and has the keyboard's focus
    assert chair.evaluate("document.activeElement.id") == "statements-h"
    # the bar shows the stage the chair chose, at once, not the board's guess
    assert stages.locator("[aria-current=step]").inner_text() == "Statements"
    # "Decision" only jumps: the projector is left as it is, and nothing is logged
    stages.get_by_role("button", name="Decision").click()
    assert chair.evaluate("document.activeElement.id") == "decision-h"
    assert stages.locator("[aria-current=step]").inner_text() == "Decision"
    # something new on the board that does not move the meeting on: the bar stays
    room.clients["Mum"].ok("item.add", {"column": "working_well", "text": "Gran helps"})
    chair.locator(".item-text", has_text="Gran helps").first.wait_for()
    assert stages.locator("[aria-current=step]").inner_text() == "Decision"
    stages.get_by_role("button", name="Plan").click()
    room.chair.wait(lambda: room.chair.events[-1]["payload"].get("section") == "next_steps")
    assert stages.locator("[aria-current=step]").inner_text() == "Plan"
    focused = [e["type"] for e in room.chair.events if e["seq"] > seq and e["type"] != "item.added"]
    assert focused == ["conference.focused"] * 2
    screens.shot(chair, "console-stage-bar")
    assert serious(chair) == []
    # the meeting moves on by itself (a round opens): the bar follows the board again
    room.chair.ok("round.open", {})
    stages.locator("[aria-current=step]", has_text="Scaling").wait_for()


LONG_TITLE = (
    "Review child protection conference for the Wójcik-Abdel-Rahman children: Aleksandra, Mateusz, Zuzanna"
)


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_a_long_title_shows_in_full_beside_the_join_panel(server, clients, screens, size):
    room = Room(server, clients, {"Mum": "parent_carer"}, title=LONG_TITLE)
    room.chair.ok("item.add", {"column": "worries", "text": "Dad drinks"})
    url = f"{server.url}/c/{room.id}/display#t={room.conf['display_token']}"
    projector = screens.open("projector", url, viewport={"width": size[0], "height": size[1]})
    projector.locator(".item-text", has_text="Dad drinks").wait_for()
    projector.locator("#join-corner .join-code").wait_for()
    title = projector.locator("#title")
    assert title.inner_text() == LONG_TITLE
    # every character is on the screen: nothing clipped, nothing under the join panel
    clipped = title.evaluate("(el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight")
    assert not clipped, "the title is cut off"
    box, corner = title.bounding_box(), projector.locator("#join-corner").bounding_box()
    assert box and corner and box["x"] + box["width"] <= corner["x"]
    assert projector.evaluate(SMALLEST_TEXT, 24) == []
    assert projector.evaluate("document.documentElement.scrollHeight") <= size[1]
    screens.shot(projector, f"projector-long-title-{size[0]}x{size[1]}")
