// Sentences the screens build from the board, with the same words as the minutes
// (conference/minutes/sentences.py danger_sentence), in the page's language: tested under Node.
import { SOURCE_LANGUAGE, lang, t, tn } from "./i18n.js";

// What people often type into the builder's fields themselves, which the sentence already
// says around them: dropped, so nothing reads twice ("are worried are worried that that").
// Only in a statement written in English, the language of these words; the minutes do the
// same (conference/minutes/sentences.py tidy_fields).
const SAID_AROUND = {
  who: /\s+(?:are|is)\s+(?:really\s+)?worried(?:\s+that)?\s*$/i,
  behaviour: /^\s*(?:(?:are|is)\s+worried(?:\s+about)?\s+)?(?:that\s+)*/i,
  impact: /^\s*(?:if\s+nothing\s+changes,?\s+)?/i,
  disagreement: /\s+(?:does\s+not|do\s+not|doesn't|don't)\s+agree\.?\s*$/i,
};

export function tidyFields(s) {
  const out = { ...s };
  if ((s.language || SOURCE_LANGUAGE) !== SOURCE_LANGUAGE) return out;
  for (const [key, pattern] of Object.entries(SAID_AROUND)) if (out[key]) out[key] = out[key].replace(pattern, "");
  return out;
}

// A statement typed in another language than the reader's: its fields, each labelled in the
// reader's language — never the reader's connectors spliced around someone else's words.
// (screens put each on its own line; the minutes join them with " · ")
export function labelledFields(s, separator = "\n") {
  return [
    s.who ? t("Who is worried: {what}", { what: s.who }) : null,
    s.behaviour ? t("What they are worried about: {what}", { what: s.behaviour }) : null,
    s.impact ? t("If nothing changes: {what}", { what: s.impact }) : null,
    s.text || null,
    s.disagreement ? t("Who does not agree: {what}", { what: s.disagreement }) : null,
  ]
    .filter(Boolean)
    .join(separator);
}

