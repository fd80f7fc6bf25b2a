// My conferences: start a board, open its console, download its minutes, delete it.
import { keys } from "./keys.js";
import { h, replace } from "./dom.js";
import { t } from "./i18n.js";
import { longDate } from "./sentences.js";

let csrf = null;

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf || "", ...(options.headers || {}) },
  });
  const answer = response.status === 204 ? {} : await response.json();
  if (response.status === 401) location.assign("/login");
  return { ok: response.ok, answer };
}

const kindLabels = Object.fromEntries([...document.querySelectorAll("#kind option")].map((o) => [o.value, o.text]));
// the vocabulary the page carries, in the page's language: the formats and languages by name
const vocabulary = JSON.parse(document.getElementById("vocabulary").textContent);
const FORMATS = Object.fromEntries(vocabulary.minutes_formats.map((f) => [f.key, f.label]));
const LANGUAGE_NAMES = Object.fromEntries(vocabulary.languages.map((l) => [l.key, l.name]));
const SOURCE_LANGUAGE = vocabulary.languages[0].key;
const LARGE = " (large print)";

// "pdf (large print)" as the access record keeps it -> "PDF, large print"
function formatName(value) {
  const large = value.endsWith(LARGE);
  const format = FORMATS[large ? value.slice(0, -LARGE.length) : value] || value;
  return large ? t("{format}, large print", { format }) : format;
}

// The minutes of a board, PDF and Word: the full record, and the family copy in English
// and in each language the family chose on their phones.
function downloads(conf) {
  const both = (copy, label, language) =>
    ["pdf", "docx"].map((fmt) =>
      h(
        "a",
        {
          class: "button secondary",
          href:
            `/api/conferences/${conf.id}/minutes.${fmt}?copy=${copy}` +
            (language ? `&lang=${encodeURIComponent(language)}` : ""),
        },
        t("{copy} ({format})", { copy: label, format: FORMATS[fmt] }),
      ),
    );
  const family = conf.family_copy === false ? [] : [SOURCE_LANGUAGE, ...(conf.family_languages || [])];
  return h(
    "div",
    { class: "row-actions downloads" },
    both("full", t("Full record"), null),
    family.map((language) =>
      language === SOURCE_LANGUAGE
        ? both("family", t("Family copy"), null)
        : both("family", t("Family copy in {language}", { language: LANGUAGE_NAMES[language] || language }), language),
    ),
  );
}

// What a new board starts from: nothing, an ended board of mine, or uploaded minutes.
let reviewOf = null; // {conference_id, label} | {minutes, label}

function startReviewOf(from) {
  reviewOf = from;
  const form = document.getElementById("create-form");
  const note = document.getElementById("review-of");
  if (!from) {
    note.hidden = true;
    document.getElementById("children-fields").hidden = false;
    return;
  }
  form.elements.kind.value = "review_cp";
  if (!form.elements.title.value) form.elements.title.value = from.title;
  // the children come from last time; they can be changed on the console
  document.getElementById("children-fields").hidden = true;
  replace(
    note,
    t("This board starts from {what}: its children, statements, safety goals, open actions and scores.", {
      what: from.label,
    }) + " ",
    h(
      "button",
      { type: "button", class: "secondary", onclick: () => startReviewOf(null) },
      t("Start a new board instead"),
    ),
  );
  note.hidden = false;
  form.scrollIntoView({ block: "start" });
  form.elements.title.focus();
}

function childRow(n) {
  return h(
    "div",
    { class: "child-row" },
    h("label", { for: `child-name-${n}` }, t("Child {n}: first name", { n })),
    h("input", { id: `child-name-${n}`, class: "child-name", maxlength: 60 }),
    h("label", { for: `child-age-${n}` }, t("Age")),
    h("input", { id: `child-age-${n}`, class: "child-age", type: "number", min: 0, max: 25, inputmode: "numeric" }),
  );
}

