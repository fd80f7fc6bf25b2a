// The browser's messages: the same catalogues as the server's (exported by
// `python -m conference.i18n export-for-tests`), values filled in, and plural forms picked
// by Intl.PluralRules exactly as the .po's own plural expression picks them.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { LRI, PDI, RLI, lang, t, tn, useCatalogue } from "../../static/js/i18n.js";
import { dayAndMonth, longDate, middleInWords, nextMeetingWords, whoAndWhen } from "../../static/js/sentences.js";

const all = JSON.parse(readFileSync(new URL("./catalogues.json", import.meta.url)));

test("without a catalogue the words are the British English they were written in", () => {
  useCatalogue(null);
  assert.equal(lang(), "en-GB");
  assert.equal(
    t("You joined as {name}, {role}.", { name: "Dee", role: "Parent or carer" }),
    "You joined as Dee, Parent or carer.",
  );
  assert.equal(tn("{n} person has scored so far.", "{n} people have scored so far.", 1), "1 person has scored so far.");
  assert.equal(
    tn("{n} person has scored so far.", "{n} people have scored so far.", 4),
    "4 people have scored so far.",
  );
  assert.equal(longDate("2026-12-12"), "Saturday 12 December 2026");
});

test("every language's messages are used, with the values put in where the translation wants them", () => {
  for (const tag of ["cy", "pl", "ar"]) {
    useCatalogue(all[tag].catalogue);
    const said = t("You joined as {name}, {role}.", { name: "Dee <b>", role: "X" });
    assert.notEqual(said, "You joined as Dee <b>, X.");
    assert.ok(said.includes("Dee <b>") && !said.includes("{name}"), said);
    assert.notEqual(middleInWords(5), "The middle score was 5: halfway.");
  }
  useCatalogue(all.ar.catalogue);
  assert.equal(all.ar.catalogue.dir, "rtl");
  useCatalogue(all.cy.catalogue);
  assert.match(longDate("2026-12-12"), /2026/);
  assert.doesNotMatch(longDate("2026-12-12"), /Saturday|December/);
});

test("plural forms: Intl.PluralRules picks the form the .po's expression picks, n = 0 to 200", () => {
  const singular = "{n} person has scored so far.";
  for (const [tag, { catalogue, forms }] of Object.entries(all)) {
    useCatalogue(catalogue);
    const written = catalogue.messages[singular];
    for (let n = 0; n <= 200; n++) {
      const expected = tag === "en-GB" ? (n === 1 ? singular : "{n} people have scored so far.") : written[forms[n]];
      assert.equal(
        tn(singular, "{n} people have scored so far.", n),
        expected.replace("{n}", String(n)),
        `${tag} ${n}`,
      );
    }
  }
  useCatalogue(null);
});

test("the day a report was sent, in the screen's language and the device's time zone", () => {
  useCatalogue(null);
  const sent = "2026-12-02T09:14:00.000Z";
  assert.equal(dayAndMonth(sent, "Europe/London"), "2 December");
  assert.equal(dayAndMonth("2026-06-30T23:30:00.000Z", "Europe/London"), "1 July"); // summer time: the next day
  useCatalogue(all.pl.catalogue);
  assert.equal(dayAndMonth(sent, "Europe/London"), "2 grudnia");
  useCatalogue(all.cy.catalogue);
  assert.doesNotMatch(dayAndMonth(sent, "Europe/London"), /December/);
  useCatalogue(null);
});

// Whether the value sits whole between an isolate's opening and its PDI. Without isolation
// a right-to-left sentence splits an English place: a number that starts it follows the
// Arabic before it (bidi rule W2) and a closing bracket at its end goes to the far side.
function isolated(text, value) {
  const at = text.indexOf(value);
  return at > 0 && [LRI, RLI].includes(text[at - 1]) && text[at + value.length] === PDI;
}

test("a name or place typed in English is isolated in an Arabic sentence, in one piece", () => {
  useCatalogue(all.ar.catalogue);
  try {
    const place = "2 Church Street (room 3)";
    const d = { next_meeting: "2027-03-01", next_meeting_time: "10:00", next_meeting_place: place };
    const said = t("Next meeting: {date}", { date: nextMeetingWords(d) });
    assert.ok(isolated(said, place), JSON.stringify(said));
    assert.equal(said[said.indexOf(place) - 1], LRI, "an English place runs left to right");
    // the phrase around it is Arabic, and says so even though it holds the English place:
    // isolated right to left, where FSI would look past the place and find no letter
    const when = nextMeetingWords(d);
    assert.equal(said.split(when).length, 2, "the whole of when and where, once");
    assert.equal(said[said.indexOf(when) - 1], RLI);
    // a name typed in English too; the page's own words, a name in Arabic, a number or a
    // time as they are: they read the same either way
    const joined = t("You joined as {name}, {role}.", { name: "Anna Nowak", role: "أم" });
    assert.ok(isolated(joined, "Anna Nowak"), JSON.stringify(joined));
    assert.ok(!joined.includes(`${RLI}أم`), JSON.stringify(joined));
    assert.ok(!t("You joined as {name}, {role}.", { name: "أمينة", role: "أم" }).includes(PDI));
    assert.ok(!middleInWords(5).includes(PDI), "an Arabic phrase inside an Arabic sentence");
    assert.ok(!t("{date} at {time}", { date: longDate("2027-03-01"), time: "10:00" }).includes(PDI));
    assert.ok(!tn("{n} person has scored so far.", "{n} people have scored so far.", 4).includes(PDI));
  } finally {
    useCatalogue(null);
  }
});

test("on a left-to-right page only a value with right-to-left letters is isolated", () => {
  useCatalogue(null);
  assert.equal(t("Lead social worker: {name}", { name: "Sam Patel" }), "Lead social worker: Sam Patel");
  assert.equal(t("Lead social worker: {name}", { name: "سامي 2" }), `Lead social worker: ${RLI}سامي 2${PDI}`);
  useCatalogue(all.pl.catalogue);
  try {
    assert.ok(!t("You joined as {name}, {role}.", { name: "Anna Nowak", role: "X" }).includes(PDI));
    assert.ok(t("You joined as {name}, {role}.", { name: "(أمينة)", role: "X" }).includes(`${RLI}(أمينة)${PDI}`));
  } finally {
    useCatalogue(null);
  }
});

// After "do" ("by") Polish needs the genitive, which CLDR has no weekday names for: the
// Polish messages put a weekday date where it stands in the nominative ("termin: piątek, …")
test("a Polish phone never says a weekday after a preposition", () => {
  useCatalogue(all.pl.catalogue);
  try {
    const friday = longDate("2026-12-11");
    assert.equal(friday, "piątek, 11 grudnia 2026");
    assert.equal(whoAndWhen({ owner: "Sam Patel", due: "2026-12-11" }), `Sam Patel, termin: ${friday}`);
    assert.equal(t("By: {date}", { date: friday }), `Termin: ${friday}`);
    const weekdays = "poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela";
    const afterPreposition = new RegExp(`(^|\\s)(do|z|od|przed|po|w dniu):?\\s+(${weekdays})`, "i");
    for (const message of Object.keys(all.pl.catalogue.messages).filter((m) => /\{(date|due)\}/.test(m))) {
      const said = t(message, { date: friday, due: friday, days: 10, months: 3, kind: "X", who: "Jo" });
      assert.doesNotMatch(said, afterPreposition, message);
    }
  } finally {
    useCatalogue(null);
  }
});
