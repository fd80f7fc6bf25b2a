// The three columns on the console: add, edit, move and delete items; check the ones waiting.
// What one card offers is item-actions.js; the add form under each column is add-item.js.
import { t, tn } from "../i18n.js";
import { beforeMeeting, columnItems, itemCard, keepFromFamilyButton } from "../board-view.js";
import { $, h, replace } from "../dom.js";
import { mayLoseTheFamily } from "../sentences.js";
import { addItemForms } from "./add-item.js";
import { itemActions } from "./item-actions.js";

export function boardPanel(ctx) {
  const { vocab, client, send, render, editing, startEditing } = ctx;
  const { editor, menu, keyboardMoves, carriedAction } = itemActions(ctx);
  const { addForm, fillPickers } = addItemForms(ctx);

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
            t("{what} — edit", { what: mayLoseTheFamily(flagged) }),
          )
        : null;
    const card = itemCard(vocab, board, item, {
      fresh: client.fresh.has(item.id),
      extra: [
        badge,
        ended ? null : notSentYet(board, item),
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

  // an item in a report not sent yet: the family has never been sent it, so the chair may
  // still keep it from them (before the meeting), or show it to them now (an unsent report)
  function notSentYet(board, item) {
    if (!item.held || item.private || item.status !== "accepted") return null;
    return h(
      "div",
      { class: "row-actions held-actions" },
      beforeMeeting(board) ? keepFromFamilyButton(item, send, "small secondary keep-from-family") : null,
      h(
        "button",
        { type: "button", class: "small secondary", onclick: () => send("item.accept", { id: item.id }) },
        t("Show to the family now"),
      ),
    );
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

  function renderBoard(board) {
    const ended = board.conference.status === "closed";
    fillPickers(board);
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

  // Items waiting for the chair's OK are counted in the panel's heading and said in one
  // quiet line under the stages (polite, not an alert; redrawn only when the count changes),
  // with a button to the panel: the side panel is easy to miss while the chair looks at the
  // board.
  let waitingSaid = -1;
  function renderWaitingCount(n) {
    const badge = $("#moderation-count");
    badge.hidden = !n;
    badge.textContent = n ? String(n) : "";
    if (n === waitingSaid) return;
    waitingSaid = n;
    const line = $("#moderation-alert");
    line.hidden = !n;
    if (!n) return replace(line);
    replace(
      line,
      h("span", {}, tn("{n} item is waiting for you to check", "{n} items are waiting for you to check", n)),
      h(
        "button",
        {
          type: "button",
          class: "small secondary",
          onclick: () => {
            $("#moderation-h").scrollIntoView({ block: "start" });
            const first = $("#moderation button");
            if (first) first.focus({ preventScroll: true });
          },
        },
        t("Check them"),
      ),
    );
  }

  function renderModeration(board) {
    const ended = board.conference.status === "closed";
    const pending = ended ? [] : board.items.filter((i) => i.status === "pending");
    renderWaitingCount(pending.length);
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
                      // before the meeting: what the family must not read (an address, what a
                      // third party said) is kept from them, like a closed session's words
                      beforeMeeting(board) && !item.private ? keepFromFamilyButton(item, send) : null,
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
