// The scale as a ladder: 10 at the top with its words, 0 at the bottom with its words, one
// big row a number, so it reads as a line from bad to good. The number and the reason go
// together with one button, and can be changed until the chair closes the round.
import { dangerSentence } from "../board-view.js";
import { $, h } from "../dom.js";
import { t, tn } from "../i18n.js";
import { wordingFor } from "../sentences.js";

// Easy read (the chair's choice for the round, `scale`): a face or a colour beside each
// number, and words for each, for a parent or a child who finds numbers hard. The number
// stays on every rung and the words say what the face or the colour says.
export const SCALES = ["numbers", "faces", "colours"];

// the words beside a number on an easy-read ladder: five steps from 0 to 10
export function feeling(n) {
  if (n <= 1) return t("very worried");
  if (n <= 3) return t("quite worried");
  if (n <= 6) return t("in between");
  if (n <= 8) return t("mostly OK");
  return t("going well");
}

// A plain line-drawn face: the mouth goes from a frown at 0 to a smile at 10, with worried
// brows at the bottom. Drawn here as SVG (no emoji font, nothing fetched); hidden from a
// screen reader, which hears the number and the words instead.
export function face(n) {
  const ns = "http://www.w3.org/2000/svg";
  const el = (tag, attrs) => {
    const x = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) x.setAttribute(k, String(v));
    return x;
  };
  const k = (n - 5) / 5; // -1 a frown … 1 a smile
  const corner = 27 - 2.5 * k;
  const middle = 27 + 7 * k;
  const svg = el("svg", { viewBox: "0 0 40 40", class: "face", "aria-hidden": "true", focusable: "false" });
  svg.append(
    el("circle", { cx: 20, cy: 20, r: 17.5, class: "face-head" }),
    el("circle", { cx: 14, cy: 16, r: 2.2, class: "face-eye" }),
    el("circle", { cx: 26, cy: 16, r: 2.2, class: "face-eye" }),
    el("path", { d: `M11 ${corner} Q20 ${middle} 29 ${corner}`, class: "face-mouth" }),
  );
  if (n <= 2) {
    svg.append(
      el("path", { d: "M10 11 L17 9", class: "face-mouth" }),
      el("path", { d: "M23 9 L30 11", class: "face-mouth" }),
    );
  }
  return svg;
}

function rungContents(n, scale, wording) {
  const end = n === 10 ? t(wording.high_label) : n === 0 ? t(wording.low_label) : null;
  if (!SCALES.slice(1).includes(scale)) {
    return [h("span", { class: "rung-number" }, String(n)), end ? h("span", { class: "rung-label" }, end) : null];
  }
  return [
    h("span", { class: "rung-number" }, String(n)),
    scale === "faces" ? face(n) : h("span", { class: `swatch swatch-${n}`, "aria-hidden": "true" }),
    h(
      "span",
      { class: "rung-words" },
      h("span", { class: "rung-feeling" }, feeling(n)),
      end ? h("span", { class: "rung-label" }, end) : null,
    ),
  ];
}

// "3 — quite worried": what a screen reader says for a rung of an easy-read ladder (the
// numbers' ladder reads its own contents)
export function rungName(n, scale, wording) {
  if (!SCALES.slice(1).includes(scale)) return null;
  const end = n === 10 ? t(wording.high_label) : n === 0 ? t(wording.low_label) : null;
  return `${n} — ${feeling(n)}${end ? `: ${end}` : ""}`;
}

