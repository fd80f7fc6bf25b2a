// The chair's console: share, lobby, moderation, the board, statements, scaling, decision.
import { dangerSentence, itemCard, scoreChart } from "./board-view.js";
import { $, h, keepFocus, replace } from "./dom.js";
import { keys, start } from "./screen.js";

const editing = new Map(); // item or statement id -> draft text
// id -> the version a draft started from: someone else's edit meanwhile is a conflict and
// the chair's words come back, rather than one silently overwriting the other
const editedFrom = new Map();
function startEditing(thing, key = thing.id) {
  editing.set(key, thing.text);
  editedFrom.set(key, thing.version);
  return true;
}
let formsFilled = false;

const { conferenceId, words, token, client, send, notice } = start({
  render,
  withoutToken: () =>
    replace(
      $("#app"),
      h(
        "main",
        { class: "page" },
        h("h1", {}, "This console needs the chair's link"),
        h("p", {}, "Open the link you were given when the conference was created, on this device."),
      ),
    ),
});
let displayUrl = localStorage.getItem(keys.displayUrl(conferenceId));

async function makeDisplayLink() {
  const response = await fetch(`/api/conferences/${conferenceId}/display-link`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
  });
  const answer = await response.json();
  if (!response.ok) {
    notice(answer.error.message);
    return;
  }
  displayUrl = answer.display_url;
  localStorage.setItem(keys.displayUrl(conferenceId), displayUrl);
  render();
}

// ---------------------------------------------------------------- header and share

function renderHeader(board) {
  const conf = board.conference;
  $("#title").textContent = conf.title;
  document.title = `${conf.title} — Chair's console`;
  const banner = $("#banner");
  banner.hidden = !conf.closed_session && conf.status === "open";
  banner.className = `banner ${conf.closed_session ? "banner-closed" : "banner-info"}`;
  banner.textContent = conf.closed_session
    ? "Closed session: the family and the projector see nothing until you end it. What is added now stays private."
    : conf.status === "locked"
      ? "The board is locked: only you can change it."
      : conf.status === "closed"
        ? "This conference has ended. The board can no longer change."
        : "";
  const closed = conf.status === "closed";
  replace(
    $("#actions"),
    displayUrl
      ? h(
          "a",
          { class: "button secondary", href: displayUrl, target: "_blank", rel: "noopener" },
          "Open the projector view",
        )
      : h("button", { type: "button", class: "secondary", onclick: makeDisplayLink }, "Make a projector link"),
    h(
      "button",
      {
        type: "button",
        class: conf.closed_session ? "warning-button" : "secondary",
        disabled: closed,
        onclick: () => send(conf.closed_session ? "session.open" : "session.close"),
      },
      conf.closed_session ? "End closed session" : "Start closed session",
    ),
    h(
      "button",
      {
        type: "button",
        class: "secondary",
        disabled: closed,
        onclick: () => send(conf.status === "locked" ? "conference.unlock" : "conference.lock"),
      },
      conf.status === "locked" ? "Unlock the board" : "Lock the board",
    ),
    h(
      "button",
      {
        type: "button",
        class: "danger",
        disabled: closed,
        onclick: () => {
          if (confirm("End the conference? Nobody will be able to change the board after this."))
            send("conference.close");
        },
      },
      "End the conference",
    ),
  );
}

function renderShare(board) {
  const code = board.conference.join_code;
  const share = $("#share");
  if (share.dataset.code === code) return;
  share.dataset.code = code;
  const joinUrl = `${location.origin}/j/${code}`;
  replace(
    share,
    h("h2", { id: "share-h" }, "Invite people"),
    h("p", {}, "Join code"),
    h(
      "p",
      { class: "join-code", "aria-label": `Join code ${code.split("").join(" ")}` },
      `${code.slice(0, 4)} ${code.slice(4)}`,
    ),
    h("img", { class: "qr", src: `/qr/${code}.svg`, alt: `QR code that opens ${joinUrl}`, width: 180, height: 180 }),
    h("p", {}, h("a", { href: joinUrl }, joinUrl)),
  );
}

