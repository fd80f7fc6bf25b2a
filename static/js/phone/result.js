// The scores, shown together: the same chart and words as "What we agreed", with how the
// middle score has moved since earlier conferences when there is a history. A round the
// chair opened in easy read (faces or colours) shows the middle score's face or colour and
// words too, as the ladder did.
import { dangerSentence } from "../board-view.js";
import { scoreChart, scoreSummary, trendChart, trendPoints } from "../score-charts.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { middleInWords, wordingFor } from "../sentences.js";
import { SCALES, face, feeling } from "./scoring.js";

function easyMiddle(round, middle) {
  if (middle === null || !SCALES.slice(1).includes(round.scale)) return null;
  const near = Math.round(middle);
  return h(
    "p",
    { class: "middle-easy" },
    round.scale === "faces" ? face(near) : h("span", { class: `swatch swatch-${near}`, "aria-hidden": "true" }),
    h("span", { class: "rung-feeling" }, feeling(near)),
  );
}

export function resultPanel({ vocab, client, backToBoard }) {
  function render(board, round) {
    const about = round.statement_id && board.statements.find((st) => st.id === round.statement_id);
    const points = trendPoints(board, round.statement_id || null);
    const middle = scoreSummary(round).middle;
    return h(
      "section",
      { class: "result", "aria-labelledby": "result-h" },
      h("h2", { id: "result-h" }, t("Where we are, 0 to 10")),
      about ? h("p", { class: "about" }, h("strong", {}, t("About: ")), dangerSentence(about)) : null,
      h("p", { class: "question" }, t(wordingFor(round, vocab.isFamily(client.you.role)).question)),
      scoreChart(round, { labelSize: 34 }),
      h("p", { class: "middle" }, middleInWords(middle)),
      easyMiddle(round, middle),
      points.length > 1 ? [h("h3", {}, t("Over time")), trendChart(points, { labelSize: 30 })] : null,
      h("button", { type: "button", class: "secondary", onclick: backToBoard }, t("Back to the board")),
    );
  }

  return { setup() {}, render };
}