// "School and Sam are worried that … If nothing changes, … Dad does not agree.": built only
// in the language the statement was typed in (its `language`, English if it has none)
export function dangerSentence(statement, language = lang()) {
  const s = tidyFields(statement);
  if ((statement.language || SOURCE_LANGUAGE) !== language) return labelledFields(s);
  const who = (s.who || "").trim();
  const plural = /\band\b|,|&|^(we|they|the police|police|professionals|everyone)$/i.test(who);
  const parts = [];
  if (who || s.behaviour) {
    // the sentence puts its own full stop: one typed at the end is not said twice
    const values = { who: who || "…", what: (s.behaviour || "…").replace(/[.!?]+\s*$/, "") || "…" };
    parts.push(plural ? t("{who} are worried that {what}.", values) : t("{who} is worried that {what}.", values));
  }
  if (s.impact) parts.push(t("If nothing changes, {what}", { what: s.impact }).replace(/([^.!?])$/, "$1."));
  if (s.text) parts.push(s.text);
  if (s.disagreement) parts.push(disagreeing(s.disagreement));
  const sentence = parts.join(" ");
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

// "Dad does not agree." — or, when the words already say it ("Mark disagrees", "Anna and
// Mark don't agree that…"), those words as their own sentence
function disagreeing(said) {
  if (/\b(dis)?agree(s|d)?\b/i.test(said)) return said.replace(/([^.!?])$/, "$1.");
  const plural = /\band\b|,|&/i.test(said);
  return plural ? t("{who} do not agree.", { who: said }) : t("{who} does not agree.", { who: said });
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

// "2026-12-12" -> "Saturday 12 December 2026", the way a letter to a parent writes it
export function longDate(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  if (lang() !== "en-GB") {
    const format = { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" };
    return new Intl.DateTimeFormat(lang(), format).format(day);
  }
  return `${WEEKDAYS[day.getUTCDay()]} ${d} ${MONTHS[m - 1]} ${y}`;
}

// "2026-12-02T09:14:00.000Z" -> "2 December" ("2 grudnia" in Polish): the day something
// was sent, in the screen's language and the device's own time zone
export function dayAndMonth(utcIso, timeZone = undefined) {
  return new Intl.DateTimeFormat(lang(), { day: "numeric", month: "long", timeZone }).format(new Date(utcIso));
}

// 2026-11-30 plus 3 months → 2027-02-28 (the last day of a shorter month, never a day past it)
export function addMonths(iso, months) {
  const [y, m, d] = iso.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

// 3.5 as the page's language writes it ("3,5" in Polish; conference/minutes/language.py
// `number` writes the minutes the same way)
export function number(n) {
  return new Intl.NumberFormat(lang()).format(n);
}

// "The middle score was 5: halfway." — the same words on the projector and the phone
export function middleInWords(median) {
  if (typeof median !== "number") return t("Nobody gave a score.");
  const where =
    median <= 2
      ? t("near the bottom")
      : median < 5
        ? t("below halfway")
        : median === 5
          ? t("halfway")
          : median < 8
            ? t("above halfway")
            : t("near the top");
  return t("The middle score was {score}: {where}.", { score: number(median), where });
}

// "Sam, by Saturday 12 December 2026": who does a plan action and by when
export function whoAndWhen(item) {
  return [item.owner, item.due ? t("by {date}", { date: longDate(item.due) }) : null].filter(Boolean).join(", ");
}

// The round's question and end labels as this person should read them: a family-side phone
// gets the chair's wording for the family where there is one (and, if the chair said which
// language it is in, when the phone reads that language), everyone else the usual words.
export function wordingFor(round, familySide, language = lang()) {
  const written = round.family && round.family.language;
  const family = (familySide && round.family && (!written || written === language) && round.family) || {};
  return {
    question: family.question || round.question,
    low_label: family.low_label || round.low_label,
    high_label: family.high_label || round.high_label,
  };
}

// "Friday 26 February 2027 at 10:00, Ty Hywel room 2": when and where the family next meets
export function nextMeetingWords(d) {
  if (!d || !d.next_meeting) return "";
  const when = d.next_meeting_time
    ? t("{date} at {time}", { date: longDate(d.next_meeting), time: d.next_meeting_time })
    : longDate(d.next_meeting);
  return d.next_meeting_place ? t("{when}, {place}", { when, place: d.next_meeting_place }) : when;
}

// What the plain-language check found, counted as what it is: "2 words or phrases and 1 long
// sentence may lose the family" — a long sentence is one thing to fix, not a word.
export function mayLoseTheFamily(flags) {
  const sentences = flags.filter((f) => f.kind === "long_sentence").length;
  const terms = flags.length - sentences;
  const termsSaid = tn("{n} word or phrase", "{n} words or phrases", terms);
  const sentencesSaid = tn("{n} long sentence", "{n} long sentences", sentences);
  if (terms && sentences)
    return t("{words} and {sentences} may lose the family", { words: termsSaid, sentences: sentencesSaid });
  return t("{what} may lose the family", { what: terms ? termsSaid : sentencesSaid });
}

// Working days, as the server counts them (conference/domain/working_days.py): no weekend,
// no bank holiday of the nation (the list the console's page carries).
export function isWorkingDay(iso, bankHolidays = []) {
  const weekday = new Date(`${iso}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !bankHolidays.includes(iso);
}

// The working day n working days after `iso` (that day itself not counted): always a working day.
export function workingDaysAfter(iso, n, bankHolidays = []) {
  let day = new Date(`${iso}T12:00:00Z`);
  let left = n;
  while (left > 0) {
    day = new Date(day.getTime() + 86400000);
    if (isWorkingDay(day.toISOString().slice(0, 10), bankHolidays)) left -= 1;
  }
  return day.toISOString().slice(0, 10);
}
