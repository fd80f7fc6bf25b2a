// The page's language: its messages, from the catalogue the page carries (compiled by the
// server from the same .po files as its own words, conference/i18n.py), and plural forms
// chosen by Intl.PluralRules. Messages are written in British English and looked up as
// they are written; `{name}` marks a value filled in. What people type is never a message,
// only a value, which is isolated (bidi) in the sentence.
// British English: the language every message is written in (vocabulary.py SOURCE_LANGUAGE)
export const SOURCE_LANGUAGE = "en-GB";
const SOURCE = { lang: SOURCE_LANGUAGE, dir: "ltr", plurals: { one: 0, other: 1 }, messages: {} };
let catalogue = SOURCE;

// useCatalogue(c): the Node tests hand one in; the pages read their own
export function useCatalogue(c) {
  catalogue = c || SOURCE;
}

export function readCatalogue() {
  const el = typeof document !== "undefined" && document.getElementById("catalogue");
  if (el) useCatalogue(JSON.parse(el.textContent));
  return catalogue;
}

// Bidi isolation of the values put into a sentence: a name or a place typed in one
// direction inside a sentence written in the other (an English place in an Arabic sentence)
// is kept in one piece, never split around the sentence's words. A value holding letters
// of the other direction than the page's is wrapped in LRI or RLI, its own direction from
// its first letter (as FSI would judge it, but looking inside values already isolated, so
// an Arabic phrase holding an English place stays Arabic), and closed by PDI. Everything
// else (numbers, "10:00", the page's own words and names in its own script) is put in as
// it is: it reads the same either way.
export const LRI = "\u2066";
export const RLI = "\u2067";
export const PDI = "\u2069";
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const LETTER = /\p{L}/u;

// "rtl", "ltr", or null (no letter at all): the direction of each letter of the text
function directions(text) {
  const of = (ch) => (!LETTER.test(ch) ? null : RTL_LETTER.test(ch) ? "rtl" : "ltr");
  return [...text].map(of).filter(Boolean);
}

function put(value) {
  if (typeof value !== "string") return String(value);
  const letters = directions(value);
  if (!letters.some((d) => d !== dir())) return value;
  return (letters[0] === "rtl" ? RLI : LRI) + value + PDI;
}

function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? put(values[key]) : whole));
}

// t("Where are we, 0 to 10?") or t("You joined as {name}.", { name })
export function t(message, values = {}) {
  const found = catalogue.messages[message];
  return fill(typeof found === "string" && found ? found : message, values);
}

// tn("{n} thing", "{n} things", n): the language's own plural form for n
export function tn(singular, plural, n, values = {}) {
  const forms = catalogue.messages[singular];
  const index = catalogue.plurals[new Intl.PluralRules(catalogue.lang).select(n)];
  const found = Array.isArray(forms) ? forms[index] : "";
  return fill(found || (n === 1 ? singular : plural), { n, ...values });
}

export function lang() {
  return catalogue.lang;
}

// "rtl" for a language written right to left (Arabic), else "ltr"
export function dir() {
  return catalogue.dir || "ltr";
}

readCatalogue();
