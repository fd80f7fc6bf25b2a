// Sentences the screens build from the board, with the same words as the minutes
// (conference/minutes/model.py danger_sentence): no imports, tested under Node.

// "School and Sam are worried that … If nothing changes, … Dad does not agree."
export function dangerSentence(s) {
  const who = (s.who || "").trim();
  const plural = /\band\b|,|&|^(we|they|the police|police|professionals|everyone)$/i.test(who);
  const parts = [];
  if (who || s.behaviour) {
    parts.push(`${who || "…"} ${plural ? "are" : "is"} worried that ${s.behaviour || "…"}.`);
  }
  if (s.impact) parts.push(`If nothing changes, ${s.impact}`.replace(/([^.!?])$/, "$1."));
  if (s.text) parts.push(s.text);
  if (s.disagreement) parts.push(`${s.disagreement} does not agree.`);
  return parts.join(" ");
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
  return `${WEEKDAYS[day.getUTCDay()]} ${d} ${MONTHS[m - 1]} ${y}`;
}

// 2026-11-30 plus 3 months → 2027-02-28 (the last day of a shorter month, never a day past it)
export function addMonths(iso, months) {
  const [y, m, d] = iso.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

// "The middle score was 5: halfway." — the same words on the projector and the phone
export function middleInWords(median) {
  if (typeof median !== "number") return "Nobody gave a score.";
  const where =
    median <= 2
      ? "near the bottom"
      : median < 5
        ? "below halfway"
        : median === 5
          ? "halfway"
          : median < 8
            ? "above halfway"
            : "near the top";
  return `The middle score was ${median}: ${where}.`;
}

// "Sam, by Saturday 12 December 2026": who does a plan action and by when
export function whoAndWhen(item) {
  return [item.owner, item.due ? `by ${longDate(item.due)}` : null].filter(Boolean).join(", ");
}

// The round's question and end labels as this person should read them: a family-side phone
// gets the chair's wording for the family where there is one, everyone else the usual words.
export function wordingFor(round, familySide) {
  const family = (familySide && round.family) || {};
  return {
    question: family.question || round.question,
    low_label: family.low_label || round.low_label,
    high_label: family.high_label || round.high_label,
  };
}