// ---------------------------------------------------------------- people

function memberRow(m, actions) {
  const online = client.online.includes(m.member_id);
  const role = m.kind === "facilitator" ? "Chair" : m.kind === "display" ? "Projector" : words.role(m.role);
  return h(
    "li",
    { class: "person" },
    h("span", { class: `dot ${online ? "on" : ""}`, title: online ? "Connected" : "Not connected" }),
    h("span", { class: "person-name" }, m.name),
    h(
      "span",
      { class: "person-role" },
      role + (m.kind === "offline" ? (m.present ? " · no phone" : " · apologies") : ""),
    ),
    actions,
  );
}

function renderPeople(board) {
  const waiting = board.members.filter((m) => m.status === "waiting");
  replace(
    $("#lobby"),
    waiting.length
      ? h(
          "ul",
          { class: "people" },
          waiting.map((m) =>
            memberRow(
              m,
              h(
                "span",
                { class: "row-actions" },
                h(
                  "button",
                  {
                    type: "button",
                    onclick: () => send("member.admit", { member_id: m.member_id }),
                    "aria-label": `Let ${m.name} in`,
                  },
                  "Let in",
                ),
                h(
                  "button",
                  {
                    type: "button",
                    class: "secondary",
                    onclick: () => send("member.remove", { member_id: m.member_id }),
                    "aria-label": `Remove ${m.name}`,
                  },
                  "Remove",
                ),
              ),
            ),
          ),
        )
      : h("p", { class: "hint" }, "Nobody is waiting."),
  );
  const present = board.members.filter((m) => m.status !== "waiting" && m.status !== "removed");
  replace(
    $("#people"),
    h(
      "ul",
      { class: "people" },
      present.map((m) =>
        memberRow(
          m,
          m.kind === "facilitator"
            ? null
            : h(
                "button",
                {
                  type: "button",
                  class: "link",
                  onclick: () => confirm(`Remove ${m.name}?`) && send("member.remove", { member_id: m.member_id }),
                  "aria-label": `Remove ${m.name}`,
                },
                "Remove",
              ),
        ),
      ),
    ),
  );
}

// ---------------------------------------------------------------- moderation

function renderModeration(board) {
  const pending = board.items.filter((i) => i.status === "pending");
  replace(
    $("#moderation"),
    pending.length
      ? h(
          "ul",
          { class: "items" },
          pending.map((item) =>
            itemCard(words, board, item, {
              extra: h(
                "div",
                { class: "row-actions" },
                editor(item) ||
                  h(
                    "span",
                    {},
                    h("button", { type: "button", onclick: () => send("item.accept", { id: item.id }) }, "Accept"),
                    h(
                      "button",
                      { type: "button", class: "secondary", onclick: () => startEditing(item) && render() },
                      "Edit first",
                    ),
                    h(
                      "button",
                      { type: "button", class: "secondary", onclick: () => send("item.reject", { id: item.id }) },
                      "Reject",
                    ),
                  ),
              ),
            }),
          ),
        )
      : h(
          "p",
          { class: "hint" },
          board.conference.moderation ? "Nothing to check." : "Items go straight onto the board.",
        ),
  );
}

// ---------------------------------------------------------------- the board

