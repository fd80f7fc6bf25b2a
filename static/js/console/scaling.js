// Scaling: ask everyone to score, close, reveal, and the result.
import { t, tn } from "../i18n.js";
import { dangerSentence, scorers, shortRole } from "../board-view.js";
import { scoreChart, scoreSummary } from "../score-charts.js";
import { $, h, replace } from "../dom.js";
import { number, wordingFor } from "../sentences.js";

const FAMILY_BOXES = [
  ["family_question", "#round-family-question"],
  ["family_low_label", "#round-family-low"],
  ["family_high_label", "#round-family-high"],
];

// how the family's phones draw this round's ladder, when it is not the numbers alone
const SHOWN = {
  faces: () => t("Family phones show a face beside each number."),
  colours: () => t("Family phones show a colour beside each number."),
};

// "3 scores · lowest 2 · highest 7 · middle 5", under a shown round's table
function scoresCaption(round) {
  const s = scoreSummary(round);
  return tn(
    "{n} score · lowest {min} · highest {max} · middle {middle}",
    "{n} scores · lowest {min} · highest {max} · middle {middle}",
    s.n,
    { min: s.min ?? "–", max: s.max ?? "–", middle: typeof s.middle === "number" ? number(s.middle) : "–" },
  );
}

// the question, which danger statement the round was about, and the family's wording if any
function roundHeading(board, round, vocab) {
  const about = round.statement_id && board.statements.find((s) => s.id === round.statement_id);
  const family = round.family && wordingFor(round, true, round.family.language);
  const written =
    round.family && round.family.language && vocab.v.languages.find((l) => l.key === round.family.language);
  return [
    h("p", { class: "round-question" }, round.question),
    round.statement_id
      ? h(
          "p",
          { class: "round-about" },
          t("About: "),
          about ? dangerSentence(about) : t("a danger statement since deleted"),
        )
      : null,
    SHOWN[round.scale] ? h("p", { class: "hint" }, SHOWN[round.scale]()) : null,
    family
      ? h(
          "p",
          { class: "hint" },
          written
            ? t("Family phones in {language} ask: {question} (0: {low} · 10: {high})", {
                language: written.name,
                question: family.question,
                low: family.low_label,
                high: family.high_label,
              })
            : t("Family phones ask: {question} (0: {low} · 10: {high})", {
                question: family.question,
                low: family.low_label,
                high: family.high_label,
              }),
        )
      : null,
  ];
}

