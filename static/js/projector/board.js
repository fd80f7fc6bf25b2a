// The whole board on the projector: the columns with their headings, the statements under
// them, the scale when the chair focuses it, and the way to join (large before the meeting
// is under way, small in the header's corner after).
import { columnItems, dangerSentence, itemCard, peopleList } from "../board-view.js";
import { scoreChart, trendChart, trendPoints } from "../score-charts.js";
import { t, tn } from "../i18n.js";
import { h } from "../dom.js";
import { longDate } from "../sentences.js";

export function boardScreens({ vocab, client }, moments) {
  // Before the meeting is under way the way to join fills the screen beside who is here;
  // after, it shrinks to the header's corner, the code still readable from the back.
  function joinPanel(board, large) {
    const code = board.conference.join_code;
    return h(
      "aside",
      { class: `join ${large ? "join-large" : "join-small"}`, "aria-label": t("How to join") },
      h("img", {
        class: "qr",
        src: `/qr/${code}.svg`,
        alt: t("QR code to join this board"),
        width: large ? 360 : 96,
        height: large ? 360 : 96,
      }),
      h(
        "div",
        {},
        h(
          "p",
          { class: "join-how" },
          large
            ? t("Join from your phone: scan the square, or go to")
            : t("Join at {address}:", { address: location.host }),
        ),
        large ? h("p", { class: "join-url" }, `${location.host}`, h("br"), t("and type this code:")) : null,
        h("p", { class: "join-code" }, `${code.slice(0, 4)} ${code.slice(4)}`),
      ),
    );
  }

  function columnSection(board, column, focused) {
    const items = columnItems(board, column.key, { shown: true });
    const groups = [...column.categories, { key: null, label: t("Not sorted yet") }];
    return h(
      "section",
      { class: `column column-${column.key}${focused ? " focused" : ""}`, "aria-labelledby": `col-${column.key}` },
      h("h2", { id: `col-${column.key}` }, column.heading),
      groups.map((g) => {
        const mine = items.filter((i) => (i.category || null) === g.key);
        if (!mine.length) return null;
        return h(
          "div",
          { class: "group" },
          h("h3", { title: g.meaning || null }, g.label),
          // with the column on its own there is room for what the heading means
          focused && g.meaning ? h("p", { class: "meaning" }, g.meaning) : null,
          h(
            "ul",
            { class: "items" },
            mine.map((i) => itemCard(vocab, board, i, { fresh: client.fresh.has(i.id) })),
          ),
        );
      }),
      items.length ? null : h("p", { class: "empty" }, t("Nothing yet")),
    );
  }

  // A statement carried from the last conference: its middle score at each conference, and
  // what the room said of it now.
  function since(board, s) {
    const points = trendPoints(board, s.id);
    if (!s.carried && points.length < 2) return null;
    const said = s.carried && s.carried.status && vocab.v.statement_review.find((x) => x.key === s.carried.status);
    return h(
      "div",
      { class: "since" },
      s.carried
        ? h("span", { class: "badge carried-badge" }, t("From {date}", { date: longDate(s.carried.from_date) }))
        : null,
      points.length ? trendChart(points, { labelSize: 30 }) : null,
      said ? h("span", { class: "review-said" }, t("Now: {what}", { what: said.label })) : null,
    );
  }

  function statementsSection(board, focused) {
    const dangers = board.statements.filter((s) => s.kind === "danger" && !s.private);
    return h(
      "section",
      { class: `statements${focused ? " focused" : ""}`, "aria-labelledby": "st-h" },
      h("h2", { id: "st-h" }, vocab.statementsHeading(board)),
      dangers.length
        ? h(
            "ol",
            {},
            dangers.map((s) => {
              const goal = board.statements.find(
                (g) => g.kind === "safety_goal" && g.pairs_with === s.id && !g.private,
              );
              return h(
                "li",
                {},
                h("p", { class: "danger-text" }, dangerSentence(s)),
                goal ? h("p", { class: "goal-text" }, h("strong", {}, t("Safety goal: ")), goal.text) : null,
                since(board, s),
              );
            }),
          )
        : h("p", { class: "empty" }, t("None yet")),
    );
  }

  function scalingSection(board, focused) {
    const open = board.rounds.find((r) => r.status === "open");
    const revealed = board.rounds.filter((r) => r.revealed);
    const last = revealed[revealed.length - 1];
    const round = open || last;
    if (!round) return null;
    return h(
      "section",
      { class: `scaling${focused || open ? " focused" : ""}`, "aria-labelledby": "sc-h" },
      h("h2", { id: "sc-h" }, t("Where are we, 0 to 10?")),
      h("p", { class: "question" }, t(moments.shownWording(round).question)),
      open
        ? h(
            "p",
            { class: "scored" },
            tn("{n} person has scored", "{n} people have scored", open.count),
            h("br"),
            h("span", { class: "hint" }, t("Scores stay hidden until the chair shows them all together.")),
          )
        : [scoreChart(round, { large: true }), moments.scaleLabels(moments.shownWording(round))],
    );
  }

  // the board as chooseScreen described it ({focus, joining, columns, statements, scaling})
  function board(b, choice) {
    return [
      choice.joining
        ? h(
            "div",
            { class: "joining" },
            joinPanel(b, true),
            h(
              "section",
              { class: "who-now", "aria-labelledby": "who-now-h" },
              h("h2", { id: "who-now-h" }, t("Who is in the meeting")),
              peopleList(vocab, b),
            ),
          )
        : null,
      h(
        "div",
        { class: "board" },
        choice.columns.length
          ? h(
              "div",
              { class: "columns" },
              choice.columns.map((key) => columnSection(b, vocab.column(key), choice.focus === key)),
            )
          : null,
        choice.statements ? statementsSection(b, choice.focus === "statements") : null,
        choice.scaling ? scalingSection(b, true) : null,
      ),
    ];
  }

  return { board, joinPanel };
}