function editor(item) {
  if (!editing.has(item.id)) return null;
  const save = () => {
    const text = editing.get(item.id);
    editing.delete(item.id);
    send("item.edit", { id: item.id, version: editedFrom.get(item.id) ?? item.version, text });
  };
  return h(
    "form",
    { class: "stack", onsubmit: (e) => (e.preventDefault(), save()) },
    h("label", { for: `edit-${item.id}` }, "Change the words"),
    h("textarea", {
      id: `edit-${item.id}`,
      rows: 3,
      maxlength: words.limits.item_text,
      value: editing.get(item.id),
      dataset: { focusKey: `edit-${item.id}` },
      oninput: (e) => {
        editing.set(item.id, e.target.value);
        plainLanguage(e.target.value, $(`#hints-${item.id}`));
      },
    }),
    h("div", { class: "hints", id: `hints-${item.id}`, "aria-live": "polite" }),
    h(
      "span",
      {},
      h("button", { type: "submit" }, "Save"),
      h("button", { type: "button", class: "secondary", onclick: () => (editing.delete(item.id), render()) }, "Cancel"),
    ),
  );
}

function neighbours(board, item) {
  const same = board.items.filter((i) => i.column === item.column && i.status === "accepted");
  const at = same.findIndex((i) => i.id === item.id);
  return { before: same[at - 1], after: same[at + 1], after2: same[at + 2] };
}

function moveUp(board, item) {
  const { before } = neighbours(board, item);
  if (before) send("item.move", { id: item.id, column: item.column, category: item.category, before: before.id });
}

function moveDown(board, item) {
  const { after, after2 } = neighbours(board, item);
  if (!after) return;
  const payload = { id: item.id, column: item.column, category: item.category };
  if (after2) payload.before = after2.id;
  send("item.move", payload);
}

function moveTargets() {
  const out = [];
  for (const col of words.columns) {
    for (const cat of col.categories)
      out.push({ value: `${col.key}|${cat.key}`, label: `${col.heading} — ${cat.label}` });
    out.push({ value: `${col.key}|`, label: `${col.heading} — not sorted` });
  }
  return out;
}

function chairItem(board, item) {
  const controls = h(
    "div",
    { class: "item-actions" },
    h(
      "button",
      {
        type: "button",
        class: "small",
        onclick: () => (startEditing(item), render()),
        "aria-label": `Edit: ${item.text}`,
      },
      "Edit",
    ),
    h(
      "button",
      { type: "button", class: "small", onclick: () => moveUp(board, item), "aria-label": `Move up: ${item.text}` },
      "↑",
    ),
    h(
      "button",
      { type: "button", class: "small", onclick: () => moveDown(board, item), "aria-label": `Move down: ${item.text}` },
      "↓",
    ),
    h(
      "select",
      {
        class: "small",
        "aria-label": `Move to another heading: ${item.text}`,
        onchange: (e) => {
          const [column, category] = e.target.value.split("|");
          if (column) send("item.move", { id: item.id, column, category: category || null });
        },
      },
      h("option", { value: "" }, "Move to…"),
      moveTargets().map((t) => h("option", { value: t.value }, t.label)),
    ),
    h(
      "button",
      {
        type: "button",
        class: "small",
        "aria-pressed": item.voice === "child" ? "true" : "false",
        onclick: () =>
          send("item.edit", { id: item.id, version: item.version, voice: item.voice === "child" ? null : "child" }),
      },
      "Child's words",
    ),
    h(
      "button",
      {
        type: "button",
        class: "small danger",
        onclick: () => confirm("Delete this item?") && send("item.delete", { id: item.id }),
        "aria-label": `Delete: ${item.text}`,
      },
      "Delete",
    ),
  );
  const card = itemCard(words, board, item, { fresh: client.fresh.has(item.id), extra: editor(item) || controls });
  card.draggable = true;
  card.addEventListener("dragstart", (e) => {
    e.dataTransfer.setData("text/plain", item.id);
    e.dataTransfer.effectAllowed = "move";
  });
  card.addEventListener("dragover", (e) => e.preventDefault());
  card.addEventListener("drop", (e) => {
    e.preventDefault();
    e.stopPropagation();
    const id = e.dataTransfer.getData("text/plain");
    if (id && id !== item.id) send("item.move", { id, column: item.column, category: item.category, before: item.id });
  });
  return card;
}

