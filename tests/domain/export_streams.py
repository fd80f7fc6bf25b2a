"""Export the property test's random sessions for the browser's fold: `python -m
tests.domain.export_streams OUT.json.gz [N]` writes N sessions (200 by default), each
member's received events and the server's snapshot for that member after every event,
plus danger statements with the minutes' sentence. tests/js/fold.test.js replays them
through static/js/board-fold.js and sentences.js under `node --test` (make test runs both)."""

from __future__ import annotations

import gzip
import json
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conference.domain import vocabulary as v
from conference.domain.state import agencies_present, in_meeting, in_plan
from conference.minutes.sentences import danger_sentence

from .test_properties import random_session

PIECES = ["", "School", "School and Sam", "we", "Police", "Mum, Dad", "Éand", "Zoë and Kai", "the police\n",
          "Dad drinks", "the children get hurt", "they are scared.", "Nan", "  ", "<b>x</b>", "Jo & Li"]  # fmt: skip


def export(count: int) -> dict:
    streams: list[dict] = []
    boards: list[dict] = []

    # derandomized: the same 200 sessions every run, so the Node fold test is repeatable (the
    # property test itself draws new ones each run)
    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def record(data):
        expected: dict[str, dict[int, dict]] = {}

        def after_each(sim, kind):
            for mid in sim.viewers():
                expected.setdefault(mid, {})[sim.board.seq] = sim.view(mid)

        sim = random_session(data, steps=(5, 30), after_each=after_each)
        viewers = {}
        for mid in sim.viewers():
            snaps, last = {}, None
            for seq, snap in sorted(expected.get(mid, {}).items()):
                body = {k: val for k, val in snap.items() if k != "seq"}
                # unchanged since the last one (a hidden event): say so instead of repeating it
                snaps[str(seq)] = "same" if body == last else snap
                last = body
            viewers[mid] = {"events": sim.received[mid], "snapshots": snaps}
        streams.append({"viewers": viewers})
        # what the board says of itself, which the screens work out again in board-view.js
        chair = sim.view(sim.chair)
        boards.append(
            {
                "members": chair["members"],
                "items": chair["items"],
                "agencies": agencies_present(chair["members"]),
                # who is in the meeting (not someone invited who only sent a report)
                "in_meeting": [m["member_id"] for m in chair["members"] if in_meeting(m)],
                "plan": [i["id"] for i in chair["items"] if in_plan(i)],
            }
        )

    record()
    sentences = []
    for who in PIECES:
        for behaviour in PIECES[::3]:
            for impact in PIECES[1::4]:
                for extra in ({}, {"text": "More words"}, {"disagreement": "Dad"}):
                    s = {
                        "who": who or None,
                        "behaviour": behaviour or None,
                        "impact": impact or None,
                        **extra,
                    }
                    sentences.append({"statement": s, "sentence": danger_sentence(s)})
    return {
        "columns": list(v.COLUMN_ORDER),
        "streams": streams,
        "sentences": sentences,
        "boards": boards,
        "roles": {key: "family" if v.is_family_side(key) else "staff" for key in v.ROLES},
        "plan_column": v.PLAN_COLUMN,
    }


def main() -> None:
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    with gzip.open(out, "wt", encoding="utf-8") as f:
        json.dump(export(count), f, ensure_ascii=False)


if __name__ == "__main__":
    main()
