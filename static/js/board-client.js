// The protocol client every screen shares: connect with a token, sync, apply events in
// order (re-sync on a gap), and keep an outbox in localStorage so nothing typed is lost.
import { io } from "/vendor/socket.io.esm.min.js";

const IDLE_SYNC_MS = 30000;
const ACK_TIMEOUT_MS = 10000;

export function newOpId() {
  // crypto.randomUUID needs a secure context; a board on a LAN address may not have one
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// ---- the viewer's fold: the same rules as conference/domain/views.py apply_view ----

export function sortItems(items, columnOrder) {
  const order = Object.fromEntries(columnOrder.map((c, n) => [c, n]));
  return items.sort(
    (a, b) =>
      order[a.column] - order[b.column] ||
      (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

function sortMembers(members) {
  return members.sort((a, b) =>
    a.joined_at < b.joined_at ? -1 : a.joined_at > b.joined_at ? 1 : a.member_id < b.member_id ? -1 : 1,
  );
}

function upsert(rows, key, row) {
  const at = rows.findIndex((r) => r[key] === row[key]);
  if (at >= 0) rows[at] = { ...row };
  else rows.push({ ...row });
}

export function applyEvent(board, event, columnOrder) {
  const p = event.payload || {};
  const conf = board.conference;
  switch (event.type) {
    case "hidden":
      break;
    case "conference.created":
      board.conference = { ...p.conference };
      board.members = p.members.map((m) => ({ ...m }));
      board.items = [];
      board.statements = [];
      board.rounds = [];
      break;
    case "member.joined":
    case "member.admitted":
    case "member.added":
      upsert(board.members, "member_id", p.member);
      sortMembers(board.members);
      break;
    case "member.removed":
      for (const m of board.members) if (m.member_id === p.member_id) m.status = "removed";
      break;
    case "item.added":
    case "item.edited":
    case "item.moved":
    case "item.accepted":
      upsert(board.items, "id", p.item);
      sortItems(board.items, columnOrder);
      break;
    case "item.deleted":
    case "item.rejected":
      board.items = board.items.filter((i) => i.id !== p.id);
      break;
    case "statement.added":
    case "statement.edited":
      upsert(board.statements, "id", p.statement);
      break;
    case "statement.deleted":
      board.statements = board.statements.filter((s) => s.id !== p.id);
      for (const s of board.statements) if (s.pairs_with === p.id) s.pairs_with = null;
      break;
    case "round.opened":
      board.rounds.push({ ...p.round });
      break;
    case "round.scored":
    case "round.closed":
    case "round.revealed":
      for (const r of board.rounds) {
        if (r.id !== p.round_id) continue;
        if (event.type === "round.scored") {
          r.count = p.count;
          if (p.mine) r.mine = { ...p.mine };
        } else {
          r.status = "closed";
          if (event.type === "round.revealed") {
            r.revealed = true;
            r.scores = p.scores;
            r.summary = p.summary;
          }
        }
      }
      break;
    case "session.closed":
      conf.closed_session = true;
      break;
    case "session.opened":
      if (p.board) Object.assign(board, structuredClone(p.board));
      board.conference.closed_session = false;
      break;
    case "conference.updated":
      Object.assign(conf, p.conference);
      break;
    case "conference.focused":
      conf.focus = p.section;
      break;
    case "conference.locked":
      conf.status = "locked";
      break;
    case "conference.unlocked":
      conf.status = "open";
      break;
    case "conference.closed":
      conf.status = "closed";
      break;
    case "decision.recorded":
      conf.decision = { ...p.decision };
      break;
    default:
      throw new Error(`unknown event ${event.type}`);
  }
  board.seq = event.seq;
  return board;
}

// ---- the client ----

export class BoardClient extends EventTarget {
  constructor({ token, conferenceId, columnOrder }) {
    super();
    this.token = token;
    this.conferenceId = conferenceId;
    this.columnOrder = columnOrder;
    this.board = null;
    this.you = null;
    this.online = [];
    this.state = "connecting"; // connecting | connected | reconnecting | offline | waiting | removed | refused
    this.refusal = null;
    this.fresh = new Set(); // ids changed by the last events, for a brief highlight
    this.outboxKey = `cb:outbox:${conferenceId}:${token.slice(0, 12)}`;
    this.outbox = this._loadOutbox();
    this.inflight = null;
    this.syncing = false;
    this.lastActivity = Date.now();

    this.socket = io("/board", {
      auth: { token },
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    this.socket.on("hello", (hello) => this._hello(hello));
    this.socket.on("admitted", () => {
      if (this.you) this.you.status = "admitted";
      this._setState("connected");
      this.sync();
    });
    this.socket.on("event", (event) => this._receive(event));
    this.socket.on("presence", (p) => {
      this.online = p.online;
      this._changed();
    });
    this.socket.on("removed", (r) => {
      this.refusal = r.reason;
      this.outbox = [];
      this._saveOutbox();
      this._setState("removed");
      this.socket.disconnect();
    });
    this.socket.on("disconnect", (reason) => {
      this.inflight = null;
      if (this.state === "removed" || reason === "io client disconnect") return;
      this._setState(navigator.onLine ? "reconnecting" : "offline");
    });
    this.socket.on("connect_error", (err) => {
      const code = err && err.data && err.data.code;
      if (code === "unauthorized") {
        this.refusal = err.message;
        this._setState("refused");
        this.socket.disconnect();
      } else {
        this._setState(navigator.onLine ? "reconnecting" : "offline");
      }
    });

    window.addEventListener("online", () => this._wake());
    window.addEventListener("offline", () => {
      // a phone that lost its network: hold everything in the outbox until it is back
      this._setState("offline");
      this.socket.disconnect();
    });
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") this._wake();
    });
    window.addEventListener("pageshow", () => this._wake());
    this._timer = setInterval(() => {
      if (this.state === "connected" && Date.now() - this.lastActivity > IDLE_SYNC_MS) this.sync();
    }, 5000);
  }

  // what the screens call

  send(type, payload = {}) {
    const op = { op_id: newOpId(), type, payload };
    this.outbox.push(op);
    this._saveOutbox();
    this._changed();
    this._flush();
    return op.op_id;
  }

  get unsent() {
    return this.outbox.length;
  }

  statusText() {
    const n = this.outbox.length;
    const unsent = n ? ` ${n} change${n === 1 ? "" : "s"} not sent yet.` : "";
    switch (this.state) {
      case "connected":
      case "waiting":
        return n ? `Connected — sending${unsent}` : "Connected";
      case "reconnecting":
      case "connecting":
        return `Reconnecting — your changes are kept on this device and will be sent.${unsent}`;
      case "offline":
        return `Offline — your changes are kept on this device and will be sent.${unsent}`;
      case "removed":
        return this.refusal === "deleted" ? "This board has been deleted." : "The chair has removed you from this board.";
      case "refused":
        return this.refusal || "This link no longer works.";
      default:
        return "";
    }
  }

  member(id) {
    return this.board && this.board.members.find((m) => m.member_id === id);
  }

  sync() {
    if (!this.socket.connected || this.syncing || !this.you || this.you.status === "waiting") return;
    this.syncing = true;
    const since = this.board ? this.board.seq : 0;
    this.socket.timeout(ACK_TIMEOUT_MS).emit("sync", { since }, (err, answer) => {
      this.syncing = false;
      if (err || !answer || !answer.ok) return;
      this.lastActivity = Date.now();
      if (answer.snapshot) {
        this.board = answer.snapshot;
      } else if (this.board) {
        for (const event of answer.events) this._apply(event);
      }
      this._changed();
      this._flush();
    });
  }

  // inside

  _hello(hello) {
    this.you = hello.you;
    if (this.board && this.board.conference.id !== hello.conference_id) this.board = null;
    this._setState(hello.you.status === "waiting" ? "waiting" : "connected");
    this.sync();
  }

  _wake() {
    if (this.state === "removed" || this.state === "refused" || !navigator.onLine) return;
    if (!this.socket.connected) this.socket.connect();
    else this.sync();
  }

  _receive(event) {
    this.lastActivity = Date.now();
    if (!this.board) return; // the sync that is on its way brings it
    if (event.seq <= this.board.seq) return; // already have it
    if (event.seq > this.board.seq + 1) {
      this.sync(); // a gap: ask for what we missed
      return;
    }
    this.fresh.clear();
    this._apply(event);
    this._changed(event);
  }

  _apply(event) {
    if (event.seq !== this.board.seq + 1) return;
    applyEvent(this.board, event, this.columnOrder);
    const p = event.payload || {};
    if (p.item) this.fresh.add(p.item.id);
  }

  _flush() {
    if (this.inflight || !this.socket.connected || !navigator.onLine || !this.board || !this.outbox.length) return;
    if (this.you && this.you.status === "waiting") return;
    const op = this.outbox[0];
    this.inflight = op.op_id;
    this.socket.timeout(ACK_TIMEOUT_MS).emit("command", op, (err, ack) => {
      if (this.inflight !== op.op_id) return;
      this.inflight = null;
      if (err) return; // no answer: it stays in the outbox and is resent (same op_id) later
      this.outbox = this.outbox.filter((o) => o.op_id !== op.op_id);
      this._saveOutbox();
      if (!ack.ok) {
        this.dispatchEvent(new CustomEvent("refused", { detail: { op, error: ack.error } }));
      } else {
        this.dispatchEvent(new CustomEvent("acked", { detail: { op, ack } }));
      }
      this._changed();
      this._flush();
    });
  }

  _loadOutbox() {
    try {
      return JSON.parse(localStorage.getItem(this.outboxKey) || "[]");
    } catch {
      return [];
    }
  }

  _saveOutbox() {
    try {
      if (this.outbox.length) localStorage.setItem(this.outboxKey, JSON.stringify(this.outbox));
      else localStorage.removeItem(this.outboxKey);
    } catch {
      // storage full or blocked: the outbox still lives in memory
    }
  }

  _setState(state) {
    if (this.state === state) return;
    this.state = state;
    this._changed();
  }

  _changed(event = null) {
    this.dispatchEvent(new CustomEvent("change", { detail: { event } }));
  }
}

// Reads the token from the URL fragment (#t=...) into this device's storage, then hides it.
export function tokenFor(conferenceId) {
  const key = `cb:token:${conferenceId}`;
  const match = location.hash.match(/[#&]t=([^&]+)/);
  if (match) {
    localStorage.setItem(key, decodeURIComponent(match[1]));
    history.replaceState(null, "", location.pathname + location.search);
  }
  return localStorage.getItem(key);
}

export function readVocabulary() {
  return JSON.parse(document.getElementById("vocabulary").textContent);
}
