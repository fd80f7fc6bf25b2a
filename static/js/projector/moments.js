// The projector's single screens, one moment of the meeting filling the wall: the
// statement being typed, the scale open, the scores shown together, the decision, and who
// is in the meeting. static/js/projector-screen.js chooses which.
import { dangerSentence, decisionDetails, peopleList, planSection, scorers } from "../board-view.js";
import { scoreChart, scoreSummary, trendChart, trendPoints } from "../score-charts.js";
import { dir, t } from "../i18n.js";
import { h } from "../dom.js";
import { middleInWords, nextMeetingWords, wordingFor } from "../sentences.js";

export function momentScreens({ vocab, client }) {
  // The chair's statement as it is typed shows in a dashed "Draft — not agreed yet" box, in
  // place of the statement being changed or after the others; once added or saved it shows
  // solid for a few seconds before the board comes back.
  function draftBox(draft) {
    const danger = draft.kind === "danger";
    return h(
      "div",
      { class: "draft", role: "status" },
      h("p", { class: "draft-label" }, t("Draft — not agreed yet")),
      danger
        ? h("p", { class: "danger-text" }, dangerSentence(draft) || "…")
        : h("p", { class: "goal-text" }, h("strong", {}, t("Safety goal: ")), draft.text || "…"),
    );
  }

  function statements(board, draft) {
    const dangers = board.statements.filter((s) => s.kind === "danger" && !s.private);
    const isDraftOf = (s) => draft && draft.id === s.id;
    const newGoalFor = (s) => draft && draft.kind === "safety_goal" && !draft.id && draft.pairs_with === s.id;
    return h(
      "section",
      { class: "moment statements-now", "aria-labelledby": "now-h" },
      h("h2", { id: "now-h" }, vocab.statementsHeading(board)),
      h(
        "ol",
        { class: "statement-list" },
        dangers.map((s) => {
          const goal = board.statements.find((g) => g.kind === "safety_goal" && g.pairs_with === s.id && !g.private);
          return h(
            "li",
            {},
            isDraftOf(s) ? draftBox(draft) : h("p", { class: "danger-text" }, dangerSentence(s)),
            goal && isDraftOf(goal)
              ? draftBox(draft)
              : goal
                ? h("p", { class: "goal-text" }, h("strong", {}, t("Safety goal: ")), goal.text)
                : null,
            newGoalFor(s) ? draftBox(draft) : null,
          );
        }),
        draft && draft.kind === "danger" && !draft.id ? h("li", {}, draftBox(draft)) : null,
      ),
    );
  }

  function statementOf(board, round) {
    const s = round.statement_id && board.statements.find((st) => st.id === round.statement_id);
    return s ? h("p", { class: "about" }, h("strong", {}, t("About: ")), dangerSentence(s)) : null;
  }

  // The scale's words as the chair chose to show them: the usual ones, or (the chair's
  // choice on the console) the family's own wording, so the room reads what the parents'
  // phones ask
  function shownWording(round) {
    const family = Boolean(client.projector && client.projector.family_wording);
    // the chair asked for the family's words: whatever language they were written in
    return wordingFor(round, family, (round.family && round.family.language) || undefined);
  }

  function scaleLabels(wording) {
    return h(
      "p",
      { class: "labels" },
      h("span", {}, `0: ${t(wording.low_label)}`),
      h("span", {}, `10: ${t(wording.high_label)}`),
    );
  }

  // The chart with what 0 and 10 mean under its two ends: the box as wide as the chart is
  // drawn, the words inset to where its line starts and ends. The scale runs 0 to 10 from
  // the left in every language (the chart is not mirrored), so the words do too, each read
  // in the page's own direction.
  function chartWithEnds(round, wording) {
    return h(
      "div",
      { class: "chart-ends" },
      scoreChart(round, { large: true }),
      h(
        "p",
        { class: "labels", dir: "ltr" },
        h("span", { class: "low", dir: dir() }, `0: ${t(wording.low_label)}`),
        h("span", { class: "high", dir: dir() }, `10: ${t(wording.high_label)}`),
      ),
    );
  }

  function scoring(board, round) {
    const wording = shownWording(round);
    return h(
      "section",
      { class: "moment scaling scaling-now", "aria-labelledby": "now-h" },
      h("h2", { id: "now-h" }, t("Where are we, 0 to 10?")),
      statementOf(board, round),
      h("p", { class: "question" }, t(wording.question)),
      h("p", { class: "scored" }, t("{count} of {total} have scored", { count: round.count, total: scorers(board) })),
      scaleLabels(wording),
      h("p", { class: "hint" }, t("Scores stay hidden until the chair shows them all together.")),
    );
  }

  function result(board, round) {
    const wording = shownWording(round);
    // on a review, how the middle score has moved since the first conference
    const points = trendPoints(board, round.statement_id || null);
    return h(
      "section",
      { class: "moment result scaling", "aria-labelledby": "now-h" },
      h("h2", { id: "now-h" }, t("Where we are, 0 to 10")),
      statementOf(board, round),
      h("p", { class: "question" }, t(wording.question)),
      chartWithEnds(round, wording),
      h("p", { class: "in-words" }, middleInWords(scoreSummary(round).middle)),
      points.length > 1
        ? h("div", { class: "since" }, h("span", {}, t("Over time")), trendChart(points, { labelSize: 30 }))
        : null,
    );
  }

  function people(board) {
    return h(
      "section",
      { class: "moment people-now", "aria-labelledby": "now-h" },
      h("h2", { id: "now-h" }, t("Who is in the meeting")),
      peopleList(vocab, board),
    );
  }

  function decision(board, heading) {
    const d = board.conference.decision;
    return h(
      "section",
      { class: "moment decision", "aria-labelledby": "now-h" },
      h("h2", { id: "now-h" }, heading),
      d && d.outcome ? h("p", { class: "outcome" }, vocab.outcomes[d.outcome]) : null,
      // the category of harm, the lead social worker and the first core group, when given
      decisionDetails(vocab, d),
      d && d.text ? h("p", { class: "decision-text" }, d.text) : null,
      // when and where next, before the plan: a long plan must never push it off the screen
      d && d.next_meeting ? h("p", { class: "next" }, t("Next meeting: {date}", { date: nextMeetingWords(d) })) : null,
      planSection(vocab, board),
    );
  }

  return { statements, scoring, result, people, decision, shownWording, scaleLabels };
}
