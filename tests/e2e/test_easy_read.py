"""The family's phone for a parent who reads little: "Read this screen aloud" in the phone's
own voice (a fake speech engine records what would be said, and in which language), and
the 0–10 ladder with a face or a colour beside each number, chosen by the chair."""

from __future__ import annotations

import json
import os
import re

import pytest

from conference import i18n

from ..support import Room
from .test_conference import PHONE, SMALL_TARGETS, serious

# The phone's speech engine, replaced before the page's scripts run: it records each
# utterance (text, lang, voice) instead of speaking, counts cancel(), and offers the voices
# given. __finish() ends the reading, as the last line being said would.
FAKE_SPEECH = """
(() => {
  const voices = %s;
  const fake = new EventTarget();
  window.__spoken = [];
  window.__cancelled = 0;
  const said = [];
  fake.getVoices = () => voices;
  fake.speak = (u) => {
    said.push(u);
    window.__spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.name });
  };
  fake.cancel = () => { window.__cancelled += 1; };
  Object.defineProperty(window, "speechSynthesis", { configurable: true, get: () => fake });
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.lang = ""; this.voice = null; } };
  window.__finish = () => said.splice(0).forEach((u) => u.onend && u.onend());
})();
"""


def speech(*voices: tuple[str, str, bool]) -> str:
    listed = [{"name": n, "lang": lang, "localService": local, "default": False} for n, lang, local in voices]
    return FAKE_SPEECH % json.dumps(listed)


VOICES = speech(
    ("Daniel", "en-GB", True),
    ("Zosia", "pl-PL", True),
    ("Maged", "ar-SA", True),
    ("Google polski", "pl-PL", False),  # a voice that speaks from a server: never used
)
ONLY_ENGLISH = speech(("Daniel", "en-GB", True), ("Google polski", "pl-PL", False))

THEIRS = "Tata krzyczy, kiedy pije"  # typed by the social worker in Polish: read as typed


def spoken(page) -> list[dict]:
    return page.evaluate("() => window.__spoken")


def open_phone(server, room: Room, screens, name: str, tag: str, voices: str):
    phone = screens.open(
        name, f"{server.url}/c/{room.id}/participate?lang={tag}#t={room.tokens[name]}", voices, **PHONE
    )
    phone.locator(".read-aloud-button").wait_for()
    return phone


@pytest.mark.parametrize("tag", ["en-GB", "pl", "ar"])
def test_a_parent_taps_once_to_hear_the_screen_and_again_to_stop(server, clients, screens, tag):
    _ = i18n.translations(tag).gettext
    vocab = i18n.vocabulary(tag)
    room = Room(server, clients, {"Sam": "social_worker", "Mum": "parent_carer"})
    room.clients["Sam"].ok("item.add", {"column": "worries", "text": THEIRS})
    phone = open_phone(server, room, screens, "Mum", tag, VOICES)
    phone.locator(".item-text", has_text=THEIRS).wait_for()
    read = phone.get_by_role("button", name=_("Read this screen aloud"))
    assert read.is_visible()
    screens.shot(phone, f"phone-read-aloud-{'en' if tag == 'en-GB' else tag}")
    assert serious(phone) == []
    assert phone.evaluate(SMALL_TARGETS) == []

    # one tap: the tab's heading and its card, in the phone's language with its own voice;
    # the social worker's words as typed, never translated
    read.click()
    stop = phone.get_by_role("button", name=_("Stop reading aloud"))
    stop.wait_for()
    said = spoken(phone)
    worries = vocab["columns"][0]["heading"]
    sam = _("{name} ({role})").replace("{name}", "Sam")
    assert [s["text"] for s in said][:2] == [worries, THEIRS]
    assert said[2]["text"].startswith(sam[: sam.index("(")])
    # in the phone's language, said with the voice's own tag for it (pl → pl-PL)
    voice, spoken_as = {"en-GB": ("Daniel", "en-GB"), "pl": ("Zosia", "pl-PL"), "ar": ("Maged", "ar-SA")}[tag]
    assert {(s["lang"], s["voice"]) for s in said} == {(spoken_as, voice)}
    if tag == "ar":
        screens.shot(phone, "phone-read-aloud-ar-reading")

    # a second tap stops it: cancel(), nothing more said, the button reads again
    cancelled = phone.evaluate("() => window.__cancelled")
    stop.click()
    read.wait_for()
    assert phone.evaluate("() => window.__cancelled") == cancelled + 1
    assert len(spoken(phone)) == len(said)

    # reading to the end brings the button back by itself
    read.click()
    stop.wait_for()
    phone.evaluate("() => window.__finish()")
    read.wait_for()

    # scoring: the question and what 10 and 0 mean, the kind's words in the phone's language
    before = len(spoken(phone))
    rid = room.chair.ok("round.open", {"scale": "faces"})["result"]["id"]
    phone.get_by_role("heading", name=_("Where are we, 0 to 10?")).wait_for()
    read.click()
    stop.wait_for()
    kind = next(k for k in vocab["kinds"] if k["key"] == room.chair.snapshot()["conference"]["kind"])
    scoring = [s["text"] for s in spoken(phone)[before:]]
    assert scoring[:2] == [_("Where are we, 0 to 10?"), kind["question"]]
    # on the faces' ladder every rung is read, from 10 down, with the words beside it
    assert kind["high_label"] in scoring[2] and scoring[2].startswith("10")
    assert scoring[9] == f"3 — {_('quite worried')}"
    assert kind["low_label"] in scoring[12] and scoring[12].startswith("0")
    assert {s["lang"] for s in spoken(phone)} == {spoken_as}
    # choosing a score while it reads stops the reading
    cancelled = phone.evaluate("() => window.__cancelled")
    phone.locator(".rung").nth(7).click()
    read.wait_for()
    assert phone.evaluate("() => window.__cancelled") == cancelled + 1

    # the end: that the meeting has ended, then what was agreed
    room.chair.ok("round.close", {"round_id": rid})
    room.chair.ok("conference.close")
    phone.get_by_role("heading", name=_("The meeting has ended. Here is what was agreed.")).wait_for()
    before = len(spoken(phone))
    read.click()
    stop.wait_for()
    assert spoken(phone)[before]["text"] == _("The meeting has ended. Here is what was agreed.")
    screens.shot(phone, f"phone-read-aloud-ended-{'en' if tag == 'en-GB' else tag}")
    assert serious(phone) == []


