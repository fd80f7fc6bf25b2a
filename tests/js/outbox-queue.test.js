// The outbox as a device keeps it (static/js/outbox-queue.js), on a Map-backed storage in
// place of localStorage: what it reads back after a reload, and what each answer does to it.
import assert from "node:assert/strict";
import { test } from "node:test";

import { Outbox, newOpId } from "../../static/js/outbox-queue.js";

const KEYS = { outboxKey: "cb:outbox:c1:abcdefabcdef", returnedKey: "cb:returned:c1:abcdefabcdef" };

// the Web Storage interface over a Map, as a browser's localStorage answers it
class MemoryStorage {
  constructor(entries = []) {
    this.map = new Map(entries);
  }
  getItem(key) {
    return this.map.has(key) ? this.map.get(key) : null;
  }
  setItem(key, value) {
    this.map.set(key, String(value));
  }
  removeItem(key) {
    this.map.delete(key);
  }
}

// storage that refuses everything (private mode, full, blocked)
const brokenStorage = {
  getItem() {
    throw new Error("blocked");
  },
  setItem() {
    throw new Error("full");
  },
  removeItem() {
    throw new Error("blocked");
  },
};

const stored = (storage, key) => JSON.parse(storage.getItem(key));
const ended = { code: "closed", message: "The conference ended before this could be saved." };
const open = { status: "open", closed_session: false };

test("an outbox a phone saved before is read back as it was, in order", () => {
  // the exact text an earlier version of the client wrote
  const savedOps =
    '[{"op_id":"a1","type":"item.add","payload":{"column":"worries","text":"Dad shouts"},"attempts":2,"notBefore":5000},' +
    '{"op_id":"b2","type":"item.add","payload":{"column":"strengths","text":"Nan helps"},"held":{"code":"locked","message":"Locked"}}]';
  const savedReturned =
    '[{"op":{"op_id":"z9","type":"item.edit","payload":{"id":"i1","version":3,"text":"Mum tries"}},"error":{"code":"conflict","message":"Changed"}}]';
  const storage = new MemoryStorage([
    [KEYS.outboxKey, savedOps],
    [KEYS.returnedKey, savedReturned],
  ]);
  const box = new Outbox(storage, KEYS);
  assert.deepEqual(box.ops, JSON.parse(savedOps));
  assert.deepEqual(box.returned, JSON.parse(savedReturned));
  assert.equal(box.length, 2);
  assert.deepEqual(box.summary(), { waiting: 1, held: 1 });
  assert.equal(box.next(4999), null); // the first waits out its delay; the held one never jumps it
  assert.equal(box.next(5000).op_id, "a1");
  assert.equal(box.nextRetryAt(), 5000);
});

test("nothing saved, unreadable text or blocked storage: an empty outbox that still works", () => {
  assert.deepEqual(new Outbox(new MemoryStorage(), KEYS).ops, []);
  const garbled = new Outbox(new MemoryStorage([[KEYS.outboxKey, "{not json"]]), KEYS);
  assert.deepEqual(garbled.ops, []);
  const blocked = new Outbox(brokenStorage, KEYS);
  const op = blocked.add("item.add", { column: "worries", text: "kept in memory" });
  assert.deepEqual(blocked.ops, [op]);
  blocked.refuse(op, { code: "invalid", message: "No" });
  assert.equal(blocked.returned.length, 1);
});

test("a new command gets its own op_id and is saved at once, in the stored shape", () => {
  const storage = new MemoryStorage();
  const box = new Outbox(storage, KEYS);
  const first = box.add("item.add", { column: "worries", text: "one" });
  const second = box.add("item.delete", { id: "i1" });
  assert.match(first.op_id, /^[0-9a-f]{32}$/);
  assert.notEqual(first.op_id, second.op_id);
  assert.deepEqual(stored(storage, KEYS.outboxKey), [
    { op_id: first.op_id, type: "item.add", payload: { column: "worries", text: "one" } },
    { op_id: second.op_id, type: "item.delete", payload: { id: "i1" } },
  ]);
  // a reload reads the same queue back
  assert.deepEqual(new Outbox(storage, KEYS).ops, box.ops);
  assert.deepEqual(box.add("session.close").payload, {});
});

test("an acknowledged command leaves the queue; the last one removes the key", () => {
  const storage = new MemoryStorage();
  const box = new Outbox(storage, KEYS);
  const a = box.add("item.add", { text: "a" });
  const b = box.add("item.add", { text: "b" });
  box.acked(a.op_id);
  assert.deepEqual(
    stored(storage, KEYS.outboxKey).map((o) => o.op_id),
    [b.op_id],
  );
  box.acked(b.op_id);
  assert.equal(box.length, 0);
  assert.equal(storage.getItem(KEYS.outboxKey), null);
});

test("no answer backs off and is saved; the server's hint is honoured", () => {
  const storage = new MemoryStorage();
  const box = new Outbox(storage, KEYS);
  const op = box.add("item.add", { text: "a" });
  box.delay(op, null, 1000);
  assert.deepEqual([op.attempts, op.notBefore], [1, 1500]);
  box.delay(op, null, 1000);
  assert.deepEqual([op.attempts, op.notBefore], [2, 2000]);
  box.delay(op, { code: "rate_limited", message: "x", retry_after: 9 }, 1000);
  assert.deepEqual([op.attempts, op.notBefore], [3, 10000]);
  assert.equal(stored(storage, KEYS.outboxKey)[0].notBefore, 10000);
  assert.equal(box.nextRetryAt(), 10000);
  assert.equal(box.next(9999), null);
  assert.equal(box.next(10000), op);
});

