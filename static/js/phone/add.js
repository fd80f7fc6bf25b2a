// Adding to the board from a phone: the words, and (if the person wants) which heading
// fits; a child's phone marks the words as the child's own. Paused while the board is locked.
import { beforeMeeting } from "../board-view.js";
import { h } from "../dom.js";
import { plainLanguage } from "../hints.js";
import { t } from "../i18n.js";

export function addPanel({ vocab, client, send, redraw }) {
  // what is being typed and the heading chosen, kept across redraws
  const typing = { text: "", category: null, private: false };
  // the same gentle plain-language hint as the chair's, for the professionals' phones; one
  // box kept across redraws so a hint stays while someone else's change arrives
  let hintBox = null;

  function setup() {
    hintBox = h("div", { class: "hints", id: "new-hints", "aria-live": "polite" });
  }

  function render(column) {
    const locked = client.board.conference.status !== "open";
    if (locked) return h("p", { class: "hint" }, t("The chair has paused adding for now."));
    return h(
      "form",
      {
        class: "stack add",
        onsubmit: (e) => {
          e.preventDefault();
          const payload = { column: column.key, text: typing.text };
          if (typing.category) payload.category = typing.category;
          if (client.you.role === vocab.childRole) payload.voice = "child";
          if (typing.private && mayKeep()) payload.private = true;
          send("item.add", payload);
          typing.text = "";
          typing.category = null;
          typing.private = false;
          redraw();
        },
      },
      h("label", { for: "new-text" }, t('Add to "{heading}"', { heading: column.heading })),
      h("textarea", {
        id: "new-text",
        rows: 3,
        maxlength: vocab.limits.item_text,
        required: true,
        value: typing.text,
        dataset: { focusKey: "new-text" },
        oninput: (e) => {
          typing.text = e.target.value;
          if (!vocab.isFamily(client.you.role)) plainLanguage(typing.text, hintBox);
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
              class: `chip${typing.category === c.key ? " chosen" : ""}`,
              "aria-pressed": typing.category === c.key ? "true" : "false",
              onclick: () => ((typing.category = typing.category === c.key ? null : c.key), redraw()),
            },
            h("span", { class: "chip-label" }, c.label),
            h("span", { class: "chip-meaning" }, c.meaning),
          ),
        ),
      ),
      mayKeep()
        ? h(
            "label",
            { class: "check keep-private" },
            h("input", {
              type: "checkbox",
              id: "new-private",
              checked: typing.private,
              dataset: { focusKey: "new-private" },
              onchange: (e) => (typing.private = e.target.checked),
            }),
            " " + t("Keep this from the family: only the chair and the professionals will see it"),
          )
        : null,
      h("button", { type: "submit" }, t("Add")),
    );
  }

  // before the meeting a professional may keep something from the family (someone else's
  // address, what a third party said); during it the chair holds a closed session
  function mayKeep() {
    return !vocab.isFamily(client.you.role) && beforeMeeting(client.board);
  }

  return { setup, render };
}
