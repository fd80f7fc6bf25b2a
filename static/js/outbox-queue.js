// The outbox as this device keeps it: the commands not yet acknowledged, in order, and the
// refused ones whose typed text comes back to the person ("Not saved — your words"). The
// storage is handed in (localStorage in a browser, a Map-backed stand-in under node --test),
// so nothing here touches the page; the rules for each answer are outbox.js's.
//
// What is stored, unchanged since phones first kept it (a saved outbox must still be read):
//   outboxKey   -> JSON [{op_id, type, payload, attempts?, notBefore?, held?}, …]
//   returnedKey -> JSON [{op: {op_id, type, payload}, error: {code, message, …}}, …]
// An empty list removes its key.
import { nextToSend, outboxSummary, releaseHeld, retryDelay, typedFields, typedTextOf } from "./outbox.js";

export function newOpId() {
  // crypto.randomUUID needs a secure context; a board on a LAN address may not have one
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export class Outbox {
  // storage: getItem / setItem / removeItem (the Web Storage interface)
  constructor(storage, { outboxKey, returnedKey }) {
    this.storage = storage;
    this.outboxKey = outboxKey;
    this.returnedKey = returnedKey;
    this.ops = this._load(outboxKey);
    // refused commands that carried typed text: kept until the person retries or discards
    this.returned = this._load(returnedKey);
  }

  get length() {
    return this.ops.length;
  }

  // a new command, last in the queue, with its own op_id until it is acknowledged
  add(type, payload = {}) {
    const op = { op_id: newOpId(), type, payload };
    this.ops.push(op);
    this._saveOps();
    return op;
  }

  // The command to send now, or null (see outbox.js nextToSend).
  next(now) {
    return nextToSend(this.ops, now);
  }

  // When the first command waiting out a delay may go, or null if none is.
  nextRetryAt() {
    const times = this.ops.filter((o) => !o.held && o.notBefore).map((o) => o.notBefore);
    return times.length ? Math.min(...times) : null;
  }

  summary() {
    return outboxSummary(this.ops);
  }

  acked(opId) {
    this._drop(opId);
    this._saveOps();
  }

  // no answer, or a refusal for a moment: keep it, and send it again after a backoff
  delay(op, error, now) {
    op.attempts = (op.attempts || 0) + 1;
    op.notBefore = now + retryDelay(op.attempts, error);
    this._saveOps();
  }

  // refused while the board is locked or in a closed session: kept until it opens again
  hold(op, error) {
    op.held = error;
    this._saveOps();
  }

  // refused for good: out of the queue; its typed text, if any, comes back to the person
  refuse(op, error) {
    this._drop(op.op_id);
    this.giveBack(op, error);
    this._saveOps();
  }

  // The board as it is now: held commands go again once it is open, and come back (with
  // `endedError`) once it has ended. Returns what outbox.js releaseHeld found.
  release(conference, endedError) {
    const found = releaseHeld(this.ops, conference);
    for (const op of found.ended) {
      this._drop(op.op_id);
      this.giveBack(op, endedError);
    }
    if (found.released.length || found.ended.length) this._saveOps();
    return found;
  }

  // The board closed to this device: nothing more can be sent; typed text stays readable.
  abandon(error) {
    for (const op of this.ops) this.giveBack(op, error);
    this.ops = [];
    this._saveOps();
  }

  giveBack(op, error) {
    if (!typedTextOf(op).length) return;
    this.returned.push({ op: { op_id: op.op_id, type: op.type, payload: op.payload }, error });
    this._saveReturned();
  }

  // A refused command taken back to send again as a new one: its type and payload, with the
  // person's corrected text in its one text field, and on the current version of what it
  // edits (`rows`: the board's items and statements). Null if it is no longer there.
  takeBack(opId, editedText = null, rows = []) {
    const found = this.returned.find((r) => r.op.op_id === opId);
    if (!found) return null;
    this.returned = this.returned.filter((r) => r !== found);
    this._saveReturned();
    const payload = { ...found.op.payload };
    if (editedText !== null) {
      const [field] = typedFields(found.op);
      if (field) payload[field] = editedText;
    }
    if ("version" in payload) {
      const current = rows.find((row) => row.id === payload.id);
      if (current) payload.version = current.version;
    }
    return { type: found.op.type, payload };
  }

  discard(opId) {
    this.returned = this.returned.filter((r) => r.op.op_id !== opId);
    this._saveReturned();
  }

  _drop(opId) {
    this.ops = this.ops.filter((o) => o.op_id !== opId);
  }

  _load(key) {
    try {
      const rows = JSON.parse(this.storage.getItem(key) || "[]");
      return Array.isArray(rows) ? rows : [];
    } catch {
      return [];
    }
  }

  _store(key, rows) {
    try {
      if (rows.length) this.storage.setItem(key, JSON.stringify(rows));
      else this.storage.removeItem(key);
    } catch {
      // storage full or blocked: it still lives in memory
    }
  }

  _saveOps() {
    this._store(this.outboxKey, this.ops);
  }

  _saveReturned() {
    this._store(this.returnedKey, this.returned);
  }
}
