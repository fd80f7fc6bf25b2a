// Which screen the projector shows (static/js/projector-screen.js), from plain data: every
// branch, each with a case that would fail if its condition were dropped or reordered.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  chooseScreen,
  followMoment,
  hasText,
  NO_DRAFT,
  pageMarker,
  SOLID_MS,
  trackDraft,
  turnPages,
} from "../../static/js/projector-screen.js";

const COLUMNS = ["worries", "strengths", "next_steps"];
const NOW = 1_000_000;

// a board under way: someone joined by phone, and there are words on it
function board({ conference = {}, rounds = [], statements = [], members, items } = {}) {
  return {
    seq: 10,
    conference: {
      title: "T",
      status: "open",
      closed_session: false,
      focus: null,
      join_code: "ABCD2345",
      ...conference,
    },
    members: members || [
      { member_id: "f", kind: "facilitator" },
      { member_id: "p", kind: "participant", status: "admitted" },
    ],
    items: items || [{ id: "i1", column: "worries", status: "accepted" }],
    statements,
    rounds,
  };
}

const choose = (b, extra = {}) =>
  chooseScreen({
    clientState: "connected",
    board: b,
    moment: null,
    draft: null,
    track: NO_DRAFT,
    now: NOW,
    columnOrder: COLUMNS,
    ...extra,
  });

const openRound = { id: "r2", status: "open", count: 1 };
const revealedRound = { id: "r1", status: "closed", revealed: true, summary: { median: 5 } };
const danger = { kind: "danger", who: "School", behaviour: "shouting" };

test("a board closed to this screen shows why, whatever else there is", () => {
  for (const clientState of ["removed", "refused"]) {
    assert.equal(choose(board(), { clientState }).screen, "message");
    assert.equal(choose(null, { clientState }).screen, "message");
  }
  assert.notEqual(choose(board(), { clientState: "reconnecting" }).screen, "message");
});

test("nothing is drawn before the first board arrives", () => {
  assert.deepEqual(choose(null), { screen: "none", track: NO_DRAFT });
});

test("a closed session hides everything, even an open round or a draft, and keeps the draft's time", () => {
  const track = { lastDraft: danger, solidUntil: 0 };
  const choice = choose(board({ conference: { closed_session: true }, rounds: [openRound] }), { draft: null, track });
  assert.equal(choice.screen, "private");
  assert.equal(choice.track, track); // the saved statement shows solid when the board comes back
});

test("the end of the meeting shows the decision, unless the chair chose something to show", () => {
  const ended = board({ conference: { status: "closed" }, rounds: [openRound] });
  assert.deepEqual({ ...choose(ended), track: undefined }, { screen: "ended", corner: false, track: undefined });
  assert.equal(choose(board({ conference: { status: "closed", focus: "worries" } })).screen, "board");
  assert.equal(choose(board({ conference: { status: "closed", focus: "worries" } })).corner, false);
  assert.equal(choose(board({ conference: { status: "closed", focus: "people" } })).screen, "people");
});

test("an open round shows the scale, unfocused or focused on the scale, over a reveal or a draft", () => {
  const b = board({ rounds: [revealedRound, openRound] });
  const moment = { kind: "result", roundId: "r1" };
  const choice = choose(b, { moment, draft: danger });
  assert.equal(choice.screen, "scoring");
  assert.equal(choice.round.id, "r2");
  assert.equal(choice.corner, true);
  assert.equal(choose(board({ rounds: [openRound], conference: { focus: "scaling" } })).screen, "scoring");
  // the chair showing a column while a round is open: the column, not the scale
  assert.equal(choose(board({ rounds: [openRound], conference: { focus: "worries" } })).screen, "board");
});

test("a reveal the projector follows shows the result, only while that round is revealed", () => {
  const b = board({ rounds: [revealedRound] });
  const choice = choose(b, { moment: { kind: "result", roundId: "r1" }, draft: danger });
  assert.equal(choice.screen, "result");
  assert.equal(choice.round, b.rounds[0]);
  assert.equal(choose(b, { moment: { kind: "result", roundId: "gone" } }).screen, "board");
  const hidden = board({ rounds: [{ id: "r1", status: "closed" }] });
  assert.equal(choose(hidden, { moment: { kind: "result", roundId: "r1" } }).screen, "board");
  // focused on something: the result still shows while the moment lasts
  assert.equal(
    choose(board({ rounds: [revealedRound], conference: { focus: "worries" } }), {
      moment: { kind: "result", roundId: "r1" },
    }).screen,
    "result",
  );
});

test("a decision the projector follows shows the decision, before any draft", () => {
  assert.equal(choose(board(), { moment: { kind: "decision" }, draft: danger }).screen, "decision");
});

test("a draft with text shows the statements; an empty one shows the board", () => {
  const choice = choose(board(), { draft: danger });
  assert.equal(choice.screen, "draft");
  assert.equal(choice.draft, danger);
  assert.deepEqual(choice.track, { lastDraft: danger, solidUntil: 0, saved: false });
  assert.equal(choose(board(), { draft: { kind: "danger", who: "" } }).screen, "board");
  assert.equal(choose(board(), { draft: { who: "no kind" } }).screen, "board");
});

test("a statement just saved stays solid for a moment, then the board comes back", () => {
  const typing = choose(board(), { draft: danger });
  const saved = choose(board(), { draft: null, track: typing.track, now: NOW });
  assert.equal(saved.screen, "draft");
  assert.equal(saved.draft, null);
  assert.deepEqual(saved.track, { lastDraft: null, solidUntil: NOW + SOLID_MS, saved: true });
  const still = choose(board(), { track: saved.track, now: NOW + SOLID_MS - 1 });
  assert.equal(still.screen, "draft");
  assert.equal(still.track.saved, false);
  assert.equal(choose(board(), { track: saved.track, now: NOW + SOLID_MS }).screen, "board");
});

