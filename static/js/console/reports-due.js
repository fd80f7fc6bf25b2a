// Whether an invited professional's report came on time: the copy, for the chair's
// tracker, of conference/domain/working_days.py report_on_time (tests/js/reports-due.test.js
// holds them to the same answers). No imports, so Node's test runner can load it.

// A UTC time as the local YYYY-MM-DDTHH:MM in the council's time zone, like meeting_at.
export function localMinute(utcIso, timeZone) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(utcIso));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

// On time when sent by the end of reports_due; or, for someone invited only after that day
// had passed, when sent before the meeting starts. null without a deadline; false while
// nothing has come.
export function reportOnTime(member, conference, timeZone) {
  const due = conference.reports_due;
  if (!due || !member.invited) return null;
  if (!member.report_submitted_at) return false;
  const sentAt = localMinute(member.report_submitted_at, timeZone);
  if (sentAt.slice(0, 10) <= due) return true;
  const invitedOn = localMinute(member.joined_at, timeZone).slice(0, 10);
  return invitedOn > due && Boolean(conference.meeting_at) && sentAt < conference.meeting_at;
}

// Has the reports deadline already passed (today, in the council's time zone, is after it)?
export function deadlinePassed(conference, now, timeZone) {
  return Boolean(conference.reports_due) && localMinute(now, timeZone).slice(0, 10) > conference.reports_due;
}
