// What the family can take away: the statements, the scores shown, the decision and the
// plan, each as soon as it happens (the server sends only what the family may see). A tab
// of the board while the meeting runs; the whole screen once it has ended.
import { dangerSentence, decisionDetails, planSection } from "../board-view.js";
import { scoreChart, scoreSummary } from "../score-charts.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { longDate, middleInWords, wordingFor } from "../sentences.js";
import { nextMeeting } from "./decision.js";

// what the chair answered, in words
const ANSWERS = {
  requested: () => t("Sent. The chair will answer."),
  // "corrected" only once a change answering it is made: agreeing changes no words by itself
  accepted: (c) =>
    c.changes && c.changes.length ? t("The chair agreed and corrected what was written.") : t("The chair agreed."),
  declined: () => t("The chair did not agree."),
};

export function agreedPanel({ vocab, client, send, redraw }) {
  let asking = false; // the form for a correction is open
  const draft = { text: "", about: "" }; // what is typed, kept when the screen is redrawn
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

  // For 10 working days after the end: "Something is wrong in what was written", and
  // the answers to what this person asked (only they and the chair see their requests).
  function corrections(board) {
    const mine = board.corrections || [];
    const until = board.conference.corrections_until;
    const today = new Date().toLocaleDateString("en-CA"); // YYYY-MM-DD, this phone's day
    const stillTime = !until || today <= until;
    // her own requests under a heading of their own, each with where it stands and the
    // chair's reason, so she sees at once what she asked and what became of it
    const list = mine.length
      ? h(
          "div",
          { class: "corrections-mine" },
          h("h3", { id: "corrections-mine-h" }, t("What you asked us to correct")),
          h(
            "ul",
            { class: "corrections", "aria-labelledby": "corrections-mine-h" },
            mine.map((c) =>
              h(
                "li",
                {},
                h("p", {}, t("“{text}”", { text: c.text })),
                h("p", { class: "hint" }, ANSWERS[c.status](c)),
                (c.changes || []).map((ch) =>
                  h("p", { class: "changed", dir: "auto" }, t("Now it says: {words}", { words: `“${ch.new || ""}”` })),
                ),
                c.reason ? h("p", {}, h("strong", {}, t("The chair's reason: ")), c.reason) : null,
              ),
            ),
          ),
        )
      : null;
    // approved: nothing in the minutes changes now, and she is told whom to ask
    const approved = board.conference.approved;
    if (approved)
      return h(
        "section",
        { class: "corrections" },
        list,
        h(
          "p",
          { class: "approved" },
          t("The chair, {name}, approved these minutes on {date}, so they can no longer be changed here.", {
            name: approved.by_name,
            date: longDate(approved.at.slice(0, 10)),
          }),
        ),
        h(
          "p",
          {},
          t("If something is still wrong, please contact {name} or your social worker.", { name: approved.by_name }),
        ),
        // what she was typing when the approval came is not lost: hers to copy and send on
        asking && draft.text.trim()
          ? h(
              "div",
              { class: "not-saved" },
              h("h3", {}, t("Not saved — your words")),
              h("textarea", { readonly: true, rows: 4, "aria-label": t("Your words"), value: draft.text }),
            )
          : null,
      );
    if (!stillTime)
      return h(
        "section",
        { class: "corrections" },
        list,
        h("p", { class: "hint" }, t("If something is wrong in what was written, please contact the chair.")),
      );
    if (!asking)
      return h(
        "section",
        { class: "corrections" },
        list,
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: () => {
              asking = true;
              redraw();
            },
          },
          t("Something is wrong in what was written"),
        ),
      );
    return h(
      "section",
      { class: "corrections", "aria-labelledby": "correction-h" },
      list,
      h("h3", { id: "correction-h" }, t("Something is wrong in what was written")),
      h(
        "form",
        {
          class: "stack",
          onsubmit: (e) => {
            e.preventDefault();
            const about = draft.about.trim();
            send("correction.request", about ? { text: draft.text, about } : { text: draft.text });
            asking = false;
            draft.text = draft.about = "";
            redraw();
          },
        },
        h("label", { for: "correction-about" }, t("Which part? (you can leave this empty)")),
        h("input", {
          id: "correction-about",
          maxlength: vocab.limits.about,
          value: draft.about,
          oninput: (e) => (draft.about = e.target.value),
          dataset: { focusKey: "correction-about" },
        }),
        h("label", { for: "correction-ask" }, t("What is wrong, and what should it say?")),
        h("textarea", {
          id: "correction-ask",
          rows: 4,
          required: true,
          maxlength: vocab.limits.correction,
          value: draft.text,
          oninput: (e) => (draft.text = e.target.value),
          dataset: { focusKey: "correction-ask" },
        }),
        h("button", { type: "submit" }, t("Send to the chair")),
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: () => {
              asking = false;
              redraw();
            },
          },
          t("Cancel"),
        ),
      ),
    );
  }

  function ended(board) {
    return h(
      "section",
      { "aria-labelledby": "ended-h" },
      h("h2", { id: "ended-h" }, t("The meeting has ended. Here is what was agreed.")),
      agreed(board),
      corrections(board),
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
