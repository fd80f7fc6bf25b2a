// The phone: waiting screen, the board as tabs, add and change your own items, score. Each
// panel (static/js/phone/) is given one context object and has the same shape,
// {setup, render}; this file boots the screen, chooses which panel fills it, and follows
// the meeting (a reveal, a decision) and the member's language.
import { $, h, keepFocus, replace } from "./dom.js";
import { lang, t } from "./i18n.js";
import { start } from "./screen.js";
import { addPanel } from "./phone/add.js";
import { agreedPanel } from "./phone/agreed.js";
import { AGREED, boardPanel } from "./phone/board.js";
import { decisionPanel } from "./phone/decision.js";
import { lobbyPanel, withoutToken } from "./phone/lobby.js";

// Loaded once the board is on the screen (or at once if a round is open or a result
// shown): the scoring ladder, the result and reading aloud are not needed to show the
// board, and on one bar of signal every kilobyte before it counts (docs/capacity.md).
const LATER_AFTER_MS = 500;
let later = null; // {scoring, result, reading, words} once loaded
let loading = null;
let tries = 0;

// The first time under their own URLs; again under new ones, as a browser may remember a
// module that failed to load by its URL and fail it again without asking (older Safari
// and Chrome). Their own imports keep their URLs, so the page shares one copy of each.
function laterModules() {
  tries += 1;
  if (tries === 1) {
    return [import("./phone/scoring.js"), import("./phone/result.js"), import("./phone/read-aloud.js")];
  }
  const again = `?again=${tries}`;
  return [
    import(`./phone/scoring.js${again}`),
    import(`./phone/result.js${again}`),
    import(`./phone/read-aloud.js${again}`),
  ];
}

function loadLater() {
  loading ||= Promise.all(laterModules()).then(([scoring, result, words]) => {
    const scoringPanel = scoring.scoringPanel(ctx);
    const resultPanel = result.resultPanel(ctx);
    scoringPanel.setup();
    resultPanel.setup();
    later = { scoring: scoringPanel, result: resultPanel, words, reading: words.readAloud({ redraw: () => render() }) };
    render();
  });
  // a line that dropped before they came: asked for again at the next screen drawn (the
  // board again when the socket is back, a round opened), not never
  loading.catch(() => (loading = null));
  return loading;
}

const ui = {
  // the moment the phone follows by itself: a reveal shows the result, a decision the
  // decision, until the person goes back to the board
  moment: null, // {kind: "result", roundId} | {kind: "decision"}
  stage: null, // which screen was drawn last: a new one opens at its top
  languageSent: false,
  // during a round, the board looked at (to read the worries again, or add one) instead of
  // the scale: the round's id, until "Back to my score" or the round ends
  peek: null,
};

function follow(event) {
  if (!event) return;
  if (event.type === "round.revealed") ui.moment = { kind: "result", roundId: event.payload.round_id };
  else if (event.type === "decision.recorded") ui.moment = { kind: "decision" };
  // the chair moving on (the projector back to the board, a new round, a closed session)
  else if (["round.opened", "session.closed", "conference.focused"].includes(event.type)) ui.moment = null;
}

function backToBoard() {
  ui.moment = null;
  render();
}

// while a round is open: the board, and back to the scale
function seeBoard(roundId) {
  ui.peek = roundId;
  render();
}

const screen = start({ render, withoutToken });
const { vocab, client, send } = screen;
// a tap that changes what the screen says (a score chosen) stops what was being read of it
const stopReading = () => later && later.reading.reader.speaking && later.reading.reader.stop({ quietly: true });
const ctx = { ...screen, redraw: () => render(), backToBoard, seeBoard, stopReading };
const panels = client ? makePanels() : null;

function makePanels() {
  const add = addPanel(ctx);
  const agreed = agreedPanel(ctx);
  const all = {
    lobby: lobbyPanel(ctx),
    decision: decisionPanel(ctx),
    agreed,
    add,
    board: boardPanel(ctx, { add, agreed }),
  };
  for (const panel of Object.values(all)) panel.setup();
  return all;
}

