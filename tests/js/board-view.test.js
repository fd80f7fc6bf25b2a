// The one reading of a round's scores and of a column's items every screen shares
// (static/js/score-charts.js scoreSummary, static/js/board-view.js columnItems).
import assert from "node:assert/strict";
import { test } from "node:test";

import { applyEvent } from "../../static/js/board-fold.js";
import { agenciesPresent, columnItems, inPlan, peopleInMeeting, scorers } from "../../static/js/board-view.js";
import { middleLabel, scoreSummary, trendPoints } from "../../static/js/score-charts.js";

test("a shown round's summary: how many, lowest, highest, middle", () => {
  assert.deepEqual(scoreSummary({ summary: { n: 3, min: 0, max: 7, median: 5.5 } }), {
    n: 3,
    min: 0,
    max: 7,
    middle: 5.5,
  });
  // nobody scored, or not shown yet: no numbers, never undefined or a string
  assert.deepEqual(scoreSummary({ summary: { n: 0, min: null, max: null, median: null } }), {
    n: 0,
    min: null,
    max: null,
    middle: null,
  });
  assert.deepEqual(scoreSummary({}), { n: undefined, min: null, max: null, middle: null });
});

test("the trend's last point is the last shown round's middle, and only a number", () => {
  const board = (rounds) => ({
    conference: { created_at: "2027-02-01T10:00:00Z", previous: { overall: [{ date: "2026-11-01", middle: 3 }] } },
    statements: [],
    rounds,
  });
  const shown = (id, median) => ({ id, revealed: true, statement_id: null, summary: { n: 1, median } });
  assert.deepEqual(trendPoints(board([shown("a", 2), shown("b", 6)]), null), [
    { date: "2026-11-01", middle: 3 },
    { date: "2027-02-01", middle: 6, now: true },
  ]);
  assert.deepEqual(trendPoints(board([shown("a", null)]), null), [{ date: "2026-11-01", middle: 3 }]);
  assert.deepEqual(trendPoints(board([{ ...shown("a", 4), private: true }]), null), [
    { date: "2026-11-01", middle: 3 },
  ]);
});

test("a column's items: accepted ones, in the order the fold keeps", () => {
  const board = { seq: 0, items: [], members: [], statements: [], rounds: [], conference: {} };
  const order = ["worries", "strengths"];
  const add = (seq, item) => applyEvent(board, { seq, type: "item.added", payload: { item } }, order);
  add(1, { id: "c", column: "worries", rank: "m", status: "accepted" });
  add(2, { id: "a", column: "worries", rank: "a", status: "accepted" });
  add(3, { id: "p", column: "worries", rank: "b", status: "pending" });
  add(4, { id: "s", column: "strengths", rank: "a", status: "accepted" });
  add(5, { id: "x", column: "worries", rank: "z", status: "accepted", private: true });
  assert.deepEqual(
    columnItems(board, "worries").map((i) => i.id),
    ["a", "c", "x"],
  );
  // the projector leaves out what was said in a closed session
  assert.deepEqual(
    columnItems(board, "worries", { shown: true }).map((i) => i.id),
    ["a", "c"],
  );
  assert.deepEqual(
    columnItems(board, "strengths").map((i) => i.id),
    ["s"],
  );
  assert.deepEqual(columnItems(board, "next_steps"), []);
});

test("a step of the plan: sorted as an action, or with a person or a date; never a wish left unsorted", () => {
  const vocab = { planColumn: "next_steps" };
  const item = (more) => ({ column: "next_steps", category: null, owner: null, due: null, ...more });
  assert.equal(inPlan(vocab, item({ category: "actions" })), true);
  assert.equal(inPlan(vocab, item({ owner: "Gran" })), true);
  assert.equal(inPlan(vocab, item({ due: "2026-12-12" })), true);
  assert.equal(inPlan(vocab, item({ category: "family_goals", owner: "Mum" })), true);
  // a parent's "I want my mum to help", never sorted by the chair: not an agreed step
  assert.equal(inPlan(vocab, item({})), false);
  assert.equal(inPlan(vocab, item({ category: "family_goals" })), false);
  assert.equal(inPlan(vocab, item({ column: "worries", category: "actions" })), false);
});

// Where the label's text lies along x: from its anchor, towards where the text runs.
function span({ x, anchor, direction }, width) {
  const runsRight = (anchor === "start") === (direction === "ltr");
  return runsRight ? [x, x + width] : [x - width, x];
}

test("the middle label never lies across its dashed line, in English or Arabic", () => {
  for (const direction of ["ltr", "rtl"]) {
    for (let middle = 0; middle <= 10; middle += 0.5) {
      const line = 30 + middle * 60;
      const label = middleLabel(middle, direction);
      assert.equal(label.direction, direction);
      const [from, to] = span(label, 130);
      assert.ok(to <= line || from >= line, `${direction} ${middle}: ${from}–${to} crosses ${line}`);
      assert.ok(from >= 0 && to <= 660, `${direction} ${middle}: ${from}–${to} off the chart`);
    }
  }
  // Arabic reads leftwards: the label sits left of the line, its right edge by the line
  assert.deepEqual(middleLabel(5, "rtl"), { x: 322, anchor: "start", direction: "rtl" });
  assert.deepEqual(middleLabel(5, "ltr"), { x: 338, anchor: "start", direction: "ltr" });
});

// A school nurse invited before the meeting who sent her report but never came: not "here",
// not expected to score ("0 of 3 have scored", not "0 of 4"), not an agency for the quorum —
// until the chair lets her in to the meeting (member.admit: present).
test("someone who only sent a report is not in the meeting until let in", () => {
  const nurse = {
    member_id: "n",
    kind: "participant",
    name: "Siostra Anna",
    role: "health",
    status: "admitted",
    present: false,
    invited: true,
    report_submitted_at: "2026-12-01T09:00:00Z",
  };
  const members = [
    { member_id: "c", kind: "facilitator", name: "Chair", role: null, status: null, present: true },
    { member_id: "d", kind: "display", name: "Projector", role: null, status: "admitted", present: true },
    {
      member_id: "m",
      kind: "participant",
      name: "Anna Nowak",
      role: "parent_carer",
      status: "admitted",
      present: true,
    },
    { member_id: "s", kind: "participant", name: "Sam", role: "social_worker", status: "admitted", present: true },
    nurse,
  ];
  const vocab = { roles: { health: { side: "professional" }, social_worker: { side: "professional" } } };
  const board = { members };
  assert.equal(scorers(board), 3);
  assert.deepEqual(agenciesPresent(vocab, members), ["social_worker"]);
  const { here, apologies, reportOnly } = peopleInMeeting(board);
  assert.deepEqual(
    here.map((m) => m.member_id),
    ["c", "m", "s"],
  );
  assert.deepEqual(apologies, []);
  assert.deepEqual(
    reportOnly.map((m) => m.member_id),
    ["n"],
  );
  // let in to the meeting: there as usual
  const arrived = { board: { members: [...members.slice(0, 4), { ...nurse, present: true }] } };
  assert.equal(scorers(arrived.board), 4);
  assert.deepEqual(agenciesPresent(vocab, arrived.board.members), ["social_worker", "health"]);
  assert.deepEqual(peopleInMeeting(arrived.board).reportOnly, []);
});
