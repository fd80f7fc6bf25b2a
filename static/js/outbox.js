// What the client does with each answer to a command, and the order of events: pure
// logic with no imports, so Node's own test runner checks it (tests/js/).

// No answer, storage away or too many at once: the command was not applied (or, for
// `unavailable`, may have been: the same op_id is applied at most once). Send it again.
export const TRANSIENT = new Set(["unavailable", "rate_limited"]);

// Words a person typed, by command: these come back to them on a refusal.
const TYPED_FIELDS = [
  "text",
  "reason",
  "who",
  "behaviour",
  "impact",
  "disagreement",
  "dissent",
  "title",
  "name",
  "question",
  "owner",
  "note",
  "does",
  "agency",
  "why",
  "low_label",
  "high_label",
  "family_question",
  "family_low_label",
  "family_high_label",
  "lead_social_worker",
  "next_meeting_place",
];
// lists whose rows carry words a level down: children's names, the safety network, each
// agency's view, each child's dissent
const TYPED_LISTS = ["children", "network", "agencies", "per_child"];

export const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];

// "wait": keep it and try again later; "hold": keep it until the board is open again;
// "return": give the words back to the person with the server's sentence. `conference`
// is the board's conference as this client knows it.
export function outcome(error, conference = null) {
  if (!error) return "wait"; // no answer came
  if (TRANSIENT.has(error.code)) return "wait";
  // refused for the moment: the board is locked, or the family side is out of the room
  // for a closed session (a refusal for another reason during one comes back when it ends)
  if (error.code === "locked") return "hold";
  if (error.code === "forbidden" && conference && conference.closed_session) return "hold";
  return "return";
}

export function retryDelay(attempts, error) {
  const backoff = BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1] || BACKOFF_MS[0];
  const hinted = error && typeof error.retry_after === "number" ? error.retry_after * 1000 : 0;
  return Math.max(backoff, hinted);
}

// The typed words in a command, for a "Not saved — your words" card.
export function typedFields(op) {
  const p = op.payload || {};
  return TYPED_FIELDS.filter((k) => typeof p[k] === "string" && p[k].trim());
}

export function typedTextOf(op) {
  const p = op.payload || {};
  const nested = TYPED_LISTS.flatMap((k) =>
    Array.isArray(p[k])
      ? p[k].flatMap((row) => (row && typeof row === "object" ? typedTextOf({ payload: row }) : []))
      : [],
  );
  return [...typedFields(op).map((k) => p[k]), ...nested];
}

// The next command to send: the first that is not held, unless it is still waiting out
// a delay — then nothing, so that commands land in the order they were made.
export function nextToSend(outbox, now) {
  const first = outbox.find((op) => !op.held);
  return first && !(first.notBefore > now) ? first : null;
}

// When the board is open (not locked, no closed session), held commands may go again;
// once the conference has ended they never can, so they come back as refused.
export function releaseHeld(outbox, conference) {
  const released = [];
  const ended = [];
  if (!conference) return { released, ended };
  for (const op of outbox) {
    if (!op.held) continue;
    if (conference.status === "closed") ended.push(op);
    else if (conference.status === "open" && !conference.closed_session) released.push(op);
  }
  for (const op of released) {
    delete op.held;
    delete op.notBefore;
  }
  return { released, ended };
}

// "Waiting to send (3)" and friends: what the status line says about the outbox.
export function outboxSummary(outbox) {
  const held = outbox.filter((o) => o.held).length;
  const waiting = outbox.length - held;
  return { waiting, held };
}

// Events may arrive a few ms out of seq order when several servers deliver them. Hold
// them for a short window; if the gap is not filled by then, the caller syncs.
export class ReorderBuffer {
  constructor(windowMs = 250) {
    this.windowMs = windowMs;
    this.pending = new Map(); // seq -> event
    this.since = null; // when the oldest gap was first seen
  }

  // Offer an event; returns the events now ready to apply in order (possibly none).
  offer(event, seq, now) {
    if (event.seq > seq) this.pending.set(event.seq, event);
    return this.drain(seq, now);
  }

  // After the board reached `seq` (by an event or a sync): the buffered events that now
  // follow on, in order; anything at or below seq is dropped as already applied.
  drain(seq, now) {
    for (const s of this.pending.keys()) if (s <= seq) this.pending.delete(s);
    const ready = [];
    let next = seq + 1;
    while (this.pending.has(next)) {
      ready.push(this.pending.get(next));
      this.pending.delete(next);
      next += 1;
    }
    this.since = this.pending.size ? (ready.length || this.since === null ? now : this.since) : null;
    return ready;
  }

  // True when a gap has waited longer than the window: time to sync.
  overdue(now) {
    return this.since !== null && now - this.since >= this.windowMs;
  }

  clear() {
    this.pending.clear();
    this.since = null;
  }
}