function addForm(column) {
  const id = `add-${column.key}`;
  const isPlan = column.key === "next_steps";
  const form = h(
    "form",
    { class: "add-item stack", id },
    h("label", { for: `${id}-text` }, `Add to "${column.heading}"`),
    h("textarea", {
      id: `${id}-text`,
      rows: 2,
      maxlength: words.limits.item_text,
      required: true,
      oninput: (e) => plainLanguage(e.target.value, $(`#${id}-hints`)),
    }),
    h("div", { class: "hints", id: `${id}-hints`, "aria-live": "polite" }),
    h("label", { for: `${id}-category` }, "Heading"),
    h(
      "select",
      { id: `${id}-category` },
      h("option", { value: "" }, "Not sorted yet"),
      column.categories.map((c) => h("option", { value: c.key }, c.label)),
    ),
    isPlan
      ? [
          h("label", { for: `${id}-owner` }, "Who will do it"),
          h("input", { id: `${id}-owner`, maxlength: words.limits.owner }),
          h("label", { for: `${id}-due` }, "By when"),
          h("input", { id: `${id}-due`, type: "date" }),
        ]
      : null,
    h(
      "label",
      { class: "check" },
      h("input", { type: "checkbox", id: `${id}-child` }),
      "These are the child's own words",
    ),
    h("button", { type: "submit" }, "Add"),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const payload = { column: column.key, text: $(`#${id}-text`).value };
    const category = $(`#${id}-category`).value;
    if (category) payload.category = category;
    if (isPlan) {
      if ($(`#${id}-owner`).value.trim()) payload.owner = $(`#${id}-owner`).value;
      if ($(`#${id}-due`).value) payload.due = $(`#${id}-due`).value;
    }
    if ($(`#${id}-child`).checked) payload.voice = "child";
    send("item.add", payload);
    form.reset();
    replace($(`#${id}-hints`));
    $(`#${id}-text`).focus();
  });
  return form;
}

function buildColumns() {
  replace(
    $("#board"),
    words.columns.map((column) =>
      h(
        "section",
        { class: `column column-${column.key}`, "aria-labelledby": `col-${column.key}` },
        h(
          "h2",
          { id: `col-${column.key}` },
          column.heading,
          " ",
          h("span", { class: "count", id: `count-${column.key}` }),
        ),
        h("div", { class: "groups", id: `groups-${column.key}` }),
        addForm(column),
      ),
    ),
  );
}

function renderBoard(board) {
  for (const column of words.columns) {
    const items = board.items.filter((i) => i.column === column.key && i.status === "accepted");
    $(`#count-${column.key}`).textContent = `(${items.length})`;
    const groups = [
      ...column.categories.map((c) => ({ key: c.key, label: c.label })),
      { key: null, label: "Not sorted yet" },
    ];
    replace(
      $(`#groups-${column.key}`),
      groups.map((g) => {
        const mine = items.filter((i) => (i.category || null) === g.key);
        if (!mine.length && g.key === null) return null;
        const list = h(
          "ul",
          { class: "items", "aria-label": g.label },
          mine.map((item) => chairItem(board, item)),
        );
        list.addEventListener("dragover", (e) => e.preventDefault());
        list.addEventListener("drop", (e) => {
          e.preventDefault();
          const id = e.dataTransfer.getData("text/plain");
          if (id) send("item.move", { id, column: column.key, category: g.key });
        });
        return h("div", { class: "group" }, h("h3", {}, g.label), list);
      }),
    );
  }
}

// ---------------------------------------------------------------- statements

