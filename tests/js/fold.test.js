// The browser's fold and sentences replay the server's own random sessions
// (tests/domain/export_streams.py, written by `make test` before this runs): after every
// event each member's fold must equal the server's snapshot for that member.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { gunzipSync } from "node:zlib";

import { applyEvent, HANDLED } from "../../static/js/board-fold.js";
import { agenciesPresent, inMeeting, inPlan } from "../../static/js/board-view.js";
import { dangerSentence, longDate, middleInWords, whoAndWhen } from "../../static/js/sentences.js";

const path = process.env.CB_STREAMS || new URL("./streams.json.gz", import.meta.url);
const exported = JSON.parse(gunzipSync(readFileSync(path)).toString("utf-8"));

test("the export holds at least 200 random sessions", () => {
  assert.ok(exported.streams.length >= 200, `${exported.streams.length} sessions`);
});

test("every member's fold equals the server's snapshot after every event", () => {
  let compared = 0;
  exported.streams.forEach((stream, n) => {
    for (const [member, { events, snapshots }] of Object.entries(stream.viewers)) {
      let board = { seq: 0 };
      let expected = null;
      for (const event of events) {
        assert.equal(event.seq, board.seq + 1, `session ${n}, ${member}: gap`);
        applyEvent(board, event, exported.columns);
        const snap = snapshots[String(event.seq)];
        if (snap === undefined) continue;
        if (snap !== "same") expected = snap;
        assert.deepEqual(
          { ...board, seq: event.seq },
          { ...expected, seq: event.seq },
          `session ${n}, ${member}, seq ${event.seq} (${event.type})`,
        );
        compared += 1;
      }
    }
  });
  assert.ok(compared > 1000, `only ${compared} comparisons`);
});

test("a report sent brings its items to the family's screens in the sessions folded above", () => {
  let family = 0;
  for (const stream of exported.streams) {
    for (const [member, { events }] of Object.entries(stream.viewers)) {
      const created = events.find((e) => e.type === "conference.created");
      const joined = events.find((e) => e.payload?.member?.member_id === member);
      const who = created?.payload.members.find((m) => m.member_id === member) ?? joined?.payload.member;
      const side = who?.kind === "display" ? "family" : exported.roles[who?.role];
      for (const e of events)
        if (e.type === "report.submitted" && e.payload.items?.length && side === "family") family += 1;
    }
  }
  assert.ok(family > 0, "no family screen was sent a report's items");
});

test("the browser folds every event type a member can receive", () => {
  const seen = new Set(
    exported.streams.flatMap((s) => Object.values(s.viewers).flatMap((v) => v.events.map((e) => e.type))),
  );
  for (const type of seen) assert.ok(HANDLED.includes(type), type);
});

test("the danger sentence reads as the minutes write it", () => {
  assert.ok(exported.sentences.length >= 200);
  for (const { statement, sentence } of exported.sentences)
    assert.equal(dangerSentence(statement), sentence, JSON.stringify(statement));
});

test("dates read as a letter writes them", () => {
  assert.equal(longDate("2026-12-12"), "Saturday 12 December 2026");
  assert.equal(longDate("2027-03-01"), "Monday 1 March 2027");
  assert.equal(longDate("2028-02-29"), "Tuesday 29 February 2028");
});

test("the middle score and a plan action read the same on every screen", () => {
  assert.equal(middleInWords(5), "The middle score was 5: halfway.");
  assert.equal(middleInWords(5.5), "The middle score was 5.5: above halfway.");
  assert.equal(middleInWords(1), "The middle score was 1: near the bottom.");
  assert.equal(middleInWords(null), "Nobody gave a score.");
  assert.equal(whoAndWhen({ owner: "Sam", due: "2026-12-12" }), "Sam, by Saturday 12 December 2026");
  assert.equal(whoAndWhen({ owner: null, due: null }), "");
});

test("the plan and the agencies there are worked out as the minutes work them out", () => {
  const vocab = {
    roles: Object.fromEntries(Object.entries(exported.roles).map(([key, side]) => [key, { side }])),
    planColumn: exported.plan_column,
  };
  assert.ok(exported.boards.length >= 200);
  let agencies = 0;
  let steps = 0;
  let notIn = 0;
  for (const board of exported.boards) {
    assert.deepEqual(agenciesPresent(vocab, board.members), board.agencies);
    // who is in the meeting (so who is expected to score): never someone invited before the
    // meeting whom the chair has not let in to it
    assert.deepEqual(
      board.members.filter(inMeeting).map((m) => m.member_id),
      board.in_meeting,
    );
    notIn += board.members.filter((m) => m.invited && !m.present && m.status === "admitted").length;
    assert.deepEqual(
      board.items.filter((i) => inPlan(vocab, i)).map((i) => i.id),
      board.plan,
    );
    agencies += board.agencies.length;
    steps += board.plan.length;
  }
  // both rules met real cases in the sessions, or the check would prove nothing
  assert.ok(agencies > 0 && steps > 0 && notIn > 0, `${agencies} agencies, ${steps} plan steps, ${notIn} not in`);
});
