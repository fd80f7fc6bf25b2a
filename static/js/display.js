// The projector: read from six metres. Never shows pending items, private items or hidden scores
// (the server never sends them here; this page only draws what it receives).
import {
  dangerSentence,
  itemCard,
  peopleList,
  planSection,
  scoreChart,
  scorers,
  trendChart,
  trendPoints,
} from "./board-view.js";
import { longDate, middleInWords, nextMeetingWords, wordingFor } from "./sentences.js";
import { $, h, replace } from "./dom.js";
import { start } from "./screen.js";
import { t, tn } from "./i18n.js";

const { vocab, client } = start({
  render,
  quietWhenConnected: true,
  withoutToken: () =>
    replace($("#screen"), h("p", { class: "message" }, t("Open the projector link from the chair's console."))),
});
let highlightTimer = null;
// The projector follows the meeting: a reveal or a decision is shown by itself until the
// chair chooses what to show (any focus from the console, "The whole board" included).
let moment = null; // {kind: "result", roundId} | {kind: "decision"}

// a draft with words in it: an emptied builder shows nothing and hides nothing
function hasText(draft) {
  return Boolean(draft && draft.kind && ["who", "behaviour", "impact", "disagreement", "text"].some((k) => draft[k]));
}
let seenDraft = null;

function follow(event) {
  // the chair starting to type a statement after a reveal or a decision brings the draft in
  if (client.draft !== seenDraft) {
    if (hasText(client.draft)) moment = null;
    seenDraft = client.draft;
  }
  if (!event) return;
  if (event.type === "round.revealed") moment = { kind: "result", roundId: event.payload.round_id };
  else if (event.type === "decision.recorded") moment = { kind: "decision" };
  else if (event.type === "conference.focused" || event.type === "round.opened") moment = null;
}

// The chair's statement as it is typed shows in a dashed "Draft — not agreed yet" box, in
// place of the statement being changed or after the others; once added or saved it shows
// solid for a few seconds before the board comes back.
const SOLID_MS = 8000;
let lastDraft = null;
let solidUntil = 0;

function drafting() {
  if (hasText(client.draft)) {
    lastDraft = client.draft;
    solidUntil = 0;
  } else if (lastDraft) {
    lastDraft = null;
    solidUntil = Date.now() + SOLID_MS;
    setTimeout(render, SOLID_MS + 50);
  }
  return hasText(client.draft) || Date.now() < solidUntil;
}

function draftBox(draft) {
  const danger = draft.kind === "danger";
  return h(
    "div",
    { class: "draft", role: "status" },
    h("p", { class: "draft-label" }, t("Draft — not agreed yet")),
    danger
      ? h("p", { class: "danger-text" }, dangerSentence(draft) || "…")
      : h("p", { class: "goal-text" }, h("strong", {}, t("Safety goal: ")), draft.text || "…"),
  );
}

function statementsScreen(board, draft) {
  const dangers = board.statements.filter((s) => s.kind === "danger" && !s.private);
  const isDraftOf = (s) => draft && draft.id === s.id;
  const newGoalFor = (s) => draft && draft.kind === "safety_goal" && !draft.id && draft.pairs_with === s.id;
  return h(
    "section",
    { class: "moment statements-now", "aria-labelledby": "now-h" },
    h("h2", { id: "now-h" }, vocab.statementsHeading(board)),
    h(
      "ol",
      { class: "statement-list" },
      dangers.map((s) => {
        const goal = board.statements.find((g) => g.kind === "safety_goal" && g.pairs_with === s.id && !g.private);
        return h(
          "li",
          {},
          isDraftOf(s) ? draftBox(draft) : h("p", { class: "danger-text" }, dangerSentence(s)),
          goal && isDraftOf(goal)
            ? draftBox(draft)
            : goal
              ? h("p", { class: "goal-text" }, h("strong", {}, t("Safety goal: ")), goal.text)
              : null,
          newGoalFor(s) ? draftBox(draft) : null,
        );
      }),
      draft && draft.kind === "danger" && !draft.id ? h("li", {}, draftBox(draft)) : null,
    ),
  );
}

function statementOf(board, round) {
  const s = round.statement_id && board.statements.find((st) => st.id === round.statement_id);
  return s ? h("p", { class: "about" }, h("strong", {}, t("About: ")), dangerSentence(s)) : null;
}

// The scale's words as the chair chose to show them: the usual ones, or (the chair's choice
// on the console) the family's own wording, so the room reads what the parents' phones ask
function shownWording(round) {
  const family = Boolean(client.projector && client.projector.family_wording);
  // the chair asked for the family's words: whatever language they were written in
  return wordingFor(round, family, (round.family && round.family.language) || undefined);
}

