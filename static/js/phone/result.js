// The scores, shown together: the same chart and words as "What we agreed", with how the
// middle score has moved since earlier conferences when there is a history.
import { dangerSentence } from "../board-view.js";
import { scoreChart, scoreSummary, trendChart, trendPoints } from "../score-charts.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { middleInWords, wordingFor } from "../sentences.js";

export function resultPanel({ vocab, client, backToBoard }) {
  function render(board, round) {
    const about = round.statement_id && board.statements.find((st) => st.id === round.statement_id);
    const points = trendPoints(board, round.statement_id || null);
    return h(
      "section",
      { class: "result", "aria-labelledby": "result-h" },
      h("h2", { id: "result-h" }, t("Where we are, 0 to 10")),
      about ? h("p", { class: "about" }, h("strong", {}, t("About: ")), dangerSentence(about)) : null,
      h("p", { class: "question" }, t(wordingFor(round, vocab.isFamily(client.you.role)).question)),
      scoreChart(round, { labelSize: 34 }),
      h("p", { class: "middle" }, middleInWords(scoreSummary(round).middle)),
      points.length > 1 ? [h("h3", {}, t("Over time")), trendChart(points, { labelSize: 30 })] : null,
      h("button", { type: "button", class: "secondary", onclick: backToBoard }, t("Back to the board")),
    );
  }

  return { setup() {}, render };
}