// The member's language is their own, kept in their member record: a page opened with
// ?lang= (the join form, the Language menu) saves its language there; a page opened
// without one follows the record.
function followLanguage() {
  if (!client.you || client.you.status !== "admitted" || ui.languageSent || !client.board) return;
  // after the end nothing can be saved: the page just reads in the language it was opened in
  if (client.board.conference.status === "closed") return;
  const asked = new URLSearchParams(location.search).get("lang");
  if (asked && asked === lang() && client.you.language !== asked) {
    ui.languageSent = true;
    send("member.language", { language: asked });
  } else if (!asked && client.you.language && client.you.language !== lang()) {
    ui.languageSent = true;
    location.replace(`?lang=${encodeURIComponent(client.you.language)}`);
  }
}

// What "Read this screen aloud" reads on each screen of a family-side phone (none on the
// waiting screens): the lines, worked out at the tap from the board as it is then.
function wordsOf(stage, board, open, shown) {
  const w = later.words;
  if (stage === "ended") return w.endWords(vocab, board);
  if (open && !stage.startsWith("board-during")) return w.scoringWords(board, open);
  if (shown) return w.resultWords(board, shown);
  if (stage === "decision") return w.decisionWords(vocab, board);
  const tab = panels.board.tab();
  return tab === AGREED ? [t("What we agreed"), ...w.agreedWords(vocab, board)] : w.boardWords(vocab, board, tab);
}

function render(e) {
  follow(e && e.detail && e.detail.event);
  followLanguage();
  const main = $("#screen");
  if (client.state === "removed" || client.state === "refused") {
    replace(main, panels.lobby.render("gone"));
    return;
  }
  if (client.you && client.you.status === "waiting") {
    replace(main, panels.lobby.render("waiting"));
    return;
  }
  const board = client.board;
  if (!board) return;
  $("#title").textContent = board.conference.title;
  const family = vocab.isFamily(client.you.role);
  const open = board.rounds.find((r) => r.status === "open");
  const peeking = Boolean(open) && ui.peek === open.id;
  const shown =
    ui.moment && ui.moment.kind === "result" && board.rounds.find((r) => r.id === ui.moment.roundId && r.revealed);
  const stage =
    board.conference.closed_session && family
      ? "closed"
      : board.conference.status === "closed"
        ? "ended"
        : open
          ? `${peeking ? "board-during" : "scoring"}:${open.id}`
          : shown
            ? `result:${shown.id}`
            : ui.moment && ui.moment.kind === "decision"
              ? "decision"
              : "board";
  // a new screen: what was being read of the last one stops
  if (stage !== ui.stage) stopReading();
  if (!later) {
    if (open || shown)
      loadLater(); // needed now: the board shows for the moment it takes
    else setTimeout(loadLater, LATER_AFTER_MS);
  }
  keepFocus(() => {
    if (stage === "closed") replace(main, panels.lobby.render("closed"));
    else if (stage === "ended") replace(main, panels.agreed.render(board, { ended: true }));
    else if (open && later && !peeking) replace(main, later.scoring.render(board, open));
    else if (shown && later) replace(main, later.result.render(board, shown));
    else if (stage === "decision") replace(main, panels.decision.render(board));
    else replace(main, panels.board.render(board));
    if (peeking && stage !== "closed" && stage !== "ended")
      main.prepend(
        h(
          "button",
          {
            type: "button",
            class: "back-to-score",
            onclick: () => {
              ui.peek = null;
              render();
            },
          },
          t("Back to my score"),
        ),
      );
    // the family's phones can read the screen aloud, in the phone's own voice
    if (family && stage !== "closed" && later)
      main.prepend(later.reading.control(() => wordsOf(stage, board, open, shown)));
    // a professional's phone says so while the family can't see the board
    if (board.conference.closed_session && !family && stage !== "ended")
      main.prepend(
        h(
          "p",
          { class: "closed-banner", role: "status" },
          t("Closed session: the family can't see the board now. What you add stays private."),
        ),
      );
  });
  // a new screen opens at its top, the question or the result first (not where the last
  // one was scrolled to)
  if (stage !== ui.stage) {
    ui.stage = stage;
    window.scrollTo(0, 0);
  }
}
