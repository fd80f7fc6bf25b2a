"""Before the meeting, in a browser: the school nurse the chair invited opens her link on her
phone in Polish, adds a worry, keeps an address from the family and sends her report with
her view; the mother reads the report on her own phone in Polish ("from the nurse's report,
sent …"), never the address, and answers the worry; the answer shows beside it on both. The
chair's tracker follows each invitation: invited, opened, sent, and the words the family
may not follow."""

from __future__ import annotations

import re

import requests

from conference import i18n

from ..support import Room
from .test_conference import PHONE, serious

MEETING = "2030-01-15T10:00"  # the meeting is ahead: what is kept from the family may be


def test_the_invited_nurse_sends_her_report_and_the_mother_answers_in_polish(server, clients, screens):
    _ = i18n.translations("pl").gettext
    room = Room(server, clients, {"Mum": "parent_carer"}, kind="initial_cp", meeting_at=MEETING)
    made = requests.post(
        f"{server.url}/api/conferences/{room.id}/invitations",
        json={"name": "Siostra Anna", "role": "health", "agency": "Szkoła Podstawowa nr 3"},
        headers={"Authorization": f"Bearer {room.conf['facilitator_token']}"},
        timeout=5,
    ).json()
    nurse = screens.open("nurse", made["contribute_url"].replace("#", "?lang=pl#"), **PHONE)
    nurse.get_by_role("heading", name=_("Your report")).wait_for()
    nurse.locator("#new-text").fill("Jaś opuścił dwa szczepienia")
    nurse.locator("form.add button[type=submit]").click()
    nurse.locator("li.item:not(.unsent) .item-text", has_text="szczepienia").wait_for()
    # an address the family must not read: kept from them, like a closed session's words
    nurse.locator("#new-text").fill("Partner matki mieszka przy ul. Lipowej 12")
    nurse.get_by_label(
        _("Keep this from the family: only the chair and the professionals will see it")
    ).check()
    nurse.locator("form.add button[type=submit]").click()
    kept = nurse.locator("li.item:not(.unsent)", has_text="Lipowej")
    kept.get_by_text(_("Kept from the family")).wait_for()
    nurse.locator("#report-view").fill("Plan ochrony pomoże rodzinie dotrzeć na wizyty.")
    nurse.get_by_role("button", name=_("Send my report")).click()
    nurse.get_by_text(_("Your report was sent. Thank you.")).wait_for()
    me = next(m for m in room.chair.snapshot()["members"] if m["member_id"] == made["invitation_id"])
    assert me["report_submitted_at"] and me["report_view"].startswith("Plan ochrony")

    mum = screens.open("mum", f"{server.url}/c/{room.id}/participate?lang=pl#t={room.tokens['Mum']}", **PHONE)
    card = mum.locator("li.item", has_text="szczepienia")
    # the mother's pre-read: the report, attributed and dated in Polish; never the address
    line = card.locator(".report-line")
    line.wait_for()
    said = line.inner_text()
    prefix = _("From {name}'s report, sent {date}").split("{date}")[0].format(name="Siostra Anna")
    assert said.startswith(prefix) and re.fullmatch(r"\d{1,2} \w+", said[len(prefix) :]), said
    assert not re.search(
        r"January|February|March|April|May|June|July|August|September|October|November|December", said
    )
    assert mum.locator("li.item", has_text="Lipowej").count() == 0
    assert "Lipowej" not in mum.content()
    screens.shot(mum, "before-meeting-mum-pre-read-pl")
    card.get_by_role("button", name=_("Answer")).click()
    card.locator("textarea").fill("Autobus nie przyjechał, umówiłam nowy termin")
    card.get_by_role("button", name=_("Send my answer")).click()
    answer = _("{name} answered: “{text}”").format(
        name="Mum", text="Autobus nie przyjechał, umówiłam nowy termin"
    )
    mum.get_by_text(answer).wait_for()
    nurse.get_by_text(answer).wait_for()
    screens.shot(mum, "before-meeting-mum-answers-pl")
    assert "Lipowej" not in mum.content()
    screens.shot(nurse, "before-meeting-nurse-report-pl")
    assert serious(mum) == [] and serious(nurse) == []
    item = next(i for i in room.chair.snapshot()["items"] if "szczepienia" in i["text"])
    assert item["responses"][0]["text"] == "Autobus nie przyjechał, umówiłam nowy termin"