function children() {
  return [...document.querySelectorAll(".child-row")]
    .map((row) => ({
      name: row.querySelector(".child-name").value.trim(),
      age: row.querySelector(".child-age").value,
    }))
    .filter((c) => c.name)
    .map((c) => (c.age === "" ? { name: c.name } : { name: c.name, age: Number(c.age) }));
}

function row(conf) {
  return h(
    "li",
    { class: "card stack" },
    h("h4", {}, conf.title),
    h(
      "p",
      { class: "hint" },
      [
        kindLabels[conf.kind] || conf.kind,
        conf.status === "closed" ? t("Ended") : t("Open"),
        t("started {when}", { when: conf.created_at.slice(0, 16).replace("T", " ") }),
        t("code {code}", { code: conf.join_code }),
      ].join(" · "),
    ),
    conf.meeting_at
      ? h(
          "p",
          {},
          t("Meeting: {date} at {time}", {
            date: longDate(conf.meeting_at.slice(0, 10)),
            time: conf.meeting_at.slice(11),
          }),
          conf.reports_due ? [" · ", t("reports due by {date}", { date: longDate(conf.reports_due) })] : null,
        )
      : null,
    conf.next_meeting ? h("p", {}, t("Next meeting: {date}", { date: longDate(conf.next_meeting) })) : null,
    h(
      "div",
      { class: "row-actions" },
      h("button", { type: "button", onclick: () => openConsole(conf.id) }, t("Open the console")),
      conf.status === "closed"
        ? h(
            "button",
            {
              type: "button",
              onclick: () =>
                startReviewOf({
                  conference_id: conf.id,
                  title: conf.title,
                  label: t("“{text}”", { text: conf.title }),
                }),
            },
            t("Start the review"),
          )
        : null,
      conf.status !== "closed"
        ? h("button", { type: "button", class: "secondary", onclick: () => cancelLinks(conf) }, t("Cancel old links"))
        : null,
      h("button", { type: "button", class: "danger", onclick: () => remove(conf) }, t("Delete")),
    ),
    downloads(conf),
    h(
      "details",
      { ontoggle: (e) => e.target.open && showAudit(conf.id, e.target.querySelector(".audit")) },
      h("summary", {}, t("Who joined, was let in or removed, and who exported")),
      h("div", { class: "audit" }),
    ),
  );
}

async function showAudit(id, target) {
  const { ok, answer } = await api(
    `/api/conferences/${id}/audit?lang=${encodeURIComponent(document.documentElement.lang)}`,
  );
  if (!ok) return;
  replace(
    target,
    h(
      "table",
      {},
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, t("When")),
          h("th", { scope: "col" }, t("Who")),
          h("th", { scope: "col" }, t("What")),
        ),
      ),
      h(
        "tbody",
        {},
        answer.entries.map((e) =>
          h(
            "tr",
            {},
            h("td", {}, e.at.slice(0, 19).replace("T", " ")),
            h("td", {}, e.who_name ? `${e.who_name} (${e.who})` : e.who_words || e.who),
            h(
              "td",
              {},
              [
                // the phrase the code wrote, in the page's language (the server says it)
                e.what_words || e.what,
                e.person ? ` ${e.person}` : "",
                e.copy ? ` (${e.copy === "full" ? t("Full record") : t("Family copy")}, ${formatName(e.format)})` : "",
                e.to ? " " + t("to {who}", { who: e.to }) : "",
                e.to_chair ? " " + t("from {old} to {new}", { old: e.from_chair || "—", new: e.to_chair }) : "",
              ].join(""),
            ),
          ),
        ),
      ),
    ),
  );
}

async function openConsole(id) {
  const { ok, answer } = await api(`/api/conferences/${id}/facilitator-link`, { method: "POST" });
  if (ok) location.assign(answer.facilitator_url);
}