function scoringScreen(board, round) {
  const wording = shownWording(round);
  return h(
    "section",
    { class: "moment scaling scaling-now", "aria-labelledby": "now-h" },
    h("h2", { id: "now-h" }, t("Where are we, 0 to 10?")),
    statementOf(board, round),
    h("p", { class: "question" }, t(wording.question)),
    h("p", { class: "scored" }, t("{count} of {total} have scored", { count: round.count, total: scorers(board) })),
    h(
      "p",
      { class: "labels" },
      h("span", {}, `0: ${t(wording.low_label)}`),
      h("span", {}, `10: ${t(wording.high_label)}`),
    ),
    h("p", { class: "hint" }, t("Scores stay hidden until the chair shows them all together.")),
  );
}

function resultScreen(board, round) {
  const wording = shownWording(round);
  // on a review, how the middle score has moved since the first conference
  const points = trendPoints(board, round.statement_id || null);
  return h(
    "section",
    { class: "moment result scaling", "aria-labelledby": "now-h" },
    h("h2", { id: "now-h" }, t("Where we are, 0 to 10")),
    statementOf(board, round),
    h("p", { class: "question" }, t(wording.question)),
    scoreChart(round, { large: true }),
    h(
      "p",
      { class: "labels" },
      h("span", {}, `0: ${t(wording.low_label)}`),
      h("span", {}, `10: ${t(wording.high_label)}`),
    ),
    h("p", { class: "in-words" }, middleInWords(round.summary && round.summary.median)),
    points.length > 1
      ? h("div", { class: "since" }, h("span", {}, t("Over time")), trendChart(points, { labelSize: 30 }))
      : null,
  );
}

function peopleScreen(board) {
  return h(
    "section",
    { class: "moment people-now", "aria-labelledby": "now-h" },
    h("h2", { id: "now-h" }, t("Who is in the meeting")),
    peopleList(vocab, board),
  );
}

function decisionScreen(board, heading) {
  const d = board.conference.decision;
  return h(
    "section",
    { class: "moment decision", "aria-labelledby": "now-h" },
    h("h2", { id: "now-h" }, heading),
    d && d.outcome ? h("p", { class: "outcome" }, vocab.outcomes[d.outcome]) : null,
    d && d.categories && d.categories.length
      ? h("p", {}, t("Category: "), d.categories.map((c) => vocab.harms[c]).join(", "))
      : null,
    d && d.text ? h("p", { class: "decision-text" }, d.text) : null,
    // when and where next, before the plan: a long plan must never push it off the screen
    d && d.next_meeting ? h("p", { class: "next" }, t("Next meeting: {date}", { date: nextMeetingWords(d) })) : null,
    planSection(vocab, board),
  );
}

// Before the meeting is under way the way to join fills the screen beside who is here;
// after, it shrinks to the header's corner, the code still readable from the back.
function joinPanel(board, large) {
  const code = board.conference.join_code;
  return h(
    "aside",
    { class: `join ${large ? "join-large" : "join-small"}`, "aria-label": t("How to join") },
    h("img", {
      class: "qr",
      src: `/qr/${code}.svg`,
      alt: t("QR code to join this board"),
      width: large ? 360 : 96,
      height: large ? 360 : 96,
    }),
    h(
      "div",
      {},
      h(
        "p",
        { class: "join-how" },
        large
          ? t("Join from your phone: scan the square, or go to")
          : t("Join at {address}:", { address: location.host }),
      ),
      large ? h("p", { class: "join-url" }, `${location.host}`, h("br"), t("and type this code:")) : null,
      h("p", { class: "join-code" }, `${code.slice(0, 4)} ${code.slice(4)}`),
    ),
  );
}

function columnSection(board, column, focused) {
  const items = board.items.filter((i) => i.column === column.key && i.status === "accepted" && !i.private);
  const groups = [...column.categories, { key: null, label: t("Not sorted yet") }];
  return h(
    "section",
    { class: `column column-${column.key}${focused ? " focused" : ""}`, "aria-labelledby": `col-${column.key}` },
    h("h2", { id: `col-${column.key}` }, column.heading),
    groups.map((g) => {
      const mine = items.filter((i) => (i.category || null) === g.key);
      if (!mine.length) return null;
      return h(
        "div",
        { class: "group" },
        h("h3", { title: g.meaning || null }, g.label),
        // with the column on its own there is room for what the heading means
        focused && g.meaning ? h("p", { class: "meaning" }, g.meaning) : null,
        h(
          "ul",
          { class: "items" },
          mine.map((i) => itemCard(vocab, board, i, { fresh: client.fresh.has(i.id) })),
        ),
      );
    }),
    items.length ? null : h("p", { class: "empty" }, t("Nothing yet")),
  );
}

