// The vocabulary the server sends (Vocabulary) and the pieces the three screens build from it.
import { t, tn } from "./i18n.js";
import { h } from "./dom.js";
import { typedFields, typedTextOf } from "./outbox.js";
import { dayAndMonth, longDate, whoAndWhen } from "./sentences.js";

export class Vocabulary {
  constructor(vocabulary) {
    this.v = vocabulary;
    this.columns = vocabulary.columns;
    this.columnOrder = vocabulary.columns.map((c) => c.key);
    this.roles = Object.fromEntries(vocabulary.roles.map((r) => [r.key, r]));
    this.kinds = Object.fromEntries(vocabulary.kinds.map((k) => [k.key, k.label]));
    this.outcomes = Object.fromEntries(vocabulary.outcomes.map((o) => [o.key, o.label]));
    this.harms = Object.fromEntries(vocabulary.abuse_categories.map((o) => [o.key, o.label]));
    this.limits = vocabulary.limits; // every maxlength on every screen comes from here
    this.formats = vocabulary.minutes_formats;
    this.planColumn = vocabulary.plan_column; // the column whose items have an owner and a date
    this.childRole = vocabulary.child_role;
    this.heardHow = Object.fromEntries(vocabulary.heard_how.map((x) => [x.key, x.label]));
  }

  // this board's kind of meeting: its words ("Worry statement"), its decision, its roles
  kindOf(board) {
    return this.v.kinds.find((k) => k.key === board.conference.kind) || this.v.kinds[0];
  }

  statementWord(board) {
    return this.kindOf(board).statement;
  }

  // "Danger statements and safety goals", in the page's language
  statementsHeading(board) {
    return this.kindOf(board).statements_heading;
  }

  column(key) {
    return this.columns.find((c) => c.key === key);
  }

  category(column, key) {
    const found = this.column(column).categories.find((c) => c.key === key);
    return found ? found.label : t("Not sorted yet");
  }

  role(key) {
    return this.roles[key] ? this.roles[key].label : "";
  }

  isFamily(role) {
    return Boolean(this.roles[role] && this.roles[role].side === "family");
  }
}

// "School and Sam are worried that … If nothing changes, …": in sentences.js (pure, tested under Node)
export { dangerSentence } from "./sentences.js";

// The name a chair who gave none has on the board (the domain's DEFAULT_CHAIR_NAME, checked
// equal by tests/web/test_assets.py): every screen says it as "Chair" in its own language, once
export const UNNAMED_CHAIR = "Chair";

export function isUnnamedChair(m) {
  return m.kind === "facilitator" && m.name === UNNAMED_CHAIR;
}

// "Sam Chair (chair)"; a chair who gave no name is "Chair", never "Chair (chair)"
export function chairLine(m) {
  return m.name === UNNAMED_CHAIR ? t("Chair") : t("{name} (chair)", { name: m.name });
}

export function authorLine(vocab, board, item) {
  const author = board.members.find((m) => m.member_id === item.author);
  if (!author) return "";
  if (author.kind === "facilitator") return chairLine(author);
  const role = shortRole(vocab, author.role);
  return role ? t("{name} ({role})", { name: author.name, role }) : author.name;
}

// "In Jayden's own words (6) — Three Houses, House of Worries": the child, never the typist
export function childCredit(vocab, board, item) {
  const child = item.child_id && (board.conference.children || []).find((c) => c.id === item.child_id);
  const who = child
    ? child.age === null || child.age === undefined
      ? t("In {name}'s own words", { name: child.name })
      : t("In {name}'s own words ({age})", { name: child.name, age: child.age })
    : t("In the child's own words");
  const how = item.heard_how && vocab.heardHow[item.heard_how];
  return how ? `${who} — ${how}` : who;
}

function goalLine(board, item) {
  const goal = board.statements.find((st) => st.id === item.goal_id);
  return goal ? h("p", { class: "item-meta" }, t("For the safety goal: {goal}", { goal: goal.text })) : null;
}

// "Since last time: Done": what the review said of an action carried from last time
export function actionStatus(vocab, item) {
  const status = item.carried && item.carried.status;
  const said = status && vocab.v.action_review.find((x) => x.key === status);
  if (!said) return null;
  return h(
    "p",
    { class: `action-status action-${status}` },
    t("Since last time: {what}", { what: said.label }) + (item.carried.note ? ` — ${item.carried.note}` : ""),
  );
}

// Is the meeting still ahead? (a board without a date has no "before"; the device's clock,
// the server decides)
export function beforeMeeting(board) {
  const at = board.conference.meeting_at;
  return Boolean(at) && Date.now() < new Date(at).getTime();
}

// "From Dr Ana Nowak's report, sent 2 December": an item an invited professional added no
// later than they sent their report came in that report, before the meeting
export function reportLine(board, item) {
  const author = board.members.find((m) => m.member_id === item.author);
  if (!author || !author.invited || !author.report_submitted_at || item.created_at > author.report_submitted_at)
    return null;
  return h(
    "p",
    { class: "item-meta report-line" },
    t("From {name}'s report, sent {date}", { name: author.name, date: dayAndMonth(author.report_submitted_at) }),
  );
}