def test_the_chair_invites_from_the_console_and_follows_the_reports(server, clients, screens):
    room = Room(server, clients, {"Mum": "parent_carer"}, kind="initial_cp", meeting_at=MEETING)
    chair = screens.open(
        "chair",
        f"{server.url}/c/{room.id}/facilitate#t={room.conf['facilitator_token']}",
        viewport={"width": 1440, "height": 1000},
    )
    projector = screens.open(
        "projector",
        f"{server.url}/c/{room.id}/display#t={room.conf['display_token']}",
        viewport={"width": 1280, "height": 720},
    )
    chair.get_by_text("Nobody has been invited to send a report.").wait_for()
    chair.locator("#invite-name").fill("Ann Nurse")
    chair.locator("#invite-role").select_option("health")
    chair.locator("#invite-agency").fill("Oak Primary")
    chair.get_by_role("button", name="Invite", exact=True).click()
    link = chair.locator("#invite-url")
    link.wait_for()
    assert f"/c/{room.id}/participate#t=" in link.input_value()
    chair.get_by_text("Invited: 1 · Opened: 0 · Sent: 0 · Late: 0").wait_for()
    tracker = chair.locator("#reports")
    tracker.get_by_text("Not opened yet").wait_for()
    token = link.input_value().split("#t=")[1]
    from ..support import BoardClient

    nurse = BoardClient(server.url, token)  # she opens her link
    clients.append(nurse)
    chair.get_by_text("Invited: 1 · Opened: 1 · Sent: 0 · Late: 0").wait_for()
    tracker.get_by_text("Opened, no report yet").wait_for()
    nurse.ok("item.add", {"column": "worries", "text": "Mum shows poor engagement with CAMHS"})
    # the plain-language check of what the family will read, under her name in the tracker
    tracker.get_by_text("Words the family may not follow in this report:").wait_for()
    tracker.locator(".report-words strong", has_text="“CAMHS”").wait_for()
    nurse.ok("report.submit", {"view": "A plan would help"})
    chair.get_by_text("Invited: 1 · Opened: 1 · Sent: 1 · Late: 0").wait_for()
    chair.get_by_text("Their view: A plan would help").wait_for()
    # on the board, the console's and the projector's: from her report, with the day it came
    sent = next(m for m in room.chair.snapshot()["members"] if m["name"] == "Ann Nurse")[
        "report_submitted_at"
    ]
    day = chair.evaluate(
        "(at) => new Intl.DateTimeFormat('en-GB', {day: 'numeric', month: 'long'}).format(new Date(at))", sent
    )
    line = f"From Ann Nurse's report, sent {day}"
    chair.locator("#board li.item", has_text="CAMHS").get_by_text(line).wait_for()
    projector.locator("li.item", has_text="CAMHS").get_by_text(line).wait_for()
    chair.locator("#reports-h").scroll_into_view_if_needed()
    chair.locator("#reports-h").locator("..").screenshot(
        path=f"{screens.folder}/before-meeting-console-reports.png"
    )
    screens.shot(projector, "before-meeting-projector-report-line")
    assert serious(chair) == []