function renderStatements(board) {
  const dangers = board.statements.filter((s) => s.kind === "danger");
  $("#danger-warning").hidden = dangers.length < 4;
  replace(
    $("#statements"),
    dangers.length ? null : h("p", { class: "hint" }, "No danger statements yet."),
    h(
      "ol",
      { class: "statements" },
      dangers.map((s) => {
        const goal = board.statements.find((g) => g.kind === "safety_goal" && g.pairs_with === s.id);
        const key = `goal-${s.id}`;
        return h(
          "li",
          { class: `statement${s.private ? " private" : ""}` },
          h("p", { class: "danger-text" }, dangerSentence(s)),
          s.private ? h("p", { class: "badge private" }, "Private: from a closed session") : null,
          h(
            "button",
            {
              type: "button",
              class: "small danger",
              onclick: () => confirm("Delete this danger statement?") && send("statement.delete", { id: s.id }),
            },
            "Delete",
          ),
          h("h4", {}, "Safety goal"),
          goal && !editing.has(key)
            ? h(
                "p",
                { class: "goal-text" },
                goal.text,
                " ",
                h(
                  "button",
                  { type: "button", class: "small", onclick: () => (startEditing(goal, key), render()) },
                  "Change",
                ),
              )
            : h(
                "form",
                {
                  class: "stack",
                  onsubmit: (e) => {
                    e.preventDefault();
                    const text = editing.get(key) || "";
                    editing.delete(key);
                    if (goal)
                      send("statement.edit", { id: goal.id, version: editedFrom.get(key) ?? goal.version, text });
                    else send("statement.add", { kind: "safety_goal", text, pairs_with: s.id });
                  },
                },
                h("label", { for: key }, "What the family will be doing when the children are safe"),
                h("textarea", {
                  id: key,
                  rows: 2,
                  value: editing.get(key) || "",
                  dataset: { focusKey: key },
                  oninput: (e) => editing.set(key, e.target.value),
                }),
                h("button", { type: "submit" }, goal ? "Save safety goal" : "Add safety goal"),
              ),
        );
      }),
    ),
  );
}

function setupDangerForm() {
  const fields = ["who", "behaviour", "impact", "disagreement"];
  const read = () => Object.fromEntries(fields.map((f) => [f, $(`#danger-${f}`).value.trim()]));
  const preview = () => {
    const sentence = dangerSentence(read());
    $("#danger-preview").textContent = sentence || "The statement will appear here as you type.";
    plainLanguage(sentence, $("#danger-hints"));
  };
  for (const f of fields) $(`#danger-${f}`).addEventListener("input", preview);
  preview();
  $("#danger-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const payload = { kind: "danger" };
    for (const [k, v] of Object.entries(read())) if (v) payload[k] = v;
    send("statement.add", payload);
    e.target.reset();
    preview();
  });
}

// ---------------------------------------------------------------- scaling

