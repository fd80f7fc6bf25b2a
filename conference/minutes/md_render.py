"""Markdown minutes: everything typed is escaped, so it reads as text and never as markup."""

from __future__ import annotations

import re
from typing import Any

from .phrases import (
    attendance_label,
    decision_lines,
    family_wording,
    goal_numbers,
    headers,
    heading,
    item_author,
    item_extras,
    item_responses,
    meta_lines,
    plan_row,
    private_note,
    quoted,
    say,
    statements_heading,
    summary_line,
)
from .sections import BODY, sections


def esc(text: Any) -> str:
    s = "" if text is None else str(text)
    s = s.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = re.sub(r"([`*_{}\[\]#|!~])", r"\\\1", s)
    lines = [re.sub(r"^(\s*)([-+]|\d+\.)(\s)", r"\1\\\2\3", line) for line in s.split("\n")]
    return "  \n".join(lines)


def cell(text: Any) -> str:
    return esc(text).replace("  \n", " ")


def row(cells: list[str]) -> str:
    return "| " + " | ".join(cell(c) for c in cells) + " |"


def table_head(names: list[str]) -> list[str]:
    return [row(names), "|" + "---|" * len(names)]


def lead(key: str) -> str:
    """A phrase such as 'Safety goal: ' as a bold lead."""
    return f"**{esc(say(key).rstrip())}** "


def _sections(m: dict[str, Any], place: str) -> list[str]:
    out: list[str] = []
    for sec in sections(m, place):
        out += [f"{'#' * (sec['level'] + 1)} {esc(sec['heading'])}", ""]
        # the label bold and its space outside the stars: "**Why:** …" (CommonMark reads
        # "**Why: **…" as literal stars)
        out += [
            f"**{esc(lead.rstrip())}** {esc(text)}  " if lead else f"{esc(text)}  "
            for lead, text in sec["lines"]
        ]
        if sec["lines"]:
            out.append("")
        for t in sec["tables"]:
            out += table_head(t["headers"])
            out += [row(cells) for cells in t["rows"]]
            out.append("")
    return out


def render(m: dict[str, Any], large: bool = False) -> bytes:
    out: list[str] = [f"# {esc(m['conference']['title'])}", ""]
    out += [f"**{k}:** {esc(v)}  " for k, v in meta_lines(m)]
    out.append("")
    if m["notice"]:
        out += [f"_{esc(m['notice'])}_", ""]
    out += _sections(m, "summary")
    out += _attendance(m)
    own = {"columns": _columns, "statements": _statements, "scaling": _scaling, "decision": _decision}
    for part in BODY:
        out += own[part](m) if part in own else _sections(m, part)
    out += [f"## {heading('plan')}", "", *table_head(headers("plan"))]
    for a in m["plan"]:
        out.append(row(plan_row(a, goal_numbers(m))))
    out.append("")
    out += _sections(m, "end")
    if "record" in m:
        out += _full_copy_only(m)
    return "\n".join(out).encode()


def _attendance(m: dict[str, Any]) -> list[str]:
    out = [f"## {heading('attendance')}", "", *table_head(headers("attendance"))]
    for p in m["attendance"]:
        out.append(row([p["name"], p["role_label"], attendance_label(p), p["joined_at"] or ""]))
    out.append("")
    return out


def _columns(m: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for col in m["columns"]:
        out += [f"## {esc(col['heading'])}", ""]
        for group in col["categories"]:
            out += [f"### {esc(group['label'])}", ""]
            if not group["items"]:
                out += [f"_{say('no_items')}_", ""]
            for item in group["items"]:
                text = (
                    f"{quoted(esc(item['text']))} — {say('child_words')}"
                    if item["child_words"]
                    else esc(item["text"])
                )
                extras = item_extras(item)
                out.append(f"- {text} — {esc(item_author(item))}" + (f" ({esc(extras)})" if extras else ""))
                out += [f"  - {esc(said)}" for said in item_responses(item)]
            out.append("")
    return out


def _statements(m: dict[str, Any]) -> list[str]:
    out = [f"## {statements_heading(m)}", ""]
    if not m["statements"]:
        out += [f"_{say('no_statements')}_", ""]
    for n, s in enumerate(m["statements"], 1):
        out += [
            f"{n}. {lead('danger_statement')}{esc(s['sentence'])}{private_note(s)}  ",
            f"   {lead('safety_goal')}{esc(s['safety_goal'] or say('not_written'))}",
            "",
        ]
    for g in m["unpaired_safety_goals"]:
        out += [f"- {lead('safety_goal')}{esc(g)}", ""]
    return out


def _scaling(m: dict[str, Any]) -> list[str]:
    out = [f"## {heading('scaling')}", ""]
    if not m["scaling"]:
        out += [f"_{say('no_rounds')}_", ""]
    for r in m["scaling"]:
        out += [f"### {esc(r['question'])}{private_note(r)}", ""]
        if r["about"]:
            out += [f"{say('about')}{esc(r['about'])}", ""]
        out += [
            f"{say('low_means')}{esc(r['low_label'])}  ",
            f"{say('high_means')}{esc(r['high_label'])}",
            "",
        ]
        if family_wording(r):
            out += [esc(family_wording(r)), ""]
        if not r["revealed"]:
            out += [f"_{say('not_revealed')}_", ""]
            continue
        out += table_head(headers("scores"))
        for s in r["scores"]:
            out.append(row([s["name"], s["role"], s["score"], s["reason"] or ""]))
        out += ["", summary_line(r["summary"]), ""]
    return out


def _decision(m: dict[str, Any]) -> list[str]:
    out = [f"## {heading('decision')}", ""]
    if m["decision"]:
        out += [f"**{k}:** {esc(v)}  " for k, v in decision_lines(m["decision"])]
    else:
        out.append(f"_{say('no_decision')}_")
    out.append("")
    return out


def _full_copy_only(m: dict[str, Any]) -> list[str]:
    """The record of every change, the access record and the plain-language check."""
    out = [f"## {heading('record')}", "", *table_head(headers("record"))]
    for r in m["record"]:
        out.append(row([r["at"], r["who"], r["what"]]))
    out.append("")
    out += [f"## {heading('access')}", "", *table_head(headers("access"))]
    for a in m["access"]:
        out.append(row([a["at"], a["who"], a["what"]]))
    out.append("")
    pl = m["plain_language"]
    out += [f"## {heading('plain_language')}", ""]
    out.append(f"Reading age of the statements: {pl['reading_age'] or 'no statements'}.")
    out.append("")
    for f in pl["flags"]:
        out.append(f"- “{esc(f['term'])}”: {esc(f['why'])} Try: {esc(f['suggestion'])}")
    if not pl["flags"]:
        out.append("No words were flagged.")
    out.append("")
    return out
