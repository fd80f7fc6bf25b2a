// A round's scores on every screen: what they come to (scoreSummary, the server's own
// summary), the 0–10 chart, and the middle score over the conferences of a case (trend).
// Drawn here as SVG, no library.
import { dir, lang, t, tn } from "./i18n.js";
import { longDate, number } from "./sentences.js";

// What a shown round's scores come to, as the server summarised them (the numbers the
// minutes print): how many, the lowest, the highest and the middle, each null where there
// is none. Every screen reads a round's scores through this.
export function scoreSummary(round) {
  const s = round.summary || {};
  const numeric = (x) => (typeof x === "number" ? x : null);
  return { n: s.n, min: numeric(s.min), max: numeric(s.max), middle: numeric(s.median) };
}

// Dots on a 0–10 line, one per score, with the median marked — drawn here, no library.
// labelSize: the numbers' size in the chart's own units (660 wide); a phone draws the chart
// about half size, so it asks for bigger numbers to keep them readable
export function scoreChart(round, { large = false, labelSize = null } = {}) {
  const scores = Object.values(round.scores || {}).map((s) => s.score);
  const width = 660;
  const height = large ? 230 : 180;
  const x = (n) => 30 + n * 60;
  const counts = Array(11).fill(0);
  const svgNS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(svgNS, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("role", "img");
  const summary = scoreSummary(round);
  svg.setAttribute(
    "aria-label",
    scores.length
      ? tn(
          "{n} score from {min} to {max}, middle score {middle}",
          "{n} scores from {min} to {max}, middle score {middle}",
          scores.length,
          { min: summary.min, max: summary.max, middle: summary.middle === null ? "–" : number(summary.middle) },
        )
      : t("No scores were given"),
  );
  const add = (tag, attrs, text) => {
    const el = document.createElementNS(svgNS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (text !== undefined) el.textContent = text;
    svg.append(el);
    return el;
  };
  const base = height - 40;
  add("line", { x1: x(0), y1: base, x2: x(10), y2: base, stroke: "#0b0c0c", "stroke-width": 3 });
  for (let n = 0; n <= 10; n++) {
    add("line", { x1: x(n), y1: base, x2: x(n), y2: base + 8, stroke: "#0b0c0c", "stroke-width": 2 });
    add(
      "text",
      { x: x(n), y: base + 30, "text-anchor": "middle", "font-size": labelSize || (large ? 28 : 22), fill: "#0b0c0c" },
      String(n),
    );
  }
  for (const s of scores) {
    counts[s] += 1;
    add("circle", { cx: x(s), cy: base - 14 - (counts[s] - 1) * 24, r: 10, fill: "#1d70b8" });
  }
  if (summary.middle !== null) {
    add("line", {
      x1: x(summary.middle),
      y1: 10,
      x2: x(summary.middle),
      y2: base,
      stroke: "#d4351c",
      "stroke-width": 3,
      "stroke-dasharray": "8 6",
    });
    const label = middleLabel(summary.middle);
    add(
      "text",
      {
        x: label.x,
        y: 26,
        "text-anchor": label.anchor,
        direction: label.direction,
        "font-size": labelSize || (large ? 26 : 20),
        fill: "#d4351c",
      },
      t("middle: {score}", { score: number(summary.middle) }),
    );
  }
  return svg;
}

// Where the "middle: 5" label goes beside the dashed line, clear of it: on the side the
// reader reads towards (right in English, left in Arabic), or the other side near the
// chart's edge. text-anchor counts from where the text starts — its left edge in a
// left-to-right language, its right edge in Arabic — so the anchor follows the direction.
export function middleLabel(middle, direction = dir()) {
  const rtl = direction === "rtl";
  const right = rtl ? middle < 3 : middle <= 7;
  return {
    x: 30 + middle * 60 + (right ? 8 : -8),
    anchor: right !== rtl ? "start" : "end",
    direction: rtl ? "rtl" : "ltr",
  };
}

// A statement's middle score at each conference of the chain: what the last minutes
// carried, then this board's last revealed round about it (a closed session's never counts).
// statementId null: the whole situation (rounds about no statement, history from `previous`).
export function trendPoints(board, statementId) {
  const statement = statementId && board.statements.find((s) => s.id === statementId);
  const history = statementId
    ? (statement && statement.carried && statement.carried.history) || []
    : (board.conference.previous && board.conference.previous.overall) || [];
  const revealed = board.rounds.filter(
    (r) => r.revealed && !r.private && (r.statement_id || null) === statementId && r.summary,
  );
  const last = revealed[revealed.length - 1];
  const middle = last ? scoreSummary(last).middle : null;
  const now = middle !== null ? [{ date: board.conference.created_at.slice(0, 10), middle, now: true }] : [];
  return [...history, ...now];
}

// The points as a small line from one conference to the next, each with its middle score.
export function trendChart(points, { labelSize = 24 } = {}) {
  const svgNS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(svgNS, "svg");
  const step = 150;
  const width = Math.max(2, points.length) * step;
  const height = 130;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("class", "trend");
  svg.setAttribute("role", "img");
  svg.setAttribute(
    "aria-label",
    t("Middle score over time: {points}", {
      points: points
        .map((p) => `${longDate(p.date)}: ${typeof p.middle === "number" ? number(p.middle) : t("not scored")}`)
        .join("; "),
    }),
  );
  const add = (tag, attrs, text) => {
    const el = document.createElementNS(svgNS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (text !== undefined) el.textContent = text;
    svg.append(el);
  };
  const x = (n) => step / 2 + n * step;
  const y = (middle) => 20 + (10 - middle) * 6.5;
  const scored = points.map((p, n) => [n, p.middle]).filter(([, m]) => typeof m === "number");
  if (scored.length > 1)
    add("polyline", {
      points: scored.map(([n, m]) => `${x(n)},${y(m)}`).join(" "),
      fill: "none",
      stroke: "#1d70b8",
      "stroke-width": 4,
    });
  points.forEach((p, n) => {
    if (typeof p.middle === "number") {
      add("circle", { cx: x(n), cy: y(p.middle), r: 8, fill: p.now ? "#d4351c" : "#1d70b8" });
      add("text", { x: x(n) + 12, y: y(p.middle) - 8, "font-size": labelSize, fill: "#0b0c0c" }, number(p.middle));
    }
    const [yy, mm] = p.date.split("-");
    add(
      "text",
      { x: x(n), y: height - 4, "text-anchor": "middle", "font-size": labelSize, fill: "#383f43" },
      shortMonth(yy, mm),
    );
  });
  return svg;
}
const SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
// "Feb 2027" under a trend point; in another language the month as that language shortens it
function shortMonth(yy, mm) {
  if (lang() === "en-GB") return `${SHORT_MONTHS[Number(mm) - 1]} ${yy}`;
  const day = new Date(Date.UTC(Number(yy), Number(mm) - 1, 1));
  return `${new Intl.DateTimeFormat(lang(), { month: "short", timeZone: "UTC" }).format(day)} ${yy}`;
}
