// Danger statements and safety goals, written with the family.
import { lang, t } from "../i18n.js";
import { dangerSentence } from "../board-view.js";
import { scoreSummary, trendChart, trendPoints } from "../score-charts.js";
import { longDate } from "../sentences.js";
import { $, formDrafts, h, replace } from "../dom.js";
import { plainLanguage } from "../hints.js";

export function statementsPanel(ctx) {
  const { vocab, client, send, render, editing, editedFrom, startEditing } = ctx;
  const fields = ["who", "behaviour", "impact", "disagreement"];
  let changing = null;
  // one hint box per safety goal, kept across redraws
  const hintBoxes = new Map();
  const goalHints = (key) => {
    if (!hintBoxes.has(key)) hintBoxes.set(key, h("div", { class: "hints", "aria-live": "polite" }));
    return hintBoxes.get(key);
  }; // the danger statement loaded into the form to be changed: {id, version}
  // the projector shows what the chair types, except in a closed session (and never after the end)
  const draft = (payload) => {
    const conf = client.board && client.board.conference;
    if (conf && !conf.closed_session && conf.status !== "closed") client.sendDraft(payload);
  };
  let word = t("Danger statement");
  function renderStatements(board) {
    word = vocab.statementWord(board);
    $("#statements-h").textContent = vocab.statementsHeading(board);
    showMode();
    const dangers = board.statements.filter((s) => s.kind === "danger");
    const ended = board.conference.status === "closed";
    $("#danger-warning").hidden = dangers.length < 4 || ended;
    $("#danger-form").hidden = ended;
    replace(
      $("#statements"),
      dangers.length ? null : h("p", { class: "hint" }, t("No {word}s yet.", { word: word.toLowerCase() })),
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
            s.private ? h("p", { class: "badge private" }, t("Private: from a closed session")) : null,
            roundsAbout(board, s),
            carriedReview(board, s, ended),
            ended
              ? null
              : h(
                  "span",
                  { class: "row-actions" },
                  h("button", { type: "button", class: "small", onclick: () => change(s) }, t("Change")),
                  h(
                    "button",
                    {
                      type: "button",
                      class: "small danger",
                      onclick: () =>
                        confirm(t("Delete this {word}?", { word: word.toLowerCase() })) &&
                        send("statement.delete", { id: s.id }),
                    },
                    t("Delete"),
                  ),
                ),
            h("h4", {}, t("Safety goal")),
            ended
              ? h("p", { class: "goal-text" }, goal ? goal.text : t("No safety goal was written."))
              : goal && !editing.has(key)
                ? h(
                    "p",
                    { class: "goal-text" },
                    goal.text,
                    " ",
                    h(
                      "button",
                      { type: "button", class: "small", onclick: () => (startEditing(goal, key), render()) },
                      t("Change"),
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
                        draft({});
                        if (goal)
                          send("statement.edit", { id: goal.id, version: editedFrom.get(key) ?? goal.version, text });
                        else send("statement.add", { kind: "safety_goal", text, pairs_with: s.id });
                      },
                    },
                    h("label", { for: key }, t("What the family will be doing when the children are safe")),
                    h("textarea", {
                      id: key,
                      rows: 2,
                      value: editing.get(key) || "",
                      dataset: { focusKey: key },
                      oninput: (e) => {
                        editing.set(key, e.target.value);
                        plainLanguage(e.target.value, goalHints(key));
                        draft({
                          kind: "safety_goal",
                          text: e.target.value,
                          pairs_with: s.id,
                          id: goal ? goal.id : null,
                        });
                      },
                    }),
                    goalHints(key),
                    h("button", { type: "submit" }, goal ? t("Save safety goal") : t("Add safety goal")),
                  ),
          );
        }),
      ),
    );
  }

  // what the chair has chosen or typed in a "Since last time" form, by field id, kept across
  // redraws (any change to the board redraws this list) until it is saved
  const reviewDrafts = formDrafts();

  // A statement carried from the last conference: when it was written, how its middle
  // score moved, and what the room says of it now (still / changed / no longer a worry).
  function carriedReview(board, s, ended) {
    const points = trendPoints(board, s.id);
    const c = s.carried;
    if (!c && points.length < 2) return null;
    const key = `review-${s.id}`;
    const statuses = vocab.v.statement_review;
    const said = c && c.status ? statuses.find((x) => x.key === c.status).label : null;
    return h(
      "div",
      { class: "carried" },
      c
        ? h("p", { class: "badge carried-badge" }, t("From the conference of {date}", { date: longDate(c.from_date) }))
        : null,
      points.length ? trendChart(points) : null,
      said
        ? h(
            "p",
            { class: "review-said" },
            h("strong", {}, t("Since last time: ")),
            said,
            c.reason ? ` — ${c.reason}` : "",
          )
        : null,
      c && !ended
        ? h(
            "form",
            {
              class: "review-form",
              onsubmit: (e) => {
                e.preventDefault();
                const status = $(`#${key}-status`).value;
                if (!status) return;
                send("statement.review", { id: s.id, status, reason: $(`#${key}-reason`).value.trim() || null });
                reviewDrafts.clear(`${key}-status`, `${key}-reason`);
              },
            },
            h("label", { for: `${key}-status` }, t("Since last time, this is")),
            h(
              "select",
              { id: `${key}-status`, onchange: reviewDrafts.keep },
              h("option", { value: "" }, t("Choose…")),
              statuses.map((x) =>
                h(
                  "option",
                  { value: x.key, selected: reviewDrafts.value(`${key}-status`, c.status) === x.key },
                  x.label,
                ),
              ),
            ),
            h("label", { for: `${key}-reason` }, t("Why (the room's words)")),
            h("input", {
              id: `${key}-reason`,
              maxlength: vocab.limits.reason,
              value: reviewDrafts.value(`${key}-reason`, c.reason || ""),
              oninput: reviewDrafts.keep,
            }),
            h("button", { type: "submit", class: "small" }, t("Save")),
            h(
              "p",
              { class: "hint" },
              t("If the worry has changed, change its words with Change: the old wording is kept."),
            ),
          )
        : null,
    );
  }

  // which rounds were about this statement, and their middle score once shown
  function roundsAbout(board, s) {
    const about = board.rounds.filter((r) => r.statement_id === s.id);
    if (!about.length) return null;
    const told = about.map((r) =>
      r.status === "open"
        ? t("being scored now")
        : r.revealed
          ? t("middle score {score}", { score: scoreSummary(r).middle ?? "–" })
          : t("scored, not shown yet"),
    );
    return h("p", { class: "hint" }, t("Scaling rounds about this: {rounds}", { rounds: told.join("; ") }));
  }

  // the fields as typed, in the language the chair is writing in (the console's): the
  // sentence is built only in that language, every other reader gets the fields labelled
  const read = () => Object.fromEntries(fields.map((f) => [f, $(`#danger-${f}`).value.trim()]));
  function preview(fromTyping = false) {
    const sentence = dangerSentence({ ...read(), language: lang() });
    $("#danger-preview").textContent = sentence || t("The statement will appear here as you type.");
    plainLanguage(sentence, $("#danger-hints"));
    // an emptied builder clears the projector's draft box, rather than leaving an empty one
    const typed = Object.values(read()).some(Boolean);
    if (fromTyping)
      draft(
        typed || changing ? { kind: "danger", ...read(), language: lang(), id: changing ? changing.id : null } : {},
      );
  }

  function showMode() {
    $("#danger-form-h").textContent = changing
      ? t("Change this {word} (the old wording is replaced)", { word: word.toLowerCase() })
      : t("Write a {word} with the family", { word: word.toLowerCase() });
    $("#danger-submit").textContent = changing ? t("Save the change") : t("Add {word}", { word: word.toLowerCase() });
    $("#danger-cancel").hidden = !changing;
  }

  function change(s) {
    changing = { id: s.id, version: s.version };
    for (const f of fields) $(`#danger-${f}`).value = s[f] || "";
    showMode();
    preview(true);
    $("#danger-form").scrollIntoView({ block: "start" });
    $("#danger-who").focus();
  }

  function done() {
    changing = null;
    $("#danger-form").reset();
    showMode();
    preview();
    draft({});
  }

  function setupDangerForm() {
    for (const f of fields) $(`#danger-${f}`).addEventListener("input", () => preview(true));
    preview();
    $("#danger-cancel").addEventListener("click", done);
    $("#danger-form").addEventListener("submit", (e) => {
      e.preventDefault();
      if (changing) {
        // every field is sent: a box emptied on purpose clears that part of the statement
        send("statement.edit", { id: changing.id, version: changing.version, ...read(), language: lang() });
      } else {
        const payload = { kind: "danger", language: lang() };
        for (const [k, v] of Object.entries(read())) if (v) payload[k] = v;
        send("statement.add", payload);
      }
      done();
    });
  }

  return { renderStatements, setupDangerForm };
}