// A statement carried from the last conference: its middle score at each conference, and
// what the room said of it now.
function since(board, s) {
  const points = trendPoints(board, s.id);
  if (!s.carried && points.length < 2) return null;
  const said = s.carried && s.carried.status && vocab.v.statement_review.find((x) => x.key === s.carried.status);
  return h(
    "div",
    { class: "since" },
    s.carried
      ? h("span", { class: "badge carried-badge" }, t("From {date}", { date: longDate(s.carried.from_date) }))
      : null,
    points.length ? trendChart(points, { labelSize: 30 }) : null,
    said ? h("span", { class: "review-said" }, t("Now: {what}", { what: said.label })) : null,
  );
}

function statementsSection(board, focused) {
  const dangers = board.statements.filter((s) => s.kind === "danger" && !s.private);
  return h(
    "section",
    { class: `statements${focused ? " focused" : ""}`, "aria-labelledby": "st-h" },
    h("h2", { id: "st-h" }, vocab.statementsHeading(board)),
    dangers.length
      ? h(
          "ol",
          {},
          dangers.map((s) => {
            const goal = board.statements.find((g) => g.kind === "safety_goal" && g.pairs_with === s.id && !g.private);
            return h(
              "li",
              {},
              h("p", { class: "danger-text" }, dangerSentence(s)),
              goal ? h("p", { class: "goal-text" }, h("strong", {}, t("Safety goal: ")), goal.text) : null,
              since(board, s),
            );
          }),
        )
      : h("p", { class: "empty" }, t("None yet")),
  );
}

function scalingSection(board, focused) {
  const open = board.rounds.find((r) => r.status === "open");
  const revealed = board.rounds.filter((r) => r.revealed);
  const last = revealed[revealed.length - 1];
  const round = open || last;
  if (!round) return null;
  return h(
    "section",
    { class: `scaling${focused || open ? " focused" : ""}`, "aria-labelledby": "sc-h" },
    h("h2", { id: "sc-h" }, t("Where are we, 0 to 10?")),
    h("p", { class: "question" }, t(shownWording(round).question)),
    open
      ? h(
          "p",
          { class: "scored" },
          tn("{n} person has scored", "{n} people have scored", open.count),
          h("br"),
          h("span", { class: "hint" }, t("Scores stay hidden until the chair shows them all together.")),
        )
      : [
          scoreChart(round, { large: true }),
          h(
            "p",
            { class: "labels" },
            h("span", {}, `0: ${t(shownWording(round).low_label)}`),
            h("span", {}, `10: ${t(shownWording(round).high_label)}`),
          ),
        ],
  );
}

// ---- the board fits the screen: type down to 24 px, then pages of items with "1/2" ----
// The pages turn on one clock of their own, started once: a redraw (a new item, someone
// joining, the idle re-sync) recomputes the pages but never restarts the clock, so a board
// that keeps changing still turns. The chair can hold a page or turn to the next one.

const FONT_STEPS = [28, 27, 26, 25, 24];
const PAGE_SECONDS = Number(new URLSearchParams(location.search).get("page_seconds")) || 10;
let page = 0;
let pageCount = 1;
let turnsSeen = 0; // how many times the chair pressed "Next page" (modulo limits.projector_pages), as last seen

setInterval(() => {
  if (pageCount <= 1 || (client.projector && client.projector.paused)) return;
  page = (page + 1) % pageCount;
  showPage();
}, PAGE_SECONDS * 1000);

function followChair() {
  const turns = (client.projector && client.projector.page) || 0;
  if (turns !== turnsSeen) {
    const pages = vocab.limits.projector_pages;
    page += (turns - turnsSeen + pages) % pages;
    turnsSeen = turns;
  }
}

function overflowing(area) {
  return [...area.querySelectorAll(".column")].some((c) => c.scrollHeight > c.clientHeight + 1);
}

function showPage() {
  const area = document.querySelector("#screen .columns");
  const old = document.getElementById("page-marker");
  if (!area || pageCount <= 1) {
    if (old) old.remove();
    return;
  }
  page = page % pageCount;
  for (const item of area.querySelectorAll(".item")) item.hidden = Number(item.dataset.page) !== page;
  for (const group of area.querySelectorAll(".group"))
    group.hidden = ![...group.querySelectorAll(".item")].some((i) => !i.hidden);
  const note = old || document.body.appendChild(h("p", { id: "page-marker" }));
  const held = client.projector && client.projector.paused;
  note.textContent = `${page + 1}/${pageCount}${held ? " ❚❚" : ""}`;
  note.setAttribute(
    "aria-label",
    held
      ? t("Page {n} of {total}, held by the chair", { n: page + 1, total: pageCount })
      : t("Page {n} of {total}", { n: page + 1, total: pageCount }),
  );
}

