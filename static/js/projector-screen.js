// What the projector shows, decided from plain data alone: no DOM, no socket, no clock of
// its own (the caller passes `now`), so node --test checks every branch
// (tests/js/projector-screen.test.js). static/js/display.js draws what this chooses.

// How long a statement just added or saved stays on screen, solid, before the board returns.
export const SOLID_MS = 8000;

// A draft with text in it: an emptied builder shows nothing and hides nothing.
export function hasText(draft) {
  return Boolean(draft && draft.kind && ["who", "behaviour", "impact", "disagreement", "text"].some((k) => draft[k]));
}

// The moment the projector follows by itself: a reveal shows the result and a decision the
// decision, until the chair chooses what to show (any focus from the console, "The whole
// board" included) or opens a round. The chair starting to type a statement after a reveal
// or a decision brings the draft in (`draftTyped`: the draft changed and has text).
// moment: null | {kind: "result", roundId} | {kind: "decision"}
export function followMoment(moment, event, draftTyped = false) {
  let next = draftTyped ? null : moment;
  if (!event) return next;
  if (event.type === "round.revealed") next = { kind: "result", roundId: event.payload.round_id };
  else if (event.type === "decision.recorded") next = { kind: "decision" };
  else if (event.type === "conference.focused" || event.type === "round.opened") next = null;
  return next;
}

// The draft as the chair types it, then solid for SOLID_MS once added or saved (the draft
// emptied). track: {lastDraft, solidUntil}; returns the next track, with `saved` true when
// the solid time has just begun (the caller redraws when it runs out).
export const NO_DRAFT = { lastDraft: null, solidUntil: 0 };

export function trackDraft(track, draft, now) {
  if (hasText(draft)) return { lastDraft: draft, solidUntil: 0, saved: false };
  if (track.lastDraft) return { lastDraft: null, solidUntil: now + SOLID_MS, saved: true };
  return { ...track, saved: false };
}

// The screen to show. input:
//   clientState  the client's state ("connected", "removed", "refused", …)
//   board        the board as the projector folded it, or null before the first sync
//   moment       what followMoment keeps
//   draft        the chair's statement being typed (client.draft), or null
//   track        what trackDraft keeps ({lastDraft, solidUntil}); moved on here, and only
//                while the board is drawn, so a statement saved in a closed session still
//                shows solid when the board comes back
//   now          milliseconds, as Date.now()
//   columnOrder  the columns' keys, in order
// Returns {screen, track, …}: "message" (the board closed to this screen), "none" (nothing
// yet), "private" (a closed session), and, each with `corner` (the small way to join in
// the header's corner): "ended", "scoring" / "result" (with `round`), "decision", "draft"
// (with `draft`, null while a saved one stays solid), "people", and "board".
export function chooseScreen({ clientState, board, moment, draft, track = NO_DRAFT, now, columnOrder }) {
  if (clientState === "removed" || clientState === "refused") return { screen: "message", track };
  if (!board) return { screen: "none", track };
  const conf = board.conference;
  if (conf.closed_session) return { screen: "private", track };
  const next = trackDraft(track, draft, now);
  const focus = conf.focus || null;
  const ended = conf.status === "closed";
  const open = board.rounds.find((r) => r.status === "open");
  const shown =
    moment && moment.kind === "result" ? board.rounds.find((r) => r.id === moment.roundId && r.revealed) : null;
  const typed = hasText(draft) ? draft : null;
  const single =
    ended && !focus
      ? { screen: "ended" }
      : open && (!focus || focus === "scaling")
        ? { screen: "scoring", round: open }
        : shown
          ? { screen: "result", round: shown }
          : moment && moment.kind === "decision"
            ? { screen: "decision" }
            : typed || now < next.solidUntil
              ? { screen: "draft", draft: typed }
              : null;
  // the meeting is under way once someone has joined by phone and the board has words;
  // before that the way to join fills the screen beside who is here
  const joining = board.members.every((m) => m.kind !== "participant") || board.items.length === 0;
  const large = joining && !focus && !single;
  const corner = !large && !ended;
  if (single) return { ...single, corner, track: next };
  if (focus === "people") return { screen: "people", corner, track: next };
  const columnFocus = columnOrder.includes(focus);
  return {
    screen: "board",
    corner,
    track: next,
    focus,
    // the way to join, large, beside who is here
    joining: large,
    // the columns shown: every one, or the one the chair focused; none (no columns at all)
    // with the statements or the scale in focus
    columns:
      focus === "statements" || focus === "scaling" ? [] : columnOrder.filter((key) => !columnFocus || key === focus),
    // the statements: in focus, or under the columns while nothing is focused and there are some
    statements: focus === "statements" || (!focus && board.statements.some((s) => !s.private)),
    scaling: focus === "scaling",
  };
}

// The chair's "Next page" presses, counted modulo `pages` (limits.projector_pages): how far
// to turn from the page shown. Returns {page, seen}.
export function turnPages(page, seen, turns, pages) {
  if (turns === seen) return { page, seen };
  return { page: page + ((turns - seen + pages) % pages), seen: turns };
}

// "2/3" in the corner, with "❚❚" while the chair holds the page.
export function pageMarker(page, count, held) {
  return { text: `${page + 1}/${count}${held ? " ❚❚" : ""}`, n: page + 1, total: count, held: Boolean(held) };
}