def test_the_chair_keeps_a_waiting_report_item_from_the_family(server, clients, screens):
    room = Room(server, clients, {"Mum": "parent_carer"}, kind="initial_cp", meeting_at=MEETING)
    room.chair.ok("conference.update", {"moderation": True})
    nurse = room.invite(clients, "Ann Nurse", "health")
    nurse.ok("item.add", {"column": "worries", "text": "Her sister says Lee lives at 4 Elm Close"})
    chair = screens.open(
        "chair",
        f"{server.url}/c/{room.id}/facilitate#t={room.conf['facilitator_token']}",
        viewport={"width": 1440, "height": 1000},
    )
    waiting = chair.locator("#moderation li.item", has_text="Elm Close")
    waiting.get_by_role("button", name="Keep from the family").click()
    waiting.get_by_text("Kept from the family").wait_for()
    waiting.screenshot(path=f"{screens.folder}/before-meeting-console-kept-waiting.png")
    waiting.get_by_role("button", name="Accept").click()
    chair.locator("#board li.item", has_text="Elm Close").get_by_text("Kept from the family").wait_for()
    mum = room.clients["Mum"]
    assert "Elm Close" not in repr(mum.events) + repr(mum.snapshot())
    assert serious(chair) == []


def test_the_mothers_phone_shows_nothing_of_the_nurses_report_until_she_sends_it(server, clients, screens):
    _ = i18n.translations("pl").gettext
    room = Room(server, clients, {"Mum": "parent_carer"}, kind="initial_cp", meeting_at=MEETING)
    nurse = room.invite(clients, "Siostra Anna", "health", "Przychodnia Dębowa")
    mum = screens.open("mum", f"{server.url}/c/{room.id}/participate?lang=pl#t={room.tokens['Mum']}", **PHONE)
    chair = screens.open(
        "chair",
        f"{server.url}/c/{room.id}/facilitate#t={room.conf['facilitator_token']}",
        viewport={"width": 1440, "height": 1000},
    )
    nurse.ok("item.add", {"column": "worries", "text": "Jaś opuścił dwa szczepienia"})
    nurse.ok("item.add", {"column": "worries", "text": "Siostra matki mówi, że Lee pije"})
    # the chair reads the report as it is written, marked not sent to the family yet, and
    # keeps the sister's words from the family before they are sent
    sister = chair.locator("#board li.item", has_text="Siostra matki")
    sister.get_by_text("Not sent to the family yet").wait_for()
    sister.get_by_role("button", name="Keep from the family").click()
    sister.get_by_text("Kept from the family").wait_for()
    # and adds something of their own kept from the family, with the add form's tick box
    form = chair.locator("#add-worries")
    form.locator("textarea").fill("Lee mieszka przy ul. Lipowej 12")
    form.get_by_label("Keep this from the family: only the chair and the professionals will see it").check()
    form.get_by_role("button", name="Add").click()
    chair.locator("#board li.item", has_text="Lipowej").get_by_text("Kept from the family").wait_for()
    chair.locator("#board li.item", has_text="szczepienia").scroll_into_view_if_needed()
    chair.locator("#board .column-worries").screenshot(
        path=f"{screens.folder}/before-meeting-console-held.png"
    )
    # something the family may read, so we know the mother's phone is up to date
    room.chair.ok("item.add", {"column": "worries", "text": "Spotkanie o 10:00"})
    mum.locator("li.item", has_text="Spotkanie").wait_for()
    for words in ("szczepienia", "Siostra matki", "Lipowej"):
        assert words not in mum.content()
    screens.shot(mum, "before-meeting-mum-before-report-pl")
    nurse.ok("report.submit", {"view": "Plan pomoże."})
    # sent: it arrives on her phone at once, the kept ones never
    card = mum.locator("li.item", has_text="szczepienia")
    card.locator(".report-line").wait_for()
    assert "Siostra matki" not in mum.content() and "Lipowej" not in mum.content()
    screens.shot(mum, "before-meeting-mum-after-report-pl")
    chair.locator("#board li.item", has_text="szczepienia").get_by_text(
        "Not sent to the family yet"
    ).wait_for(state="detached")
    assert serious(mum) == [] and serious(chair) == []
