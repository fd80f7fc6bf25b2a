// The console's stage bar (static/js/console/stages.js): where the meeting seems to be,
// and the chair's click shown at once, not taken back while its command is on its way.
import assert from "node:assert/strict";
import { test } from "node:test";

import { stageNow, stageShown } from "../../static/js/console/stages.js";

const board = (extra = {}) => ({
  conference: { status: "open", decision: null, focus: null, ...extra.conference },
  rounds: extra.rounds || [],
  statements: extra.statements || [],
  items: extra.items || [],
});

test("the board's own guess: items, statements, rounds, the decision, the end", () => {
  assert.equal(stageNow(board(), "next_steps"), "welcome");
  assert.equal(stageNow(board({ items: [{ column: "worries" }] }), "next_steps"), "map");
  assert.equal(stageNow(board({ statements: [{}] }), "next_steps"), "statements");
  assert.equal(stageNow(board({ rounds: [{}] }), "next_steps"), "scaling");
  assert.equal(stageNow(board({ conference: { decision: { outcome: "cp_plan" } } }), "next_steps"), "plan");
  assert.equal(stageNow(board({ conference: { status: "closed" } }), "next_steps"), "end");
});

test("the chair's click shows at once and stays while the board's guess stays", () => {
  const chosen = { key: "decision", guess: "map" };
  assert.equal(stageShown("map", null), "map");
  // the click, before and after its acknowledgement: the board's guess is still "map"
  assert.equal(stageShown("map", chosen), "decision");
  assert.equal(stageShown("map", chosen), "decision");
  // the meeting moves on by itself (a round opens): the bar follows the board
  assert.equal(stageShown("scaling", chosen), "scaling");
});