function renderScaling(board) {
  const about = $("#round-about");
  const current = about.value;
  replace(
    about,
    h("option", { value: "" }, "The whole situation"),
    board.statements
      .filter((s) => s.kind === "danger")
      .map((s) => h("option", { value: s.id }, `Danger statement: ${dangerSentence(s).slice(0, 80)}`)),
  );
  about.value = current;
  const scorers = board.members.filter(
    (m) => (m.kind === "participant" && m.status === "admitted") || m.kind === "facilitator",
  ).length;
  const open = board.rounds.find((r) => r.status === "open");
  $("#round-form").hidden = Boolean(open) || board.conference.status === "closed";
  replace(
    $("#scaling"),
    open
      ? h(
          "div",
          { class: "round open-round" },
          h("p", { class: "round-question" }, open.question),
          h("p", { class: "round-count", "aria-live": "polite" }, `${open.count} of ${scorers} have scored`),
          h("label", { for: "chair-score" }, "Your own score (optional)"),
          h(
            "select",
            {
              id: "chair-score",
              onchange: (e) =>
                e.target.value !== "" && send("round.score", { round_id: open.id, score: Number(e.target.value) }),
            },
            h("option", { value: "" }, open.mine ? `You scored ${open.mine.score}` : "Choose…"),
            Array.from({ length: 11 }, (_, n) => h("option", { value: n }, String(n))),
          ),
          h(
            "span",
            { class: "row-actions" },
            h(
              "button",
              { type: "button", class: "secondary", onclick: () => send("round.close", { round_id: open.id }) },
              "Close scoring",
            ),
            h(
              "button",
              { type: "button", onclick: () => send("round.reveal", { round_id: open.id }) },
              "Reveal the scores",
            ),
          ),
        )
      : null,
    board.rounds
      .filter((r) => r.status === "closed")
      .reverse()
      .map((r) =>
        h(
          "div",
          { class: "round" },
          h("p", { class: "round-question" }, r.question),
          r.revealed
            ? [
                scoreChart(r),
                h(
                  "table",
                  {},
                  h(
                    "caption",
                    {},
                    `${r.summary.n} scores · lowest ${r.summary.min ?? "–"} · highest ${r.summary.max ?? "–"} · middle ${r.summary.median ?? "–"}`,
                  ),
                  h(
                    "thead",
                    {},
                    h(
                      "tr",
                      {},
                      h("th", { scope: "col" }, "Who"),
                      h("th", { scope: "col" }, "Score"),
                      h("th", { scope: "col" }, "Why"),
                    ),
                  ),
                  h(
                    "tbody",
                    {},
                    Object.entries(r.scores).map(([mid, s]) => {
                      const m = client.member(mid);
                      return h(
                        "tr",
                        {},
                        h(
                          "td",
                          {},
                          m ? `${m.name}${m.role ? ` (${words.role(m.role).toLowerCase()})` : ""}` : "Someone",
                        ),
                        h("td", {}, String(s.score)),
                        h("td", {}, s.reason || ""),
                      );
                    }),
                  ),
                ),
              ]
            : [
                h("p", {}, `${r.count} scored. The scores are hidden until you reveal them.`),
                h(
                  "button",
                  { type: "button", onclick: () => send("round.reveal", { round_id: r.id }) },
                  "Reveal the scores",
                ),
              ],
        ),
      ),
  );
}

function setupRoundForm() {
  const v = words.v;
  $("#round-question").value = v.default_question;
  $("#round-low").value = v.default_low_label;
  $("#round-high").value = v.default_high_label;
  $("#round-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const payload = {
      question: $("#round-question").value,
      low_label: $("#round-low").value,
      high_label: $("#round-high").value,
    };
    if ($("#round-about").value) payload.statement_id = $("#round-about").value;
    send("round.open", payload);
  });
}

// ---------------------------------------------------------------- plain language and minutes

const hintTimers = new Map();

// A hint, never a block: the words that may lose the family, with a plainer way to say them.
function plainLanguage(text, target) {
  clearTimeout(hintTimers.get(target));
  hintTimers.set(
    target,
    setTimeout(async () => {
      if (!text.trim()) {
        replace(target);
        return;
      }
      try {
        const response = await fetch("/api/plain-language", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ text }),
        });
        const answer = await response.json();
        if (!response.ok) return;
        replace(
          target,
          answer.flags.length
            ? h(
                "ul",
                { class: "hint-list" },
                answer.flags.map((f) => h("li", {}, h("strong", {}, `“${f.term}”`), ` ${f.why} Try: ${f.suggestion}`)),
              )
            : null,
        );
      } catch {
        /* hints are optional */
      }
    }, 400),
  );
}

