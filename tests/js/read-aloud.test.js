// Read aloud on the family's phone (static/js/phone/read-aloud.js): what each screen reads,
// in English and in Polish, people's words as they typed them; the phone's own voice for
// its language, or none; a tap reads, a second tap stops.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { Vocabulary } from "../../static/js/board-view.js";
import { useCatalogue } from "../../static/js/i18n.js";
import {
  Reader,
  agreedWords,
  boardWords,
  decisionWords,
  endWords,
  resultWords,
  scoringWords,
  voiceFor,
} from "../../static/js/phone/read-aloud.js";

const all = JSON.parse(readFileSync(new URL("./catalogues.json", import.meta.url)));
const english = new Vocabulary(all["en-GB"].vocabulary);
const kind = all["en-GB"].vocabulary.kinds[0];

function inPolish(run) {
  useCatalogue(all.pl.catalogue);
  try {
    return run(new Vocabulary(all.pl.vocabulary));
  } finally {
    useCatalogue(null);
  }
}

const voice = (name, lang, more = {}) => ({ name, lang, localService: true, default: false, ...more });

function aBoard() {
  return {
    conference: { status: "open", decision: null, children: [{ id: "c1", name: "Jo", age: 7 }] },
    members: [
      { member_id: "m1", kind: "participant", name: "Anna", role: "parent_carer" },
      { member_id: "ch", kind: "facilitator", name: "Ioana", role: null },
    ],
    items: [
      { id: "i1", column: "worries", text: "Tata krzyczy, kiedy pije", author: "m1", status: "accepted" },
      {
        id: "i2",
        column: "worries",
        text: "I hide under the bed",
        author: "ch",
        status: "accepted",
        voice: "child",
        child_id: "c1",
      },
      { id: "i3", column: "next_steps", text: "Gran takes Jo to school", owner: "Gran", due: "2026-12-12" },
    ].map((i) => ({ category: null, status: "accepted", author: "ch", ...i })),
    statements: [],
    rounds: [],
  };
}

test("the voice: the phone's own, for the phone's language, or none", () => {
  const voices = [
    voice("Samantha", "en-US", { default: true }),
    voice("Daniel", "en-GB"),
    voice("Google polski", "pl-PL", { localService: false }), // speaks from a server: never
    voice("Gwyneth", "cy_GB"),
  ];
  assert.equal(voiceFor(voices, "en-GB").name, "Daniel"); // the exact language first
  assert.equal(voiceFor([voices[0]], "en-GB").name, "Samantha"); // then any English
  assert.equal(voiceFor(voices, "cy").name, "Gwyneth");
  assert.equal(voiceFor(voices, "pl"), null); // only a voice that would send the words away
  assert.equal(voiceFor(voices, "ar"), null);
  assert.equal(voiceFor([], "en-GB"), null);
  assert.equal(voiceFor([voice("Zosia", "pl-PL"), voice("Ewa", "pl-PL", { default: true })], "pl").name, "Ewa");
  // "cy" is not the start of another language's tag
  assert.equal(voiceFor([voice("X", "cyr")], "cy"), null);
});

test("the board's tab: its heading, then each card — whose words, the words as typed, who wrote them", () => {
  const board = aBoard();
  assert.deepEqual(boardWords(english, board, "worries"), [
    "What are we worried about?",
    "Tata krzyczy, kiedy pije", // typed in Polish, read as typed
    "Anna (parent or carer)",
    "In Jo's own words (7)",
    "I hide under the bed",
    "Ioana (chair)",
  ]);
  assert.deepEqual(boardWords(english, board, "working_well"), ["What's working well?", "Nothing here yet."]);
  assert.deepEqual(boardWords(english, board, "next_steps"), [
    "What needs to happen?",
    "Gran takes Jo to school",
    "Who: Gran",
    "By: Saturday 12 December 2026",
    "Ioana (chair)",
  ]);
  // in Polish: the app's words in Polish, Anna's and the child's as they were typed
  const polish = inPolish((vocab) => boardWords(vocab, board, "worries"));
  assert.equal(polish[0], "Co nas martwi?");
  assert.equal(polish[1], "Tata krzyczy, kiedy pije");
  assert.equal(polish[4], "I hide under the bed");
  assert.notEqual(polish[2], "Anna (parent or carer)");
  assert.ok(polish[2].startsWith("Anna"), polish[2]);
  assert.notEqual(polish[3], "In Jo's own words (7)");
});

