// The tracker's on-time rule gives the domain's answers (tests/domain/test_reports_on_time.py
// holds working_days.report_on_time to the same table: tests/js/reports-due-cases.json).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { deadlinePassed, localMinute, reportOnTime } from "../../static/js/console/reports-due.js";

const cases = JSON.parse(readFileSync(new URL("./reports-due-cases.json", import.meta.url)));

test("the tracker's rule gives the domain's answer for every case", () => {
  for (const c of cases) {
    assert.equal(reportOnTime(c.member, c.conference, "Europe/London"), c.on_time, c.why);
  }
});

test("local minutes are the council's clock, summer time included", () => {
  assert.equal(localMinute("2026-12-04T09:30:00Z", "Europe/London"), "2026-12-04T09:30");
  assert.equal(localMinute("2026-06-30T23:30:00Z", "Europe/London"), "2026-07-01T00:30");
});

test("the deadline has passed only once its day is over", () => {
  const conf = { reports_due: "2026-11-30", meeting_at: "2026-12-07T10:00" };
  assert.equal(deadlinePassed(conf, "2026-11-30T23:59:00Z", "Europe/London"), false);
  assert.equal(deadlinePassed(conf, "2026-12-04T09:00:00Z", "Europe/London"), true);
  assert.equal(deadlinePassed({ reports_due: null }, "2026-12-04T09:00:00Z", "Europe/London"), false);
});