// A chair's or projector link that reached the wrong person: every one made so far stops
// working and its screens close; this browser keeps the new projector link for the console.
async function cancelLinks(conf) {
  if (
    !confirm(
      t(
        "Cancel every chair's and projector link of “{title}” made so far? Screens open with them close at once; then open the console again from here.",
        { title: conf.title },
      ),
    )
  )
    return;
  const { ok, answer } = await api(`/api/conferences/${conf.id}/cancel-links`, { method: "POST" });
  if (!ok) return;
  if (answer.display_url) localStorage.setItem(keys.displayUrl(conf.id), answer.display_url);
  alert(t("The old links no longer work. Open the console to carry on; it has the projector's new link."));
}

async function remove(conf) {
  if (
    !confirm(
      t("Delete “{title}”? Everything on the board is removed for good. Download the minutes first.", {
        title: conf.title,
      }),
    )
  )
    return;
  await api(`/api/conferences/${conf.id}`, { method: "DELETE" });
  load();
}

async function load() {
  const { ok, answer } = await api("/api/conferences");
  if (!ok) return;
  document.getElementById("who").textContent = t("Signed in as {name}.", { name: answer.username });
  // grouped by family: the children's names, the newest family first
  const families = new Map();
  for (const conf of answer.conferences) {
    const family = conf.children.length ? conf.children.join(", ") : "";
    if (!families.has(family)) families.set(family, []);
    families.get(family).push(conf);
  }
  replace(
    document.getElementById("list"),
    answer.conferences.length
      ? [...families].map(([family, confs]) =>
          h(
            "section",
            { class: "family" },
            h("h3", {}, family ? t("Children: {names}", { names: family }) : t("Children not named")),
            h("ul", { class: "conference-list" }, confs.map(row)),
          ),
        )
      : h("p", { class: "hint" }, t("None yet.")),
  );
}

let childCount = 0;
const addChild = () => document.getElementById("children-rows").append(childRow(++childCount));
addChild();
document.getElementById("add-child").addEventListener("click", () => {
  addChild();
  document.getElementById(`child-name-${childCount}`).focus();
});

document.getElementById("minutes-file").addEventListener("change", async (event) => {
  const file = event.target.files[0];
  const status = document.getElementById("upload-status");
  if (!file) return;
  let doc;
  try {
    doc = JSON.parse(await file.text());
  } catch {
    status.textContent = t(
      "That file isn't JSON minutes. Choose the .json file the last board's Minutes panel gave you.",
    );
    return;
  }
  const conf = doc && doc.conference;
  const label =
    conf && conf.date
      ? t("the {kind} of {date}", { kind: conf.kind_label || t("conference"), date: longDate(conf.date) })
      : t("those minutes");
  status.textContent = "";
  startReviewOf({ minutes: doc, title: (conf && conf.title) || "", label });
});

document.getElementById("create-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const body = { title: form.elements.title.value, kind: form.elements.kind.value };
  if (form.elements.chair_name.value.trim()) body.chair_name = form.elements.chair_name.value;
  if (form.elements.meeting_at.value) body.meeting_at = form.elements.meeting_at.value;
  if (reviewOf && reviewOf.conference_id) body.previous_conference_id = reviewOf.conference_id;
  else if (reviewOf) body.previous_minutes = reviewOf.minutes;
  else if (children().length) body.children = children();
  const { ok, answer } = await api("/api/conferences", { method: "POST", body: JSON.stringify(body) });
  if (!ok) {
    document.getElementById("create-status").textContent = answer.error.message;
    return;
  }
  localStorage.setItem(keys.displayUrl(answer.conference_id), answer.display_url);
  location.assign(answer.facilitator_url);
});

document.getElementById("logout").addEventListener("click", async () => {
  const { answer } = await api("/api/logout", { method: "POST" });
  // signed in through the council's identity provider: its own sign-out page next
  location.assign((answer && answer.end_session_url) || "/");
});

const me = await fetch("/api/me");
if (me.status === 401) location.assign("/login");
else {
  const who = await me.json();
  csrf = who.csrf_token;
  document.getElementById("manage-link").hidden = !who.manager;
  load();
}
