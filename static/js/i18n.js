// The page's language: its messages, from the catalogue the page carries (compiled by the
// server from the same .po files as its own words, conference/i18n.py), and plural forms
// chosen by Intl.PluralRules. Messages are written in British English and looked up as
// they are written; `{name}` marks a value filled in. What people type is never passed here.
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

function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
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