async function download(fmt, copy) {
  $("#export-status").textContent = "Preparing…";
  const response = await fetch(`/api/conferences/${conferenceId}/minutes.${fmt}?copy=${copy}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) {
    const answer = await response.json();
    $("#export-status").textContent = answer.error.message;
    return;
  }
  const name = (response.headers.get("Content-Disposition") || "").match(/filename="([^"]+)"/);
  const url = URL.createObjectURL(await response.blob());
  const link = h("a", { href: url, download: name ? name[1] : `minutes.${fmt}` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  $("#export-status").textContent = `Downloaded ${name ? name[1] : fmt}.`;
}

function setupExport() {
  replace(
    $("#export"),
    ["full", "family"].map((copy) =>
      h(
        "div",
        { class: "export-row", role: "group", "aria-label": copy === "full" ? "Full record" : "Family copy" },
        h("p", { class: "export-label" }, copy === "full" ? "Full record" : "Family copy"),
        words.formats.map(({ key: fmt, label }) =>
          h(
            "button",
            {
              type: "button",
              class: "secondary small",
              onclick: () => download(fmt, copy),
              "aria-label": `${copy === "full" ? "Full record" : "Family copy"} as ${label}`,
            },
            label,
          ),
        ),
      ),
    ),
  );
}

// ---------------------------------------------------------------- decision, settings, people form

function setupForms() {
  replace(
    $("#person-role"),
    words.v.roles.map((r) => h("option", { value: r.key }, r.label)),
  );
  $("#add-person").addEventListener("submit", (e) => {
    e.preventDefault();
    send("member.add", {
      name: $("#person-name").value,
      role: $("#person-role").value,
      present: $("#person-present").checked,
    });
    e.target.reset();
  });
  $("#setting-lobby").addEventListener("change", (e) => send("conference.update", { lobby: e.target.checked }));
  $("#setting-moderation").addEventListener("change", (e) =>
    send("conference.update", { moderation: e.target.checked }),
  );
  replace(
    $("#focus"),
    h("option", { value: "" }, "The whole board"),
    words.columns.map((c) => h("option", { value: c.key }, c.heading)),
    h("option", { value: "statements" }, "Danger statements and safety goals"),
    h("option", { value: "scaling" }, "Scaling"),
  );
  $("#focus").addEventListener("change", (e) => send("conference.focus", { section: e.target.value || null }));
  replace(
    $("#decision-outcome"),
    h("option", { value: "" }, "Not decided yet"),
    words.v.outcomes.map((o) => h("option", { value: o.key }, o.label)),
  );
  replace(
    $("#decision-categories"),
    words.v.abuse_categories.map((c) =>
      h("label", { class: "check" }, h("input", { type: "checkbox", value: c.key, name: "harm" }), c.label),
    ),
  );
  $("#decision-form").addEventListener("submit", (e) => {
    e.preventDefault();
    send("decision.record", {
      outcome: $("#decision-outcome").value || null,
      categories: [...document.querySelectorAll("input[name=harm]:checked")].map((i) => i.value),
      text: $("#decision-text").value,
      dissent: $("#decision-dissent").value,
      next_meeting: $("#decision-next").value || null,
    });
    $("#decision-saved").textContent = "Saved.";
  });
  setupDangerForm();
  setupRoundForm();
  setupExport();
}

function fillForms(board) {
  const conf = board.conference;
  const sending = (type) => client.outbox.some((op) => op.type === type);
  // a change the chair just made is not undone by an older state while it is on its way
  if (!sending("conference.update")) {
    $("#setting-lobby").checked = conf.lobby;
    $("#setting-moderation").checked = conf.moderation;
  }
  if (!sending("conference.focus")) $("#focus").value = conf.focus || "";
  if (formsFilled) return;
  formsFilled = true;
  const d = conf.decision;
  if (d) {
    $("#decision-outcome").value = d.outcome || "";
    for (const box of document.querySelectorAll("input[name=harm]")) box.checked = d.categories.includes(box.value);
    $("#decision-text").value = d.text || "";
    $("#decision-dissent").value = d.dissent || "";
    $("#decision-next").value = d.next_meeting || "";
  }
}

// ---------------------------------------------------------------- wiring

function render() {
  const board = client.board;
  if (!board) return;
  keepFocus(() => {
    renderHeader(board);
    renderShare(board);
    renderPeople(board);
    renderModeration(board);
    renderBoard(board);
    renderStatements(board);
    renderScaling(board);
    fillForms(board);
  });
}

if (client) {
  buildColumns();
  setupForms();
}
