// Adding to a column from the console: the words (with the plain-language hint), the
// heading, for the plan who, by when and which safety goal, and the child's own words
// (which child, how we heard it: the Three Houses say which column they belong in).
import { t } from "../i18n.js";
import { $, h, replace } from "../dom.js";
import { plainLanguage } from "../hints.js";
import { beforeMeeting } from "../board-view.js";

export function addItemForms(ctx) {
  const { vocab, client, send } = ctx;
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
      // before the meeting: what the family must not read (an address, what a third party
      // said) is kept from them, like a closed session's words (shown only before the date)
      h(
        "label",
        { class: "check keep-private", id: `${id}-private-row`, hidden: true },
        h("input", { type: "checkbox", id: `${id}-private` }),
        " " + t("Keep this from the family: only the chair and the professionals will see it"),
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
      if ($(`#${id}-private`).checked && beforeMeeting(client.board)) payload.private = true;
      send("item.add", payload);
      form.reset();
      $(`#${id}-child-fields`).hidden = true;
      $(`#${id}-goes`).textContent = "";
      replace($(`#${id}-hints`));
      $(`#${id}-text`).focus();
    });
    return form;
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

  // the pickers list what the board has now, keeping each choice; "Keep this from the
  // family" is offered only before the meeting
  function fillPickers(board) {
    fillChildPickers(board);
    fillGoalPickers(board);
    for (const row of document.querySelectorAll(".add-item .keep-private")) row.hidden = !beforeMeeting(board);
  }

  return { addForm, fillPickers };
}
