// The chair's console: share, lobby, moderation, the board, statements, scaling, decision.
// Each panel (static/js/console/) gets one small context object; this file boots the screen
// and draws the panels from the client's board on every change.
import { t } from "./i18n.js";
import { $, h, keepFocus, replace } from "./dom.js";
import { start } from "./screen.js";
import { typedTextOf } from "./outbox.js";
import { boardPanel } from "./console/board.js";
import { familyPanel } from "./console/family.js";
import { formsPanel } from "./console/forms.js";
import { headerPanel } from "./console/header.js";
import { minutesPanel } from "./console/minutes.js";
import { peoplePanel } from "./console/people.js";
import { projectorPanel } from "./console/projector.js";
import { recordPanel } from "./console/record.js";
import { scalingPanel } from "./console/scaling.js";
import { stagesPanel } from "./console/stages.js";
import { statementsPanel } from "./console/statements.js";

const editing = new Map(); // item or statement id -> draft text
// id -> the version a draft started from: someone else's edit meanwhile is a conflict and
// the chair's words come back, rather than one silently overwriting the other
const editedFrom = new Map();
function startEditing(thing, key = thing.id) {
  editing.set(key, thing.text);
  editedFrom.set(key, thing.version);
  return true;
}

const screen = start({
  render,
  withoutToken: () =>
    replace(
      $("#app"),
      h(
        "main",
        { class: "page" },
        h("h1", {}, t("This console needs the chair's link")),
        h("p", {}, t("Open the link you were given when the conference was created, on this device.")),
      ),
    ),
});
const { client } = screen;
const ctx = { ...screen, render, editing, editedFrom, startEditing };
const panels = client
  ? {
      header: headerPanel(ctx),
      stages: stagesPanel(ctx),
      people: peoplePanel(ctx),
      projector: projectorPanel(ctx),
      family: familyPanel(ctx),
      board: boardPanel(ctx),
      statements: statementsPanel(ctx),
      scaling: scalingPanel(ctx),
      minutes: minutesPanel(ctx),
      record: recordPanel(ctx),
      forms: formsPanel(ctx),
    }
  : null;

// A date or time field in a part that is drawn again (a step's "By when" in its card's
// editor) keeps what is half typed only in itself: until the whole date is typed its value
// is "", so a redraw would lose the day and month and put the year in the day. While one
// has the focus the console waits, and draws once it is left.
let drawWhenLeft = false;
const halfTyped = (el) =>
  Boolean(el && el.dataset && el.dataset.focusKey && /^(date|time|datetime-local)$/.test(el.type));
document.addEventListener("focusout", (e) => {
  if (drawWhenLeft && halfTyped(e.target)) {
    drawWhenLeft = false;
    setTimeout(render);
  }
});

function render() {
  const board = client.board;
  if (!board || !panels) return;
  if (halfTyped(document.activeElement)) {
    drawWhenLeft = true;
    return;
  }
  keepFocus(() => {
    panels.header.renderHeader(board);
    panels.header.renderShare(board);
    panels.stages.renderStages(board);
    panels.people.renderPeople(board);
    panels.projector.renderProjector(board);
    panels.family.renderFamily(board);
    panels.board.renderModeration(board);
    panels.board.renderBoard(board);
    panels.statements.renderStatements(board);
    panels.scaling.renderScaling(board);
    panels.forms.fillForms(board);
    panels.record.renderRecord(board);
  });
  panels.minutes.scheduleCheck(board);
  panels.minutes.followFamilyLanguage(board);
}

// Every refusal is said in the notice under the stages, in view wherever the chair is on
// the page (screen.js says those with no typed words); one whose typed words came back
// as "Not saved — your words" at the top of the page is said there too, with a way to them.
function showRefusals() {
  client.addEventListener("refused", (e) => {
    const { op, error, outcome } = e.detail;
    if (outcome !== "return" || !typedTextOf(op).length) return;
    screen.notice(error.message, false, {
      label: t("Show my words"),
      run: () => {
        const card = $("#not-saved .not-saved");
        if (!card) return;
        card.scrollIntoView({ block: "start" });
        const words = card.querySelector("textarea");
        if (words) words.focus({ preventScroll: true });
      },
    });
  });
  // what is focused or scrolled to stays clear of the stages and the notice (its height)
  const top = $("#console-top");
  new ResizeObserver(() =>
    document.documentElement.style.setProperty("--console-top", `${top.offsetHeight}px`),
  ).observe(top);
}

if (panels) {
  showRefusals();
  panels.board.buildColumns();
  panels.forms.setupForms();
  panels.projector.setupProjector();
  panels.family.setupFamily();
  ctx.decisionExtras = panels.family.decisionExtras;
  ctx.correctFlagged = panels.record.correctFlagged;
  panels.statements.setupDangerForm();
  panels.scaling.setupRoundForm();
  panels.minutes.setupExport();
  panels.record.setupDistribution();
}
