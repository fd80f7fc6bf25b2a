// Read aloud, on the family's phone: many parents in these meetings read little or not at
// all, in any language. One big button reads the screen in the phone's language with the
// phone's own voice (the browser's speechSynthesis, a voice on the device, never a voice
// that sends the words away); a second tap stops it. A phone without a voice for its
// language says so on the screen. People's words are read as they typed them (never
// translated); the app's own words are in the phone's language.
//
// What each screen reads (the *Words functions), the choice of voice (voiceFor) and the
// reading itself (Reader, given the speech engine) are plain functions, tested under Node
// (tests/js/read-aloud.test.js); readAloud() puts the button on the page.
import { authorLine, childCredit, inPlan } from "../board-view.js";
import { h } from "../dom.js";
import { lang, t } from "../i18n.js";
import { scoreSummary } from "../score-charts.js";
import { rungName, SCALES } from "./scoring.js";
import { dangerSentence, longDate, middleInWords, nextMeetingWords, whoAndWhen, wordingFor } from "../sentences.js";

// --- the voice ------------------------------------------------------------------------

// "pl_PL", "PL-pl" → "pl-pl"
function tagOf(voice) {
  return String((voice && voice.lang) || "")
    .toLowerCase()
    .replace(/_/g, "-");
}

// The phone's own voice for a language: one on the device (localService; a voice that
// speaks from a server would send the words there), the exact language first ("en-GB"
// before "en-US"), then any of its kind ("cy-GB" for "cy"), the phone's default first.
// null when there is none.
export function voiceFor(voices, language) {
  const want = String(language || "").toLowerCase();
  const primary = want.split("-")[0];
  const local = (voices || []).filter((v) => v && v.localService === true);
  const rank = (v) => (v.default ? 0 : 1);
  const exact = local.filter((v) => tagOf(v) === want).sort((a, b) => rank(a) - rank(b));
  if (exact.length) return exact[0];
  const near = local
    .filter((v) => tagOf(v) === primary || tagOf(v).startsWith(`${primary}-`))
    .sort((a, b) => rank(a) - rank(b));
  return near[0] || null;
}

// --- what each screen reads ------------------------------------------------------------

// a card as the phone shows it: whose words, the words as typed, who and by when, who wrote it
function cardWords(vocab, board, item) {
  return [
    item.voice === "child" ? childCredit(vocab, board, item) : null,
    item.text,
    item.owner ? t("Who: {who}", { who: item.owner }) : null,
    item.due ? t("By: {date}", { date: longDate(item.due) }) : null,
    authorLine(vocab, board, item) || null,
    item.status === "pending" ? t("Waiting for the chair") : null,
  ].filter(Boolean);
}

// The board's tab: the column's heading, then each card in it.
export function boardWords(vocab, board, columnKey) {
  const column = vocab.column(columnKey);
  const items = board.items.filter((i) => i.column === column.key);
  return [
    column.heading,
    ...(items.length ? items.flatMap((i) => cardWords(vocab, board, i)) : [t("Nothing here yet.")]),
  ];
}

function planWords(vocab, board) {
  const plan = board.items.filter((i) => inPlan(vocab, i) && i.status === "accepted" && !i.private);
  if (!plan.length) return [];
  return [t("What happens next"), ...plan.flatMap((i) => [i.text, whoAndWhen(i)].filter(Boolean))];
}

function nextMeetingLine(d) {
  const when = nextMeetingWords(d);
  return when ? t("Next meeting: {date}", { date: when }) : null;
}

// what was decided: the outcome, the category, who leads, the chair's words, when next
function decidedWords(vocab, d) {
  if (!d) return [];
  return [
    d.outcome ? vocab.outcomes[d.outcome] : null,
    d.categories && d.categories.length
      ? `${t("Category: ")}${d.categories.map((c) => vocab.harms[c]).join(", ")}`
      : null,
    d.lead_social_worker ? t("Lead social worker: {name}", { name: d.lead_social_worker }) : null,
    d.first_core_group ? t("First core group: {date}", { date: longDate(d.first_core_group) }) : null,
    d.text || null,
  ].filter(Boolean);
}