test("what we agreed: nothing yet, or the statements, the scores shown, the decision and the plan", () => {
  const board = aBoard();
  board.items = board.items.filter((i) => i.column !== "next_steps");
  assert.deepEqual(agreedWords(english, board), ["Nothing has been agreed yet. It will show here as soon as it is."]);
  // a parent's wish the chair never sorted, with no person and no date: read on the board's
  // tab, never as a step under "What happens next"
  const wish = { id: "i4", column: "next_steps", text: "I want my mum to help", category: null, author: "m1" };
  board.items = [...aBoard().items, { ...wish, status: "accepted" }];
  assert.ok(boardWords(english, board, "next_steps").includes("I want my mum to help"));
  board.statements = [
    { id: "s1", kind: "danger", who: "The school", behaviour: "Dad shouts", impact: "Jo is scared", language: "en-GB" },
    { id: "s2", kind: "safety_goal", pairs_with: "s1", text: "Jo feels safe at home" },
  ];
  board.rounds = [
    { ...kind, id: "r1", family: null, revealed: true, status: "closed", summary: { n: 2, min: 3, max: 7, median: 5 } },
  ];
  board.conference.decision = { outcome: "cp_plan", text: "He stopped drinking.", next_meeting: "2027-03-01" };
  const outcome = english.outcomes.cp_plan;
  assert.deepEqual(agreedWords(english, board), [
    "What we are worried about, and what safety looks like",
    "The school is worried that Dad shouts. If nothing changes, Jo is scared.",
    "Safety goal: Jo feels safe at home",
    "Where we are, 0 to 10",
    kind.question,
    "The middle score was 5: halfway.",
    "What was decided",
    outcome,
    "He stopped drinking.",
    "What happens next",
    "Gran takes Jo to school",
    "Gran, by Saturday 12 December 2026",
    "Next meeting: Monday 1 March 2027",
  ]);
  // the end screen says the meeting has ended first; the decision screen reads the decision
  assert.deepEqual(endWords(english, board).slice(0, 2), [
    "The meeting has ended. Here is what was agreed.",
    "What we are worried about, and what safety looks like",
  ]);
  assert.deepEqual(decisionWords(english, board).slice(0, 4), [
    "What was decided",
    outcome,
    "He stopped drinking.",
    "Next meeting: Monday 1 March 2027",
  ]);
  // in Polish the app's words are Polish; the statement typed in English is labelled, never translated
  const polish = inPolish((vocab) => agreedWords(vocab, board));
  assert.equal(polish[0], all.pl.catalogue.messages["What we are worried about, and what safety looks like"]);
  assert.match(polish[1], /The school/);
  assert.match(polish[1], /Dad shouts/);
  assert.ok(polish.includes("He stopped drinking."));
  assert.ok(!polish.includes(kind.question));
});

test("scoring: the question and what 10 and 0 mean, in the phone's language; the chair's words as typed", () => {
  const round = { ...kind, id: "r1", family: null, status: "open", scale: "numbers" };
  const board = aBoard();
  assert.deepEqual(scoringWords(board, round), [
    "Where are we, 0 to 10?",
    kind.question,
    `10 means: ${kind.high_label}`,
    `0 means: ${kind.low_label}`,
  ]);
  // an easy-read ladder (faces or colours): every rung from 10 down, with its words
  const faces = scoringWords(board, { ...round, scale: "faces" });
  assert.equal(faces.length, 2 + 11);
  assert.equal(faces[2], `10 — going well: ${kind.high_label}`);
  assert.equal(faces[9], "3 — quite worried");
  assert.equal(faces[12], `0 — very worried: ${kind.low_label}`);
  const polishRungs = inPolish(() => scoringWords(board, { ...round, scale: "colours" }));
  assert.equal(polishRungs[9], `3 — ${all.pl.catalogue.messages["quite worried"]}`);
  const polishKind = all.pl.vocabulary.kinds[0];
  const polish = inPolish(() => scoringWords(board, round));
  assert.equal(polish[0], all.pl.catalogue.messages["Where are we, 0 to 10?"]);
  assert.equal(polish[1], polishKind.question);
  assert.ok(polish[2].startsWith("10") && polish[2].includes(polishKind.high_label), polish[2]);
  assert.ok(polish[3].startsWith("0") && polish[3].includes(polishKind.low_label), polish[3]);
  // the chair's own wording for the family is read as the chair typed it
  const own = { ...round, family: { question: "Jak jest w domu?", low_label: null, high_label: "Dobrze" } };
  const read = inPolish(() => scoringWords(board, own));
  assert.equal(read[1], "Jak jest w domu?");
  assert.ok(read[2].includes("Dobrze"));
  // the result: the question and the middle score in words
  const shown = { ...round, revealed: true, summary: { n: 2, min: 1, max: 2, median: 1.5 } };
  assert.deepEqual(resultWords(board, shown), [
    "Where we are, 0 to 10",
    kind.question,
    "The middle score was 1.5: near the bottom.",
  ]);
});

