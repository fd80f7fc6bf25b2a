"""A whole small conference in a real browser: the chair's console, two phones and the projector."""

from __future__ import annotations

import os
import re

import requests
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from conference import i18n

from ..support import FACILITATOR

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "has_touch": True}
SCRIPT_TEXT = "Mum said <script>window.__pwned = 1</script><img src=x onerror=window.__pwned=2>"


class Screens:
    """Pages with their JS errors and dialogs recorded, so a broken screen fails the test."""

    def __init__(self, browser, folder):
        self.browser, self.folder = browser, folder
        self.errors: list[str] = []
        self.contexts = []

    def open(self, name: str, url: str, init_script: str | None = None, **ctx):
        context = self.browser.new_context(**ctx)
        self.contexts.append(context)
        if init_script:  # runs in every page before its own scripts (e.g. a fake speech engine)
            context.add_init_script(init_script)
        page = context.new_page()
        page.on("pageerror", lambda e: self.errors.append(f"{name}: {e}"))
        page.on(
            "dialog",
            lambda d: (
                d.accept()
                if d.type == "confirm"
                else (self.errors.append(f"{name}: dialog {d.message}"), d.dismiss())
            ),
        )
        page.goto(url)
        return page

    def shot(self, page, name: str) -> None:
        page.screenshot(path=os.path.join(self.folder, f"{name}.png"), full_page=True)

    def close(self):
        for c in self.contexts:
            c.close()


def sign_in(screens, server, viewport=None):
    """The chair signs in and lands on My conferences."""
    page = screens.open("chair", server.url + "/login", viewport=viewport or {"width": 1400, "height": 1000})
    page.get_by_label("Username").fill(FACILITATOR[0])
    page.get_by_label("Password").fill(FACILITATOR[1])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/mine")
    return page