// what the family never sees says so: kept from them before the meeting, or said in the
// closed session (the console and the professionals' phones; the projector never has it)
function privateBadge(board, item) {
  // in a report not sent yet: the family is sent it with the report
  if (item.held && !item.private) return h("span", { class: "badge held" }, t("Not sent to the family yet"));
  if (!item.private) return null;
  // how it was made private (`kept`, set by the server), never its time against meeting_at;
  // an item logged before items carried `kept` is read the old way
  const at = board.conference.meeting_at;
  const kept = "kept" in item ? item.kept : at && new Date(item.created_at).getTime() < new Date(at).getTime();
  return h("span", { class: "badge private" }, kept ? t("Kept from the family") : t("Said in the closed session"));
}

export function itemCard(vocab, board, item, { fresh = false, extra = null } = {}) {
  return h(
    "li",
    {
      class: `item${item.voice === "child" ? " child-voice" : ""}${item.status === "pending" ? " pending" : ""}${fresh ? " fresh" : ""}`,
      dataset: { id: item.id },
    },
    item.voice === "child" ? h("span", { class: "badge child" }, childCredit(vocab, board, item)) : null,
    item.carried ? h("span", { class: "badge carried-badge" }, t("From last time")) : null,
    privateBadge(board, item),
    h("p", { class: "item-text" }, item.voice === "child" ? t("“{text}”", { text: item.text }) : item.text),
    item.source ? h("p", { class: "item-meta" }, t("From: {source}", { source: item.source })) : null,
    item.owner || item.due
      ? h(
          "p",
          { class: "item-meta" },
          [
            item.owner ? t("Who: {who}", { who: item.owner }) : "",
            item.due ? t("By: {date}", { date: longDate(item.due) }) : "",
          ]
            .filter(Boolean)
            .join(" · "),
        )
      : null,
    item.goal_id ? goalLine(board, item) : null,
    actionStatus(vocab, item),
    h("p", { class: "item-author" }, authorLine(vocab, board, item)),
    reportLine(board, item),
    item.status === "pending" ? h("p", { class: "badge badge-waiting" }, t("Waiting for the chair")) : null,
    responsesList(item),
    extra,
  );
}

// What members answered (item.respond), beside the item on every screen
export function responsesList(item) {
  const said = item.responses || [];
  if (!said.length) return null;
  return h(
    "ul",
    { class: "responses", "aria-label": t("Answers") },
    said.map((r) => h("li", { class: "response" }, t("{name} answered: “{text}”", { name: r.name, text: r.text }))),
  );
}

// The accepted items of one column, in the board's order (board-fold.js sortItems, the one
// sort); `shown`: without what was said in a closed session (the projector).
export function columnItems(board, column, { shown = false } = {}) {
  return board.items.filter((i) => i.column === column && i.status === "accepted" && !(shown && i.private));
}

// "Not saved — your words": each refused change that carried typed words, with the
// server's sentence and Copy / Try again / Discard. Nothing typed is ever thrown away.
export function notSavedCards(client) {
  return client.returned.map(({ op, error }) => {
    const texts = typedTextOf(op);
    const typed = texts.join("\n\n");
    // one piece of text (an item, a reason): it can be put right here and sent again
    // (words from a list, such as the children's names, are copied rather than edited here)
    const editable = texts.length === 1 && typedFields(op).length === 1 && error && error.code !== "closed";
    const box = h("textarea", {
      readonly: !editable,
      rows: Math.min(6, typed.split("\n").length + 1),
      "aria-label": t("Your words"),
      value: typed,
    });
    const copy = async () => {
      try {
        await navigator.clipboard.writeText(typed);
      } catch {
        box.select(); // no clipboard (not https): leave it selected for the phone's own Copy
        document.execCommand && document.execCommand("copy");
      }
    };
    return h(
      "section",
      { class: "not-saved", "aria-label": t("Not saved — your words") },
      h("h2", {}, t("Not saved — your words")),
      h("p", {}, (error && error.message) || t("This change could not be saved.")),
      box,
      h(
        "div",
        { class: "row-actions" },
        error && error.code === "closed"
          ? null
          : h(
              "button",
              { type: "button", onclick: () => client.retryReturned(op.op_id, editable ? box.value : null) },
              t("Try again"),
            ),
        h("button", { type: "button", class: "secondary", onclick: copy }, t("Copy")),
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: () =>
              confirm(t("Let these words go? They will be gone from this device.")) && client.discardReturned(op.op_id),
          },
          t("Discard"),
        ),
      ),
    );
  });
}

// In the meeting now: the member's `present` (the domain's fact: false for an apology and
// for someone invited before the meeting the chair has not let in to it, who may only have
// sent a report), neither waiting nor removed — conference/domain/state.py in_meeting.
export function inMeeting(m) {
  return Boolean(m.present) && m.status !== "removed" && m.status !== "waiting";
}