// a speech engine that records what it is asked to say
function fakeSpeech(voices, { later = false } = {}) {
  const said = [];
  const listeners = [];
  const synth = {
    cancelled: 0,
    loaded: !later,
    getVoices: () => (synth.loaded ? voices : []),
    speak: (u) => said.push(u),
    cancel: () => (synth.cancelled += 1),
    addEventListener: (name, f) => listeners.push(f),
    removeEventListener: () => {},
    load: () => ((synth.loaded = true), listeners.forEach((f) => f())),
  };
  class Utterance {
    constructor(text) {
      this.text = text;
    }
  }
  return { synth, Utterance, said };
}

test("a tap reads each line in the phone's language and voice; a second tap stops", async () => {
  const { synth, Utterance, said } = fakeSpeech([voice("Zosia", "pl-PL")]);
  let changes = 0;
  const reader = new Reader({ synth, Utterance, onChange: () => (changes += 1) });
  const started = reader.toggle(["Co nas martwi?", "Tata krzyczy", "  "], "pl");
  assert.equal(said.length, 2); // said within the tap itself (iOS speaks only from the tap)
  await started;
  assert.deepEqual(
    said.map((u) => [u.text, u.lang, u.voice.name]),
    [
      ["Co nas martwi?", "pl-PL", "Zosia"],
      ["Tata krzyczy", "pl-PL", "Zosia"],
    ],
  );
  assert.equal(reader.speaking, true);
  assert.equal(reader.missing, false);
  assert.ok(changes >= 1);
  const cancelledBefore = synth.cancelled;
  await reader.toggle(["Co nas martwi?"], "pl");
  assert.equal(synth.cancelled, cancelledBefore + 1);
  assert.equal(reader.speaking, false);
  assert.equal(said.length, 2); // nothing more said
  // the end of that stopped reading changes nothing once a new one has started
  await reader.toggle(["Jeszcze raz"], "pl");
  said[1].onend();
  assert.equal(reader.speaking, true);
  said[2].onend(); // the new reading's last line ends: the button is back to "Read"
  assert.equal(reader.speaking, false);
});

test("no voice for the phone's language: nothing is said, and the button says so", async () => {
  const { synth, Utterance, said } = fakeSpeech([voice("Daniel", "en-GB")]);
  const reader = new Reader({ synth, Utterance });
  await reader.toggle(["Co nas martwi?"], "pl");
  assert.equal(said.length, 0);
  assert.equal(reader.missing, true);
  assert.equal(reader.speaking, false);
  await reader.toggle(["What are we worried about?"], "en-GB");
  assert.equal(reader.missing, false);
  assert.equal(said[0].voice.name, "Daniel");
  // no speech engine at all: the same
  const none = new Reader({ synth: null, Utterance: null });
  await none.toggle(["x"], "en-GB");
  assert.equal(none.missing, true);
});

test("voices that load after the page (voiceschanged) are waited for", async () => {
  const { synth, Utterance, said } = fakeSpeech([voice("Gwyneth", "cy-GB")], { later: true });
  const reader = new Reader({ synth, Utterance, wait: 5000 });
  const reading = reader.toggle(["Beth sy'n ein poeni ni?"], "cy");
  synth.load();
  await reading;
  assert.equal(said.length, 1);
  assert.equal(said[0].voice.name, "Gwyneth");
  // none ever come: after the wait, no voice
  const empty = fakeSpeech([], { later: true });
  const waited = new Reader({ synth: empty.synth, Utterance: empty.Utterance, wait: 10 });
  await waited.toggle(["x"], "cy");
  assert.equal(waited.missing, true);
});
