"""Minutes benchmark: a big conference (1,000 items, 25 people, 10 rounds, 8 statements) in each format.

Built through the real service and SQLite store (no server process needed: rendering is
in-process), then each format and copy is rendered `--repeat` times; prints JSON with
the median seconds of each (wall clock, and this process's CPU time).

    python -m bench.minutes
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from conference.domain import vocabulary as v  # noqa: E402
from conference.minutes import FORMATS  # noqa: E402
from conference.service import NullPublisher, Service  # noqa: E402
from conference.store.sqlite import SqliteStore  # noqa: E402

# an observer joins only once the family has agreed (step 17): not one of the bench's people
ROLES = [r for r in v.ROLES if r != v.OBSERVER_ROLE]


# --every-script: the joiners' names and a phrase in each item in the scripts of
# tests/minutes/test_every_script.py, so the PDF takes most of the Noto fallback fonts
SCRIPTS = [
    ("আমিনা বেগম", "আমার মেয়ে স্কুলে যায়"),
    ("ਹਰਪ੍ਰੀਤ ਕੌਰ", "ਦਾਦੀ ਮਦਦ ਕਰਦੀ ਹੈ"),
    ("પ્રિયા પટેલ", "અમે શાળાએ જઈએ છીએ"),
    ("प्रिया शर्मा", "बच्चे स्कूल में ख़ुश हैं"),
    ("கவிதா முருகன்", "பாட்டி உதவுகிறார்"),
    ("王小明", "奶奶每个星期天帮忙"),
    ("陳美麗", "祖母每個星期天幫忙"),
    ("ሰላም ተስፋዬ", "አያቴ እሁድ ትረዳናለች"),
    ("عائشہ بی بی", "ہمارے بچے اسکول جاتے ہیں"),
    ("ژیلا ڕەحیم", "داپیرە یارمەتی دەدات"),
    ("Jo 😊", "I feel safe 👍🏽"),
]


def build(service: Service, every_script: bool = False) -> str:
    made = service.create_conference("Review conference for the Wójcik children", "review_cp", "Ioana Șerban")
    cid = made["conference_id"]
    chair = service.access.authenticate(made["facilitator_token"])[1]

    def cmd(member: str, type_: str, payload: dict) -> dict:
        ack = service.command(cid, member, {"op_id": uuid.uuid4().hex, "type": type_, "payload": payload})
        assert ack["ok"], ack
        return ack

    cmd(chair, "conference.update", {"lobby": False})
    people = []
    for n in range(22):
        name = f"{SCRIPTS[n % len(SCRIPTS)][0]} {n}" if every_script else f"Łucja Wójcik {n}"
        joined = service.join(made["join_code"], name, ROLES[n % len(ROLES)])
        people.append(joined["participant_id"])
    for n in range(2):
        cmd(chair, "member.add", {"name": f"Олена {n}", "role": "health", "present": bool(n)})
    columns = list(v.COLUMNS)
    for n in range(1000):
        column = columns[n % 3]
        payload = {
            "column": column,
            "category": v.CATEGORIES[column][n % 2],
            "text": f"Item {n}: Dad shouts when he has been drinking and Jo hides under the bed; Gran helps on Sundays.",
        }
        if every_script:
            payload["text"] += " " + SCRIPTS[n % len(SCRIPTS)][1]
        if column == "next_steps":
            payload.update(owner="Ioana Șerban", due="2026-12-18")
        cmd(people[n % len(people)] if n % 4 else chair, "item.add", payload)
    dangers = []
    for n in range(4):
        dangers.append(
            cmd(
                chair,
                "statement.add",
                {
                    "kind": "danger",
                    "who": "The school and Sam",
                    "behaviour": f"Dad shouts and throws things ({n})",
                    "impact": "Jo could be hurt",
                },
            )["result"]["id"]
        )
    for d in dangers:
        cmd(
            chair,
            "statement.add",
            {
                "kind": "safety_goal",
                "text": "Dad will be calm and sober around Jo for six months",
                "pairs_with": d,
            },
        )
    for r in range(10):
        rid = cmd(chair, "round.open", {"question": f"Round {r}: where are things today?"})["result"]["id"]
        for n, p in enumerate(people):
            cmd(
                p,
                "round.score",
                {"round_id": rid, "score": (n + r) % 11, "reason": f"Because of what happened in week {n}"},
            )
        cmd(chair, "round.reveal" if r % 2 == 0 else "round.close", {"round_id": rid})
    cmd(
        chair,
        "decision.record",
        {"outcome": "cp_plan", "categories": ["neglect"], "text": "A plan.", "next_meeting": "2027-02-26"},
    )
    return cid


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--every-script", action="store_true", help="names and items in many scripts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        service = Service(SqliteStore(os.path.join(data, "bench.sqlite3"), "NORMAL"), NullPublisher())
        t = time.perf_counter()
        cid = build(service, args.every_script)
        built = time.perf_counter() - t
        events = len(service.store.events(cid))
        results = {}
        # the family copy in Welsh and Arabic too (1.1): the Arabic one is shaped by HarfBuzz
        copies = [("full", None), ("family", None), ("family", "cy"), ("family", "ar")]
        for copy, language in copies:
            for fmt in FORMATS:
                times, cpu, size = [], [], 0
                for _ in range(args.repeat):
                    t, c = time.perf_counter(), time.process_time()
                    body, _name = service.exports.minutes(cid, copy, fmt, "Europe/London", language=language)
                    times.append(time.perf_counter() - t)
                    cpu.append(time.process_time() - c)
                    size = len(body)
                results[f"{copy}{'-' + language if language else ''}.{fmt}"] = {
                    "median_s": round(statistics.median(times), 3),
                    "max_s": round(max(times), 3),
                    # this process's CPU time: what the copy costs when other work shares the cores
                    "median_cpu_s": round(statistics.median(cpu), 3),
                    "bytes": size,
                }
    print(
        json.dumps(
            {
                "items": 1000,
                "every_script": args.every_script,
                "people": 25,
                "rounds": 10,
                "statements": 8,
                "events": events,
                "build_s": round(built, 1),
                "repeat": args.repeat,
                "formats": results,
                "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
