// The chair's live messages to the projector, never logged and never queued: the statement
// as it is being typed, and how the chair wants the pages and the scale's words just now.
// Only the latest of each matters. The socket is handed in (node --test gives a stand-in).
export const DRAFT_EVERY_MS = 250;

export class ProjectorChannel {
  constructor(socket, changed, everyMs = DRAFT_EVERY_MS) {
    this.socket = socket;
    this.everyMs = everyMs;
    // what a projector receives: the chair's statement being typed, or null
    this.draft = null;
    socket.on("draft", (d) => {
      this.draft = d && d.kind ? d : null;
      changed();
    });
    // and the chair's paging and wording choice
    this.settings = { paused: false, page: 0, family_wording: false };
    socket.on("projector", (p) => {
      this.settings = p;
      changed();
    });
    this._next = undefined;
    this._timer = null;
  }

  // The statement being typed: at once, then at most one message every `everyMs` while
  // typing, then the last words.
  sendDraft(payload) {
    this._next = payload;
    if (!this._timer) this._flush();
  }

  _flush() {
    this._timer = null;
    if (this._next === undefined) return;
    if (this.socket.connected) this.socket.emit("draft", this._next, () => {});
    this._next = undefined;
    this._timer = setTimeout(() => this._flush(), this.everyMs);
  }

  // The paging and wording choice: the latest one only; the console sends it again when a
  // projector (re)connects, as a reloaded projector starts afresh.
  sendSettings(settings) {
    if (this.socket.connected) this.socket.emit("projector", settings, () => {});
  }
}
