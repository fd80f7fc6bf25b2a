// The three columns on the console: add, edit, move and delete items; check the ones waiting.
import { t, tn } from "../i18n.js";
import { columnItems, itemCard } from "../board-view.js";
import { $, h, replace } from "../dom.js";
import { plainLanguage } from "../hints.js";

export function boardPanel(ctx) {
  const { vocab, client, send, render, editing, editedFrom, startEditing } = ctx;
  function editor(item) {
    if (!editing.has(item.id)) return null;
    const save = () => {
      const text = editing.get(item.id);
      editing.delete(item.id);
      send("item.edit", { id: item.id, version: editedFrom.get(item.id) ?? item.version, text });
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
      h(
        "span",
        {},
        h("button", { type: "submit" }, t("Save")),
        h(
          "button",
          { type: "button", class: "secondary", onclick: () => (editing.delete(item.id), render()) },
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

  function chairItem(board, item) {
    // after the end nothing edits: the card is only its words
    const ended = board.conference.status === "closed";
    const flagged = (ctx.flags && ctx.flags.get(item.id)) || [];
    const badge =
      flagged.length && !ended && !editing.has(item.id)
        ? h(
            "button",
            {
              type: "button",
              class: "small plain-badge",
              title: flagged
                .map((f) => t("“{term}”: try {suggestion}", { term: f.term, suggestion: f.suggestion }))
                .join("\n"),
              onclick: () => (startEditing(item), render()),
            },
            tn("{n} word may lose the family — edit", "{n} words may lose the family — edit", flagged.length),
          )
        : null;
    const card = itemCard(vocab, board, item, {
      fresh: client.fresh.has(item.id),
      extra: [
        badge,
        item.carried ? carriedAction(item, ended) : null,
        ended ? null : editor(item) || menu(board, item),
      ],
    });
    card.draggable = !ended;
    if (!ended) keyboardMoves(board, item, card);
    card.addEventListener("dragstart", (e) => {
      e.dataTransfer.setData("text/plain", item.id);
      e.dataTransfer.effectAllowed = "move";
    });
    card.addEventListener("dragover", (e) => e.preventDefault());
    card.addEventListener("drop", (e) => {
      e.preventDefault();
      e.stopPropagation();
      const id = e.dataTransfer.getData("text/plain");
      if (id && id !== item.id)
        send("item.move", { id, column: item.column, category: item.category, before: item.id });
    });
    return card;
  }

  function addForm(column) {
    const id = `add-${column.key}`;
    const isPlan = column.key === vocab.planColumn;
    const form = h(
      "form",
      { class: "add-item stack", id },
      h("label", { for: `${id}-text` }, t("Add to “{heading}”", { heading: column.heading })),
      h("textarea", {
        id: `${id}-text`,
        rows: 2,
        maxlength: vocab.limits.item_text,
        required: true,
        oninput: (e) => plainLanguage(e.target.value, $(`#${id}-hints`)),
      }),
      h("div", { class: "hints", id: `${id}-hints`, "aria-live": "polite" }),
      h("label", { for: `${id}-category` }, t("Heading")),
      h(
        "select",
        { id: `${id}-category` },
        h("option", { value: "" }, t("Not sorted yet")),
        column.categories.map((c) => h("option", { value: c.key }, c.label)),
      ),
      isPlan
        ? [
            h("label", { for: `${id}-owner` }, t("Who will do it")),
            h("input", { id: `${id}-owner`, maxlength: vocab.limits.owner }),
            h("label", { for: `${id}-due` }, t("By when")),
            h("input", { id: `${id}-due`, type: "date" }),
            h("label", { for: `${id}-goal` }, t("Which safety goal it serves (optional)")),
            h("select", { id: `${id}-goal`, class: "goal-pick" }),
          ]
        : null,
      h(
        "label",
        { class: "check" },
        h("input", {
          type: "checkbox",
          id: `${id}-child`,
          onchange: (e) => ($(`#${id}-child-fields`).hidden = !e.target.checked),
        }),
        t("These are the child's own words"),
      ),
      h(
        "div",
        { class: "child-fields stack", id: `${id}-child-fields`, hidden: true },
        h("label", { for: `${id}-which` }, t("Which child said it")),
        h("select", { id: `${id}-which`, class: "child-which" }),
        h("label", { for: `${id}-how` }, t("How we heard it")),
        h(
          "select",
          {
            id: `${id}-how`,
            onchange: (e) => {
              // the Three Houses say which column their words belong in
              const found = vocab.v.heard_how.find((x) => x.key === e.target.value);
              const goes = found && found.column && found.column !== column.key ? vocab.column(found.column) : null;
              $(`#${id}-goes`).textContent = goes
                ? t("This will go under “{heading}”.", { heading: goes.heading })
                : "";
            },
          },
          h("option", { value: "" }, t("Not said")),
          vocab.v.heard_how.map((x) => h("option", { value: x.key }, x.label)),
        ),
        h("p", { class: "hint", id: `${id}-goes`, "aria-live": "polite" }),
      ),
      h("button", { type: "submit" }, t("Add")),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const payload = { column: column.key, text: $(`#${id}-text`).value };
      const category = $(`#${id}-category`).value;
      if (category) payload.category = category;
      if (isPlan) {
        if ($(`#${id}-owner`).value.trim()) payload.owner = $(`#${id}-owner`).value;
        if ($(`#${id}-due`).value) payload.due = $(`#${id}-due`).value;
        if ($(`#${id}-goal`).value) payload.goal_id = $(`#${id}-goal`).value;
      }
      if ($(`#${id}-child`).checked) {
        payload.voice = "child";
        if ($(`#${id}-which`).value) payload.child_id = $(`#${id}-which`).value;
        const how = vocab.v.heard_how.find((x) => x.key === $(`#${id}-how`).value);
        if (how) {
          payload.heard_how = how.key;
          if (how.column && how.column !== column.key) {
            payload.column = how.column;
            delete payload.category;
            delete payload.owner;
            delete payload.due;
          }
        }
      }
      send("item.add", payload);
      form.reset();
      $(`#${id}-child-fields`).hidden = true;
      $(`#${id}-goes`).textContent = "";
      replace($(`#${id}-hints`));
      $(`#${id}-text`).focus();
    });
    return form;
  }

  function buildColumns() {
    replace(
      $("#board"),
      vocab.columns.map((column) =>
        h(
          "section",
          { class: `column column-${column.key}`, "aria-labelledby": `col-${column.key}` },
          h(
            "h2",
            { id: `col-${column.key}` },
            column.heading,
            " ",
            h("span", { class: "count", id: `count-${column.key}` }),
          ),
          h("div", { class: "groups", id: `groups-${column.key}` }),
          addForm(column),
        ),
      ),
    );
  }

  // the plan's goal picker lists the safety goals, keeping a choice
  function fillGoalPickers(board) {
    const goals = board.statements.filter((st) => st.kind === "safety_goal");
    for (const select of document.querySelectorAll(".goal-pick")) {
      const chosen = select.value;
      replace(
        select,
        h("option", { value: "" }, goals.length ? t("None") : t("No safety goals yet")),
        goals.map((g) => h("option", { value: g.id, selected: g.id === chosen }, g.text.slice(0, 80))),
      );
    }
  }

  // the child's-words pickers list the children named on the board, keeping a choice
  function fillChildPickers(board) {
    const children = board.conference.children || [];
    for (const select of document.querySelectorAll(".child-which")) {
      const chosen = select.value;
      replace(
        select,
        h("option", { value: "" }, children.length ? t("Choose…") : t("Name the children first (side panel)")),
        children.map((c) => h("option", { value: c.id, selected: c.id === chosen }, c.name)),
      );
    }
  }

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
          if (status) send("item.review", { id: item.id, status, note: $(`#${key}-note`).value.trim() || null });
        },
      },
      h("label", { for: `${key}-status` }, t("Since last time")),
      h(
        "select",
        { id: `${key}-status`, class: "small" },
        h("option", { value: "" }, t("Choose…")),
        statuses.map((x) => h("option", { value: x.key, selected: c.status === x.key }, x.label)),
      ),
      h("label", { for: `${key}-note` }, t("Note")),
      h("input", { id: `${key}-note`, maxlength: vocab.limits.reason, value: c.note || "" }),
      h("button", { type: "submit", class: "small" }, t("Save")),
    );
  }

  function renderBoard(board) {
    const ended = board.conference.status === "closed";
    fillChildPickers(board);
    fillGoalPickers(board);
    for (const column of vocab.columns) {
      $(`#add-${column.key}`).hidden = ended;
      const items = columnItems(board, column.key);
      $(`#count-${column.key}`).textContent = `(${items.length})`;
      const groups = [
        ...column.categories.map((c) => ({ key: c.key, label: c.label, meaning: c.meaning })),
        { key: null, label: t("Not sorted yet") },
      ];
      replace(
        $(`#groups-${column.key}`),
        groups.map((g) => {
          const mine = items.filter((i) => (i.category || null) === g.key);
          if (!mine.length && g.key === null) return null;
          const list = h(
            "ul",
            { class: "items", "aria-label": g.label },
            mine.map((item) => chairItem(board, item)),
          );
          list.addEventListener("dragover", (e) => e.preventDefault());
          list.addEventListener("drop", (e) => {
            e.preventDefault();
            const id = e.dataTransfer.getData("text/plain");
            if (id) send("item.move", { id, column: column.key, category: g.key });
          });
          return h(
            "div",
            { class: "group" },
            h("h3", {}, g.label),
            g.meaning ? h("p", { class: "meaning" }, g.meaning) : null,
            list,
          );
        }),
      );
    }
  }

  function renderModeration(board) {
    const ended = board.conference.status === "closed";
    const pending = ended ? [] : board.items.filter((i) => i.status === "pending");
    replace(
      $("#moderation"),
      pending.length
        ? h(
            "ul",
            { class: "items" },
            pending.map((item) =>
              itemCard(vocab, board, item, {
                extra: h(
                  "div",
                  { class: "row-actions" },
                  editor(item) ||
                    h(
                      "span",
                      {},
                      h("button", { type: "button", onclick: () => send("item.accept", { id: item.id }) }, t("Accept")),
                      h(
                        "button",
                        { type: "button", class: "secondary", onclick: () => startEditing(item) && render() },
                        t("Edit first"),
                      ),
                      h(
                        "button",
                        { type: "button", class: "secondary", onclick: () => send("item.reject", { id: item.id }) },
                        t("Reject"),
                      ),
                    ),
                ),
              }),
            ),
          )
        : h(
            "p",
            { class: "hint" },
            board.conference.moderation ? t("Nothing to check.") : t("Items go straight onto the board."),
          ),
    );
  }

  return { buildColumns, renderBoard, renderModeration };
}
