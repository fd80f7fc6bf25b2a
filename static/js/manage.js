// Every conference, for managers: each one's details and access record, and moving one to
// another chair. Nothing on a board is ever asked for; the server records every look.
import { h, replace } from "./dom.js";
import { t, tn } from "./i18n.js";
import { longDate } from "./sentences.js";

let csrf = null;
let chosen = null; // the conference whose record or transfer form is open

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf || "", ...(options.headers || {}) },
  });
  const answer = await response.json();
  if (response.status === 401) location.assign("/login");
  return { ok: response.ok, answer };
}

const kindLabels = Object.fromEntries(
  [...document.querySelectorAll("#kind-labels li")].map((li) => [li.dataset.kind, li.textContent]),
);

const day = (iso) => (iso ? longDate(iso.slice(0, 10)) : "—");
const time = (iso) => iso.slice(0, 19).replace("T", " ");

function chairOf(conf) {
  if (!conf.chair) return t("No account");
  const { username, name, removed } = conf.chair;
  const who = name && name !== username ? `${name} (${username})` : username;
  return removed ? t("{who} — account removed", { who }) : who;
}

function row(conf) {
  return h(
    "tr",
    {},
    h("td", { class: "title" }, conf.title),
    h("td", {}, kindLabels[conf.kind] || conf.kind),
    h("td", {}, chairOf(conf)),
    h("td", {}, conf.status === "closed" ? t("Ended") : t("Open")),
    h("td", {}, day(conf.created_at)),
    h("td", {}, day(conf.ended_at)),
    h("td", {}, day(conf.delete_after)),
    h(
      "td",
      {},
      h(
        "div",
        { class: "row-actions" },
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            "aria-label": t("Who opened “{title}”", { title: conf.title }),
            onclick: () => showRecord(conf),
          },
          t("Who opened it"),
        ),
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            "aria-label": t("Move “{title}” to another chair", { title: conf.title }),
            onclick: () => showTransfer(conf),
          },
          t("Move to another chair"),
        ),
      ),
    ),
  );
}

async function load() {
  const { ok, answer } = await api("/api/manage/conferences");
  const list = document.getElementById("list");
  if (!ok) {
    document.getElementById("refused").textContent = answer.error.message;
    replace(list);
    return;
  }
  replace(
    list,
    answer.conferences.length
      ? h(
          "table",
          { class: "plain-table" },
          h(
            "caption",
            {},
            tn("{n} conference, newest first", "{n} conferences, newest first", answer.conferences.length),
          ),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              [
                t("Title"),
                t("Kind of meeting"),
                t("Chair"),
                t("Status"),
                t("Started"),
                t("Ended"),
                t("To be deleted"),
                t("Actions"),
              ].map((label) => h("th", { scope: "col" }, label)),
            ),
          ),
          h("tbody", {}, answer.conferences.map(row)),
        )
      : h("p", { class: "hint" }, t("There are no conferences.")),
  );
}

// an access-record entry's other fields, each with its name in the reader's language
const DETAIL_LABELS = {
  person: () => t("Person"),
  role: () => t("Role"),
  status: () => t("Status"),
  copy: () => t("Which copy"),
  format: () => t("Format"),
  language: () => t("Language"),
  to: () => t("Sent to"),
  from_chair: () => t("From"),
  to_chair: () => t("To"),
  address: () => t("Address"),
};
const NOT_DETAILS = new Set(["at", "who", "who_name", "what", "what_words", "who_words", "conference"]);