def serious(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {[(n['target'], n.get('failureSummary', '')[:200]) for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


SMALLEST_TEXT = """(min) => [...document.querySelectorAll('body *')]
  .filter((el) => !el.closest('svg') && el.offsetParent !== null && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
  .map((el) => [el.tagName + '.' + el.className, parseFloat(getComputedStyle(el).fontSize)])
  .filter(([, size]) => size < min)"""

SMALL_TARGETS = """() => [...document.querySelectorAll('button, a, select, input, textarea')]
  .filter((el) => el.offsetParent !== null)
  .map((el) => [el.textContent.trim().slice(0, 20) || el.id, el.getBoundingClientRect()])
  .filter(([, r]) => r.height < 44 || r.width < 44)
  .map(([name, r]) => [name, Math.round(r.width), Math.round(r.height)])"""


def board_of(page) -> dict:
    return page.evaluate("() => window.boardClient && window.boardClient.board")


def wait_for_text(page, text: str, timeout: float = 10000) -> None:
    page.get_by_text(text, exact=False).first.wait_for(timeout=timeout)


def test_a_whole_small_conference(server, screens):
    # the chair signs in from the start page, starts a board and lands on the console
    chair = screens.open("chair", server.url + "/", viewport={"width": 1440, "height": 1000})
    chair.get_by_role("link", name="Sign in to start a board or find yours").click()
    chair.wait_for_url("**/login")
    chair.get_by_label("Username").fill(FACILITATOR[0])
    chair.get_by_label("Password").fill("not the password")
    chair.get_by_role("button", name="Sign in").click()
    chair.get_by_text("That username and password don't match").wait_for()
    chair.get_by_label("Password").fill(FACILITATOR[1])
    chair.get_by_role("button", name="Sign in").click()
    chair.wait_for_url("**/mine")
    screens.shot(chair, "my-conferences")
    cookie = next(c for c in chair.context.cookies() if c["name"] == "cb_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    chair.get_by_label("Name of the meeting").fill("Review conference for the Wójcik children")
    chair.get_by_label("Kind of meeting").select_option("review_cp")
    chair.get_by_label("Your name (as chair)").fill("Ioana Șerban")
    chair.get_by_role("button", name="Start the board").click()
    chair.wait_for_url("**/facilitate")
    assert "#t=" not in chair.url  # the token left the address bar
    code = chair.locator(".join-code").inner_text().replace(" ", "")
    assert re.fullmatch(r"[2-9A-Z]{8}", code)

    # the projector opens from the console's link
    projector_url = chair.get_by_role("link", name="Open the projector view").get_attribute("href")
    projector = screens.open("projector", projector_url, viewport={"width": 1920, "height": 1080})
    projector.locator(".join-large .join-code").wait_for()
    screens.shot(projector, "projector-joining")

    # two phones join by the /j/<code> link and wait in the lobby
    phones = {}
    for name, role in (("Олена", "parent_carer"), ("Łucja Wójcik", "social_worker")):
        phone = screens.open(name, f"{server.url}/j/{code}", **PHONE)
        phone.get_by_label("Your name").fill(name)
        phone.get_by_label("How are you here?").select_option(role)
        phone.get_by_role("button", name="Join").click()
        phone.wait_for_url(re.compile(r"/participate\?lang=en-GB$"))
        wait_for_text(phone, "The chair will let you in shortly")
        phones[name] = phone
    mum, worker = phones["Олена"], phones["Łucja Wójcik"]
    # the waiting screen says who you joined as, and nothing of the meeting before you are in
    wait_for_text(mum, "You joined as Олена, parent or carer.")
    assert "Wójcik children" not in mum.locator("body").inner_text()
    screens.shot(mum, "phone-waiting")
    # the chair sees that both waiting phones are connected, not "Not connected"
    for name in phones:
        row = chair.locator("#lobby li.person", has_text=name)
        row.locator(".dot.on[title='Connected']").wait_for()
    screens.shot(chair, "console-lobby")
    for name in phones:
        chair.get_by_role("button", name=f"Let {name} in").click()
    for phone in phones.values():
        phone.get_by_role("tab", name=re.compile("What are we worried about")).wait_for()
    screens.shot(chair, "console-admitted")

    # an item from a phone appears on the projector, as text
    mum.get_by_label('Add to "What are we worried about?"').fill(SCRIPT_TEXT)
    mum.get_by_role("button", name="Past harm").click()
    mum.get_by_role("button", name="Add", exact=True).click()
    for page in (projector, chair, mum, worker):
        page.locator(".item-text", has_text="window.__pwned = 1").first.wait_for()
        assert page.evaluate("() => window.__pwned") is None
        assert page.locator(".item-text script, .item-text img").count() == 0
    worker.get_by_role("tab", name=re.compile("What's working well")).click()
    worker.get_by_label('Add to "What\'s working well?"').fill("Gran walks the children to school every day")
    worker.get_by_role("button", name="Add", exact=True).click()
    projector.locator(".item-text", has_text="Gran walks the children to school every day").wait_for()
    screens.shot(mum, "phone-board")
    screens.shot(projector, "projector-board")

    # the chair writes a danger statement; it reads as one sentence on the projector
    chair.get_by_label("Who is worried?").fill("The school and Łucja")
    chair.get_by_label("What are they worried about?").fill(
        "Dad shouts and throws things when he has been drinking"
    )
    chair.get_by_label("What could happen to the child").fill(
        "Jo could be hurt or too frightened to come home"
    )
    assert "The school and Łucja are worried that Dad shouts" in chair.locator("#danger-preview").inner_text()
    chair.get_by_role("button", name="Add danger statement").click()
    projector.locator(".danger-text", has_text="are worried that Dad shouts and throws things").wait_for()

    # a round is scored on both phones; nothing shows on the projector until the reveal
    chair.get_by_role("button", name="Start scoring").click()
    for phone, score, reason in (
        (mum, "7", "Things are calmer at home now"),
        (worker, "3", "Still two incidents this month"),
    ):
        phone.get_by_role("heading", name="Where are we, 0 to 10?").wait_for()
        phone.get_by_label("Why this number?").fill(reason)
        # a ladder, 10 at the top: choose a rung, then send the number and the reason together
        rungs = phone.locator(".ladder .rung-number").all_inner_texts()
        assert rungs == [str(n) for n in range(10, -1, -1)]
        phone.get_by_role("radio", name=score, exact=True).click()
        phone.get_by_role("button", name="Send my score").click()
        phone.get_by_text(f"Your score: {score} — sent").wait_for()
    screens.shot(mum, "phone-scoring")
    projector.get_by_text("2 of 3 have scored").wait_for()  # the projector switched to scoring by itself
    chair.get_by_text("2 of 3 have scored").wait_for()
    for page in (projector, chair):
        text = page.locator("body").inner_text()
        assert "Things are calmer" not in text and "Still two incidents" not in text
        assert page.locator(".scaling svg circle, .round svg circle").count() == 0
    assert "Still two incidents" not in mum.locator("body").inner_text()
    screens.shot(projector, "projector-scoring")
    chair.get_by_role("button", name="Reveal the scores").first.click()
    projector.locator(".scaling svg circle").nth(1).wait_for()
    assert projector.locator(".scaling svg circle").count() == 2
    assert "middle: 5" in projector.locator(".scaling svg").inner_html()
    projector.get_by_text("The middle score was 5: halfway.").wait_for()
    # the chart's numbers, drawn in the chart's own units, are at least 24 px on the screen
    from .test_room_follows import SMALLEST_CHART_TEXT

    assert projector.evaluate(SMALLEST_CHART_TEXT) >= 24
    chair.get_by_role("cell", name="Still two incidents this month").wait_for()
    screens.shot(projector, "projector-revealed")
    screens.shot(chair, "console-revealed")
    # one click on the console brings the whole board back to the projector
    chair.get_by_role("button", name="Projector: show the board").click()
    projector.locator(".columns").wait_for()

    # a phone goes offline, adds two items, comes back: they arrive exactly once
    mum.get_by_role("tab", name=re.compile("What needs to happen")).click()
    mum.context.set_offline(True)
    mum.get_by_text("Offline").first.wait_for()
    for text in ("Offline item one", "Offline item two"):
        mum.get_by_label('Add to "What needs to happen?"').fill(text)
        mum.get_by_role("button", name="Add", exact=True).click()
    mum.get_by_text("2 changes not sent yet").first.wait_for()
    screens.shot(mum, "phone-offline")
    assert "Offline item one" not in projector.locator("body").inner_text()
    mum.context.set_offline(False)
    projector.locator(".item-text", has_text="Offline item two").wait_for(timeout=15000)
    mum.get_by_text("Connected").first.wait_for()
    chair_items = [i["text"] for i in board_of(chair)["items"]]
    assert chair_items.count("Offline item one") == 1 and chair_items.count("Offline item two") == 1
    assert projector.locator(".item-text", has_text="Offline item one").count() == 1

    # a closed session: the family's phone and the projector show nothing of it
    chair.get_by_role("button", name="Start closed session").click()
    mum.get_by_text("The professionals are talking privately").wait_for()
    projector.get_by_text("The professionals are talking privately").wait_for()
    worker.get_by_role("tab", name=re.compile("What are we worried about")).click()
    worker.get_by_label('Add to "What are we worried about?"').fill("PRIVATE police intelligence")
    worker.get_by_role("button", name="Add", exact=True).click()
    chair.locator(".item-text", has_text="PRIVATE police intelligence").wait_for()
    chair.get_by_text("Closed session: the family and the projector see nothing").wait_for()
    screens.shot(chair, "console-closed-session")
    screens.shot(mum, "phone-closed-session")
    chair.get_by_role("button", name="End closed session").click()
    mum.get_by_role("tab", name=re.compile("What are we worried about")).wait_for()
    for page in (mum, projector):
        assert "PRIVATE" not in page.locator("body").inner_text()

    # read from six metres: nothing on the projector under 24 px; a phone's text at least
    # 16 px and every control at least 44 px, one-handed
    assert projector.evaluate(SMALLEST_TEXT, 24) == []
    assert mum.evaluate(SMALLEST_TEXT, 16) == []
    assert mum.evaluate(SMALL_TARGETS) == []

    # every screen's own fold of the events equals the board the server would send it now
    from ..support import BoardClient

    conference_id = chair.url.split("/c/")[1].split("/")[0]
    for page in (chair, mum, worker, projector):
        token = page.evaluate(
            f"() => localStorage.getItem('cb:token:' + location.pathname.split('/').pop() + ':{conference_id}')"
        )
        direct = BoardClient(server.url, token)
        try:
            expected = direct.snapshot()
            page.wait_for_function(f"() => window.boardClient.board.seq === {expected['seq']}")
            assert board_of(page) == expected
        finally:
            direct.close()

    # no serious or critical accessibility problems on any screen
    problems = {
        name: serious(page) for name, page in (("console", chair), ("phone", mum), ("projector", projector))
    }
    assert problems == {"console": [], "phone": [], "projector": []}
    # nothing scrolls sideways on a phone
    assert mum.evaluate("document.documentElement.scrollWidth") <= 390
    assert screens.errors == []


def start_board(server, screens, title="Core group for the Adeyemi family"):
    made = server.create(title=title, kind="core_group", chair_name="Sam Chair")
    chair = screens.open("chair", made["facilitator_url"], viewport={"width": 1440, "height": 1000})
    chair.locator(".join-code").wait_for()
    # a console opened from the link alone can make its own projector link
    chair.get_by_role("button", name="Make a projector link").click()
    display_url = chair.get_by_role("link", name="Open the projector view").get_attribute("href")
    assert display_url != made["display_url"]
    projector = screens.open("projector", display_url, viewport={"width": 1920, "height": 1080})
    projector.locator(".join-code").first.wait_for()
    return made, chair, projector


def join_phone(server, screens, code, name, role, chair):
    phone = screens.open(name, f"{server.url}/j/{code}", **PHONE)
    phone.get_by_label("Your name").fill(name)
    phone.get_by_label("How are you here?").select_option(role)
    phone.get_by_role("button", name="Join").click()
    phone.wait_for_url(re.compile(r"/participate\?lang=en-GB$"))
    chair.get_by_role("button", name=f"Let {name} in").click()
    phone.get_by_role("tab", name=re.compile("What are we worried about")).wait_for()
    return phone


def test_the_chair_moderates_moves_and_closes_from_the_console(server, screens):
    made, chair, projector = start_board(server, screens)
    dad = join_phone(server, screens, made["join_code"], "Dad", "parent_carer", chair)

    # moderation: the chair checks the item, edits it, then everyone sees it
    chair.get_by_label("I check items before everyone sees them").check()
    dad.get_by_label('Add to "What are we worried about?"').fill("I shout sometims")
    dad.get_by_role("button", name="Add", exact=True).click()
    dad.get_by_text("Waiting for the chair").wait_for()
    queue = chair.locator("#moderation")
    queue.get_by_text("I shout sometims").wait_for()
    assert projector.locator(".item-text", has_text="I shout").count() == 0
    # hard to miss: counted in the panel's heading, and said near the top of the console
    # without scrolling, with a button to the panel
    assert chair.get_by_role("heading", name="Waiting for you to check 1").is_visible()
    waiting = chair.locator("#moderation-alert")
    assert waiting.inner_text().startswith("1 item is waiting for you to check")
    box = waiting.bounding_box()
    assert box and box["y"] + box["height"] <= 300, box
    screens.shot(chair, "console-moderation")
    chair.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    waiting.get_by_role("button", name="Check them").click()
    chair.wait_for_function(
        "() => { const r = document.querySelector('#moderation-h').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }"
    )
    assert chair.evaluate("() => document.activeElement.textContent") == "Accept"
    queue.get_by_role("button", name="Edit first").click()
    queue.get_by_label("Change the words").fill("I shout sometimes when I am tired")
    queue.get_by_role("button", name="Save").click()
    queue.get_by_text("I shout sometimes when I am tired").wait_for()
    queue.get_by_role("button", name="Accept").click()
    projector.locator(".item-text", has_text="I shout sometimes when I am tired").wait_for()
    # nothing left to check: no count, no line
    waiting.wait_for(state="hidden")
    assert chair.locator("#moderation-count").is_hidden()
    chair.get_by_label("I check items before everyone sees them").uncheck()

    # keyboard moves: add two more, then bring the last one to the top with ↑
    for text in ("Second worry", "Third worry"):
        chair.locator("#add-worries-text").fill(text)
        chair.locator("#add-worries-text").press("Tab")
        chair.locator("#add-worries").get_by_role("button", name="Add").click()
        projector.locator(".item-text", has_text=text).wait_for()
    order = "() => [...document.querySelectorAll('.column-worries .item-text')].map(e => e.textContent)"
    for place in (1, 0):
        # Alt+↑ on the focused card moves it up one; focus stays on it through the redraw
        chair.locator("li.item", has_text="Third worry").focus()
        chair.keyboard.press("Alt+ArrowUp")
        projector.wait_for_function(f"() => ({order})().indexOf('Third worry') === {place}")
        # as a chair would: the card has moved on the console too before the next press
        chair.wait_for_function(
            "(place) => [...document.querySelectorAll('#board .column-worries .item-text')]"
            ".map(e => e.textContent).indexOf('Third worry') === place",
            arg=place,
        )
    chair.wait_for_function("() => document.activeElement.textContent.includes('Third worry')")
    # and to another column from the card's "…" menu
    chair.get_by_label("More for: Second worry").click()
    chair.get_by_label("Move to another heading: Second worry").select_option(
        "working_well|existing_strengths"
    )
    projector.locator(".column-working_well .item-text", has_text="Second worry").wait_for()

    # the child's own words are marked on the projector
    chair.get_by_label("More for: Third worry").click()
    chair.get_by_role("button", name="Child's words").first.click()
    projector.get_by_text("In the child's own words").wait_for()

    # focus a section on the projector
    chair.get_by_label("Show on the projector").select_option("worries")
    projector.locator(".column-worries.focused").wait_for()
    screens.shot(projector, "projector-focused")
    chair.get_by_label("Show on the projector").select_option("")

    # lock: the phone can no longer add
    chair.get_by_role("button", name="Lock the board").click()
    dad.get_by_text("The chair has paused adding for now.").wait_for()
    chair.get_by_role("button", name="Unlock the board").click()
    dad.get_by_label('Add to "What are we worried about?"').wait_for()

    # people without a phone, and an apology
    # (in "Who is here": "Reports before the meeting" has a Name and a Role of its own)
    here = chair.get_by_role("region", name="Who is here")
    here.get_by_label("Name", exact=True).fill("Dr Okafor")
    here.get_by_label("Role").select_option("health")
    here.get_by_label("Here in the room (untick for an apology)").uncheck()
    here.get_by_role("button", name="Add person").click()
    chair.locator("#people").get_by_text("apologies").wait_for()

    # plain-language hints under the statement builder, never a block
    chair.get_by_label("Who is worried?").fill("The IRO")
    chair.get_by_label("What are they worried about?").fill("there is neglect at home")
    chair.locator("#danger-hints").get_by_text("“neglect”").wait_for()
    chair.locator("#danger-hints").get_by_text("“IRO”").wait_for()
    screens.shot(chair, "console-plain-language")
    chair.get_by_role("button", name="Add danger statement").click()
    # the solid statement (the dashed draft of it may still be there for a moment)
    projector.locator(".danger-text", has_text="there is neglect at home").first.wait_for()

    # the decision is recorded: a core group decides in words (no child protection outcome)
    assert not chair.get_by_label("Outcome").is_visible()
    chair.get_by_label("What was decided").fill("Keep the plan as it is; Dad starts the course.")
    chair.get_by_label("Next meeting").fill("2027-02-26")
    chair.get_by_role("button", name="Save the decision").click()
    chair.wait_for_function(
        "() => window.boardClient.board.conference.decision && window.boardClient.board.conference.decision.next_meeting === '2027-02-26'"
    )
    decision = board_of(chair)["conference"]["decision"]
    assert decision["text"].startswith("Keep the plan") and decision["outcome"] is None

    # a scoring screen on the phone passes the accessibility check too
    chair.get_by_role("button", name="Start scoring").click()
    dad.get_by_role("heading", name="Where are we, 0 to 10?").wait_for()
    assert serious(dad) == []
    chair.get_by_role("button", name="Close scoring").click()
    dad.get_by_role("tab", name=re.compile("What are we worried about")).wait_for()

    # the minutes download from the console, both copies
    # before the family copy goes out, the chair sees the words that may lose the family
    chair.get_by_role("button", name="Family copy as Word").click()
    check = chair.get_by_role("region", name=re.compile("may lose the family"))
    check.wait_for()
    assert "Try:" in check.inner_text()
    screens.shot(chair, "console-family-copy-check")
    assert serious(chair) == []
    chair.get_by_role("button", name="Fix first").click()
    assert not check.is_visible()
    for label, suffix in (("Family copy as Word", "-family.docx"), ("Full record as PDF", ".pdf")):
        with chair.expect_download() as download:
            chair.get_by_role("button", name=label).click()
            if label.startswith("Family"):
                chair.get_by_role("button", name="Export anyway").click()
        assert download.value.suggested_filename.endswith(f"-core-group-meeting{suffix}")
        path = os.path.join(screens.folder, f"console-download{suffix}")
        download.value.save_as(path)
        assert os.path.getsize(path) > 5000
    # exported anyway once, the same words are not asked about again for its other formats
    with chair.expect_download() as download:
        chair.get_by_role("button", name="Family copy as PDF").click()
    assert download.value.suggested_filename.endswith("-core-group-meeting-family.pdf")
    assert not check.is_visible()

    # the owner sees the access record under My conferences
    mine = screens.open("mine", server.url + "/mine", viewport={"width": 1000, "height": 900})
    mine.wait_for_url("**/login")
    mine.get_by_label("Username").fill(FACILITATOR[0])
    mine.get_by_label("Password").fill(FACILITATOR[1])
    mine.get_by_role("button", name="Sign in").click()
    mine.wait_for_url("**/mine")
    mine.get_by_text("Who joined, was let in or removed, and who exported").first.click()
    mine.get_by_role("cell", name="exported the minutes (family copy, word)").first.wait_for()
    screens.shot(mine, "my-conferences-audit")
    # the minutes from My conferences: PDF and Word, and the family copy in the language
    # Babcia chose on her phone as well as in English
    requests.post(
        server.url + "/api/join",
        json={"join_code": made["join_code"], "name": "Babcia", "role": "family_network", "language": "pl"},
        timeout=5,
    ).raise_for_status()
    mine.reload()
    board = mine.locator("#list li.card", has_text="Core group for the Adeyemi family").first
    for name, query in (
        ("Full record (PDF)", "minutes.pdf?copy=full"),
        ("Full record (Word)", "minutes.docx?copy=full"),
        ("Family copy (PDF)", "minutes.pdf?copy=family"),
        ("Family copy (Word)", "minutes.docx?copy=family"),
        ("Family copy in Polski (PDF)", "minutes.pdf?copy=family&lang=pl"),
        ("Family copy in Polski (Word)", "minutes.docx?copy=family&lang=pl"),
    ):
        link = board.get_by_role("link", name=name, exact=True)
        assert link.get_attribute("href").endswith(query), (name, link.get_attribute("href"))
    with mine.expect_download() as download:
        board.get_by_role("link", name="Family copy in Polski (PDF)", exact=True).click()
    assert download.value.suggested_filename.endswith("-family-pl.pdf")
    path = os.path.join(screens.folder, "mine-family-pl.pdf")
    download.value.save_as(path)
    said = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    assert i18n.translations("pl").gettext("The plan") in said
    board.scroll_into_view_if_needed()
    screens.shot(mine, "my-conferences-downloads")

    # the chair removes Dad, whose phone says so, then ends the conference
    chair.locator("#people").get_by_role("button", name="Remove Dad").click()
    dad.locator(".big", has_text="The chair has removed you").wait_for()
    chair.get_by_role("button", name="End the conference").click()
    chair.get_by_text("This conference has ended").wait_for()
    assert chair.get_by_role("button", name="Start closed session").is_disabled()
    assert serious(chair) == [] and serious(projector) == []
    assert screens.errors == []
