"""What a newcomer met running a whole conference as a new chair would (the console and the
projector as two tabs, a parent's phone in Polish or Arabic, a nurse invited before the
meeting): each small defect, tried the way it was met."""

from __future__ import annotations

import pytest

from ..support import Room
from .test_real_run import console_of, projector_of

pytestmark = pytest.mark.slow


# --- 2. the projector is said once in "Who is here" ------------------------------------


@pytest.mark.parametrize(("lang", "projector"), [("", "Projector"), ("cy", "Taflunydd")])
def test_who_is_here_names_the_projector_once(server, clients, screens, lang, projector):
    room = Room(server, clients, {"Anna Nowak": "parent_carer"})
    chair = console_of(screens, server, room, lang=lang)
    projector_of(screens, server, room)
    rows = chair.locator("#people li.person")
    rows.filter(has_text=projector).locator(".dot.on").wait_for()
    said = rows.filter(has_text=projector).inner_text()
    assert said.split() == projector.split(), said  # once, not "Projector Projector"
    # in Welsh, not the English name the board gave it
    assert lang == "" or "Projector" not in chair.locator("#people").inner_text()
    assert rows.filter(has_text="Anna Nowak").inner_text().split()[-2:] != ["Anna", "Nowak"]  # she has a role
    screens.shot(chair, f"newcomer-2-who-is-here{'-' + lang if lang else ''}")