// and each value the record keeps as a key (parent_carer, family, docx, pl) in words, in the
// reader's language, from the vocabulary the page carries
const vocabulary = JSON.parse(document.getElementById("vocabulary").textContent);
const labels = (list) => Object.fromEntries(list.map((x) => [x.key, x.label || x.name]));
const ROLES = labels(vocabulary.roles);
const FORMATS = labels(vocabulary.minutes_formats);
const LANGUAGES = labels(vocabulary.languages);
const LARGE = " (large print)";
const VALUE_LABELS = {
  role: (value) => ROLES[value],
  status: (value) => ({ waiting: t("Waiting to join"), admitted: t("Let in"), removed: t("Removed") })[value],
  copy: (value) => ({ family: t("Family copy"), full: t("Full record") })[value],
  format: (value) => {
    const large = value.endsWith(LARGE);
    const format = FORMATS[large ? value.slice(0, -LARGE.length) : value];
    return format && large ? t("{format}, large print", { format }) : format;
  },
  language: (value) => LANGUAGES[value],
};

function details(entry) {
  return Object.entries(entry)
    .filter(([key, value]) => !NOT_DETAILS.has(key) && value !== null && value !== "")
    .map(([key, value]) => {
      const said = (VALUE_LABELS[key] && VALUE_LABELS[key](String(value))) || value;
      return `${DETAIL_LABELS[key] ? DETAIL_LABELS[key]() : key}: ${said}`;
    })
    .join(" · ");
}

async function showRecord(conf) {
  chosen = conf;
  document.getElementById("transfer-form").hidden = true;
  const section = document.getElementById("record");
  document.getElementById("record-h").textContent = t("Who opened “{title}”", { title: conf.title });
  const target = document.getElementById("record-entries");
  replace(target, h("p", { class: "hint" }, t("Loading…")));
  section.hidden = false;
  section.focus();
  const { ok, answer } = await api(
    `/api/manage/conferences/${conf.id}/access?lang=${encodeURIComponent(document.documentElement.lang)}`,
  );
  if (!ok) {
    replace(target, h("p", { class: "notice" }, answer.error.message));
    return;
  }
  replace(
    target,
    h(
      "table",
      { class: "plain-table" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          [t("When"), t("Who"), t("What"), t("Details")].map((label) => h("th", { scope: "col" }, label)),
        ),
      ),
      h(
        "tbody",
        {},
        answer.entries.map((e) =>
          h(
            "tr",
            {},
            h("td", {}, time(e.at)),
            h("td", {}, e.who_name ? `${e.who_name} (${e.who})` : e.who_words || e.who),
            // the phrase the code wrote, in the page's language (the server says it)
            h("td", {}, e.what_words || e.what),
            h("td", {}, details(e)),
          ),
        ),
      ),
    ),
  );
}

function showTransfer(conf) {
  chosen = conf;
  document.getElementById("record").hidden = true;
  const form = document.getElementById("transfer-form");
  document.getElementById("transfer-h").textContent = t("Move “{title}” to another chair", { title: conf.title });
  document.getElementById("transfer-now").textContent = t("Chaired now by {who}.", { who: chairOf(conf) });
  document.getElementById("transfer-status").textContent = "";
  form.elements.to.value = "";
  form.hidden = false;
  form.elements.to.focus();
}

document.getElementById("transfer-cancel").addEventListener("click", () => {
  document.getElementById("transfer-form").hidden = true;
});

document.getElementById("transfer-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const status = document.getElementById("transfer-status");
  const to = form.elements.to.value.trim().toLowerCase();
  const { ok, answer } = await api(`/api/manage/conferences/${chosen.id}/transfer`, {
    method: "POST",
    body: JSON.stringify({ to }),
  });
  if (!ok) {
    status.textContent = answer.error.message;
    return;
  }
  chosen = answer.conference;
  form.elements.to.value = "";
  document.getElementById("transfer-now").textContent = t("Chaired now by {who}.", { who: chairOf(chosen) });
  status.textContent = t("“{title}” is now chaired by {who}.", {
    title: answer.conference.title,
    who: chairOf(answer.conference),
  });
  load();
});

const me = await fetch("/api/me");
if (me.status === 401) location.assign("/login");
else {
  const who = await me.json();
  csrf = who.csrf_token;
  document.getElementById("who").textContent = t("Signed in as {name}.", { name: who.name || who.username });
  load();
}
