// The scale as a ladder: 10 at the top with its words, 0 at the bottom with its words, one
// big row a number, so it reads as a line from bad to good. The number and the reason go
// together with one button, and can be changed until the chair closes the round.
import { dangerSentence } from "../board-view.js";
import { $, h } from "../dom.js";
import { t, tn } from "../i18n.js";
import { wordingFor } from "../sentences.js";

export function scoringPanel({ vocab, client, send, redraw }) {
  // the score and reason being chosen, for the round they belong to
  const chosen = { roundId: null, score: null, reason: "" };

  function render(board, round) {
    const mine = round.mine;
    if (chosen.roundId !== round.id) {
      chosen.roundId = round.id;
      chosen.reason = (mine && mine.reason) || "";
      chosen.score = mine ? mine.score : null;
    }
    const about = round.statement_id && board.statements.find((st) => st.id === round.statement_id);
    // the kind's own scale words are in the catalogue; the chair's own wording is shown as typed
    const wording = wordingFor(round, vocab.isFamily(client.you.role));
    const rungs = Array.from({ length: 11 }, (_, i) => 10 - i);
    const sent = mine && mine.score === chosen.score && (mine.reason || "") === chosen.reason.trim();
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
              class: `rung${chosen.score === n ? " chosen" : ""}`,
              "aria-checked": chosen.score === n ? "true" : "false",
              onclick: () => ((chosen.score = n), redraw()),
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
        value: chosen.reason,
        dataset: { focusKey: "reason" },
        oninput: (e) => {
          chosen.reason = e.target.value;
          // no redraw while typing (a phone's keyboard would lose its place): just allow sending
          $(".send-score").disabled = chosen.score === null;
        },
      }),
      h(
        "button",
        {
          type: "button",
          class: "send-score",
          disabled: chosen.score === null || sent,
          onclick: () =>
            send("round.score", { round_id: round.id, score: chosen.score, reason: chosen.reason.trim() || null }),
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

  return { setup() {}, render };
}