// "What we agreed": the statements and their safety goals, the scores shown, the decision,
// the plan and the next meeting, in the order the tab shows them.
export function agreedWords(vocab, board, family = true) {
  const dangers = board.statements.filter((st) => st.kind === "danger");
  const revealed = board.rounds.filter((r) => r.revealed);
  const d = board.conference.decision;
  const plan = planWords(vocab, board);
  if (!dangers.length && !revealed.length && !d && !plan.length)
    return [t("Nothing has been agreed yet. It will show here as soon as it is.")];
  const words = [];
  if (dangers.length) {
    words.push(t("What we are worried about, and what safety looks like"));
    for (const st of dangers) {
      words.push(dangerSentence(st));
      const goal = board.statements.find((g) => g.kind === "safety_goal" && g.pairs_with === st.id);
      if (goal) words.push(`${t("Safety goal: ")}${goal.text}`);
    }
  }
  if (revealed.length) {
    words.push(t("Where we are, 0 to 10"));
    for (const r of revealed) words.push(t(wordingFor(r, family).question), middleInWords(scoreSummary(r).middle));
  }
  if (d && (d.outcome || d.text)) words.push(t("What was decided"), ...decidedWords(vocab, d));
  words.push(...plan);
  const next = nextMeetingLine(d);
  if (next) words.push(next);
  return words;
}

// The end of the meeting: that it has ended, then what was agreed.
export function endWords(vocab, board, family = true) {
  return [t("The meeting has ended. Here is what was agreed."), ...agreedWords(vocab, board, family)];
}

function aboutLine(board, round) {
  const about = round.statement_id && board.statements.find((st) => st.id === round.statement_id);
  return about ? `${t("About: ")}${dangerSentence(about)}` : null;
}

// Scoring: the question, what it is about, and what 10 and 0 mean; on an easy-read ladder
// (faces or colours) every rung from 10 down, with the words beside it ("3 — quite worried").
export function scoringWords(board, round, family = true) {
  const wording = wordingFor(round, family);
  const easy = SCALES.slice(1).includes(round.scale);
  const ends = easy
    ? [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map((n) => rungName(n, round.scale, wording))
    : [
        t("10 means: {words}", { words: t(wording.high_label) }),
        t("0 means: {words}", { words: t(wording.low_label) }),
      ];
  return [t("Where are we, 0 to 10?"), aboutLine(board, round), t(wording.question), ...ends].filter(Boolean);
}

// The scores shown together: the question and the middle score in words.
export function resultWords(board, round, family = true) {
  return [
    t("Where we are, 0 to 10"),
    aboutLine(board, round),
    t(wordingFor(round, family).question),
    middleInWords(scoreSummary(round).middle),
  ].filter(Boolean);
}

// The decision, the moment the chair records it.
export function decisionWords(vocab, board) {
  const d = board.conference.decision || {};
  return [t("What was decided"), ...decidedWords(vocab, d), nextMeetingLine(d), ...planWords(vocab, board)].filter(
    Boolean,
  );
}

// --- reading ---------------------------------------------------------------------------

// The voices, once the phone has them: some phones load them a moment after the page
// (the `voiceschanged` event); after `wait` ms without any, the phone has none.
export function voicesReady(synth, wait = 1500) {
  const now = synth.getVoices();
  if (now && now.length) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      synth.removeEventListener && synth.removeEventListener("voiceschanged", done);
      resolve(synth.getVoices() || []);
    };
    const timer = setTimeout(done, wait);
    if (synth.addEventListener) synth.addEventListener("voiceschanged", done);
  });
}

