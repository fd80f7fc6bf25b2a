// What the chair can do to one card: change its words in place, the "…" menu (edit, move
// up or down, move to another heading, the child's words, delete), Alt+↑ / Alt+↓, and what
// the room says now of an action carried from the last conference.
import { t } from "../i18n.js";
import { columnItems } from "../board-view.js";
import { $, formDrafts, h } from "../dom.js";
import { plainLanguage } from "../hints.js";

export function itemActions(ctx) {
  const { vocab, client, send, render, editing, editedFrom, startEditing } = ctx;
  // a step of the plan being edited: who will do it and by when, as typed (item id -> both)
  const planDrafts = new Map();
  function planFields(item) {
    if (item.column !== vocab.planColumn) return null;
    if (!planDrafts.has(item.id)) planDrafts.set(item.id, { owner: item.owner || "", due: item.due || "" });
    const draft = planDrafts.get(item.id);
    const field = (key, label, attrs) => [
      h("label", { for: `edit-${item.id}-${key}` }, label),
      h("input", {
        id: `edit-${item.id}-${key}`,
        value: draft[key],
        dataset: { focusKey: `edit-${item.id}-${key}` },
        oninput: (e) => (draft[key] = e.target.value),
        ...attrs,
      }),
    ];
    return [
      field("owner", t("Who will do it"), { maxlength: vocab.limits.owner }),
      field("due", t("By when"), { type: "date" }),
    ];
  }
  function editor(item) {
    if (!editing.has(item.id)) {
      planDrafts.delete(item.id);
      return null;
    }
    const save = () => {
      const payload = { id: item.id, version: editedFrom.get(item.id) ?? item.version, text: editing.get(item.id) };
      const draft = planDrafts.get(item.id);
      if (draft) {
        // only what changed: a person or a date cleared is sent as none
        if ((draft.owner.trim() || null) !== (item.owner || null)) payload.owner = draft.owner.trim() || null;
        if ((draft.due || null) !== (item.due || null)) payload.due = draft.due || null;
      }
      editing.delete(item.id);
      planDrafts.delete(item.id);
      send("item.edit", payload);
    };
    return h(
      "form",
      { class: "stack", onsubmit: (e) => (e.preventDefault(), save()) },
      h("label", { for: `edit-${item.id}` }, t("Change the words")),
      h("textarea", {
        id: `edit-${item.id}`,
        rows: 3,
        maxlength: vocab.limits.item_text,
        value: editing.get(item.id),
        dataset: { focusKey: `edit-${item.id}` },
        oninput: (e) => {
          editing.set(item.id, e.target.value);
          plainLanguage(e.target.value, $(`#hints-${item.id}`));
        },
      }),
      h("div", { class: "hints", id: `hints-${item.id}`, "aria-live": "polite" }),
      planFields(item),
      h(
        "span",
        {},
        h("button", { type: "submit" }, t("Save")),
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: () => (editing.delete(item.id), planDrafts.delete(item.id), render()),
          },
          t("Cancel"),
        ),
      ),
    );
  }

  function neighbours(board, item) {
    const same = columnItems(board, item.column);
    const at = same.findIndex((i) => i.id === item.id);
    return { before: same[at - 1], after: same[at + 1], after2: same[at + 2] };
  }

  function moveUp(board, item) {
    const { before } = neighbours(board, item);
    if (before) send("item.move", { id: item.id, column: item.column, category: item.category, before: before.id });
  }

  function moveDown(board, item) {
    const { after, after2 } = neighbours(board, item);
    if (!after) return;
    const payload = { id: item.id, column: item.column, category: item.category };
    if (after2) payload.before = after2.id;
    send("item.move", payload);
  }

  function moveTargets() {
    const out = [];
    for (const col of vocab.columns) {
      for (const cat of col.categories)
        out.push({ value: `${col.key}|${cat.key}`, label: `${col.heading} — ${cat.label}` });
      out.push({ value: `${col.key}|`, label: `${col.heading} — ${t("not sorted")}` });
    }
    return out;
  }

  // which cards' "…" menus are open, so a redraw from someone else's change keeps them open
  const openMenus = new Set();
  const act = (item, work) => () => (openMenus.delete(item.id), work());

  function menu(board, item) {
    const short = item.text.length > 40 ? `${item.text.slice(0, 40)}…` : item.text;
    const details = h(
      "details",
      { class: "item-menu", open: openMenus.has(item.id) },
      h(
        "summary",
        { "aria-label": t("More for: {item}", { item: short }), title: t("Edit, move, child's words, delete") },
        "…",
      ),
      h(
        "div",
        { class: "item-actions" },
        h(
          "button",
          { type: "button", class: "small", onclick: act(item, () => (startEditing(item), render())) },
          t("Edit"),
        ),
        h(
          "button",
          { type: "button", class: "small", onclick: act(item, () => moveUp(client.board, item)) },
          t("Move up"),
        ),
        h(
          "button",
          { type: "button", class: "small", onclick: act(item, () => moveDown(client.board, item)) },
          t("Move down"),
        ),
        h(
          "select",
          {
            class: "small",
            "aria-label": t("Move to another heading: {item}", { item: short }),
            onchange: (e) => {
              const [column, category] = e.target.value.split("|");
              openMenus.delete(item.id);
              if (column) send("item.move", { id: item.id, column, category: category || null });
            },
          },
          h("option", { value: "" }, t("Move to…")),
          moveTargets().map((t) => h("option", { value: t.value }, t.label)),
        ),
        h(
          "button",
          {
            type: "button",
            class: "small",
            "aria-pressed": item.voice === "child" ? "true" : "false",
            onclick: act(item, () =>
              send("item.edit", { id: item.id, version: item.version, voice: item.voice === "child" ? null : "child" }),
            ),
          },
          t("Child's words"),
        ),
        h(
          "button",
          {
            type: "button",
            class: "small danger",
            onclick: act(item, () => confirm(t("Delete this item?")) && send("item.delete", { id: item.id })),
          },
          t("Delete"),
        ),
      ),
    );
    details.addEventListener("toggle", () => (details.open ? openMenus.add(item.id) : openMenus.delete(item.id)));
    return details;
  }

  // Alt+↑ / Alt+↓ on a focused card moves it within its column
  function keyboardMoves(board, item, card) {
    card.tabIndex = 0;
    card.setAttribute("aria-keyshortcuts", "Alt+ArrowUp Alt+ArrowDown");
    card.dataset.focusKey = `card-${item.id}`;
    card.addEventListener("keydown", (e) => {
      if (e.target !== card || !e.altKey) return;
      // the latest board, not the one this card was drawn from: two quick moves both count
      if (e.key === "ArrowUp") (e.preventDefault(), moveUp(client.board, item));
      if (e.key === "ArrowDown") (e.preventDefault(), moveDown(client.board, item));
    });
  }

  // what the chair has chosen or typed in an action's "Since last time", kept across redraws
  const reviewDrafts = formDrafts();

  // an action carried from the last conference: what the room says of it now
  function carriedAction(item, ended) {
    const c = item.carried;
    const key = `action-${item.id}`;
    const statuses = vocab.v.action_review;
    if (ended) return null; // the card itself says it (actionStatus)
    return h(
      "form",
      {
        class: "review-form",
        onsubmit: (e) => {
          e.preventDefault();
          const status = $(`#${key}-status`).value;
          if (!status) return;
          send("item.review", { id: item.id, status, note: $(`#${key}-note`).value.trim() || null });
          reviewDrafts.clear(`${key}-status`, `${key}-note`);
        },
      },
      h("label", { for: `${key}-status` }, t("Since last time")),
      h(
        "select",
        { id: `${key}-status`, class: "small", onchange: reviewDrafts.keep },
        h("option", { value: "" }, t("Choose…")),
        statuses.map((x) =>
          h("option", { value: x.key, selected: reviewDrafts.value(`${key}-status`, c.status) === x.key }, x.label),
        ),
      ),
      h("label", { for: `${key}-note` }, t("Note")),
      h("input", {
        id: `${key}-note`,
        maxlength: vocab.limits.reason,
        value: reviewDrafts.value(`${key}-note`, c.note || ""),
        oninput: reviewDrafts.keep,
      }),
      h("button", { type: "submit", class: "small" }, t("Save")),
    );
  }

  return { editor, menu, keyboardMoves, carriedAction };
}