test("who is here, when the chair focuses it", () => {
  assert.deepEqual(
    { ...choose(board({ conference: { focus: "people" } })), track: undefined },
    { screen: "people", corner: true, track: undefined },
  );
});

test("the whole board: every column, and the statements once there are some to show", () => {
  const plain = choose(board());
  assert.equal(plain.screen, "board");
  assert.deepEqual(plain.columns, COLUMNS);
  assert.equal(plain.focus, null);
  assert.equal(plain.statements, false);
  assert.equal(plain.scaling, false);
  assert.equal(plain.joining, false);
  assert.equal(plain.corner, true);
  assert.equal(choose(board({ statements: [{ ...danger, private: true }] })).statements, false);
  assert.equal(choose(board({ statements: [{ ...danger, private: true }, danger] })).statements, true);
});

test("a column in focus is shown alone, with no statements under it", () => {
  const choice = choose(board({ conference: { focus: "strengths" }, statements: [danger] }));
  assert.deepEqual(choice.columns, ["strengths"]);
  assert.equal(choice.focus, "strengths");
  assert.equal(choice.statements, false);
  // a focus that is no column and no section of its own: every column
  assert.deepEqual(choose(board({ conference: { focus: "elsewhere" } })).columns, COLUMNS);
});

test("the statements or the scale in focus: no columns at all", () => {
  const statements = choose(board({ conference: { focus: "statements" } }));
  assert.deepEqual([statements.columns, statements.statements, statements.scaling], [[], true, false]);
  const scaling = choose(board({ conference: { focus: "scaling" } }));
  assert.deepEqual([scaling.columns, scaling.statements, scaling.scaling], [[], false, true]);
});

test("before the meeting is under way the way to join fills the screen, not the corner", () => {
  const nobody = board({ members: [{ member_id: "f", kind: "facilitator" }] });
  assert.deepEqual([choose(nobody).joining, choose(nobody).corner], [true, false]);
  const empty = board({ items: [] });
  assert.deepEqual([choose(empty).joining, choose(empty).corner], [true, false]);
  // a focus, or a moment on the wall, puts it back in the corner
  const focused = board({ items: [], conference: { focus: "worries" } });
  assert.deepEqual([choose(focused).joining, choose(focused).corner], [false, true]);
  const drafting = choose(empty, { draft: danger });
  assert.deepEqual([drafting.screen, drafting.corner], ["draft", true]);
  // once ended there is nothing to join, not even in the corner
  const over = board({ items: [], conference: { status: "closed", focus: "worries" } });
  assert.deepEqual([choose(over).joining, choose(over).corner], [false, false]);
});

test("the projector follows a reveal and a decision until the chair moves on", () => {
  const revealed = { type: "round.revealed", payload: { round_id: "r1" } };
  assert.deepEqual(followMoment(null, revealed), { kind: "result", roundId: "r1" });
  assert.deepEqual(followMoment(null, { type: "decision.recorded", payload: {} }), { kind: "decision" });
  const m = { kind: "decision" };
  assert.equal(followMoment(m, { type: "conference.focused", payload: { section: null } }), null);
  assert.equal(followMoment(m, { type: "round.opened", payload: {} }), null);
  assert.equal(followMoment(m, { type: "item.added", payload: {} }), m);
  assert.equal(followMoment(m, null), m);
  // the chair typing a statement brings the draft in; a reveal at that moment still shows
  assert.equal(followMoment(m, null, true), null);
  assert.deepEqual(followMoment(m, revealed, true), { kind: "result", roundId: "r1" });
});

test("a draft has text when any of its fields does", () => {
  assert.equal(hasText(null), false);
  assert.equal(hasText({ kind: "danger" }), false);
  assert.equal(hasText({ text: "x" }), false);
  for (const k of ["who", "behaviour", "impact", "disagreement", "text"])
    assert.equal(hasText({ kind: "x", [k]: "y" }), true, k);
  assert.equal(hasText({ kind: "x", other: "y" }), false);
});

test("the draft's track: typing, saved (solid), then nothing", () => {
  const typing = trackDraft(NO_DRAFT, danger, 5);
  assert.deepEqual(typing, { lastDraft: danger, solidUntil: 0, saved: false });
  const saved = trackDraft(typing, null, 5);
  assert.deepEqual(saved, { lastDraft: null, solidUntil: 5 + SOLID_MS, saved: true });
  assert.deepEqual(trackDraft(saved, null, 6), { lastDraft: null, solidUntil: 5 + SOLID_MS, saved: false });
  assert.deepEqual(trackDraft(NO_DRAFT, { kind: "danger" }, 6), { ...NO_DRAFT, saved: false });
});

test("the chair's Next page presses turn the page, counted modulo the limit", () => {
  assert.deepEqual(turnPages(0, 0, 0, 1000), { page: 0, seen: 0 });
  assert.deepEqual(turnPages(1, 0, 1, 1000), { page: 2, seen: 1 });
  assert.deepEqual(turnPages(0, 2, 5, 1000), { page: 3, seen: 5 });
  // the count wrapped round on the console
  assert.deepEqual(turnPages(0, 999, 1, 1000), { page: 2, seen: 1 });
});

test("the page marker says which page, and when the chair holds it", () => {
  assert.deepEqual(pageMarker(0, 2, false), { text: "1/2", n: 1, total: 2, held: false });
  assert.deepEqual(pageMarker(2, 3, true), { text: "3/3 ❚❚", n: 3, total: 3, held: true });
  assert.equal(pageMarker(0, 2, undefined).held, false);
});