// Who can score in a round: the chair, everyone in the meeting with a phone, and those in
// the room without one (the chair gives their score aloud). "4 of 7 have scored" counts these.
export function scorers(board) {
  return board.members.filter((m) => ["facilitator", "participant", "offline"].includes(m.kind) && inMeeting(m)).length;
}

// A step of the plan: sorted by the chair under Next steps, or with a person or a date —
// the same rule as the minutes (conference/domain/state.py in_plan). An item not yet sorted
// with neither stays in its column but is not listed as an agreed step.
export function inPlan(vocab, item) {
  return item.column === vocab.planColumn && (item.category === "actions" || Boolean(item.owner) || Boolean(item.due));
}

// the category of harm, the lead social worker and the first core group: what the
// family needs to know of the decision besides its outcome (the minutes say the same), the
// same on the projector and the phones; the date in the screen's language
export function decisionDetails(vocab, d) {
  if (!d) return null;
  return [
    d.categories && d.categories.length
      ? h("p", {}, t("Category: "), d.categories.map((c) => vocab.harms[c]).join(", "))
      : null,
    d.lead_social_worker ? h("p", {}, t("Lead social worker: {name}", { name: d.lead_social_worker })) : null,
    d.first_core_group ? h("p", {}, t("First core group: {date}", { date: longDate(d.first_core_group) })) : null,
  ];
}

// "What happens next": the plan's actions with who and by when (projector and phone).
export function planSection(vocab, board) {
  const plan = board.items.filter((i) => inPlan(vocab, i) && i.status === "accepted" && !i.private);
  if (!plan.length) return null;
  return [
    h("h3", {}, t("What happens next")),
    h(
      "ul",
      { class: "plan" },
      plan.map((i) =>
        h(
          "li",
          {},
          h("p", { class: "item-text" }, i.text),
          whoAndWhen(i) ? h("p", { class: "plan-who" }, whoAndWhen(i)) : null,
          actionStatus(vocab, i),
        ),
      ),
    ),
  ];
}

// Who is in the meeting, for the family's phone and the projector: names and roles, how
// each is here, who sent apologies (the first thing parents say they did not know) and who
// sent a report but is not here.
export function peopleInMeeting(board) {
  const people = board.members.filter((m) => m.kind !== "display" && m.status !== "removed" && m.status !== "waiting");
  return {
    here: people.filter(inMeeting),
    apologies: people.filter((m) => m.kind === "offline" && !m.present),
    reportOnly: people.filter((m) => m.invited && !m.present && m.report_submitted_at),
  };
}

// "health (nurse, doctor, health visitor)" → "health": the role as a list of people says it
export function shortRole(vocab, role) {
  return vocab
    .role(role)
    .replace(/\s*\(.*\)\s*$/, "")
    .toLowerCase();
}

export function personLine(vocab, m) {
  if (m.kind === "facilitator") return chairLine(m);
  const role = shortRole(vocab, m.role);
  const how = m.kind === "offline" ? t("in the room") : t("on a phone");
  return t("{name}, {role} ({how})", { name: m.name, role, how });
}

// the list itself: one line a person here, then who sent apologies (phone and projector)
export function peopleList(vocab, board) {
  const { here, apologies, reportOnly } = peopleInMeeting(board);
  const named = (list) => list.map((m) => `${m.name} (${shortRole(vocab, m.role)})`).join(", ");
  return [
    h(
      "ul",
      { class: "people-list" },
      here.map((m) => h("li", {}, personLine(vocab, m))),
    ),
    apologies.length ? h("p", { class: "apologies" }, t("Sent apologies: {names}", { names: named(apologies) })) : null,
    reportOnly.length
      ? h("p", { class: "apologies" }, t("Sent a report but not here: {names}", { names: named(reportOnly) }))
      : null,
  ];
}

export function whoIsHere(vocab, board, { open = false } = {}) {
  const { here } = peopleInMeeting(board);
  return h(
    "details",
    { class: "who-here", open },
    h("summary", {}, tn("Who is in the meeting: {n} person", "Who is in the meeting: {n} people", here.length)),
    peopleList(vocab, board),
  );
}

// The agencies besides the family in the meeting: each professional role of someone in it
// (inMeeting: never the chair, an observer, an apology or someone who only sent a report),
// once — the same rule as the minutes (conference/domain/state.py agencies_present).
export function agenciesPresent(vocab, members) {
  const roles = [];
  for (const m of members) {
    const here = (m.kind === "participant" || m.kind === "offline") && inMeeting(m);
    const role = vocab.roles[m.role];
    if (here && role && role.side !== "family" && m.role !== "observer" && !roles.includes(m.role)) roles.push(m.role);
  }
  return roles;
}

// "Keep from the family": an item not yet sent to the family made private before the meeting,
// like a closed session's words (the chair on the console, the author in their own report)
export function keepFromFamilyButton(item, send, cls = "secondary") {
  return h(
    "button",
    {
      type: "button",
      class: cls,
      onclick: () => send("item.edit", { id: item.id, version: item.version, private: true }),
    },
    t("Keep from the family"),
  );
}
