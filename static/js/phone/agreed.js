// What the family can take away: the statements, the scores shown, the decision and the
// plan, each as soon as it happens (the server sends only what the family may see). A tab
// of the board while the meeting runs; the whole screen once it has ended.
import { dangerSentence, planSection } from "../board-view.js";
import { scoreChart, scoreSummary } from "../score-charts.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { middleInWords, wordingFor } from "../sentences.js";
import { decisionDetails, nextMeeting } from "./decision.js";

export function agreedPanel({ vocab, client }) {
  function agreed(board) {
    const dangers = board.statements.filter((st) => st.kind === "danger");
    const revealed = board.rounds.filter((r) => r.revealed);
    const d = board.conference.decision;
    const nothing = !dangers.length && !revealed.length && !d && !planSection(vocab, board);
    return h(
      "div",
      { class: "agreed" },
      nothing ? h("p", { class: "hint" }, t("Nothing has been agreed yet. It will show here as soon as it is.")) : null,
      dangers.length
        ? [
            h("h3", {}, t("What we are worried about, and what safety looks like")),
            h(
              "ol",
              { class: "statements" },
              dangers.map((st) => {
                const goal = board.statements.find((g) => g.kind === "safety_goal" && g.pairs_with === st.id);
                return h(
                  "li",
                  {},
                  h("p", { class: "danger-text" }, dangerSentence(st)),
                  goal
                    ? h("p", { class: "goal-text" }, h("strong", {}, t("Safety goal: ")), h("bdi", {}, goal.text))
                    : null,
                );
              }),
            ),
          ]
        : null,
      revealed.length
        ? [
            h("h3", {}, t("Where we are, 0 to 10")),
            revealed.map((r) =>
              h(
                "div",
                { class: "round-result" },
                h("p", {}, t(wordingFor(r, vocab.isFamily(client.you.role)).question)),
                scoreChart(r, { labelSize: 34 }),
                h("p", { class: "middle" }, middleInWords(scoreSummary(r).middle)),
              ),
            ),
          ]
        : null,
      d && (d.outcome || d.text)
        ? [
            h("h3", {}, t("What was decided")),
            d.outcome ? h("p", { class: "outcome" }, vocab.outcomes[d.outcome]) : null,
            decisionDetails(vocab, d),
            d.text ? h("p", { dir: "auto" }, d.text) : null,
          ]
        : null,
      planSection(vocab, board),
      nextMeeting(d),
    );
  }

  function ended(board) {
    return h(
      "section",
      { "aria-labelledby": "ended-h" },
      h("h2", { id: "ended-h" }, t("The meeting has ended. Here is what was agreed.")),
      agreed(board),
    );
  }

  return {
    setup() {},
    // the tab's contents, or ({ended: true}) the screen after the meeting
    render(board, { ended: over = false } = {}) {
      return over ? ended(board) : agreed(board);
    },
  };
}