function fit(screen) {
  pageCount = 1;
  const area = screen.querySelector(".columns");
  if (!area) return showPage();
  // the board takes the screen below the title, and no more
  screen.style.height = `${Math.floor(window.innerHeight - screen.getBoundingClientRect().top) - 1}px`;
  const smaller = () =>
    FONT_STEPS.some((size) => (screen.style.setProperty("--item-size", `${size}px`), !overflowing(area)));
  if (smaller()) return showPage();
  // the statements give their room to the columns (the chair shows them with the focus)
  const statements = screen.querySelector(".board > .statements:not(.focused)");
  if (statements) {
    statements.hidden = true;
    if (smaller()) return showPage();
  }
  // still too much at 24 px: page each column's items (the clock turns them)
  const pages = [...area.querySelectorAll(".column")].map((column) => paginate(column));
  pageCount = Math.max(...pages);
  showPage();
}

// Give each item of a column the page it shows on; returns how many pages the column needs.
function paginate(column) {
  const items = [...column.querySelectorAll(".item")];
  const limit = column.getBoundingClientRect().bottom - 8;
  let n = 0;
  let shift = 0; // how far up the items of this page will move once earlier pages hide
  const top = items.length ? items[0].getBoundingClientRect().top : 0;
  for (const item of items) {
    const rect = item.getBoundingClientRect();
    if (rect.bottom - shift > limit && rect.top - shift > top) {
      n += 1;
      shift = rect.top - top;
    }
    item.dataset.page = String(n);
  }
  return n + 1;
}

function render(e) {
  follow(e && e.detail && e.detail.event);
  const board = client.board;
  const screen = $("#screen");
  if (client.state === "removed" || client.state === "refused") {
    replace(screen, h("p", { class: "message" }, client.statusText()));
    return;
  }
  if (!board) return;
  const conf = board.conference;
  $("#title").textContent = conf.title;
  document.title = `${conf.title} — Conference Board`;
  if (conf.closed_session) {
    screen.className = "display-main";
    replace(
      screen,
      h("p", { class: "message" }, t("The professionals are talking privately. The board will be back shortly.")),
    );
    return;
  }
  const focus = conf.focus;
  const open = board.rounds.find((r) => r.status === "open");
  const shown = moment && moment.kind === "result" && board.rounds.find((r) => r.id === moment.roundId && r.revealed);
  const draft = drafting() && hasText(client.draft) ? client.draft : null;
  const now =
    conf.status === "closed" && !focus
      ? decisionScreen(board, t("This meeting has ended"))
      : open && (!focus || focus === "scaling")
        ? scoringScreen(board, open)
        : shown
          ? resultScreen(board, shown)
          : moment && moment.kind === "decision"
            ? decisionScreen(board, t("What was decided"))
            : draft || Date.now() < solidUntil
              ? statementsScreen(board, draft)
              : null;
  // the meeting is under way once someone has joined by phone and the board has words
  const joining = board.members.filter((m) => m.kind === "participant").length === 0 || board.items.length === 0;
  const large = joining && !focus && !now;
  replace($("#join-corner"), large || conf.status === "closed" ? null : joinPanel(board, false));
  if (now) {
    pageCount = 1;
    showPage();
    screen.style.height = "";
    screen.className = "display-main moment-main";
    replace(screen, now);
    return;
  }
  if (focus === "people") {
    pageCount = 1;
    showPage();
    screen.style.height = "";
    screen.className = "display-main moment-main";
    replace(screen, peopleScreen(board));
    return;
  }
  screen.className = `display-main${focus ? ` focus-${focus}` : ""}`;
  const columns = vocab.columns.filter((c) => !focus || focus === c.key || !vocab.columnOrder.includes(focus));
  replace(
    screen,
    large
      ? h(
          "div",
          { class: "joining" },
          joinPanel(board, true),
          h(
            "section",
            { class: "who-now", "aria-labelledby": "who-now-h" },
            h("h2", { id: "who-now-h" }, t("Who is in the meeting")),
            peopleList(vocab, board),
          ),
        )
      : null,
    h(
      "div",
      { class: "board" },
      focus === "statements" || focus === "scaling"
        ? null
        : h(
            "div",
            { class: "columns" },
            columns.map((c) => columnSection(board, c, focus === c.key)),
          ),
      focus === "statements" || (!focus && board.statements.some((s) => !s.private))
        ? statementsSection(board, focus === "statements")
        : null,
      focus === "scaling" ? scalingSection(board, true) : null,
    ),
  );
  followChair();
  fit(screen);
  clearTimeout(highlightTimer);
  highlightTimer = setTimeout(
    () => document.querySelectorAll(".fresh").forEach((el) => el.classList.remove("fresh")),
    4000,
  );
}
