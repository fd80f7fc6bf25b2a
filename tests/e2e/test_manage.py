"""The managers' page in a real browser: a manager (a password account made a manager with
the CLI) finds it from My conferences, reads a conference's access record and moves it to
another chair; a plain chair has no link to it and is told it isn't theirs."""

from __future__ import annotations

import uuid

import requests

from conference import i18n

from ..support import FACILITATOR, BoardClient
from .test_conference import serious, sign_in

SECRET = "Cousin Evangeline keeps the spare key 9021"


def test_a_manager_reads_an_access_record_and_moves_a_conference(server, screens, clients):
    suffix = uuid.uuid4().hex[:6]
    lead, new_chair = f"lead-{suffix}", f"newchair-{suffix}"
    server.add_facilitator(lead, "the lead's long password", manager=True)
    server.add_facilitator(new_chair, "the new chair's long password")
    title = f"Review conference {suffix}"
    made = server.create(title=title, kind="review_cp")
    chair = BoardClient(server.url, made["facilitator_token"])
    clients.append(chair)
    chair.ok("item.add", {"column": "worries", "text": SECRET})
    server.join(made["join_code"], "Auntie Rose", "parent_carer")
    exported = requests.get(
        f"{server.url}/api/conferences/{made['conference_id']}/minutes.pdf?copy=family&large=1&lang=pl",
        headers={"Authorization": f"Bearer {made['facilitator_token']}"},
        timeout=30,
    )
    assert exported.status_code == 200

    page = screens.open("manager", server.url + "/login", viewport={"width": 1400, "height": 1000})
    page.get_by_label("Username").fill(lead)
    page.get_by_label("Password").fill("the lead's long password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/mine")
    page.get_by_role("link", name="Every conference: details and access records (for managers)").click()
    page.wait_for_url("**/manage")
    assert page.get_by_role("heading", name="Every conference", level=1).is_visible()
    row = page.get_by_role("row").filter(has_text=title)
    row.wait_for()
    assert FACILITATOR[0] in row.inner_text() and "Review child protection conference" in row.inner_text()

    # the access record: who joined, and this look at it
    row.get_by_role("button", name=f"Who opened “{title}”").click()
    record = page.locator("#record")
    record.get_by_text("manager: viewed the access record").wait_for()
    assert "Auntie Rose" in record.inner_text() and "joined by code" in record.inner_text()
    # what the record keeps as keys is said in words: her role, where she stands, the copy
    said = record.inner_text()
    assert "Role: Parent or carer · Status: Waiting to join" in said
    assert "Which copy: Family copy · Format: PDF, large print · Language: Polski" in said
    assert "parent_carer" not in said and "docx" not in said and "pdf" not in said
    screens.shot(page, "manage-access-record")

    # the move
    row.get_by_role("button", name=f"Move “{title}” to another chair").click()
    page.get_by_label("Username of the new chair").fill("nobody-at-all")
    page.get_by_role("button", name="Move the conference").click()
    page.get_by_text("There is no facilitator called nobody-at-all.").wait_for()
    page.get_by_label("Username of the new chair").fill(new_chair)
    page.get_by_role("button", name="Move the conference").click()
    page.get_by_text(f"“{title}” is now chaired by {new_chair}.").wait_for()
    page.get_by_role("row").filter(has_text=title).filter(has_text=new_chair).wait_for()
    assert SECRET not in page.content()
    assert serious(page) == []
    screens.shot(page, "manage")

    # in Polish, the same record says her role in Polish
    page.goto(server.url + "/manage?lang=pl")
    polish = page.get_by_role("row").filter(has_text=title)
    polish.get_by_role("button").first.click()
    page.locator("#record").get_by_text("Auntie Rose").wait_for()
    role = next(r["label"] for r in i18n.vocabulary("pl")["roles"] if r["key"] == "parent_carer")
    assert role in page.locator("#record").inner_text()
    # and what happened in Polish too: each phrase the code wrote, in the page's language
    whats = page.locator("#record tbody tr td:nth-child(3)").all_inner_texts()
    assert "dołączono kodem" in whats and "kierownik: wyświetlono rejestr dostępu" in whats, whats
    assert "joined by code" not in whats and "manager: viewed the access record" not in whats, whats
    screens.shot(page, "manage-access-record-pl")

    owned = server.session().get(server.url + "/api/conferences", timeout=5).json()["conferences"]
    assert made["conference_id"] not in [c["id"] for c in owned]

    # a plain chair: no link on My conferences, and a plain refusal at /manage
    plain = sign_in(screens, server)
    plain.get_by_role("heading", name="Boards you started").wait_for()
    assert plain.locator("#manage-link").is_hidden()
    plain.goto(server.url + "/manage")
    plain.get_by_text("Only a manager can see this.").wait_for()
    assert plain.locator("table").count() == 0


def test_the_chairs_access_record_says_what_happened_in_the_pages_language(server, screens):
    """The chair's own record under My conferences, in Welsh: who joined and what the chair
    did are said in Welsh; names stay as people gave them."""
    suffix = uuid.uuid4().hex[:6]
    title = f"Cynhadledd {suffix}"
    made = server.create(title=title)
    server.join(made["join_code"], "Nain Gwen", "family_network")
    requests.get(
        f"{server.url}/api/conferences/{made['conference_id']}/minutes.pdf?copy=full",
        headers={"Authorization": f"Bearer {made['facilitator_token']}"},
        timeout=30,
    ).raise_for_status()
    page = sign_in(screens, server, viewport={"width": 1000, "height": 900})
    page.goto(server.url + "/mine?lang=cy")
    card = page.locator("#list li.card", has_text=title)
    card.get_by_text("Pwy ymunodd, a gafodd ei adael i mewn neu ei dynnu, a phwy allforiodd").click()
    card.get_by_role("cell", name="Nain Gwen").wait_for()
    said = card.locator(".audit").inner_text()
    assert "wedi ymuno drwy god" in said and "wedi allforio’r cofnodion" in said, said
    assert "joined by code" not in said and "exported the minutes" not in said, said
    assert "y cadeirydd (gyda dolen y cadeirydd)" in said and "chair's link" not in said, said
    card.scroll_into_view_if_needed()
    screens.shot(page, "my-conferences-audit-cy")
    assert serious(page) == []
