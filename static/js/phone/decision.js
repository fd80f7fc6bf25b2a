// What was decided, as the phone shows it the moment the chair records it: the outcome,
// the category of harm, who leads, the text, when and where next, and the plan.
import { decisionDetails, planSection } from "../board-view.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { nextMeetingWords } from "../sentences.js";

export function nextMeeting(d) {
  const when = nextMeetingWords(d);
  return when ? h("p", { class: "next" }, t("Next meeting: {date}", { date: when })) : null;
}

export function decisionPanel({ vocab, backToBoard }) {
  function render(board) {
    const d = board.conference.decision || {};
    return h(
      "section",
      { class: "result", "aria-labelledby": "decision-h" },
      h("h2", { id: "decision-h" }, t("What was decided")),
      d.outcome ? h("p", { class: "outcome" }, vocab.outcomes[d.outcome]) : null,
      decisionDetails(vocab, d),
      d.text ? h("p", { dir: "auto" }, d.text) : null,
      nextMeeting(d),
      planSection(vocab, board),
      h("button", { type: "button", class: "secondary", onclick: backToBoard }, t("Back to the board")),
    );
  }

  return { setup() {}, render };
}
