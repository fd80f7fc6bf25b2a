"""Markdown minutes: everything typed is escaped, so it reads as text and never as markup."""

from __future__ import annotations

import re
from typing import Any

from .words import (
    CHILD_WORDS,
    HEADINGS,
    NO_ITEMS,
    NOT_REVEALED,
    attendance_label,
    decision_lines,
    item_author,
    item_extras,
    meta_lines,
    plan_row,
    private_note,
    sections,
    statements_heading,
    summary_line,
)


def esc(text: Any) -> str:
    s = "" if text is None else str(text)
    s = s.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = re.sub(r"([`*_{}\[\]#|!~])", r"\\\1", s)
    lines = [re.sub(r"^(\s*)([-+]|\d+\.)(\s)", r"\1\\\2\3", line) for line in s.split("\n")]
    return "  \n".join(lines)


def cell(text: Any) -> str:
    return esc(text).replace("  \n", " ")


def _sections(m: dict[str, Any], place: str) -> list[str]:
    out: list[str] = []
    for sec in sections(m, place):
        out += [f"{'#' * (sec['level'] + 1)} {esc(sec['heading'])}", ""]
        out += [f"**{esc(lead)}**{esc(text)}  " if lead else f"{esc(text)}  " for lead, text in sec["lines"]]
        if sec["lines"]:
            out.append("")
        for t in sec["tables"]:
            out += ["| " + " | ".join(cell(h) for h in t["headers"]) + " |", "|" + "---|" * len(t["headers"])]
            out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in t["rows"]]
            out.append("")
    return out


def render(m: dict[str, Any], large: bool = False) -> bytes:
    out: list[str] = [f"# {esc(m['conference']['title'])}", ""]
    out += [f"**{k}:** {esc(v)}  " for k, v in meta_lines(m)]
    out.append("")
    if m["notice"]:
        out += [f"_{esc(m['notice'])}_", ""]
    out += _sections(m, "summary")

    out += [f"## {HEADINGS['attendance']}", "", "| Name | Role | Attendance | Joined |", "|---|---|---|---|"]
    for p in m["attendance"]:
        out.append(
            f"| {cell(p['name'])} | {cell(p['role_label'])} | {attendance_label(p)} | {p['joined_at'] or ''} |"
        )
    out.append("")
    out += _sections(m, "after_attendance")

    for col in m["columns"]:
        out += [f"## {esc(col['heading'])}", ""]
        for group in col["categories"]:
            out += [f"### {esc(group['label'])}", ""]
            if not group["items"]:
                out += [f"_{NO_ITEMS}_", ""]
            for item in group["items"]:
                text = (
                    f"“{esc(item['text'])}” — {CHILD_WORDS.lower()}"
                    if item["child_words"]
                    else esc(item["text"])
                )
                extras = item_extras(item)
                out.append(f"- {text} — {esc(item_author(item))}" + (f" ({esc(extras)})" if extras else ""))
            out.append("")
    out += _sections(m, "after_columns")
    out += _sections(m, "before_statements")

    out += [f"## {statements_heading(m)}", ""]
    if not m["statements"]:
        out += ["_No danger statements were written._", ""]
    for n, s in enumerate(m["statements"], 1):
        out += [
            f"{n}. **Danger statement:** {esc(s['sentence'])}{private_note(s)}  ",
            f"   **Safety goal:** {esc(s['safety_goal'] or 'Not written yet')}",
            "",
        ]
    for g in m["unpaired_safety_goals"]:
        out += [f"- **Safety goal:** {esc(g)}", ""]

    out += [f"## {HEADINGS['scaling']}", ""]
    if not m["scaling"]:
        out += ["_No scaling rounds._", ""]
    for r in m["scaling"]:
        out += [f"### {esc(r['question'])}{private_note(r)}", ""]
        if r["about"]:
            out += [f"About: {esc(r['about'])}", ""]
        out += [f"0 means: {esc(r['low_label'])}  ", f"10 means: {esc(r['high_label'])}", ""]
        if not r["revealed"]:
            out += [f"_{NOT_REVEALED}_", ""]
            continue
        out += ["| Name | Role | Score | Why |", "|---|---|---|---|"]
        for s in r["scores"]:
            out.append(
                f"| {cell(s['name'])} | {cell(s['role'])} | {s['score']} | {cell(s['reason'] or '')} |"
            )
        out += ["", summary_line(r["summary"]), ""]
    out += _sections(m, "after_scaling")

    out += [f"## {HEADINGS['decision']}", ""]
    if m["decision"]:
        out += [f"**{k}:** {esc(v)}  " for k, v in decision_lines(m["decision"])]
    else:
        out.append("_No decision was recorded._")
    out.append("")
    out += _sections(m, "after_decision")

    out += [f"## {HEADINGS['plan']}", "", "| Action | Who | By when |", "|---|---|---|"]
    for a in m["plan"]:
        out.append("| " + " | ".join(cell(c) for c in plan_row(a)) + " |")
    out.append("")

    if "record" in m:
        out += [f"## {HEADINGS['record']}", "", "| Time | Who | What |", "|---|---|---|"]
        for r in m["record"]:
            out.append(f"| {r['at']} | {cell(r['who'])} | {cell(r['what'])} |")
        out.append("")
        out += [f"## {HEADINGS['access']}", "", "| When | Who | What |", "|---|---|---|"]
        for a in m["access"]:
            out.append(f"| {a['at']} | {cell(a['who'])} | {cell(a['what'])} |")
        out.append("")
        pl = m["plain_language"]
        out += [f"## {HEADINGS['plain_language']}", ""]
        out.append(f"Reading age of the statements: {pl['reading_age'] or 'no statements'}.")
        out.append("")
        for f in pl["flags"]:
            out.append(f"- “{esc(f['term'])}”: {esc(f['why'])} Try: {esc(f['suggestion'])}")
        if not pl["flags"]:
            out.append("No words were flagged.")
        out.append("")
    return "\n".join(out).encode()
