// The board on a phone: one tab a column and a tab for what was agreed; in a column the
// accepted items, the person's own with Change and Remove, what is waiting to send from
// this phone, and the add form.
import { columnItems, itemCard, whoIsHere } from "../board-view.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";

const AGREED = "agreed";

export function boardPanel({ vocab, client, send, redraw }, { add, agreed }) {
  // tab: a column's key or AGREED (null: the first column). editing: item id -> draft;
  // editedFrom: item id -> the version the draft started from, so an edit made meanwhile
  // by someone else is a conflict (words given back), not overwritten
  const ui = { tab: null, editing: new Map(), editedFrom: new Map() };

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
            onclick: () => ((ui.tab = c.key), redraw()),
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
          onclick: () => ((ui.tab = AGREED), redraw()),
        },
        h("span", { class: "tab-title" }, t("What we agreed")),
      ),
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
        add.render(column),
      ),
    );
  }

  return { setup() {}, render };
}
