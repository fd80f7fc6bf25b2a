// The projector: read from six metres. Never shows pending items, private items or hidden scores
// (the server never sends them here; this page only draws what it receives). Which screen
// to show is chosen in projector-screen.js from plain data; projector/ draws it: moments.js
// (one moment filling the wall), board.js (the whole board), pages.js (fit and pages).
import { $, h, replace } from "./dom.js";
import { start } from "./screen.js";
import { t } from "./i18n.js";
import { chooseScreen, followMoment, hasText, NO_DRAFT, SOLID_MS } from "./projector-screen.js";
import { boardScreens } from "./projector/board.js";
import { momentScreens } from "./projector/moments.js";
import { pager } from "./projector/pages.js";

const screenContext = start({
  render,
  quietWhenConnected: true,
  withoutToken: () =>
    replace($("#screen"), h("p", { class: "message" }, t("Open the projector link from the chair's console."))),
});
const { vocab, client } = screenContext;
const moments = momentScreens(screenContext);
const boards = boardScreens(screenContext, moments);
const pages = pager(screenContext);
let highlightTimer = null;
// The projector follows the meeting: a reveal or a decision is shown by itself until the
// chair chooses what to show (projector-screen.js followMoment).
let moment = null; // {kind: "result", roundId} | {kind: "decision"}
let seenDraft = null;
let track = NO_DRAFT; // the draft being typed, then solid for a moment (trackDraft)

function follow(event) {
  // the chair starting to type a statement after a reveal or a decision brings the draft in
  let draftTyped = false;
  if (client.draft !== seenDraft) {
    draftTyped = hasText(client.draft);
    seenDraft = client.draft;
  }
  moment = followMoment(moment, event, draftTyped);
}

// the single screens: one moment of the meeting, with no pages
function single(board, choice) {
  switch (choice.screen) {
    case "ended":
      return moments.decision(board, t("This meeting has ended"));
    case "scoring":
      return moments.scoring(board, choice.round);
    case "result":
      return moments.result(board, choice.round);
    case "decision":
      return moments.decision(board, t("What was decided"));
    case "draft":
      return moments.statements(board, choice.draft);
    case "people":
      return moments.people(board);
    default:
      return null;
  }
}

function render(e) {
  follow(e && e.detail && e.detail.event);
  const board = client.board;
  const screen = $("#screen");
  const choice = chooseScreen({
    clientState: client.state,
    board,
    moment,
    draft: client.draft,
    track,
    now: Date.now(),
    columnOrder: vocab.columnOrder,
  });
  if (choice.track.saved) setTimeout(render, SOLID_MS + 50);
  track = choice.track;
  if (choice.screen === "message") {
    replace(screen, h("p", { class: "message" }, client.statusText()));
    return;
  }
  if (choice.screen === "none") return;
  const conf = board.conference;
  $("#title").textContent = conf.title;
  document.title = `${conf.title} — Conference Board`;
  if (choice.screen === "private") {
    screen.className = "display-main";
    replace(
      screen,
      h("p", { class: "message" }, t("The professionals are talking privately. The board will be back shortly.")),
    );
    return;
  }
  replace($("#join-corner"), choice.corner ? boards.joinPanel(board, false) : null);
  const now = single(board, choice);
  if (now) {
    pages.single(screen);
    screen.className = "display-main moment-main";
    replace(screen, now);
    return;
  }
  screen.className = `display-main${choice.focus ? ` focus-${choice.focus}` : ""}`;
  replace(screen, boards.board(board, choice));
  pages.fit(screen);
  clearTimeout(highlightTimer);
  highlightTimer = setTimeout(
    () => document.querySelectorAll(".fresh").forEach((el) => el.classList.remove("fresh")),
    4000,
  );
}