// The reading on one phone: toggle(lines, language) starts reading (each line its own
// utterance, in the phone's language and voice) or, while reading, stops it.
// `speaking` and `missing` (no voice for the language) are what the button shows;
// onChange is called whenever either changes.
export class Reader {
  constructor({ synth, Utterance, onChange = () => {}, wait = 1500 }) {
    this.synth = synth;
    this.Utterance = Utterance;
    this.onChange = onChange;
    this.wait = wait;
    this.speaking = false;
    this.missing = false;
    this.run = 0; // each reading's number: the end of an older one changes nothing
  }

  // quietly: without onChange (the screen is being drawn anew anyway)
  stop({ quietly = false } = {}) {
    this.run += 1;
    if (this.synth) this.synth.cancel();
    this.speaking = false;
    if (!quietly) this.onChange();
  }

  // Returns a promise that settles once the reading has started (or the phone was found to
  // have no voice). With the voices already there it speaks before returning: a phone (iOS)
  // speaks only from within the tap itself.
  toggle(lines, language) {
    if (this.speaking) return Promise.resolve(this.stop());
    const run = ++this.run;
    if (!this.synth || !this.Utterance) return Promise.resolve(this.start(run, lines, language, []));
    const now = this.synth.getVoices();
    if (now && now.length) return Promise.resolve(this.start(run, lines, language, now));
    return voicesReady(this.synth, this.wait).then((voices) => this.start(run, lines, language, voices));
  }

  start(run, lines, language, voices) {
    if (run !== this.run) return; // tapped again while the voices loaded
    const voice = voiceFor(voices, language);
    this.missing = !voice;
    if (!voice) return this.onChange();
    this.synth.cancel(); // anything another page or an earlier reading left
    const said = lines.filter((line) => line && String(line).trim());
    said.forEach((text, i) => {
      // the bidi isolation around names and places (i18n.js) is for the eye: not spoken
      const u = new this.Utterance(String(text).replace(/[\u2066-\u2069]/g, ""));
      // the voice's own tag, which is the phone's language ("pl-PL" for "pl"): Chrome on
      // Android speaks its default voice when the utterance's language and the voice's differ
      u.lang = voice.lang || language;
      u.voice = voice;
      if (i === said.length - 1) {
        u.onend = u.onerror = () => {
          if (run !== this.run) return;
          this.speaking = false;
          this.onChange();
        };
      }
      this.synth.speak(u);
    });
    this.speaking = said.length > 0;
    this.onChange();
  }
}

// --- the button ------------------------------------------------------------------------

// a speaker while it can read, a square (stop) while it reads
function icon(speaking) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", "read-aloud-icon");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS(ns, "path");
  path.setAttribute(
    "d",
    speaking
      ? "M5 5h14v14H5z"
      : "M3 9v6h4l5 4V5L7 9H3zm13.5 3a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z",
  );
  svg.append(path);
  return svg;
}

// readAloud({redraw}).control(words): the button and, when the phone has no voice for its
// language, the sentence saying so; words() gives the lines of the screen at the tap.
export function readAloud({ redraw }) {
  const synth = typeof window !== "undefined" ? window.speechSynthesis : null;
  const Utterance = typeof window !== "undefined" ? window.SpeechSynthesisUtterance : null;
  const reader = new Reader({ synth, Utterance, onChange: () => redraw() });
  return {
    reader,
    control(words) {
      return h(
        "div",
        { class: "read-aloud" },
        h(
          "button",
          {
            type: "button",
            class: `read-aloud-button${reader.speaking ? " speaking" : ""}`,
            dataset: { focusKey: "read-aloud" },
            onclick: () => reader.toggle(words(), lang()),
          },
          icon(reader.speaking),
          h("span", {}, reader.speaking ? t("Stop reading aloud") : t("Read this screen aloud")),
        ),
        reader.missing
          ? h(
              "p",
              { class: "read-aloud-missing", role: "status" },
              // TRANSLATORS: name this catalogue's own language ("no Welsh voice", "no Polish voice")
              t("This phone has no English voice, so it can't read aloud."),
            )
          : null,
      );
    },
  };
}
