// The sentences the phone and the projector build: the wording a family member reads.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  addMonths,
  dangerSentence,
  isWorkingDay,
  longDate,
  mayLoseTheFamily,
  wordingFor,
  workingDaysAfter,
} from "../../static/js/sentences.js";

const round = { question: "Where are we?", low_label: "Cannot stay at home", high_label: "Case can close" };

test("a family-side phone reads the chair's family wording, end by end", () => {
  const withFamily = { ...round, family: { question: "How are things?", low_label: null, high_label: "All good" } };
  assert.deepEqual(wordingFor(withFamily, true), {
    question: "How are things?",
    low_label: "Cannot stay at home",
    high_label: "All good",
  });
});

test("professionals, and rounds without family wording, keep the usual words", () => {
  const withFamily = { ...round, family: { question: "How are things?", low_label: "Hard", high_label: "Good" } };
  assert.deepEqual(wordingFor(withFamily, false), round);
  assert.deepEqual(wordingFor({ ...round, family: null }, true), round);
  assert.deepEqual(wordingFor(round, true), round); // a round logged before family wording existed
});

test("family wording written in one language goes only to family phones reading that language", () => {
  const polish = { ...round, family: { question: "Jak jest?", low_label: null, high_label: null, language: "pl" } };
  assert.equal(wordingFor(polish, true, "pl").question, "Jak jest?");
  assert.deepEqual(wordingFor(polish, true, "cy"), round); // a Welsh phone: the usual words
  assert.deepEqual(wordingFor(polish, true, "en-GB"), round);
  assert.deepEqual(wordingFor(polish, false, "pl"), round); // professionals never
  const anyLanguage = { ...round, family: { question: "How are things?", low_label: null, high_label: null } };
  assert.equal(wordingFor(anyLanguage, true, "ar").question, "How are things?");
});

test("a danger statement reads as one sentence, plural when more than one person is worried", () => {
  const s = dangerSentence({ who: "School and Sam", behaviour: "Dad shouts", impact: "Jo will be scared" });
  assert.equal(s, "School and Sam are worried that Dad shouts. If nothing changes, Jo will be scared.");
  assert.match(dangerSentence({ who: "School", behaviour: "x" }), /^School is worried/);
});

test("the next meeting is due so many months on, on a day the month has", () => {
  assert.equal(addMonths("2026-11-28", 3), "2027-02-28");
  assert.equal(addMonths("2026-11-30", 3), "2027-02-28");
  assert.equal(addMonths("2027-11-30", 3), "2028-02-29"); // a leap year
  assert.equal(addMonths("2026-08-31", 6), "2027-02-28");
  assert.equal(addMonths("2026-01-15", 12), "2027-01-15");
  assert.equal(longDate(addMonths("2026-11-28", 3)), "Sunday 28 February 2027");
});

test("the builder's own words typed again are said once", () => {
  const s = dangerSentence({
    who: "Children's social care, the school and the police are worried",
    behaviour: "are worried that that when Mark drinks he shouts",
    impact: "If nothing changes, Jo will be hurt",
    disagreement: "Mark does not agree",
  });
  assert.equal(
    s,
    "Children's social care, the school and the police are worried that when Mark drinks he shouts. " +
      "If nothing changes, Jo will be hurt. Mark does not agree.",
  );
  assert.doesNotMatch(s, /are worried are worried|does not agree does not agree|changes, If nothing/);
});

test("a statement typed in English is never spliced into another language's sentence", async () => {
  const { readFileSync } = await import("node:fs");
  const { useCatalogue } = await import("../../static/js/i18n.js");
  const all = JSON.parse(readFileSync(new URL("./catalogues.json", import.meta.url)));
  const statement = {
    who: "The school",
    behaviour: "when Mark drinks he shouts",
    impact: "Jo is scared",
    language: "en-GB",
  };
  useCatalogue(all.pl.catalogue);
  try {
    const read = dangerSentence(statement);
    assert.equal(
      read,
      "Kto się martwi: The school\nCzym się martwią: when Mark drinks he shouts\nJeśli nic się nie zmieni: Jo is scared",
    );
    assert.doesNotMatch(read, /martwią się, że/); // no Polish connector around English words
    // typed in Polish, read in Polish: one Polish sentence
    const polish = dangerSentence({ who: "Szkoła", behaviour: "Marek pije", language: "pl" });
    assert.match(polish, /^Szkoła .*Marek pije\.$/);
    assert.doesNotMatch(polish, /:/);
  } finally {
    useCatalogue(null);
  }
  // typed in Polish, read in English: labelled, never "is worried that" around Polish words
  assert.equal(
    dangerSentence({ who: "Szkoła", behaviour: "Marek pije", language: "pl" }),
    "Who is worried: Szkoła\nWhat they are worried about: Marek pije",
  );
});

test("dissent reads right however it is typed, with one full stop and a capital first letter", () => {
  const base = { who: "the police", behaviour: "Mark shouts at the children." };
  assert.equal(dangerSentence(base), "The police are worried that Mark shouts at the children.");
  assert.equal(
    dangerSentence({ ...base, disagreement: "Mark disagrees" }),
    "The police are worried that Mark shouts at the children. Mark disagrees.",
  );
  assert.equal(
    dangerSentence({ ...base, disagreement: "Anna and Mark" }),
    "The police are worried that Mark shouts at the children. Anna and Mark do not agree.",
  );
  assert.equal(
    dangerSentence({ ...base, disagreement: "Mark does not agree that he shouts" }),
    "The police are worried that Mark shouts at the children. Mark does not agree that he shouts.",
  );
});

test("the plain-language count says words and long sentences apart", () => {
  const word = { kind: "jargon" };
  const sentence = { kind: "long_sentence" };
  assert.equal(
    mayLoseTheFamily([sentence, word, sentence]),
    "1 word or phrase and 2 long sentences may lose the family",
  );
  assert.equal(mayLoseTheFamily([word, { kind: "acronym" }]), "2 words or phrases may lose the family");
  assert.equal(mayLoseTheFamily([sentence]), "1 long sentence may lose the family");
});

test("working days skip weekends and bank holidays, and the day they give is a working day", () => {
  const holidays = ["2026-12-25", "2026-12-28", "2027-01-01"];
  assert.equal(isWorkingDay("2026-12-24", holidays), true); // a Thursday
  assert.equal(isWorkingDay("2026-12-26", holidays), false); // a Saturday
  assert.equal(isWorkingDay("2026-12-27", holidays), false); // a Sunday
  assert.equal(isWorkingDay("2026-12-25", holidays), false); // Christmas Day
  // ten working days after Friday 18 December 2026, over Christmas and New Year
  assert.equal(workingDaysAfter("2026-12-18", 10, holidays), "2027-01-06");
  // ten working days after Friday 13 March 2026 land on Friday 27 March
  assert.equal(workingDaysAfter("2026-03-13", 10, []), "2026-03-27");
  for (let day = 1; day <= 28; day++) {
    const from = `2026-12-${String(day).padStart(2, "0")}`;
    assert.ok(isWorkingDay(workingDaysAfter(from, 10, holidays), holidays), from);
  }
});
