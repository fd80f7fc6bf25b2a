"""`python -m bench.fuzz`: the fuzz of tests/integration/test_fuzz.py at full size
(100,000 messages by default, over boards of 5,000) against a real server process.
Prints JSON: messages sent and answered, junk frames, answers by code, leaks, fold
mismatches, minutes failures, tracebacks and bytes in the server's log, and the time."""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import tempfile

from conference.launch import ServerProcess
from tests.fuzzing import run  # the fuzzer of tests/integration/test_fuzz.py, at full size


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.fuzz")
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--junk", type=int, default=10_000, help="junk frames over bare websockets")
    parser.add_argument("--per-board", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--env", action="append", default=[], help="NAME=value for the server")
    args = parser.parse_args()
    env = {
        "CONFERENCE_COMMAND_RATE": "100000",
        "CONFERENCE_COMMAND_BURST": "100000",
        "CONFERENCE_JOINS_PER_CODE_PER_MINUTE": "100000",
        "CONFERENCE_CREATES_PER_MINUTE": "100000",
        **dict(e.split("=", 1) for e in args.env),
    }
    data = tempfile.mkdtemp(prefix="cb-fuzz-")
    server = ServerProcess(data, env=env)
    server.start()
    try:
        tally, seconds, boards = run(server, args.messages, args.junk, args.seed, args.per_board)
        log = server.output()
    finally:
        server.stop()
        shutil.rmtree(data, ignore_errors=True)
    print(
        json.dumps(
            {
                "messages_sent": tally.sent,
                "answered": tally.answered,
                "unanswered": tally.unanswered,
                "junk_frames": tally.junk_frames,
                "boards": boards,
                "answers_by_code": dict(sorted(tally.codes.items())),
                "replays_answered_wrongly": tally.replays_wrong,
                "leaks": tally.leaks[:20],
                "fold_mismatches": tally.fold_mismatches[:20],
                "minutes_failures": tally.minutes_failures[:20],
                "tracebacks_in_log": log.count("Traceback"),
                "log_bytes": len(log.encode()),
                "seconds": round(seconds, 1),
                "machine": f"{platform.machine()} {platform.python_version()}",
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