test("a held command waits for the board to open, and comes back if it ends", () => {
  const storage = new MemoryStorage();
  const box = new Outbox(storage, KEYS);
  const op = box.add("item.add", { column: "worries", text: "held words" });
  box.hold(op, { code: "locked", message: "Locked" });
  assert.deepEqual(stored(storage, KEYS.outboxKey)[0].held, { code: "locked", message: "Locked" });
  assert.equal(box.next(0), null);
  assert.equal(box.nextRetryAt(), null);
  assert.deepEqual(box.release({ status: "locked", closed_session: false }, ended), { released: [], ended: [] });
  assert.deepEqual(box.release(open, ended).released, [op]);
  assert.equal(stored(storage, KEYS.outboxKey)[0].held, undefined);
  assert.equal(box.next(0), op);

  box.hold(op, { code: "forbidden", message: "Closed session" });
  const found = box.release({ status: "closed", closed_session: false }, ended);
  assert.deepEqual(found.ended, [op]);
  assert.equal(box.length, 0);
  assert.equal(storage.getItem(KEYS.outboxKey), null);
  assert.deepEqual(stored(storage, KEYS.returnedKey), [
    { op: { op_id: op.op_id, type: "item.add", payload: { column: "worries", text: "held words" } }, error: ended },
  ]);
});

test("a refusal gives typed text back and lets a command without any go", () => {
  const storage = new MemoryStorage();
  const box = new Outbox(storage, KEYS);
  const move = box.add("item.move", { id: "i1", column: "worries" });
  const add = box.add("item.add", { column: "worries", text: "my words" });
  const error = { code: "invalid", message: "Too long" };
  box.refuse(move, error);
  assert.deepEqual(box.returned, []);
  assert.equal(storage.getItem(KEYS.returnedKey), null);
  box.refuse(add, error);
  assert.equal(box.length, 0);
  assert.deepEqual(stored(storage, KEYS.returnedKey), [
    { op: { op_id: add.op_id, type: add.type, payload: add.payload }, error },
  ]);
});

test("a board closed to this device gives back every command with typed text", () => {
  const storage = new MemoryStorage();
  const box = new Outbox(storage, KEYS);
  box.add("item.add", { column: "worries", text: "one" });
  box.add("item.delete", { id: "i1" });
  box.add("children.set", { children: [{ name: "Jo" }] });
  box.abandon({ code: "forbidden", message: "Not saved" });
  assert.equal(box.length, 0);
  assert.equal(storage.getItem(KEYS.outboxKey), null);
  assert.deepEqual(
    stored(storage, KEYS.returnedKey).map((r) => r.op.type),
    ["item.add", "children.set"],
  );
});

test("taken back: the corrected text in its field, on the current version", () => {
  const storage = new MemoryStorage();
  const box = new Outbox(storage, KEYS);
  const edit = box.add("item.edit", { id: "i1", version: 2, text: "old words" });
  const kids = box.add("children.set", { children: [{ name: "Jo" }, { name: "Sky" }] });
  box.refuse(edit, { code: "conflict", message: "Changed" });
  box.refuse(kids, { code: "invalid", message: "No" });
  assert.equal(box.returned.length, 2);

  const rows = [
    { id: "i0", version: 9 },
    { id: "i1", version: 5 },
  ];
  assert.deepEqual(box.takeBack(edit.op_id, "new words", rows), {
    type: "item.edit",
    payload: { id: "i1", version: 5, text: "new words" },
  });
  assert.equal(box.takeBack(edit.op_id, "again", rows), null); // taken once
  assert.deepEqual(
    stored(storage, KEYS.returnedKey).map((r) => r.op.op_id),
    [kids.op_id],
  );
  // words from a list go again as they were
  assert.deepEqual(box.takeBack(kids.op_id, null, rows), { type: "children.set", payload: kids.payload });
  assert.equal(storage.getItem(KEYS.returnedKey), null);
});

test("taken back with no board: the version it had; the stored payload is not changed", () => {
  const box = new Outbox(new MemoryStorage(), KEYS);
  const edit = box.add("item.edit", { id: "i1", version: 2, text: "old" });
  box.refuse(edit, { code: "conflict", message: "Changed" });
  const again = box.takeBack(edit.op_id, "new");
  assert.deepEqual(again.payload, { id: "i1", version: 2, text: "new" });
  assert.equal(edit.payload.text, "old");
});

test("discarded words are gone from the device", () => {
  const storage = new MemoryStorage();
  const box = new Outbox(storage, KEYS);
  const a = box.add("item.add", { text: "a" });
  const b = box.add("item.add", { text: "b" });
  box.refuse(a, { code: "invalid", message: "No" });
  box.refuse(b, { code: "invalid", message: "No" });
  box.discard(a.op_id);
  assert.deepEqual(
    new Outbox(storage, KEYS).returned.map((r) => r.op.op_id),
    [b.op_id],
  );
  box.discard("not-there");
  box.discard(b.op_id);
  assert.equal(storage.getItem(KEYS.returnedKey), null);
});

test("op ids are 128 random bits in hex", () => {
  const ids = new Set(Array.from({ length: 200 }, newOpId));
  assert.equal(ids.size, 200);
  for (const id of ids) assert.match(id, /^[0-9a-f]{32}$/);
});
