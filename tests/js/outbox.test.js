// The client's outbox rules and event reordering, under Node's own test runner.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  nextToSend,
  outboxSummary,
  outcome,
  releaseHeld,
  ReorderBuffer,
  retryDelay,
  typedTextOf,
} from "../../static/js/outbox.js";

const op = (id, extra = {}) => ({
  op_id: id,
  type: "item.add",
  payload: { column: "worries", text: `words ${id}` },
  ...extra,
});

test("no answer, unavailable and rate_limited keep the command to send again", () => {
  assert.equal(outcome(null), "wait");
  assert.equal(outcome({ code: "unavailable", message: "x" }), "wait");
  assert.equal(outcome({ code: "rate_limited", message: "x", retry_after: 0.3 }), "wait");
});

test("refusals that depend on the moment hold the words until the board opens", () => {
  assert.equal(outcome({ code: "locked", message: "x" }, { status: "locked", closed_session: false }), "hold");
  assert.equal(outcome({ code: "forbidden", message: "x" }, { status: "open", closed_session: true }), "hold");
});

test("every other refusal gives the words back, never drops them", () => {
  const open = { status: "open", closed_session: false };
  for (const code of ["invalid", "too_large", "conflict", "forbidden", "not_found", "closed", "unauthorized"]) {
    assert.equal(outcome({ code, message: "x" }, open), "return", code);
    assert.equal(outcome({ code, message: "x" }), "return", code);
  }
});

test("the retry delay backs off and honours the server's hint", () => {
  const delays = [1, 2, 3, 4, 5, 6, 7, 20].map((n) => retryDelay(n, null));
  for (let i = 1; i < delays.length; i++) assert.ok(delays[i] >= delays[i - 1]);
  assert.ok(delays.at(-1) <= 15000);
  assert.equal(retryDelay(1, { code: "rate_limited", retry_after: 3 }), 3000);
  assert.equal(retryDelay(1, { code: "rate_limited", retry_after: 0.01 }), retryDelay(1, null));
});

test("the next to send skips held ones but waits behind a delayed one, keeping order", () => {
  const box = [op("a", { held: { code: "locked" } }), op("b", { notBefore: 2000 }), op("c"), op("d")];
  assert.equal(nextToSend(box, 1000), null);
  assert.equal(nextToSend(box, 3000).op_id, "b");
  assert.equal(nextToSend(box.slice(2), 0).op_id, "c");
  assert.equal(nextToSend([op("a", { held: {} })], 0), null);
  assert.deepEqual(outboxSummary(box), { waiting: 3, held: 1 });
});

test("held commands go again when the board opens and come back when it has ended", () => {
  const box = [op("a", { held: { code: "locked" } }), op("b")];
  assert.deepEqual(releaseHeld(box, { status: "locked", closed_session: false }).released, []);
  assert.deepEqual(releaseHeld(box, { status: "open", closed_session: true }).released, []);
  const open = releaseHeld(box, { status: "open", closed_session: false });
  assert.deepEqual(
    open.released.map((o) => o.op_id),
    ["a"],
  );
  assert.equal(box[0].held, undefined);
  box[0].held = { code: "forbidden" };
  const ended = releaseHeld(box, { status: "closed", closed_session: false });
  assert.deepEqual(
    ended.ended.map((o) => o.op_id),
    ["a"],
  );
});

test("the words of a command are what a person typed", () => {
  assert.deepEqual(typedTextOf(op("a")), ["words a"]);
  assert.deepEqual(
    typedTextOf({ type: "round.score", payload: { round_id: "r", score: 4, reason: "Better at school" } }),
    ["Better at school"],
  );
  assert.deepEqual(typedTextOf({ type: "item.move", payload: { id: "x", column: "worries" } }), []);
  assert.deepEqual(typedTextOf({ type: "item.add", payload: { text: "   " } }), []);
});

test("events out of order are applied in order once the gap fills", () => {
  const buf = new ReorderBuffer(250);
  const ev = (seq) => ({ seq, type: "hidden", payload: {} });
  assert.deepEqual(buf.offer(ev(12), 10, 0), []);
  assert.equal(buf.overdue(100), false);
  assert.deepEqual(
    buf.offer(ev(11), 10, 50).map((e) => e.seq),
    [11, 12],
  );
  assert.equal(buf.overdue(1000), false);
  assert.deepEqual(buf.offer(ev(12), 12, 60), []); // already have it
});

test("a gap that does not fill within the window asks for a sync", () => {
  const buf = new ReorderBuffer(250);
  buf.offer({ seq: 15 }, 10, 0);
  assert.equal(buf.overdue(249), false);
  assert.equal(buf.overdue(250), true);
  // a sync brought the board to 14: the buffered 15 follows on
  assert.deepEqual(
    buf.drain(14, 300).map((e) => e.seq),
    [15],
  );
  assert.equal(buf.overdue(10_000), false);
});

test("any arrival order of a run of events gives the run in order", () => {
  for (let trial = 0; trial < 200; trial++) {
    const seqs = Array.from({ length: 8 }, (_, i) => 21 + i);
    for (let i = seqs.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [seqs[i], seqs[j]] = [seqs[j], seqs[i]];
    }
    const buf = new ReorderBuffer(250);
    let at = 20;
    const applied = [];
    for (const s of seqs) {
      for (const e of buf.offer({ seq: s }, at, 0)) {
        applied.push(e.seq);
        at = e.seq;
      }
    }
    assert.deepEqual(applied, [21, 22, 23, 24, 25, 26, 27, 28]);
    assert.equal(buf.pending.size, 0);
  }
});

test("words a level down come back too: children's names, the safety network, agencies' views", () => {
  const children = {
    op_id: "c",
    type: "children.set",
    payload: { children: [{ name: "Jo", age: 7 }, { name: "Sky" }] },
  };
  assert.deepEqual(typedTextOf(children), ["Jo", "Sky"]);
  const network = { op_id: "n", type: "network.set", payload: { network: [{ name: "Nan", does: "Stays over" }] } };
  assert.deepEqual(typedTextOf(network), ["Nan", "Stays over"]);
  const decision = {
    op_id: "d",
    type: "decision.record",
    payload: { text: "A plan", agencies: [{ agency: "School", plan: true, why: "Jo is scared" }], per_child: [] },
  };
  assert.deepEqual(typedTextOf(decision), ["A plan", "School", "Jo is scared"]);
  const review = { op_id: "r", type: "item.review", payload: { id: "i", status: "partly", note: "Half done" } };
  assert.deepEqual(typedTextOf(review), ["Half done"]);
  assert.deepEqual(typedTextOf({ op_id: "x", type: "children.set", payload: { children: ["not a row"] } }), []);
});

test("a refused decision gives back every word typed into it, the next meeting's place too", () => {
  const op = {
    type: "decision.record",
    payload: { outcome: "cp_plan", text: "A plan", next_meeting_time: "10:00", next_meeting_place: "Ty Hywel, room 2" },
  };
  assert.deepEqual(typedTextOf(op), ["A plan", "Ty Hywel, room 2"]);
});
