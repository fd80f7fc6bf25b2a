// Danger statements and safety goals, written with the family.
import { dangerSentence } from "../board-view.js";
import { $, h, replace } from "../dom.js";
import { plainLanguage } from "./hints.js";

export function statementsPanel(ctx) {
  const { send, render, editing, editedFrom, startEditing } = ctx;
  function renderStatements(board) {
    const dangers = board.statements.filter((s) => s.kind === "danger");
    const ended = board.conference.status === "closed";
    $("#danger-warning").hidden = dangers.length < 4 || ended;
    $("#danger-form").hidden = ended;
    replace(
      $("#statements"),
      dangers.length ? null : h("p", { class: "hint" }, "No danger statements yet."),
      h(
        "ol",
        { class: "statements" },
        dangers.map((s) => {
          const goal = board.statements.find((g) => g.kind === "safety_goal" && g.pairs_with === s.id);
          const key = `goal-${s.id}`;
          return h(
            "li",
            { class: `statement${s.private ? " private" : ""}` },
            h("p", { class: "danger-text" }, dangerSentence(s)),
            s.private ? h("p", { class: "badge private" }, "Private: from a closed session") : null,
            ended
              ? null
              : h(
                  "button",
                  {
                    type: "button",
                    class: "small danger",
                    onclick: () => confirm("Delete this danger statement?") && send("statement.delete", { id: s.id }),
                  },
                  "Delete",
                ),
            h("h4", {}, "Safety goal"),
            ended
              ? h("p", { class: "goal-text" }, goal ? goal.text : "No safety goal was written.")
              : goal && !editing.has(key)
                ? h(
                    "p",
                    { class: "goal-text" },
                    goal.text,
                    " ",
                    h(
                      "button",
                      { type: "button", class: "small", onclick: () => (startEditing(goal, key), render()) },
                      "Change",
                    ),
                  )
                : h(
                    "form",
                    {
                      class: "stack",
                      onsubmit: (e) => {
                        e.preventDefault();
                        const text = editing.get(key) || "";
                        editing.delete(key);
                        if (goal)
                          send("statement.edit", { id: goal.id, version: editedFrom.get(key) ?? goal.version, text });
                        else send("statement.add", { kind: "safety_goal", text, pairs_with: s.id });
                      },
                    },
                    h("label", { for: key }, "What the family will be doing when the children are safe"),
                    h("textarea", {
                      id: key,
                      rows: 2,
                      value: editing.get(key) || "",
                      dataset: { focusKey: key },
                      oninput: (e) => editing.set(key, e.target.value),
                    }),
                    h("button", { type: "submit" }, goal ? "Save safety goal" : "Add safety goal"),
                  ),
          );
        }),
      ),
    );
  }

  function setupDangerForm() {
    const fields = ["who", "behaviour", "impact", "disagreement"];
    const read = () => Object.fromEntries(fields.map((f) => [f, $(`#danger-${f}`).value.trim()]));
    const preview = () => {
      const sentence = dangerSentence(read());
      $("#danger-preview").textContent = sentence || "The statement will appear here as you type.";
      plainLanguage(sentence, $("#danger-hints"));
    };
    for (const f of fields) $(`#danger-${f}`).addEventListener("input", preview);
    preview();
    $("#danger-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const payload = { kind: "danger" };
      for (const [k, v] of Object.entries(read())) if (v) payload[k] = v;
      send("statement.add", payload);
      e.target.reset();
      preview();
    });
  }

  return { renderStatements, setupDangerForm };
}