export function scoringPanel({ vocab, client, send, redraw, seeBoard, stopReading = () => {} }) {
  // the score and reason being chosen, for the round they belong to. Until she touches the
  // ladder or the reason they follow her latest score (one waiting in the outbox, or the one
  // the server has): a reload shows what she last sent, and a score that arrives later (sent
  // from the outbox after the page drew) replaces what was shown, never the other way round.
  const chosen = { roundId: null, score: null, reason: "", touched: false, sent: null };

  function render(board, round) {
    // invited before the meeting and not let in to it yet: not asked to score (the server
    // would refuse it), told how to join instead
    const me = board.members.find((m) => m.member_id === client.you.member_id);
    if (me && me.invited && !me.present)
      return h(
        "section",
        { class: "scoring", "aria-labelledby": "score-h" },
        h("h2", { id: "score-h" }, t("Where are we, 0 to 10?")),
        h("p", { class: "hint" }, t("You are not in the meeting yet: the chair lets you in when you join it.")),
      );
    const mine = round.mine;
    // a score given while offline waits in the outbox: that one is hers now, not yet sent
    const waiting = client.outbox.filter((op) => op.type === "round.score" && op.payload.round_id === round.id).at(-1);
    const latest = waiting ? { score: waiting.payload.score, reason: waiting.payload.reason } : mine;
    if (chosen.roundId !== round.id) {
      chosen.roundId = round.id;
      chosen.touched = false;
      chosen.sent = null;
    }
    // what she sent is hers until the board has it as hers: with Redis the answer can come
    // before the event that says so, and the ladder must not step back to the old score
    const has = (s) => mine && mine.score === s.score && (mine.reason || null) === s.reason;
    if (chosen.sent && has(chosen.sent)) {
      chosen.touched = false;
      chosen.sent = null;
    }
    if (!chosen.touched) {
      chosen.score = latest ? latest.score : null;
      chosen.reason = (latest && latest.reason) || "";
    }
    const about = round.statement_id && board.statements.find((st) => st.id === round.statement_id);
    // the kind's own scale words are in the catalogue; the chair's own wording is shown as typed
    const wording = wordingFor(round, vocab.isFamily(client.you.role));
    const rungs = Array.from({ length: 11 }, (_, i) => 10 - i);
    const scale = SCALES.includes(round.scale) ? round.scale : "numbers"; // none: a round from before
    const sent = latest && latest.score === chosen.score && (latest.reason || "") === chosen.reason.trim();
    return h(
      "section",
      { class: "scoring", "aria-labelledby": "score-h" },
      h("h2", { id: "score-h" }, t("Where are we, 0 to 10?")),
      about ? h("p", { class: "about" }, h("strong", {}, t("About: ")), dangerSentence(about)) : null,
      h("p", { class: "question" }, t(wording.question)),
      // back on a round she has scored (a reload opens at the top): what she gave, before the
      // ladder, as the confirmation under the send button is screens below
      mine && !waiting
        ? h(
            "p",
            { class: "your-score-now" },
            t("Your score is {score}. To change it, choose another number below and send it.", {
              score: mine.score,
            }),
          )
        : null,
      h(
        "div",
        {
          class: `ladder ladder-${scale}`,
          role: "radiogroup",
          "aria-label": t("Your score, 10 at the top and 0 at the bottom"),
        },
        rungs.map((n) =>
          h(
            "button",
            {
              type: "button",
              role: "radio",
              class: `rung${chosen.score === n ? " chosen" : ""}`,
              "aria-checked": chosen.score === n ? "true" : "false",
              "aria-label": rungName(n, scale, wording),
              onclick: () => {
                stopReading();
                chosen.score = n;
                chosen.touched = true;
                redraw();
              },
            },
            rungContents(n, scale, wording),
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
          chosen.touched = true;
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
          onclick: () => {
            chosen.sent = { score: chosen.score, reason: chosen.reason.trim() || null };
            send("round.score", { round_id: round.id, ...chosen.sent });
          },
        },
        mine ? t("Send my new score") : t("Send my score"),
      ),
      waiting
        ? h(
            "p",
            { class: "your-score unsent", role: "status" },
            t("Your score: {score} — not sent yet", { score: waiting.payload.score }),
            " ",
            client.state === "connected"
              ? t("Waiting to send — it is kept on your phone")
              : t("Not sent yet — it will go when you are back online"),
          )
        : mine
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
      // the worries and what is working well, to read again (or add to) before scoring
      h(
        "button",
        { type: "button", class: "secondary see-board", onclick: () => seeBoard(round.id) },
        t("See the board"),
      ),
    );
  }

  return { setup() {}, render };
}
