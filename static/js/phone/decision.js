// What was decided, as the phone shows it the moment the chair records it: the outcome,
// the category of harm, who leads, the text, when and where next, and the plan.
import { planSection } from "../board-view.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { longDate, nextMeetingWords } from "../sentences.js";

// the category of harm, the lead social worker and the first core group: what the
// family needs to know of the decision besides its outcome (the minutes say the same)
export function decisionDetails(vocab, d) {
  if (!d) return null;
  return [
    d.categories && d.categories.length
      ? h("p", {}, t("Category: "), d.categories.map((c) => vocab.harms[c]).join(", "))
      : null,
    d.lead_social_worker ? h("p", {}, t("Lead social worker: {name}", { name: d.lead_social_worker })) : null,
    d.first_core_group ? h("p", {}, t("First core group: {date}", { date: longDate(d.first_core_group) })) : null,
  ];
}

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