export function scalingPanel(ctx) {
  const { vocab, client, send, render } = ctx;
  // Scores of people in the room without a phone, entered by the chair as they say them;
  // hidden like any other until the reveal (so the form never shows what was entered).
  const entered = new Map(); // round id -> names entered on this console
  const drafts = new Map(); // field id -> what the chair has typed or chosen (kept across redraws)
  const keep = (e) => drafts.set(e.target.id, e.target.value);
  function aloudScores(board, open) {
    const present = board.members.filter((m) => m.kind === "offline" && m.present && m.status !== "removed");
    if (!present.length) return null;
    const done = entered.get(open.id) || new Set();
    return h(
      "div",
      { class: "aloud" },
      h("h4", {}, t("Scores given aloud (people without a phone)")),
      present.map((m) => {
        const id = `aloud-${m.member_id}`;
        const row = h(
          "form",
          {
            class: "aloud-row",
            onsubmit: (e) => {
              e.preventDefault();
              const score = e.target.elements.score.value;
              if (score === "") return;
              send("round.score_aloud", {
                round_id: open.id,
                member_id: m.member_id,
                score: Number(score),
                reason: e.target.elements.reason.value.trim() || null,
              });
              entered.set(open.id, new Set([...done, m.member_id]));
              render();
            },
          },
          h("label", { for: `${id}-score` }, m.name),
          h(
            "select",
            { id: `${id}-score`, name: "score", onchange: keep },
            h("option", { value: "" }, t("Score…")),
            Array.from({ length: 11 }, (_, n) => h("option", { value: n }, String(n))),
          ),
          h("label", { for: `${id}-reason`, class: "visually-hidden" }, `Why ${m.name} gave this score`),
          h("input", {
            id: `${id}-reason`,
            name: "reason",
            maxlength: vocab.limits.reason,
            placeholder: t("Why (optional)"),
            value: drafts.get(`${id}-reason`) ?? "",
            dataset: { focusKey: `${id}-reason` },
            oninput: keep,
          }),
          h("button", { type: "submit", class: "secondary" }, done.has(m.member_id) ? t("Change") : t("Enter")),
          done.has(m.member_id) ? h("span", { class: "hint" }, t("Entered — hidden until you reveal")) : null,
        );
        row.elements.score.value = drafts.get(`${id}-score`) ?? ""; // after its options exist
        return row;
      }),
    );
  }

  function renderScaling(board) {
    fillRoundWords(board);
    const about = $("#round-about");
    const current = about.value;
    replace(
      about,
      h("option", { value: "" }, t("The whole situation")),
      board.statements
        .filter((s) => s.kind === "danger")
        .map((s) => h("option", { value: s.id }, `${vocab.statementWord(board)}: ${dangerSentence(s).slice(0, 80)}`)),
    );
    about.value = current;
    const everyone = scorers(board);
    const open = board.rounds.find((r) => r.status === "open");
    $("#round-form").hidden = Boolean(open) || board.conference.status === "closed";
    replace(
      $("#scaling"),
      open
        ? h(
            "div",
            { class: "round open-round" },
            roundHeading(board, open, vocab),
            h(
              "p",
              { class: "round-count", "aria-live": "polite" },
              t("{count} of {total} have scored", { count: open.count, total: everyone }),
            ),
            h("label", { for: "chair-score" }, t("Your own score (optional)")),
            h(
              "select",
              {
                id: "chair-score",
                onchange: (e) =>
                  e.target.value !== "" && send("round.score", { round_id: open.id, score: Number(e.target.value) }),
              },
              h(
                "option",
                { value: "" },
                open.mine ? t("You scored {score}", { score: open.mine.score }) : t("Choose…"),
              ),
              Array.from({ length: 11 }, (_, n) => h("option", { value: n }, String(n))),
            ),
            aloudScores(board, open),
            h(
              "span",
              { class: "row-actions" },
              h(
                "button",
                { type: "button", class: "secondary", onclick: () => send("round.close", { round_id: open.id }) },
                t("Close scoring"),
              ),
              h(
                "button",
                { type: "button", onclick: () => send("round.reveal", { round_id: open.id }) },
                t("Reveal the scores"),
              ),
            ),
          )
        : null,
      board.rounds
        .filter((r) => r.status === "closed")
        .reverse()
        .map((r) =>
          h(
            "div",
            { class: "round" },
            roundHeading(board, r, vocab),
            r.revealed
              ? [
                  scoreChart(r),
                  h(
                    "table",
                    {},
                    h("caption", {}, scoresCaption(r)),
                    h(
                      "thead",
                      {},
                      h(
                        "tr",
                        {},
                        h("th", { scope: "col" }, t("Who")),
                        h("th", { scope: "col" }, t("Score")),
                        h("th", { scope: "col" }, t("Why")),
                      ),
                    ),
                    h(
                      "tbody",
                      {},
                      Object.entries(r.scores).map(([mid, s]) => {
                        const m = client.member(mid);
                        return h(
                          "tr",
                          {},
                          h(
                            "td",
                            {},
                            m ? `${m.name}${m.role ? ` (${shortRole(vocab, m.role)})` : ""}` : t("Someone"),
                            s.aloud ? t(" — given aloud") : "",
                          ),
                          h("td", {}, String(s.score)),
                          h("td", {}, s.reason || ""),
                        );
                      }),
                    ),
                  ),
                ]
              : [
                  h("p", {}, t("{count} scored. The scores are hidden until you reveal them.", { count: r.count })),
                  board.conference.status === "closed"
                    ? null
                    : h(
                        "button",
                        { type: "button", onclick: () => send("round.reveal", { round_id: r.id }) },
                        t("Reveal the scores"),
                      ),
                ],
          ),
        ),
    );
  }

  // the usual words of this kind of meeting, until the chair changes them
  let filledFor = null;
  const edited = new Set();
  function fillRoundWords(board) {
    const kind = vocab.kindOf(board);
    if (filledFor === kind.key) return;
    filledFor = kind.key;
    for (const [box, key] of [
      ["#round-question", "question"],
      ["#round-low", "low_label"],
      ["#round-high", "high_label"],
    ])
      if (!edited.has(box)) $(box).value = kind[key];
  }

  function setupRoundForm() {
    for (const box of ["#round-question", "#round-low", "#round-high"])
      $(box).addEventListener("input", () => edited.add(box));
    $("#round-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const payload = {
        question: $("#round-question").value,
        low_label: $("#round-low").value,
        high_label: $("#round-high").value,
        scale: $("#round-scale").value,
      };
      if ($("#round-about").value) payload.statement_id = $("#round-about").value;
      for (const [field, box] of FAMILY_BOXES) if ($(box).value.trim()) payload[field] = $(box).value;
      const written = $("#round-family-language").value;
      if (written && FAMILY_BOXES.some(([field]) => field in payload)) payload.family_language = written;
      send("round.open", payload);
      for (const [, box] of FAMILY_BOXES) $(box).value = "";
    });
  }

  return { renderScaling, setupRoundForm };
}