def test_a_phone_without_a_voice_for_its_language_says_so_and_says_nothing(server, clients, screens):
    _ = i18n.translations("pl").gettext
    room = Room(server, clients, {"Sam": "social_worker", "Mama": "parent_carer"})
    room.clients["Sam"].ok("item.add", {"column": "worries", "text": THEIRS})
    # the only Polish voice would speak from a server: not this phone's own
    phone = open_phone(server, room, screens, "Mama", "pl", ONLY_ENGLISH)
    phone.get_by_role("button", name=_("Read this screen aloud")).click()
    missing = phone.get_by_text(_("This phone has no English voice, so it can't read aloud."))
    missing.wait_for()
    assert "polskiego" in missing.inner_text()
    assert spoken(phone) == []
    assert phone.get_by_role("button", name=_("Read this screen aloud")).is_visible()
    screens.shot(phone, "phone-read-aloud-no-voice-pl")
    assert serious(phone) == []
    # a professional's phone has no button: read aloud is for the family's phones
    worker = open_phone_plain(server, room, screens, "Sam")
    worker.locator(".item-text", has_text=THEIRS).wait_for()
    assert worker.locator(".read-aloud-button").count() == 0


def open_phone_plain(server, room: Room, screens, name: str):
    return screens.open(name, f"{server.url}/c/{room.id}/participate#t={room.tokens[name]}", **PHONE)


