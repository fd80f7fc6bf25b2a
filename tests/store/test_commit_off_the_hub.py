"""The SQLite commit waits for the disk on a real OS thread when the server runs green
threads, so one board's fsync never stops the others' deliveries: checked in a process of
each kind, with a blocking call standing in for a slow fsync."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROGRAM = """
import sys
if sys.argv[1] == "gevent":
    from gevent import monkey; monkey.patch_all()
    import gevent as green
    spawn, sleep = green.spawn, green.sleep
else:
    import eventlet as green; green.monkey_patch()
    spawn, sleep = green.spawn, green.sleep
if sys.argv[1] == "eventlet":
    real_sleep = green.patcher.original("time").sleep
else:
    real_sleep = __import__("gevent.monkey", fromlist=["get_original"]).get_original("time", "sleep")
from conference.store.sqlite import on_os_thread
ticks = []
def ticker():
    for _ in range(200):
        ticks.append(1)
        sleep(0.005)
t = spawn(ticker)
sleep(0)
on_os_thread(real_sleep, 0.5)   # a slow fsync
print(len(ticks))
t.kill()
"""


@pytest.mark.parametrize("mode", ["eventlet", "gevent"])
def test_a_slow_commit_leaves_the_other_green_threads_running(mode):
    done = subprocess.run([sys.executable, "-c", PROGRAM, mode], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    ticks = int(done.stdout.strip().splitlines()[-1])
    # blocked, the ticker would have run once; free, about 100 times in half a second
    assert ticks >= 10, f"the other green thread ran {ticks} times while the commit waited"


def test_without_green_threads_it_is_a_plain_call():
    from conference.store.sqlite import on_os_thread

    assert on_os_thread(lambda a, b: a + b, 2, 3) == 5
