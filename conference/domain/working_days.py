"""Working days in the four UK nations: no weekend, no bank holiday of the nation. Pure
data (the `holidays` package's tables), no setting read here: the nation comes in with the
command's Context (CONFERENCE_NATION, read in conference/config.py).

The bank holidays of 2000-2060 are read from conference/data/bank_holidays.json, written
from the package by write_table() (tests/domain/test_dates_and_corrections.py checks it
still says what the package says): the package
itself loads every country's rules, about 11 MB and 70 ms, and every chair's console asks
for the bank holidays. Other years ask the package.

Used for a meeting's reports deadline (before) and the ten working days after the end in
which anyone who took part may ask for a correction (after)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from .validate import invalid

# CONFERENCE_NATION -> the holidays package's subdivision of the United Kingdom
NATIONS = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern_ireland": "NIR"}
DEFAULT_NATION = "england"

# working days the reports are due before the meeting, by kind of meeting; other kinds have
# no reports deadline (reports_due is null)
REPORTS_DUE_DAYS = {"initial_cp": 3, "review_cp": 5}
# working days after the end in which a correction may be asked for
CORRECTION_DAYS = 10

_MEETING_AT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


TABLE_FILE = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "bank_holidays.json"
)
TABLE_YEARS = (2000, 2060)


def from_package(nation: str, year: int) -> frozenset[dt.date]:
    """The nation's bank holidays in that year, as the `holidays` package says."""
    import holidays  # only for a year the table does not hold, or to write the table

    return frozenset(holidays.country_holidays("GB", subdiv=NATIONS[nation], years=year))


def table_from_package() -> dict[str, Any]:
    """What conference/data/bank_holidays.json holds: {nation: {year: [ISO dates]}}."""
    first, last = TABLE_YEARS
    return {
        nation: {
            str(y): sorted(d.isoformat() for d in from_package(nation, y)) for y in range(first, last + 1)
        }
        for nation in NATIONS
    }


def write_table() -> None:
    """After a new version of the holidays package: python -c "from conference.domain
    import working_days; working_days.write_table()" (one line a year)."""
    lines = []
    for nation, years in table_from_package().items():
        rows = ",\n".join(f"    {json.dumps(y)}: {json.dumps(days)}" for y, days in years.items())
        lines.append(f"  {json.dumps(nation)}: {{\n{rows}\n  }}")
    with open(TABLE_FILE, "w", encoding="utf-8") as out:
        out.write("{\n" + ",\n".join(lines) + "\n}\n")


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    with open(TABLE_FILE, encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=256)
def _bank_holidays(nation: str, year: int) -> frozenset[dt.date]:
    if nation not in NATIONS:
        raise ValueError(f"unknown nation {nation!r}; one of {', '.join(NATIONS)}")
    if TABLE_YEARS[0] <= year <= TABLE_YEARS[1]:
        return frozenset(dt.date.fromisoformat(d) for d in _table()[nation][str(year)])
    return from_package(nation, year)


def is_working_day(day: dt.date, nation: str = DEFAULT_NATION) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(nation, day.year)


def bank_holidays(nation: str, first_year: int, last_year: int) -> list[str]:
    """The nation's bank holidays over those years, as ISO dates: what the console needs to
    say by when a thing is due in working days, and to warn of a date that is not one."""
    days: set[dt.date] = set()
    for year in range(first_year, last_year + 1):
        days |= _bank_holidays(nation, year)
    return sorted(d.isoformat() for d in days)


# working days after the conference within which the core group first meets
FIRST_CORE_GROUP_DAYS = 10


def working_days_before(day: dt.date, n: int, nation: str = DEFAULT_NATION) -> dt.date:
    """The working day n working days before `day` (day itself not counted)."""
    while n > 0:
        day -= dt.timedelta(days=1)
        if is_working_day(day, nation):
            n -= 1
    return day


def working_days_after(day: dt.date, n: int, nation: str = DEFAULT_NATION) -> dt.date:
    """The working day n working days after `day` (day itself not counted)."""
    while n > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day, nation):
            n -= 1
    return day


def parse_meeting_at(value: Any) -> dt.datetime | None:
    """A local date-time YYYY-MM-DDTHH:MM, or None when not given (None or "")."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and _MEETING_AT.fullmatch(value.strip()):
        try:
            return dt.datetime.strptime(value.strip(), "%Y-%m-%dT%H:%M")
        except ValueError:
            pass
    raise invalid("Please give the meeting's date and time like 2026-12-31T14:30.")


def reports_due(kind: str, meeting_at: str | None, nation: str = DEFAULT_NATION) -> str | None:
    """YYYY-MM-DD the reports are due for a meeting of this kind at this local time."""
    days = REPORTS_DUE_DAYS.get(kind)
    if days is None or not meeting_at:
        return None
    day = dt.date.fromisoformat(meeting_at[:10])
    return working_days_before(day, days, nation).isoformat()


def local_date(utc_iso: str, timezone: str) -> dt.date:
    """The local calendar day of a stored UTC time ("…Z")."""
    at = dt.datetime.fromisoformat(utc_iso.replace("Z", "+00:00"))
    return at.astimezone(ZoneInfo(timezone)).date()


def local_minute(utc_iso: str, timezone: str) -> str:
    """A stored UTC time ("…Z") as the local YYYY-MM-DDTHH:MM, like meeting_at."""
    at = dt.datetime.fromisoformat(utc_iso.replace("Z", "+00:00"))
    return at.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%dT%H:%M")


def report_on_time(member: dict[str, Any], conference: dict[str, Any], timezone: str) -> bool | None:
    """Did an invited professional's report come on time? The one rule the tracker, the
    minutes and their JSON share (static/js/console/reports-due.js is its copy for the
    console): on time when sent by the end of `reports_due` (local days); or, for someone
    invited only after that day had passed (a meeting too soon for the deadline, or an
    invitation sent late), when sent before the meeting starts (`meeting_at`). A report
    can't be late against a deadline that had passed before its writer was asked for it.
    None when the conference has no deadline (or the member was not invited); False while
    no report has come."""
    due = conference.get("reports_due")
    if not due or not member.get("invited"):
        return None
    sent = member.get("report_submitted_at")
    if not sent:
        return False
    sent_at = local_minute(sent, timezone)
    if sent_at[:10] <= due:
        return True
    invited_on = local_minute(member["joined_at"], timezone)[:10]
    meeting_at = conference.get("meeting_at")
    return invited_on > due and meeting_at is not None and sent_at < meeting_at


def before_meeting(meeting_at: str | None, now_utc: str, timezone: str) -> bool:
    """Is it still before the meeting? (a conference without a date has no "before")"""
    if not meeting_at:
        return False
    at = dt.datetime.strptime(meeting_at, "%Y-%m-%dT%H:%M").replace(tzinfo=ZoneInfo(timezone))
    return dt.datetime.fromisoformat(now_utc.replace("Z", "+00:00")) < at


def corrections_until(closed_at: str, nation: str, timezone: str) -> str:
    """The last day a correction may be asked for: ten working days after the end."""
    return working_days_after(local_date(closed_at, timezone), CORRECTION_DAYS, nation).isoformat()
