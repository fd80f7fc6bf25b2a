// The phone: waiting screen, the board as three tabs, add and change your own items, score.
import { dangerSentence, itemCard, planSection, scoreChart, trendChart, trendPoints, whoIsHere } from "./board-view.js";
import { $, h, keepFocus, replace } from "./dom.js";
import { plainLanguage } from "./hints.js";
import { lang, t, tn } from "./i18n.js";
import { start } from "./screen.js";
import { longDate, middleInWords, nextMeetingWords, wordingFor } from "./sentences.js";

// editing: item id -> draft; editedFrom: item id -> the version the draft started from, so
// an edit made meanwhile by someone else is a conflict (words given back), not overwritten
const ui = {
  tab: null,
  category: null,
  editing: new Map(),
  editedFrom: new Map(),
  reason: "",
  score: null,
  draft: "",
  // the moment the phone follows by itself: a reveal shows the result, a decision the
  // decision, until the person goes back to the board
  moment: null, // {kind: "result", roundId} | {kind: "decision"}
  stage: null, // which screen was drawn last: a new one opens at its top
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
const { vocab, client, send } = start({
  render,
  withoutToken: () =>
    replace(
      $("#screen"),
      h(
        "section",
        { class: "waiting" },
        h("h2", {}, t("Please join with the code")),
        h("p", {}, h("a", { href: "/" }, t("Type the join code you can see on the screen"))),
      ),
    ),
});

function myId() {
  return client.you && client.you.member_id;
}

function waitingScreen() {
  return h(
    "section",
    { class: "waiting" },
    h("h2", {}, t("Thank you for joining")),
    h("p", { class: "big" }, t("The chair will let you in shortly.")),
    // who you joined as, so a wrong role can be put right before you are let in; the
    // meeting's title (often the family's name) is shown only once the chair lets you in
    h("p", {}, t("You joined as {name}, {role}.", { name: client.you.name, role: vocab.role(client.you.role) })),
    h("p", {}, t("You can keep this page open. It will change by itself when you are in.")),
  );
}

function closedSessionScreen() {
  return h(
    "section",
    { class: "waiting" },
    h("h2", {}, t("Please wait a moment")),
    h("p", { class: "big" }, t("The professionals are talking privately. You'll be back on the board shortly.")),
  );
}

// The scale as a ladder: 10 at the top with its words, 0 at the bottom with its words, one
// big row a number, so it reads as a line from bad to good. The number and the reason go
// together with one button, and can be changed until the chair closes the round.
function scoringScreen(board, round) {
  const mine = round.mine;
  if (ui.roundId !== round.id) {
    ui.roundId = round.id;
    ui.reason = (mine && mine.reason) || "";
    ui.score = mine ? mine.score : null;
  }
  const about = round.statement_id && board.statements.find((st) => st.id === round.statement_id);
  // the kind's own scale words are in the catalogue; the chair's own wording is shown as typed
  const wording = wordingFor(round, vocab.isFamily(client.you.role));
  const rungs = Array.from({ length: 11 }, (_, i) => 10 - i);
  const sent = mine && mine.score === ui.score && (mine.reason || "") === ui.reason.trim();
  return h(
    "section",
    { class: "scoring", "aria-labelledby": "score-h" },
    h("h2", { id: "score-h" }, t("Where are we, 0 to 10?")),
    about ? h("p", { class: "about" }, h("strong", {}, t("About: ")), dangerSentence(about)) : null,
    h("p", { class: "question" }, t(wording.question)),
    h(
      "div",
      { class: "ladder", role: "radiogroup", "aria-label": t("Your score, 10 at the top and 0 at the bottom") },
      rungs.map((n) =>
        h(
          "button",
          {
            type: "button",
            role: "radio",
            class: `rung${ui.score === n ? " chosen" : ""}`,
            "aria-checked": ui.score === n ? "true" : "false",
            onclick: () => ((ui.score = n), render()),
          },
          h("span", { class: "rung-number" }, String(n)),
          n === 10 ? h("span", { class: "rung-label" }, t(wording.high_label)) : null,
          n === 0 ? h("span", { class: "rung-label" }, t(wording.low_label)) : null,
        ),
      ),
    ),
    h("label", { for: "reason" }, t("Why this number? (optional)")),
    h("textarea", {
      id: "reason",
      rows: 3,
      maxlength: vocab.limits.reason,
      value: ui.reason,
      dataset: { focusKey: "reason" },
      oninput: (e) => {
        ui.reason = e.target.value;
        // no redraw while typing (a phone's keyboard would lose its place): just allow sending
        $(".send-score").disabled = ui.score === null;
      },
    }),
    h(
      "button",
      {
        type: "button",
        class: "send-score",
        disabled: ui.score === null || sent,
        onclick: () => send("round.score", { round_id: round.id, score: ui.score, reason: ui.reason.trim() || null }),
      },
      mine ? t("Send my new score") : t("Send my score"),
    ),
    mine
      ? h("p", { class: "your-score", role: "status" }, t("Your score: {score} — sent", { score: mine.score }))
      : null,
    h(
      "p",
      { class: "hint" },
      t(
        "Only you can see your score until the chair shows everyone's together. You can change it until the chair closes the round.",
      ),
    ),
    h("p", { class: "hint" }, tn("{n} person has scored so far.", "{n} people have scored so far.", round.count)),
  );
}

// The scores, shown together: the same chart and words as "What we agreed", with how the
// middle score has moved since earlier conferences when there is a history.
function resultScreen(board, round) {
  const about = round.statement_id && board.statements.find((st) => st.id === round.statement_id);
  const points = trendPoints(board, round.statement_id || null);
  return h(
    "section",
    { class: "result", "aria-labelledby": "result-h" },
    h("h2", { id: "result-h" }, t("Where we are, 0 to 10")),
    about ? h("p", { class: "about" }, h("strong", {}, t("About: ")), dangerSentence(about)) : null,
    h("p", { class: "question" }, t(wordingFor(round, vocab.isFamily(client.you.role)).question)),
    scoreChart(round, { labelSize: 34 }),
    h("p", { class: "middle" }, middleInWords(round.summary && round.summary.median)),
    points.length > 1 ? [h("h3", {}, t("Over time")), trendChart(points, { labelSize: 30 })] : null,
    h("button", { type: "button", class: "secondary", onclick: backToBoard }, t("Back to the board")),
  );
}

function decisionScreen(board) {
  const d = board.conference.decision || {};
  return h(
    "section",
    { class: "result", "aria-labelledby": "decision-h" },
    h("h2", { id: "decision-h" }, t("What was decided")),
    d.outcome ? h("p", { class: "outcome" }, vocab.outcomes[d.outcome]) : null,
    decisionDetails(d),
    d.text ? h("p", {}, d.text) : null,
    nextMeeting(d),
    planSection(vocab, board),
    h("button", { type: "button", class: "secondary", onclick: backToBoard }, t("Back to the board")),
  );
}

// the category of harm, the lead social worker and the first core group: what the
// family needs to know of the decision besides its outcome (the minutes say the same)
function decisionDetails(d) {
  if (!d) return null;
  return [
    d.categories && d.categories.length
      ? h("p", {}, t("Category: "), d.categories.map((c) => vocab.harms[c]).join(", "))
      : null,
    d.lead_social_worker ? h("p", {}, t("Lead social worker: {name}", { name: d.lead_social_worker })) : null,
    d.first_core_group ? h("p", {}, t("First core group: {date}", { date: longDate(d.first_core_group) })) : null,
  ];
}

function nextMeeting(d) {
  const when = nextMeetingWords(d);
  return when ? h("p", { class: "next" }, t("Next meeting: {date}", { date: when })) : null;
}

function tabs(board) {
  const visible = board.items;
  return h(
    "div",
    { class: "tabs", role: "tablist", "aria-label": t("The board") },
    vocab.columns.map((c) => {
      const n = visible.filter((i) => i.column === c.key && i.status === "accepted").length;
      return h(
        "button",
        {
          type: "button",
          role: "tab",
          id: `tab-${c.key}`,
          "aria-selected": (ui.tab || vocab.columnOrder[0]) === c.key ? "true" : "false",
          "aria-controls": "panel",
          onclick: () => ((ui.tab = c.key), render()),
        },
        h("span", { class: "tab-title" }, c.heading),
        h("span", { class: "tab-count" }, String(n)),
      );
    }),
    h(
      "button",
      {
        type: "button",
        role: "tab",
        id: "tab-agreed",
        "aria-selected": ui.tab === AGREED ? "true" : "false",
        "aria-controls": "panel",
        onclick: () => ((ui.tab = AGREED), render()),
      },
      h("span", { class: "tab-title" }, t("What we agreed")),
    ),
  );
}

const AGREED = "agreed";

// What the family can take away: the statements, the scores shown, the decision and the
// plan, each as soon as it happens (the server sends only what the family may see).
function agreed(board) {
  const dangers = board.statements.filter((st) => st.kind === "danger");
  const revealed = board.rounds.filter((r) => r.revealed);
  const d = board.conference.decision;
  const nothing = !dangers.length && !revealed.length && !d && !planSection(vocab, board);
  return h(
    "div",
    { class: "agreed" },
    nothing ? h("p", { class: "hint" }, t("Nothing has been agreed yet. It will show here as soon as it is.")) : null,
    dangers.length
      ? [
          h("h3", {}, t("What we are worried about, and what safety looks like")),
          h(
            "ol",
            { class: "statements" },
            dangers.map((st) => {
              const goal = board.statements.find((g) => g.kind === "safety_goal" && g.pairs_with === st.id);
              return h(
                "li",
                {},
                h("p", { class: "danger-text" }, dangerSentence(st)),
                goal ? h("p", { class: "goal-text" }, h("strong", {}, t("Safety goal: ")), goal.text) : null,
              );
            }),
          ),
        ]
      : null,
    revealed.length
      ? [
          h("h3", {}, t("Where we are, 0 to 10")),
          revealed.map((r) =>
            h(
              "div",
              { class: "round-result" },
              h("p", {}, t(wordingFor(r, vocab.isFamily(client.you.role)).question)),
              scoreChart(r, { labelSize: 34 }),
              h("p", { class: "middle" }, middleInWords(r.summary && r.summary.median)),
            ),
          ),
        ]
      : null,
    d && (d.outcome || d.text)
      ? [
          h("h3", {}, t("What was decided")),
          d.outcome ? h("p", { class: "outcome" }, vocab.outcomes[d.outcome]) : null,
          decisionDetails(d),
          d.text ? h("p", {}, d.text) : null,
        ]
      : null,
    planSection(vocab, board),
    nextMeeting(d),
  );
}

function endedScreen(board) {
  return h(
    "section",
    { "aria-labelledby": "ended-h" },
    h("h2", { id: "ended-h" }, t("The meeting has ended. Here is what was agreed.")),
    agreed(board),
  );
}

function ownActions(item) {
  if (item.author !== myId() || client.board.conference.status !== "open") return null;
  if (ui.editing.has(item.id)) {
    return h(
      "form",
      {
        class: "stack",
        onsubmit: (e) => {
          e.preventDefault();
          send("item.edit", {
            id: item.id,
            version: ui.editedFrom.get(item.id) ?? item.version,
            text: ui.editing.get(item.id),
          });
          ui.editing.delete(item.id);
          render();
        },
      },
      h("label", { for: `edit-${item.id}` }, t("Change what you wrote")),
      h("textarea", {
        id: `edit-${item.id}`,
        rows: 3,
        maxlength: vocab.limits.item_text,
        value: ui.editing.get(item.id),
        dataset: { focusKey: `edit-${item.id}` },
        oninput: (e) => ui.editing.set(item.id, e.target.value),
      }),
      h(
        "div",
        { class: "row-actions" },
        h("button", { type: "submit" }, t("Save")),
        h(
          "button",
          { type: "button", class: "secondary", onclick: () => (ui.editing.delete(item.id), render()) },
          t("Cancel"),
        ),
      ),
    );
  }
  return h(
    "div",
    { class: "row-actions" },
    h(
      "button",
      {
        type: "button",
        class: "secondary",
        onclick: () => (ui.editing.set(item.id, item.text), ui.editedFrom.set(item.id, item.version), render()),
      },
      t("Change"),
    ),
    h(
      "button",
      {
        type: "button",
        class: "secondary",
        onclick: () => confirm(t("Remove what you wrote?")) && send("item.delete", { id: item.id }),
      },
      t("Remove"),
    ),
  );
}

function unsentNote(op) {
  if (op.held) return t("Kept on your phone — it will be sent when the chair opens the board again");
  if (client.state === "connected") return t("Waiting to send — it is kept on your phone");
  return t("Not sent yet — it will go when you are back online");
}

function unsentItems(column) {
  return client.outbox
    .filter((op) => op.type === "item.add" && op.payload.column === column)
    .map((op) =>
      h(
        "li",
        { class: "item unsent" },
        h("p", { class: "item-text" }, op.payload.text),
        h("p", { class: "badge badge-waiting" }, unsentNote(op)),
      ),
    );
}

// the same gentle plain-language hint as the chair's, for the professionals' phones; one
// box kept across redraws so a hint stays while someone else's change arrives
const hintBox = h("div", { class: "hints", id: "new-hints", "aria-live": "polite" });

function addForm(column) {
  const locked = client.board.conference.status !== "open";
  if (locked) return h("p", { class: "hint" }, t("The chair has paused adding for now."));
  return h(
    "form",
    {
      class: "stack add",
      onsubmit: (e) => {
        e.preventDefault();
        const payload = { column: column.key, text: ui.draft };
        if (ui.category) payload.category = ui.category;
        if (client.you.role === vocab.childRole) payload.voice = "child";
        send("item.add", payload);
        ui.draft = "";
        ui.category = null;
        render();
      },
    },
    h("label", { for: "new-text" }, t('Add to "{heading}"', { heading: column.heading })),
    h("textarea", {
      id: "new-text",
      rows: 3,
      maxlength: vocab.limits.item_text,
      required: true,
      value: ui.draft,
      dataset: { focusKey: "new-text" },
      oninput: (e) => {
        ui.draft = e.target.value;
        if (!vocab.isFamily(client.you.role)) plainLanguage(ui.draft, hintBox);
      },
    }),
    vocab.isFamily(client.you.role) ? null : hintBox,
    h("p", { class: "chips-label", id: "chips-label" }, t("Which heading fits? (you can leave this)")),
    h(
      "div",
      { class: "chips", role: "group", "aria-labelledby": "chips-label" },
      column.categories.map((c) =>
        h(
          "button",
          {
            type: "button",
            class: `chip${ui.category === c.key ? " chosen" : ""}`,
            "aria-pressed": ui.category === c.key ? "true" : "false",
            onclick: () => ((ui.category = ui.category === c.key ? null : c.key), render()),
          },
          h("span", { class: "chip-label" }, c.label),
          h("span", { class: "chip-meaning" }, c.meaning),
        ),
      ),
    ),
    h("button", { type: "submit" }, t("Add")),
  );
}

function boardScreen(board) {
  if (ui.tab === AGREED) {
    return h(
      "section",
      {},
      whoIsHere(vocab, board),
      tabs(board),
      h(
        "div",
        { id: "panel", role: "tabpanel", "aria-labelledby": "tab-agreed" },
        h("h2", {}, t("What we agreed")),
        agreed(board),
      ),
    );
  }
  const column = vocab.column(ui.tab || vocab.columnOrder[0]);
  const items = board.items.filter((i) => i.column === column.key);
  return h(
    "section",
    {},
    whoIsHere(vocab, board),
    tabs(board),
    h(
      "div",
      { id: "panel", role: "tabpanel", "aria-labelledby": `tab-${column.key}` },
      h("h2", {}, column.heading),
      items.length || client.outbox.length ? null : h("p", { class: "hint" }, t("Nothing here yet.")),
      h(
        "ul",
        { class: "items" },
        items.map((item) =>
          itemCard(vocab, board, item, { fresh: client.fresh.has(item.id), extra: ownActions(item) }),
        ),
        unsentItems(column.key),
      ),
      addForm(column),
    ),
  );
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

function render(e) {
  follow(e && e.detail && e.detail.event);
  followLanguage();
  const screen = $("#screen");
  if (client.state === "removed" || client.state === "refused") {
    replace(screen, h("section", { class: "waiting" }, h("p", { class: "big" }, client.statusText())));
    return;
  }
  if (client.you && client.you.status === "waiting") {
    replace(screen, waitingScreen());
    return;
  }
  const board = client.board;
  if (!board) return;
  $("#title").textContent = board.conference.title;
  const family = vocab.isFamily(client.you.role);
  const open = board.rounds.find((r) => r.status === "open");
  const shown =
    ui.moment && ui.moment.kind === "result" && board.rounds.find((r) => r.id === ui.moment.roundId && r.revealed);
  const stage =
    board.conference.closed_session && family
      ? "closed"
      : board.conference.status === "closed"
        ? "ended"
        : open
          ? `scoring:${open.id}`
          : shown
            ? `result:${shown.id}`
            : ui.moment && ui.moment.kind === "decision"
              ? "decision"
              : "board";
  keepFocus(() => {
    if (stage === "closed") replace(screen, closedSessionScreen());
    else if (stage === "ended") replace(screen, endedScreen(board));
    else if (open) replace(screen, scoringScreen(board, open));
    else if (shown) replace(screen, resultScreen(board, shown));
    else if (stage === "decision") replace(screen, decisionScreen(board));
    else replace(screen, boardScreen(board));
    // a professional's phone says so while the family can't see the board
    if (board.conference.closed_session && !family && stage !== "ended")
      screen.prepend(
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
