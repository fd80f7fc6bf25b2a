"""A server process that makes no minutes never loads the PDF and Word renderers (fpdf2,
fontTools, Pillow, python-docx: 35 MB of every process's memory); the first file made
loads them (every minutes and letter test makes its files through them)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("fpdf", "docx", "fontTools", "PIL", "uharfbuzz")

PROGRAM = """
import json, sys, tempfile
from conference.app import create_app
heavy = %r
app = create_app({"DATA_DIR": tempfile.mkdtemp(), "ASYNC_MODE": "threading", "TESTING": True})
started = [m for m in heavy if m in sys.modules]
print(json.dumps({"started": started}))
"""


def test_a_new_server_process_has_not_loaded_the_pdf_and_word_renderers():
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM % (HEAVY,)], capture_output=True, text=True, timeout=120, check=True
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"started": []}
