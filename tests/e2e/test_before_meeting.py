"""Before the meeting, in a browser: the school nurse the chair invited opens her link on her
phone in Polish, adds a worry and sends her report with her view; the mother answers the
worry on her own phone in Polish, and the answer shows beside it on both."""

from __future__ import annotations

import requests

from conference import i18n

from ..support import Room
from .test_conference import PHONE, serious


def test_the_invited_nurse_sends_her_report_and_the_mother_answers_in_polish(server, clients, screens):
    _ = i18n.translations("pl").gettext
    room = Room(server, clients, {"Mum": "parent_carer"}, kind="initial_cp")
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
    nurse.locator("#report-view").fill("Plan ochrony pomoże rodzinie dotrzeć na wizyty.")
    nurse.get_by_role("button", name=_("Send my report")).click()
    nurse.get_by_text(_("Your report was sent. Thank you.")).wait_for()
    me = next(m for m in room.chair.snapshot()["members"] if m["member_id"] == made["invitation_id"])
    assert me["report_submitted_at"] and me["report_view"].startswith("Plan ochrony")

    mum = screens.open("mum", f"{server.url}/c/{room.id}/participate?lang=pl#t={room.tokens['Mum']}", **PHONE)
    card = mum.locator("li.item", has_text="szczepienia")
    card.get_by_role("button", name=_("Answer")).click()
    card.locator("textarea").fill("Autobus nie przyjechał, umówiłam nowy termin")
    card.get_by_role("button", name=_("Send my answer")).click()
    answer = _("{name} answered: “{text}”").format(
        name="Mum", text="Autobus nie przyjechał, umówiłam nowy termin"
    )
    mum.get_by_text(answer).wait_for()
    nurse.get_by_text(answer).wait_for()
    screens.shot(mum, "before-meeting-mum-answers-pl")
    screens.shot(nurse, "before-meeting-nurse-report-pl")
    assert serious(mum) == [] and serious(nurse) == []
    item = next(i for i in room.chair.snapshot()["items"] if "szczepienia" in i["text"])
    assert item["responses"][0]["text"] == "Autobus nie przyjechał, umówiłam nowy termin"


def test_the_chair_invites_from_the_console_and_follows_the_reports(server, clients, screens):
    room = Room(server, clients, {"Mum": "parent_carer"}, kind="initial_cp")
    chair = screens.open(
        "chair",
        f"{server.url}/c/{room.id}/facilitate#t={room.conf['facilitator_token']}",
        viewport={"width": 1440, "height": 1000},
    )
    chair.get_by_text("Nobody has been invited to send a report.").wait_for()
    chair.locator("#invite-name").fill("Ann Nurse")
    chair.locator("#invite-role").select_option("health")
    chair.locator("#invite-agency").fill("Oak Primary")
    chair.get_by_role("button", name="Invite", exact=True).click()
    link = chair.locator("#invite-url")
    link.wait_for()
    assert f"/c/{room.id}/participate#t=" in link.input_value()
    chair.get_by_text("Invited: 1 · Sent: 0 · Late: 0").wait_for()
    token = link.input_value().split("#t=")[1]
    from ..support import BoardClient

    nurse = BoardClient(server.url, token)
    clients.append(nurse)
    nurse.ok("report.submit", {"view": "A plan would help"})
    chair.get_by_text("Invited: 1 · Sent: 1 · Late: 0").wait_for()
    chair.get_by_text("Their view: A plan would help").wait_for()
    chair.locator("#reports-h").scroll_into_view_if_needed()
    chair.locator("#reports-h").locator("..").screenshot(
        path=f"{screens.folder}/before-meeting-console-reports.png"
    )
    assert serious(chair) == []
