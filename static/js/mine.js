// My conferences: start a board, open its console, download its minutes, delete it.
import { keys } from "./keys.js";
import { h, replace } from "./dom.js";

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

function row(conf) {
  const copies = [
    ["full", "Full record"],
    ["family", "Family copy"],
  ];
  return h(
    "li",
    { class: "card stack" },
    h("h3", {}, conf.title),
    h(
      "p",
      { class: "hint" },
      `${conf.status === "closed" ? "Ended" : "Open"} · started ${conf.created_at.slice(0, 16).replace("T", " ")} · code ${conf.join_code}`,
    ),
    h(
      "div",
      { class: "row-actions" },
      h("button", { type: "button", onclick: () => openConsole(conf.id) }, "Open the console"),
      copies.map(([copy, label]) =>
        h(
          "a",
          { class: "button secondary", href: `/api/conferences/${conf.id}/minutes.docx?copy=${copy}` },
          `${label} (Word)`,
        ),
      ),
      h("button", { type: "button", class: "danger", onclick: () => remove(conf) }, "Delete"),
    ),
    h(
      "details",
      { ontoggle: (e) => e.target.open && showAudit(conf.id, e.target.querySelector(".audit")) },
      h("summary", {}, "Who joined, was let in or removed, and who exported"),
      h("div", { class: "audit" }),
    ),
  );
}

async function showAudit(id, target) {
  const { ok, answer } = await api(`/api/conferences/${id}/audit`);
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
          h("th", { scope: "col" }, "When"),
          h("th", { scope: "col" }, "Who"),
          h("th", { scope: "col" }, "What"),
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
            h("td", {}, e.who),
            h(
              "td",
              {},
              [e.what, e.person ? ` ${e.person}` : "", e.copy ? ` (${e.copy} copy, ${e.format})` : ""].join(""),
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

async function remove(conf) {
  if (!confirm(`Delete "${conf.title}"? Everything on the board is removed for good. Download the minutes first.`))
    return;
  await api(`/api/conferences/${conf.id}`, { method: "DELETE" });
  load();
}

async function load() {
  const { ok, answer } = await api("/api/conferences");
  if (!ok) return;
  document.getElementById("who").textContent = `Signed in as ${answer.username}.`;
  replace(
    document.getElementById("list"),
    answer.conferences.length
      ? h("ul", { class: "conference-list" }, answer.conferences.map(row))
      : h("p", { class: "hint" }, "None yet."),
  );
}

document.getElementById("create-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const body = { title: form.elements.title.value, kind: form.elements.kind.value };
  if (form.elements.chair_name.value.trim()) body.chair_name = form.elements.chair_name.value;
  const { ok, answer } = await api("/api/conferences", { method: "POST", body: JSON.stringify(body) });
  if (!ok) {
    document.getElementById("create-status").textContent = answer.error.message;
    return;
  }
  localStorage.setItem(keys.displayUrl(answer.conference_id), answer.display_url);
  location.assign(answer.facilitator_url);
});

document.getElementById("logout").addEventListener("click", async () => {
  await api("/api/logout", { method: "POST" });
  location.assign("/");
});

const me = await fetch("/api/me");
if (me.status === 401) location.assign("/login");
else {
  csrf = (await me.json()).csrf_token;
  load();
}