def test_the_chair_chooses_faces_or_colours_and_the_phone_ladder_shows_them(server, clients, screens):
    room = Room(server, clients, {"Mum": "parent_carer", "Dad": "parent_carer"})
    chair = screens.open(
        "chair",
        f"{server.url}/c/{room.id}/facilitate#t={room.conf['facilitator_token']}",
        viewport={"width": 1400, "height": 1000},
    )
    mum = open_phone(server, room, screens, "Mum", "en-GB", VOICES)
    dad = open_phone(server, room, screens, "Dad", "ar", VOICES)

    # faces: the chair's choice on the console
    chair.get_by_label("How the family's phones show the scale").select_option("faces")
    scaling = chair.locator("section", has=chair.locator("#scaling"))
    scaling.screenshot(path=os.path.join(screens.folder, "console-round-scale.png"))
    chair.get_by_role("button", name="Start scoring").click()
    chair.get_by_text("Family phones show a face beside each number.").wait_for()
    scaling.screenshot(path=os.path.join(screens.folder, "console-round-scale-open.png"))
    mum.get_by_role("heading", name="Where are we, 0 to 10?").wait_for()
    assert mum.locator(".ladder .face").count() == 11
    # every rung keeps its number, first, and has words: the face is never alone
    assert mum.locator(".ladder .rung-number").all_inner_texts() == [str(n) for n in range(10, -1, -1)]
    assert mum.locator(".ladder .rung-feeling").all_inner_texts()[::5] == [
        "going well",
        "in between",
        "very worried",
    ]
    three = mum.get_by_role("radio", name="3 — quite worried", exact=True)
    three.click()
    assert three.get_attribute("aria-checked") == "true"
    assert mum.get_by_role("radio", name=re.compile(r"^10 — going well: ")).count() == 1
    mum.get_by_role("button", name="Send my score").click()
    mum.get_by_text("Your score: 3 — sent").wait_for()
    assert mum.evaluate(SMALL_TARGETS) == []
    # no emoji font and nothing fetched: the faces are drawn on the page
    assert mum.locator(".ladder img").count() == 0
    screens.shot(mum, "phone-ladder-faces")
    assert serious(mum) == []
    ar = i18n.translations("ar").gettext
    dad.get_by_role("heading", name=ar("Where are we, 0 to 10?")).wait_for()
    assert dad.get_by_role("radio", name=f"3 — {ar('quite worried')}", exact=True).count() == 1
    # right to left: the number on the right, the face to its left
    number = dad.locator(".rung").nth(7).locator(".rung-number").bounding_box()
    face = dad.locator(".rung").nth(7).locator(".face").bounding_box()
    assert number["x"] > face["x"]
    screens.shot(dad, "phone-ladder-faces-ar")
    assert serious(dad) == []

    # the result of an easy-read round: the middle score's face and words, as the ladder had
    dad.get_by_role("radio", name=f"8 — {ar('mostly OK')}", exact=True).click()
    dad.get_by_role("button", name=ar("Send my score")).click()
    dad.locator(".your-score").wait_for()  # his score is in before the chair shows them
    rid = room.chair.snapshot()["rounds"][-1]["id"]
    room.chair.ok("round.reveal", {"round_id": rid})
    mum.get_by_role("heading", name="Where we are, 0 to 10").wait_for()
    result = mum.locator(".result .middle-easy")
    assert result.locator(".face").count() == 1  # the middle of 3 and 8: 5.5, said as 6
    assert result.locator(".rung-feeling").inner_text() == "in between"
    box = result.locator(".face").bounding_box()
    assert 40 <= box["width"] <= 70  # a face, not a face as wide as the screen
    screens.shot(mum, "phone-result-faces")
    assert serious(mum) == []
    dad.get_by_role("heading", name=ar("Where we are, 0 to 10")).wait_for()
    assert dad.locator(".result .middle-easy .rung-feeling").inner_text() == ar("in between")
    screens.shot(dad, "phone-result-faces-ar")

    # colours: a red → amber → green band beside each number, the numbers and words kept
    room.chair.ok("round.open", {"scale": "colours"})
    mum.locator(".ladder-colours").wait_for()
    assert mum.locator(".ladder .swatch").count() == 11
    assert mum.locator(".ladder .face").count() == 0
    assert mum.locator(".ladder .rung-number").all_inner_texts() == [str(n) for n in range(10, -1, -1)]
    colours = mum.locator(".ladder .swatch").evaluate_all(
        "els => els.map((e) => getComputedStyle(e).backgroundColor)"
    )
    assert len(set(colours)) == 11  # a step of colour for each number
    top, bottom = (tuple(map(int, re.findall(r"\d+", c)[:3])) for c in (colours[0], colours[-1]))
    assert top[1] > top[0] and bottom[0] > bottom[1]  # green at 10, red at 0
    mum.get_by_role("radio", name="8 — mostly OK", exact=True).click()
    screens.shot(mum, "phone-ladder-colours")
    assert serious(mum) == []
    assert mum.evaluate(SMALL_TARGETS) == []

    # the numbers alone, as before: no faces, no colours, each rung named by its number
    room.chair.ok("round.close", {"round_id": room.chair.snapshot()["rounds"][-1]["id"]})
    room.chair.ok("round.open", {})
    mum.locator(".ladder-numbers").wait_for()
    assert mum.locator(".ladder .face, .ladder .swatch").count() == 0
    assert mum.get_by_role("radio", name="6", exact=True).count() == 1
