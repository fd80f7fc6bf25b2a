// The stage bar: the meeting's usual order, to jump to a part of the console and show the
// matching view on the projector. It forces nothing: any stage can be visited at any time.
import { t } from "../i18n.js";
import { $, h, replace } from "../dom.js";

// focus: what the projector shows (undefined leaves it as it is)
function stages(vocab) {
  return [
    { key: "welcome", label: t("Welcome"), target: "#share-h", focus: null },
    { key: "map", label: t("Worries / What's working well"), target: "#board", focus: null },
    { key: "statements", label: t("Statements"), target: "#statements-h", focus: "statements" },
    { key: "scaling", label: t("Scaling"), target: "#scaling-h", focus: "scaling" },
    { key: "decision", label: t("Decision"), target: "#decision-h", focus: undefined },
    { key: "plan", label: t("Plan"), target: `#col-${vocab.planColumn}`, focus: vocab.planColumn },
    { key: "end", label: t("End"), target: "#export-h", focus: undefined },
  ];
}

// where the meeting seems to be, from what is on the board (a guide, never a rule)
export function stageNow(board, planColumn) {
  const conf = board.conference;
  if (conf.status === "closed") return "end";
  if (conf.decision && conf.decision.outcome) return "plan";
  if (board.rounds.length) return "scaling";
  if (board.statements.length) return "statements";
  if (board.items.some((i) => i.column !== planColumn)) return "map";
  return "welcome";
}

// The stage the bar shows: the one the chair clicked, at once, for as long as the board's
// own guess stays where it was when she clicked (a command on its way, or its
// acknowledgement, never takes the bar back); when the meeting moves on by itself (a round
// opens, the decision is made) the bar follows the board again.
export function stageShown(guess, chosen) {
  return chosen && chosen.guess === guess ? chosen.key : guess;
}

export function stagesPanel(ctx) {
  const { vocab, send } = ctx;
  const all = stages(vocab);
  let chosen = null; // {key, guess}: the chair's last click, and the board's guess then

  function go(board, stage) {
    chosen = { key: stage.key, guess: stageNow(board, vocab.planColumn) };
    renderStages(board);
    const target = $(stage.target);
    if (target) {
      target.scrollIntoView({ block: "start" });
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
    }
    const conf = board.conference;
    if (stage.focus !== undefined && conf.status !== "closed" && (conf.focus || null) !== stage.focus)
      send("conference.focus", { section: stage.focus });
  }

  function renderStages(board) {
    const guess = stageNow(board, vocab.planColumn);
    if (chosen && chosen.guess !== guess) chosen = null;
    const now = stageShown(guess, chosen);
    replace(
      $("#stages"),
      h(
        "ol",
        {},
        all.map((stage) =>
          h(
            "li",
            {},
            h(
              "button",
              {
                type: "button",
                class: `stage${stage.key === now ? " now" : ""}`,
                "aria-current": stage.key === now ? "step" : null,
                title: stage.focus === undefined ? t("Go there") : t("Go there and show it on the projector"),
                onclick: () => go(board, stage),
              },
              stage.label,
            ),
          ),
        ),
      ),
    );
  }

  return { renderStages };
}
