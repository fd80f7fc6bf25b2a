"""The case over time, in the browser: an initial conference, a review started from the
ended board, and a second review started from the downloaded JSON minutes. Carried
statements and actions appear, their statuses are set, the trend grows a point each time,
and the third conference's minutes hold the whole history."""

from __future__ import annotations

import json

import pytest
from docx import Document

from .test_conference import serious, sign_in

pytestmark = pytest.mark.slow


def start_review(chair, title: str):
    """Name the review, start it, and wait for the carried statement on its console."""
    chair.get_by_label("Name of the meeting").fill(title)
    chair.get_by_role("button", name="Start the board").click()
    chair.wait_for_url("**/facilitate")
    carried = chair.locator("#statements li", has_text="Dad shouts at the children at night")
    carried.get_by_text("From the conference of").wait_for()
    return carried


def score_and_reveal(chair, about: str | None, score: int) -> None:
    """On the console: a round about a statement (or the whole situation), the chair's own
    score, then the reveal."""
    if about:
        chair.locator("#round-about").select_option(label=about)
    chair.get_by_role("button", name="Start scoring").click()
    chair.get_by_label("Your own score (optional)").select_option(str(score))
    chair.get_by_text("1 of 1 have scored").wait_for()
    chair.get_by_role("button", name="Reveal the scores").click()
    chair.locator("#scaling .round caption").first.wait_for()


def end_and_download_json(chair, tmp_path, name: str) -> dict:
    chair.get_by_role("button", name="End the conference").click()
    chair.get_by_text("This conference has ended").wait_for()
    with chair.expect_download() as download:
        chair.get_by_role("button", name="Full record as JSON (for the case system)").click()
    path = tmp_path / f"{name}.json"
    download.value.save_as(path)
    return json.loads(path.read_text())


