"""What most servers never use is imported on its first use, not at every start (about
7 MB of an idle server: docs/capacity.md), and still works then; the holidays package only
for a year conference/data/bank_holidays.json does not hold. In a fresh interpreter,
since the tests' own process has imported everything already."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from conference.launch import ROOT

LATER = ("authlib", "joserfc", "segno", "holidays")

SCRIPT = textwrap.dedent(
    """
    import json, sys, tempfile
    from conference import create_app
    from conference.domain import working_days

    def loaded():
        return sorted({m.split(".")[0] for m in sys.modules} & set(LATER))

    out = {}
    app = create_app({"DATA_DIR": tempfile.mkdtemp()})
    client = app.test_client()
    assert client.get("/healthz").status_code == 200 and client.get("/").status_code == 200
    out["at_rest"] = loaded()
    qr = client.get("/qr/23456789.svg")
    out["qr"] = [qr.status_code, qr.get_data(as_text=True).lstrip()[:4]]
    out["holidays"] = working_days.bank_holidays("england", 2026, 2026)
    out["from_the_table"] = loaded()  # conference/data/bank_holidays.json, not the package
    out["later"] = working_days.bank_holidays("wales", 2070, 2070)
    oidc = create_app({"DATA_DIR": tempfile.mkdtemp(), "OIDC_ISSUER": "https://id.example",
                       "OIDC_CLIENT_ID": "board"})
    out["oidc"] = "conference_oidc" in oidc.extensions
    out["signed_in"] = loaded()
    print(json.dumps(out))
    """
)


def test_an_idle_server_has_not_imported_what_it_has_not_used():
    done = subprocess.run(
        [sys.executable, "-c", f"LATER = {LATER!r}\n{SCRIPT}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["at_rest"] == []
    assert out["qr"] == [200, "<svg"]
    assert "2026-12-25" in out["holidays"] and "2026-08-31" in out["holidays"]
    assert out["from_the_table"] == ["segno"]
    assert "2070-12-25" in out["later"] and "2070-03-28" in out["later"]  # Good Friday 2070
    assert out["oidc"] is True
    assert out["signed_in"] == sorted(LATER)
