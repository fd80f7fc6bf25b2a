// The board on a phone: one tab a column and a tab for what was agreed; in a column the
// accepted items, the person's own with Change and Remove, what is waiting to send from
// this phone, and the add form.
import { beforeMeeting, columnItems, itemCard, keepFromFamilyButton, whoIsHere } from "../board-view.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";

export const AGREED = "agreed";

// the tab a person was on comes back after a reload (this browser tab only, nothing sent)
const TAB_KEY = "conference-board-phone-tab";

function savedTab(vocab) {
  try {
    const key = sessionStorage.getItem(TAB_KEY);
    return key === AGREED || vocab.columnOrder.includes(key) ? key : null;
  } catch {
    return null; // storage refused: start on the first column
  }
}

function saveTab(key) {
  try {
    sessionStorage.setItem(TAB_KEY, key);
  } catch {
    // storage refused: the tab is simply not remembered
  }
}

export function boardPanel({ vocab, client, send, redraw }, { add, agreed }) {
  // tab: a column's key or AGREED (null: the first column). editing: item id -> draft;
  // editedFrom: item id -> the version the draft started from, so an edit made meanwhile
  // by someone else is a conflict (words given back), not overwritten
  const ui = { tab: savedTab(vocab), editing: new Map(), editedFrom: new Map(), answering: new Map(), view: "" };
  const choose = (key) => {
    ui.tab = key;
    saveTab(key);
    redraw();
  };

  function myId() {
    return client.you && client.you.member_id;
  }

  function tabs(board) {
    return h(
      "div",
      { class: "tabs", role: "tablist", "aria-label": t("The board") },
      vocab.columns.map((c) => {
        const n = columnItems(board, c.key).length;
        return h(
          "button",
          {
            type: "button",
            role: "tab",
            id: `tab-${c.key}`,
            "aria-selected": (ui.tab || vocab.columnOrder[0]) === c.key ? "true" : "false",
            "aria-controls": "panel",
            onclick: () => choose(c.key),
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
          onclick: () => choose(AGREED),
        },
        h("span", { class: "tab-title" }, t("What we agreed")),
      ),
    );
  }

  // "Answer": anyone let in says something about an item, kept beside it (item.respond).
  // Not offered on what you wrote yourself (you change it instead), until someone else has
  // answered it: then it is how you answer them.
  function answerForm(item) {
    if (client.board.conference.status !== "open") return null;
    const mine = item.author === myId();
    if (mine && !(item.responses || []).some((r) => r.member_id !== myId())) return null;
    if (!ui.answering.has(item.id)) {
      return h(
        "button",
        {
          type: "button",
          class: "secondary answer",
          onclick: () => (ui.answering.set(item.id, ""), redraw()),
        },
        t("Answer"),
      );
    }
    return h(
      "form",
      {
        class: "stack answer-form",
        onsubmit: (e) => {
          e.preventDefault();
          const text = ui.answering.get(item.id).trim();
          if (!text) return;
          send("item.respond", { id: item.id, text });
          ui.answering.delete(item.id);
          redraw();
        },
      },
      h("label", { for: `answer-${item.id}` }, t("Your answer")),
      h("textarea", {
        id: `answer-${item.id}`,
        rows: 3,
        maxlength: 500,
        value: ui.answering.get(item.id),
        dataset: { focusKey: `answer-${item.id}` },
        oninput: (e) => ui.answering.set(item.id, e.target.value),
      }),
      h(
        "div",
        { class: "row-actions" },
        h("button", { type: "submit" }, t("Send my answer")),
        h(
          "button",
          { type: "button", class: "secondary", onclick: () => (ui.answering.delete(item.id), redraw()) },
          t("Cancel"),
        ),
      ),
    );
  }

  // An invited professional's report: what it is, at the top; their view on the decision
  // and "Send my report" after what they wrote, where one finishes a report
  function reporting(board) {
    const me = board.members.find((m) => m.member_id === myId());
    if (!me || !me.invited) return null;
    if (me.report_submitted_at) return "sent";
    return board.conference.status === "closed" ? null : "writing";
  }

  function reportIntro(board) {
    const state = reporting(board);
    if (state === "sent") {
      return h("p", { class: "report-sent", role: "status" }, t("Your report was sent. Thank you."));
    }
    if (state !== "writing") return null;
    return h(
      "section",
      { class: "stack report-intro", "aria-labelledby": "report-h" },
      h("h2", { id: "report-h" }, t("Your report")),
      h("p", { class: "hint" }, t("Add what you know under each heading, then send your report before the meeting.")),
      h("p", { class: "hint" }, t("The family reads what you add only once you send your report.")),
    );
  }

  function reportForm(board) {
    if (reporting(board) !== "writing") return null;
    return h(
      "form",
      {
        class: "stack report-form",
        "aria-labelledby": "report-send-h",
        onsubmit: (e) => {
          e.preventDefault();
          const view = ui.view.trim();
          send("report.submit", view ? { view } : {});
          ui.view = "";
        },
      },
      h("h2", { id: "report-send-h" }, t("Finish your report")),
      h("label", { for: "report-view" }, t("My view on the decision (optional)")),
      h("textarea", {
        id: "report-view",
        rows: 4,
        maxlength: 5000,
        value: ui.view,
        dataset: { focusKey: "report-view" },
        oninput: (e) => (ui.view = e.target.value),
      }),
      h("button", { type: "submit" }, t("Send my report")),
    );
  }

  function itemActions(item) {
    return [ownActions(item), answerForm(item)];
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
            redraw();
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
            { type: "button", class: "secondary", onclick: () => (ui.editing.delete(item.id), redraw()) },
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
          onclick: () => (ui.editing.set(item.id, item.text), ui.editedFrom.set(item.id, item.version), redraw()),
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
      // in their report not sent yet, before the meeting: still theirs to keep from the family
      item.held && !item.private && beforeMeeting(client.board) ? keepFromFamilyButton(item, send) : null,
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

  function render(board) {
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
          agreed.render(board),
        ),
      );
    }
    const column = vocab.column(ui.tab || vocab.columnOrder[0]);
    const items = board.items.filter((i) => i.column === column.key);
    return h(
      "section",
      {},
      whoIsHere(vocab, board),
      reportIntro(board),
      tabs(board),
      h(
        "div",
        { id: "panel", role: "tabpanel", "aria-labelledby": `tab-${column.key}` },
        h("h2", {}, column.heading),
        items.length || client.outbox.length ? null : h("p", { class: "hint" }, t("Nothing here yet.")),
        grouped(board, column, items),
        h("ul", { class: "items" }, unsentItems(column.key)),
        add.render(column),
      ),
      reportForm(board),
    );
  }

  // The column's items under the headings the chair sorted them into, as on the projector
  // (a mother sees her worry is now under "Complicating factors"); one list until the chair
  // has sorted any, so an unsorted board carries no "Not sorted yet" heading.
  function grouped(board, column, items) {
    const card = (item) => itemCard(vocab, board, item, { fresh: client.fresh.has(item.id), extra: itemActions(item) });
    if (!items.some((i) => i.category)) return h("ul", { class: "items" }, items.map(card));
    return [...column.categories, { key: null, label: t("Not sorted yet") }].map((g) => {
      const mine = items.filter((i) => (i.category || null) === g.key);
      if (!mine.length) return null;
      return h("div", { class: "group" }, h("h3", {}, g.label), h("ul", { class: "items" }, mine.map(card)));
    });
  }

  // which tab is showing: a column's key, or "agreed" (read aloud reads that one)
  function tab() {
    return ui.tab || vocab.columnOrder[0];
  }

  return { setup() {}, render, tab };
}