def test_three_conferences_initial_review_and_review_from_the_minutes(server, screens, tmp_path):
    mine = sign_in(screens, server)

    # 1. the initial conference, started with its children
    mine.get_by_label("Name of the meeting").fill("Initial conference for Jayden and Mia")
    mine.get_by_label("Kind of meeting").select_option("initial_cp")
    mine.get_by_label("Child 1: first name").fill("Jayden")
    mine.locator("#child-age-1").fill("6")
    mine.get_by_role("button", name="Add another child").click()
    mine.get_by_label("Child 2: first name").fill("Mia")
    mine.locator("#child-age-2").fill("2")
    screens.shot(mine, "mine-start-with-children")
    assert serious(mine) == []
    mine.get_by_role("button", name="Start the board").click()
    mine.wait_for_url("**/facilitate")
    chair = mine
    chair.get_by_text("Children: Jayden, 6; Mia, 2").wait_for()
    # the statement, its goal, two actions and the child's words, typed on the console
    chair.get_by_label("Who is worried?").fill("The school")
    chair.get_by_label("What are they worried about?").fill("Dad shouts at the children at night")
    chair.get_by_role("button", name="Add danger statement").click()
    chair.get_by_label("What the family will be doing when the children are safe").fill("Dad stays calm")
    chair.get_by_role("button", name="Add safety goal").click()
    chair.locator("#statements .goal-text", has_text="Dad stays calm").wait_for()
    for text in ("Mum goes to the parenting course", "Sam visits every week"):
        chair.locator("#add-next_steps-text").fill(text)
        chair.locator("#add-next_steps-category").select_option("actions")
        chair.locator("#add-next_steps").get_by_role("button", name="Add").click()
        chair.locator("#board .item-text", has_text=text).wait_for()
    chair.locator("#add-worries-text").fill("I hide under my bed")
    chair.locator("#add-worries-child").check()
    chair.locator("#add-worries-which").select_option(label="Jayden")
    chair.locator("#add-worries-how").select_option("three_houses_worries")
    chair.locator("#add-worries").get_by_role("button", name="Add").click()
    chair.get_by_text("In Jayden's own words (6) — Three Houses, House of Worries").wait_for()
    score_and_reveal(
        chair, "Danger statement: The school is worried that Dad shouts at the children at night.", 3
    )
    first = end_and_download_json(chair, tmp_path, "initial")
    assert first["children_words"][0]["credit"] == "Jayden, 6 — Three Houses, House of Worries"

    # 2. the review, started from the ended board on My conferences
    chair.goto(server.url + "/mine")
    chair.get_by_role("heading", name="Children: Jayden, Mia").wait_for()
    chair.get_by_role("button", name="Start the review").first.click()
    chair.get_by_text("This board starts from").wait_for()
    carried = start_review(chair, "First review for Jayden and Mia")
    chair.get_by_text("Children: Jayden, 6; Mia, 2").wait_for()
    carried.get_by_label("Since last time, this is").select_option("changed")
    carried.get_by_label("Why (the room's words)").fill("Fewer incidents, still some shouting")
    course = chair.locator("li.item", has_text="Mum goes to the parenting course")
    course.get_by_label("Since last time").select_option("done")
    course.get_by_label("Note").fill("Finished in January")
    # the board changes before the chair saves (here from a second tab of the chair's, as a
    # phone's item would): the lists are drawn again, and what the chair chose and typed stays
    other = chair.context.new_page()
    other.goto(chair.url)
    other.locator("#add-working_well-text").fill("Grandma takes them to school every morning")
    other.locator("#add-working_well").get_by_role("button", name="Add").click()
    chair.locator("#board .item-text", has_text="Grandma takes them to school").wait_for()
    other.close()
    assert carried.get_by_label("Since last time, this is").input_value() == "changed"
    assert (
        carried.get_by_label("Why (the room's words)").input_value() == "Fewer incidents, still some shouting"
    )
    assert course.get_by_label("Since last time").input_value() == "done"
    assert course.get_by_label("Note").input_value() == "Finished in January"
    carried.get_by_role("button", name="Save").click()
    carried.get_by_text("Since last time: Changed").wait_for()
    course.get_by_role("button", name="Save").click()
    visits = chair.locator("li.item", has_text="Sam visits every week")
    visits.get_by_label("Since last time").select_option("partly")
    visits.get_by_role("button", name="Save").click()
    chair.wait_for_function(
        "() => window.boardClient.board.items.filter((i) => i.carried && i.carried.status).length === 2"
    )
    score_and_reveal(
        chair, "Danger statement: The school is worried that Dad shouts at the children at night.", 6
    )
    carried.locator("svg.trend circle").nth(1).wait_for()
    assert carried.locator("svg.trend circle").count() == 2
    screens.shot(chair, "console-review-carried")
    assert serious(chair) == []
    second = end_and_download_json(chair, tmp_path, "review-1")
    assert second["since_last"]["statements"][0]["status"] == "changed"
    assert [a["status"] for a in second["since_last"]["actions"]] == ["done", "partly"]

    # 3. the second review, from the downloaded minutes
    chair.goto(server.url + "/mine")
    chair.get_by_label("The last conference's JSON minutes").set_input_files(str(tmp_path / "review-1.json"))
    chair.get_by_text("This board starts from the Review child protection conference").wait_for()
    carried = start_review(chair, "Second review for Jayden and Mia")
    # done last time: stays behind; partly done: comes again
    chair.locator("li.item", has_text="Sam visits every week").wait_for()
    assert chair.locator("li.item", has_text="Mum goes to the parenting course").count() == 0
    score_and_reveal(
        chair, "Danger statement: The school is worried that Dad shouts at the children at night.", 8
    )
    carried.locator("svg.trend circle").nth(2).wait_for()
    assert carried.locator("svg.trend circle").count() == 3  # initial → review 1 → review 2
    label = carried.locator("svg.trend").get_attribute("aria-label")
    assert label.count(": 3") == 1 and ": 6" in label and ": 8" in label

    # the projector shows the statement with where it came from and its trend
    projector_url = chair.get_by_role("link", name="Open the projector view").get_attribute("href")
    projector = screens.open("projector", projector_url, viewport={"width": 1920, "height": 1080})
    projector.locator(".since svg.trend circle").nth(2).wait_for()
    screens.shot(projector, "projector-review-trend")
    assert serious(projector) == []
    third = end_and_download_json(chair, tmp_path, "review-2")
    screens.shot(chair, "console-second-review-ended")

    # the third minutes hold the whole history
    assert len(third["trends"]["conferences"]) == 3
    assert [p["middle"] for p in third["trends"]["statements"][0]["points"]] == [3, 6, 8]
    with chair.expect_download() as download:
        chair.get_by_role("button", name="Full record as Word").click()
    docx = tmp_path / "review-2.docx"
    download.value.save_as(docx)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in Document(str(docx)).tables]
    trend = next(t for t in tables if t[0][0] == "Middle score")
    row = next(r for r in trend if "Dad shouts at the children at night" in r[0])
    assert row[1:] == ["3", "6", "8"]
