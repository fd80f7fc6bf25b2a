// The protocol client every screen shares: connect with a token, sync, apply events in
// order (re-sync on a gap), and keep an outbox in localStorage so nothing typed is lost.
import { applyEvent } from "./board-fold.js";
import { takeSocket } from "./board-socket.js";
import { t } from "./i18n.js";
import { keys } from "./keys.js";
import { outcome, ReorderBuffer, typedTextOf } from "./outbox.js";
import { Outbox } from "./outbox-queue.js";
import { ProjectorChannel } from "./projector-channel.js";
import { statusClass, statusText } from "./status-line.js";

const IDLE_SYNC_MS = 30000;
const ACK_TIMEOUT_MS = 10000;
const REORDER_WINDOW_MS = 250;

export class BoardClient extends EventTarget {
  constructor({ token, conferenceId, columnOrder }) {
    super();
    this.token = token;
    this.conferenceId = conferenceId;
    this.columnOrder = columnOrder;
    this.board = null;
    this.you = null;
    this.online = [];
    this.waiting = []; // the chair's console only: who waits in the lobby with a screen open
    this.state = "connecting"; // connecting | connected | reconnecting | offline | waiting | removed | refused
    this.refusal = null;
    this.fresh = new Set(); // ids changed by the last events, for a brief highlight
    this.queue = new Outbox(localStorage, {
      outboxKey: keys.outbox(conferenceId, token),
      returnedKey: keys.returned(conferenceId, token),
    });
    this.reorder = new ReorderBuffer(REORDER_WINDOW_MS);
    this._retryTimer = null;
    this._reorderTimer = null;
    this.inflight = null;
    this.syncing = false;
    this.lastActivity = Date.now();

    this.early = []; // events that came before the first board, kept for after it
    this.socket = null; // connect() takes the page's socket
    this.live = null;

    window.addEventListener("online", () => this._wake());
    window.addEventListener("offline", () => {
      // a phone that lost its network: hold everything in the outbox until it is back
      this._setState("offline");
      if (this.socket) this.socket.disconnect();
    });
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") this._wake();
    });
    // back from the browser's page cache (not the first load: hello has just brought the board)
    window.addEventListener("pageshow", (e) => e.persisted && this._wake());
    this._timer = setInterval(() => {
      if (this.state === "connected" && Date.now() - this.lastActivity > IDLE_SYNC_MS) this.sync();
    }, 5000);
  }

  // Take the page's socket (opened early by board-socket.js, or now) and listen to it;
  // what it heard before anyone listened is handled first, in order. A WebSocket first,
  // long-polling when that fails; each handshake asks for what was missed since our board
  // (`since`) and the server answers in hello. screen.js calls this once it listens itself.
  connect() {
    const { socket, heard } = takeSocket(this.token, () => (this.board ? this.board.seq : 0));
    this.socket = socket;
    socket.on("hello", (hello) => this._hello(hello));
    socket.on("admitted", () => {
      if (this.you) this.you.status = "admitted";
      this._setState("connected");
      this.sync();
    });
    socket.on("event", (event) => this._receive(event));
    // the chair's statement being typed and the projector's pages and words (never logged)
    this.live = new ProjectorChannel(socket, () => this._changed());
    socket.on("presence", (p) => {
      this.online = p.online;
      if (p.waiting) this.waiting = p.waiting;
      this._changed();
    });
    socket.on("removed", (r) => {
      this.refusal = r.reason;
      // the board is gone or we were removed: what was typed and not sent stays readable
      // (Copy) on this device until the person discards it
      this.queue.abandon({ code: "forbidden", message: t("This was not saved before the board closed to you.") });
      this._setState("removed");
      socket.disconnect();
    });
    socket.on("disconnect", (reason) => {
      this.inflight = null;
      if (this.state === "removed" || reason === "io client disconnect") return;
      this._setState(navigator.onLine ? "reconnecting" : "offline");
    });
    socket.on("connect_error", (err) => {
      const code = err && err.data && err.data.code;
      if (code === "unauthorized") {
        this.refusal = err.message;
        this._setState("refused");
        socket.disconnect();
      } else {
        this._setState(navigator.onLine ? "reconnecting" : "offline");
      }
    });

    for (const [name, args] of heard) for (const listener of socket.listeners(name)) listener(...args);
  }

  // what the screens call

  send(type, payload = {}) {
    const op = this.queue.add(type, payload);
    this._changed();
    this._flush();
    return op.op_id;
  }

  // the commands not yet acknowledged, and the refused ones whose typed text came back
  get outbox() {
    return this.queue.ops;
  }

  get returned() {
    return this.queue.returned;
  }

  // what a projector shows of the chair's live messages (projector-channel.js)
  get draft() {
    return this.live ? this.live.draft : null;
  }

  get projector() {
    return this.live ? this.live.settings : { paused: false, page: 0, family_wording: false };
  }

  // A refused command's words: send them again (as a new command, on the item's current
  // version for an edit), or let them go.
  retryReturned(opId, editedText = null) {
    const rows = this.board ? [...this.board.items, ...this.board.statements] : [];
    const again = this.queue.takeBack(opId, editedText, rows);
    return again ? this.send(again.type, again.payload) : null;
  }

  discardReturned(opId) {
    this.queue.discard(opId);
    this._changed();
  }

  // the status line: connected, reconnecting, "Waiting to send (3)", removed…
  statusClass() {
    return statusClass(this.state, this.queue.summary());
  }

  statusText() {
    return statusText(this.state, this.refusal, this.queue.summary());
  }

  member(id) {
    return this.board && this.board.members.find((m) => m.member_id === id);
  }

  // the chair's statement as it is typed, and the projector's pages and words
  sendDraft(payload) {
    if (this.live) this.live.sendDraft(payload);
  }

  sendProjector(settings) {
    if (this.live) this.live.sendSettings(settings);
  }

  sync() {
    if (!this.socket || !this.socket.connected || this.syncing || !this.you || this.you.status === "waiting") return;
    this.syncing = true;
    const since = this.board ? this.board.seq : 0;
    this.socket.timeout(ACK_TIMEOUT_MS).emit("sync", { since }, (err, answer) => {
      this.syncing = false;
      if (err || !answer || !answer.ok) return;
      this._synced(answer);
    });
  }

  // inside

  _hello(hello) {
    this.you = hello.you;
    if (this.board && this.board.conference.id !== hello.conference_id) this.board = null;
    this._setState(hello.you.status === "waiting" ? "waiting" : "connected");
    // the answer to the handshake's `since`, when this server gives one; else ask
    const answer = hello.sync;
    if (answer && answer.ok && (answer.snapshot || this.board)) this._synced(answer);
    else this.sync();
  }

  // a sync's answer: the whole board, or the events after ours
  _synced(answer) {
    this.lastActivity = Date.now();
    if (answer.snapshot) {
      this.board = answer.snapshot;
    } else if (this.board) {
      for (const event of answer.events) this._apply(event);
    }
    const early = this.early;
    this.early = [];
    if (this.board) {
      for (const event of early) for (const e of this.reorder.offer(event, this.board.seq, Date.now())) this._apply(e);
      for (const event of this.reorder.drain(this.board.seq, Date.now())) this._apply(event);
      if (this.reorder.pending.size) this._watchGap();
    }
    this._boardChanged();
    this._changed();
    this._flush();
  }

  _wake() {
    if (this.state === "removed" || this.state === "refused" || !navigator.onLine || !this.socket) return;
    // connect() only a socket that was let go (offline): on one still trying (`active`) it
    // would send a second CONNECT while the first is on its way, and the server would give
    // this namespace a new id the page never hears on (events lost until a reload)
    if (!this.socket.active) this.socket.connect();
    else if (this.socket.connected) this.sync();
  }

  _receive(event) {
    this.lastActivity = Date.now();
    if (!this.board) {
      // the first board is on its way: what it lacks is applied after it
      this.early.push(event);
      return;
    }
    // with several servers an event can overtake the one before it by a few ms: wait a
    // moment for the gap to fill before asking for what we missed
    const ready = this.reorder.offer(event, this.board.seq, Date.now());
    if (!ready.length) {
      if (this.reorder.pending.size) this._watchGap();
      return;
    }
    this.fresh.clear();
    for (const e of ready) this._apply(e);
    if (this.reorder.pending.size) this._watchGap();
    this._boardChanged();
    this._changed(ready[ready.length - 1]);
  }

  _watchGap() {
    if (this._reorderTimer) return;
    this._reorderTimer = setTimeout(() => {
      this._reorderTimer = null;
      if (this.reorder.overdue(Date.now())) {
        this.reorder.clear();
        this.sync(); // a real gap: ask for what we missed
      } else if (this.reorder.pending.size) this._watchGap();
    }, this.reorder.windowMs);
  }

  // Held commands go again once the board is open; if it has ended they come back.
  _boardChanged() {
    if (!this.board) return;
    const { released, ended } = this.queue.release(this.board.conference, {
      code: "closed",
      message: t("The conference ended before this could be saved."),
    });
    if (released.length || ended.length) this._flush();
  }

  _apply(event) {
    if (event.seq !== this.board.seq + 1) return;
    applyEvent(this.board, event, this.columnOrder);
    const p = event.payload || {};
    if (p.item) this.fresh.add(p.item.id);
  }

  // Send the outbox one command at a time, in order, each with its own op_id until it is
  // acknowledged: a resend after no answer (or `unavailable`) is applied at most once.
  _flush() {
    clearTimeout(this._retryTimer);
    this._retryTimer = null;
    if (
      this.inflight ||
      !this.socket ||
      !this.socket.connected ||
      !navigator.onLine ||
      !this.board ||
      !this.queue.length
    )
      return;
    if (this.you && this.you.status === "waiting") return;
    const op = this.queue.next(Date.now());
    if (!op) {
      this._retryLater();
      return;
    }
    this.inflight = op.op_id;
    const message = { op_id: op.op_id, type: op.type, payload: op.payload };
    this.socket.timeout(ACK_TIMEOUT_MS).emit("command", message, (err, ack) => {
      if (this.inflight !== op.op_id) return;
      this.inflight = null;
      if (!err && ack && ack.ok) {
        this.queue.acked(op.op_id);
        this.dispatchEvent(new CustomEvent("acked", { detail: { op, ack } }));
      } else {
        const error = err || !ack ? null : ack.error;
        const what = outcome(error, this.board && this.board.conference);
        if (what === "wait") this.queue.delay(op, error, Date.now());
        else if (what === "hold") {
          this.queue.hold(op, error);
          this._boardChanged(); // the board may already be open again
        } else this.queue.refuse(op, error);
        if (error) this.dispatchEvent(new CustomEvent("refused", { detail: { op, error, outcome: what } }));
        // a sentence for the person: not for a resend in the background, and not when a
        // "Not saved — your words" card already says it
        if (error && (what === "hold" || (what === "return" && !typedTextOf(op).length))) {
          this.dispatchEvent(new CustomEvent("notice", { detail: { message: error.message, calm: what === "hold" } }));
        }
      }
      this._changed();
      this._flush();
    });
  }

  _retryLater() {
    const at = this.queue.nextRetryAt();
    if (at === null) return;
    const delay = Math.max(0, at - Date.now());
    this._retryTimer = setTimeout(() => this._flush(), delay + 5);
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
