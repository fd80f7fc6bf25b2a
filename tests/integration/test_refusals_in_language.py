"""A refusal is said in the language of whoever was refused: over HTTP in the page's
(cookie, then Accept-Language), over the socket in the member record's. The code stays
the contract's; only the sentence changes, and what people typed is never translated."""

from __future__ import annotations

import requests

from conference import i18n

from ..support import Room


def tr(tag: str, message: str) -> str:
    return i18n.translations(tag).gettext(message)


def test_a_wrong_join_code_is_refused_in_the_browsers_language(server):
    sentence = (
        "We couldn't find a conference with that code. Check the 8 characters on the screen and try again."
    )
    for header, tag in (("cy", "cy"), ("pl-PL,pl;q=0.9", "pl"), ("ar", "ar"), ("fr", "en-GB")):
        r = requests.post(
            server.url + "/api/join",
            json={"join_code": "ZZZZ9999", "name": "Mam", "role": "parent_carer"},
            headers={"Accept-Language": header},
            timeout=5,
        )
        assert r.status_code == 404
        error = r.json()["error"]
        assert error["code"] == "not_found"
        assert error["message"] == tr(tag, sentence)
        assert (error["message"] == sentence) == (tag == "en-GB")
    # the page's own choice (its cookie) wins over Accept-Language
    r = requests.post(
        server.url + "/api/join",
        json={"join_code": "ZZZZ9999", "name": "Mam", "role": "parent_carer"},
        headers={"Accept-Language": "pl", "Cookie": "cb_lang=cy"},
        timeout=5,
    )
    assert r.json()["error"]["message"] == tr("cy", sentence)


def test_a_refused_command_is_said_in_the_members_own_language(server, clients):
    room = Room(server, clients, {"Mam": "parent_carer", "Sam": "social_worker"})
    mam, sam = room.clients["Mam"], room.clients["Sam"]
    mam.ok("member.language", {"language": "ar"})
    chairs = room.chair.ok("item.add", {"column": "worries", "text": "Dad shouts"})["result"]["id"]

    # a sentence with no values
    answer = mam.cmd("item.edit", {"id": chairs, "text": "Mam's words"})
    assert answer["error"]["code"] == "forbidden"
    assert answer["error"]["message"] == tr("ar", "You can only change what you added yourself.")

    # a sentence with values: the field's name in Arabic too, the numbers as they are
    long = "ب" * 501
    answer = mam.cmd("item.add", {"column": "worries", "text": long})
    template = tr("ar", "The {label} is too long: at most {max_len} characters, this has {count}.")
    assert answer["error"]["code"] == "invalid"
    assert answer["error"]["message"] == template.format(label=tr("ar", "text"), max_len=500, count=501)

    # Sam chose nothing: the same refusal in English; nothing was added for either
    answer = sam.cmd("item.edit", {"id": chairs, "text": "Sam's words"})
    assert answer["error"]["message"] == "You can only change what you added yourself."
    texts = [i["text"] for i in room.chair.snapshot()["items"]]
    assert texts == ["Dad shouts"]

    # a name someone typed stays as typed inside a translated sentence (the chair's own
    # choice here: the console's language is the chair's member record's too)
    room.chair.ok("member.language", {"language": "cy"})
    sam_id = next(m["member_id"] for m in room.chair.snapshot()["members"] if m["name"] == "Sam")
    room.chair.ok("member.remove", {"member_id": sam_id})
    again = room.chair.cmd("member.remove", {"member_id": sam_id})
    assert again["error"]["code"] == "conflict"
    assert again["error"]["message"] == tr("cy", "{name} has already been removed.").format(name="Sam")
    assert again["error"]["message"] != "Sam has already been removed." and "Sam" in again["error"]["message"]
