// After the end: the chair corrects typing (each correction kept in the full record), then
// approves the minutes; and notes who each copy was sent to (the access record).
import { t } from "../i18n.js";
import { dangerSentence } from "../board-view.js";
import { $, h, replace } from "../dom.js";
import { longDate } from "../sentences.js";

// the decision's words the chair can correct after the end (record.correct, target "decision")
const DECISION_FIELDS = [
  ["text", t("Decision: what was decided")],
  ["dissent", t("Decision: who disagreed")],
  ["next_meeting_place", t("Decision: where the next meeting is")],
];

const STATEMENT_FIELDS = [
  ["who", "who is worried"],
  ["behaviour", t("what they are worried about")],
  ["impact", t("what could happen")],
  ["disagreement", t("who does not agree")],
  ["text", "words"],
];

export function recordPanel(ctx) {
  const { vocab, client, send, conferenceId, token } = ctx;

  // a refusal here is said in the notice under the stages (facilitate.js); the chair is
  // taken to what it is about: approval refused for a request still unanswered, to the
  // first such request; a decline refused (no reason), to that request's reason
  client.addEventListener("refused", (e) => {
    const { op, outcome } = e.detail;
    if (outcome !== "return") return;
    const id = op.type === "correction.decline" && op.payload && op.payload.id;
    const find =
      op.type === "record.approve"
        ? () => $("#record .corrections li.unanswered")
        : id
          ? () => document.getElementById(`reason-${id}`)
          : null;
    // after the console is drawn again for the refusal
    if (find) queueMicrotask(() => find() && find().focus());
  });

  // everything typed that can be corrected: [value, label, current words]
  function correctable(board) {
    const out = [];
    for (const item of board.items)
      out.push([`item|${item.id}|text`, t("Item: {text}", { text: item.text.slice(0, 60) }), item.text]);
    for (const s of board.statements) {
      const name =
        s.kind === "danger"
          ? t("Danger statement: {text}", { text: dangerSentence(s).slice(0, 40) })
          : t("Safety goal");
      for (const [field, label] of STATEMENT_FIELDS)
        if (s[field]) out.push([`statement|${s.id}|${field}`, `${name} — ${label}`, s[field]]);
    }
    for (const m of board.members)
      if (m.kind !== "display") out.push([`member|${m.member_id}|name`, t("Name: {name}", { name: m.name }), m.name]);
    const d = board.conference.decision;
    const panel = vocab.v.decision_panels[vocab.kindOf(board).decision] || [];
    if (d)
      for (const [field, label] of DECISION_FIELDS)
        if (panel.includes(field) || d[field]) out.push([`decision|decision|${field}`, label, d[field] || ""]);
    return out;
  }

  // which part a request is about, as a choice in "What to correct": its item or statement,
  // else what was decided (the words a request without a board item is most often about)
  function aboutChoice(board, c, options) {
    const id = c.about && c.about.id;
    const found = id && options.find(([value]) => value.split("|")[1] === id);
    if (found) return found[0];
    const decided = options.find(([value]) => value === "decision|decision|text");
    return decided ? decided[0] : chosen;
  }

  // requests for corrections from anyone who took part: each answered with a reason
  const reasons = {}; // correction id -> the reason typed so far (kept across redraws)
  const ANSWERED = { accepted: t("Accepted"), declined: t("Declined") };
  function requests(board) {
    const all = board.corrections || [];
    const until = board.conference.corrections_until;
    const approved = board.conference.approved;
    const head = [
      h("h3", {}, t("Requests for corrections")),
      approved
        ? h("p", { class: "hint" }, t("The minutes are approved: nobody can ask for a correction here any more."))
        : until
          ? h(
              "p",
              { class: "hint" },
              t("Anyone who took part can ask for a correction until {date}.", { date: longDate(until) }),
            )
          : null,
    ];
    if (!all.length) return [head, h("p", { class: "hint" }, t("Nobody has asked for a correction."))];
    return [
      head,
      h(
        "ul",
        { class: "corrections" },
        all.map((c) =>
          h(
            "li",
            {
              id: `request-${c.id}`,
              class: c.status === "requested" ? "unanswered" : null,
              tabindex: "-1",
              dataset: { focusKey: `request-${c.id}` },
            },
            h("p", {}, h("strong", {}, `${c.name}: `), `“${c.text}”`),
            c.about ? h("p", { class: "hint" }, t("About: {what}", { what: c.about.text || "" })) : null,
            c.status === "requested"
              ? [
                  // sent before the minutes were approved and not answered (an older board):
                  // nothing can change now, so it can only be declined
                  approved
                    ? h(
                        "p",
                        { class: "hint" },
                        t("The minutes are approved, so this request can only be declined, with your reason."),
                      )
                    : null,
                  h("label", { for: `reason-${c.id}` }, t("Your reason (needed to decline)")),
                  h("textarea", {
                    id: `reason-${c.id}`,
                    rows: 2,
                    maxlength: vocab.limits.correction,
                    value: reasons[c.id] || "",
                    oninput: (e) => (reasons[c.id] = e.target.value),
                    dataset: { focusKey: `reason-${c.id}` },
                  }),
                  approved
                    ? null
                    : h(
                        "button",
                        {
                          type: "button",
                          onclick: () => {
                            const reason = (reasons[c.id] || "").trim();
                            send("correction.accept", reason ? { id: c.id, reason } : { id: c.id });
                            // then correct what it is about, the form below set for it
                            answering = c.id;
                            chosen = aboutChoice(board, c, correctable(board));
                          },
                        },
                        t("Accept"),
                      ),
                  h(
                    "button",
                    {
                      type: "button",
                      class: "secondary",
                      onclick: () => send("correction.decline", { id: c.id, reason: reasons[c.id] || "" }),
                    },
                    t("Decline"),
                  ),
                ]
              : [
                  h("p", {}, h("strong", {}, ANSWERED[c.status]), c.reason ? ` — ${c.reason}` : ""),
                  (c.changes || []).map((ch) =>
                    h(
                      "p",
                      { class: "changed" },
                      t("Corrected: “{old}” → “{new}”", { old: ch.old || "", new: ch.new || "" }),
                    ),
                  ),
                  c.status === "accepted" && !board.conference.approved
                    ? h(
                        "button",
                        {
                          type: "button",
                          class: "secondary",
                          onclick: () => {
                            answering = c.id;
                            chosen = aboutChoice(board, c, correctable(board));
                            renderRecord(board);
                            $("#correction-text").focus();
                          },
                        },
                        t("Correct what it is about"),
                      )
                    : null,
                ],
          ),
        ),
      ),
    ];
  }

  // "Fix first" from the plain-language check (minutes.js): the form set for the first
  // flagged words it can correct, in view and focused (false: nothing here to correct)
  function correctFlagged(board, flags) {
    const conf = board.conference;
    if (conf.status !== "closed" || conf.approved) return false;
    const options = correctable(board);
    const value = flags.map((f) => flaggedOption(options, f)).find(Boolean);
    if (!value) return false;
    chosen = value;
    answering = "";
    renderRecord(board);
    $("#correction-text").focus();
    return true;
  }

  // the choice in "What to correct" holding a flag's words: its item or statement (by id),
  // else the words themselves (a safety goal, the decision); of a danger statement, which
  // is one sentence made of several fields, the field with most of the flagged words
  function flaggedOption(options, flag) {
    const words = (text) => (text || "").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
    const found = flag.id
      ? options.filter(([value]) => /^(item|statement)\|/.test(value) && value.split("|")[1] === flag.id)
      : options.filter(([value, , current]) => !value.startsWith("member|") && current === flag.text);
    const term = new Set(words(flag.term));
    let best = null;
    let most = -1;
    for (const [value, , current] of found) {
      const n = words(current).filter((w) => term.has(w)).length;
      if (n > most) [best, most] = [value, n];
    }
    return best;
  }

  let chosen = "";
  let answering = ""; // the accepted request the next correction answers ("" for none)
  function renderRecord(board) {
    const conf = board.conference;
    $("#record-panel").hidden = conf.status !== "closed";
    if (conf.status !== "closed") return;
    if (conf.approved) {
      replace(
        $("#record"),
        requests(board),
        h(
          "p",
          { class: "approved" },
          t("Approved by {who} on {date}. The minutes now say so.", {
            who: conf.approved.by_name,
            date: longDate(conf.approved.at.slice(0, 10)),
          }),
        ),
      );
      return;
    }
    const options = correctable(board);
    if (!options.some(([value]) => value === chosen)) chosen = options.length ? options[0][0] : "";
    const current = (options.find(([value]) => value === chosen) || [])[2] || "";
    const accepted = (board.corrections || []).filter((c) => c.status === "accepted");
    if (!accepted.some((c) => c.id === answering)) answering = "";
    replace(
      $("#record"),
      requests(board),
      h(
        "p",
        { class: "hint" },
        t("Correct any typing before you approve. Each correction is kept, old and new, in the full record."),
      ),
      h(
        "form",
        {
          class: "stack",
          onsubmit: (e) => {
            e.preventDefault();
            const [target, id, field] = chosen.split("|");
            const text = $("#correction-text").value;
            send(
              "record.correct",
              answering ? { target, id, field, text, correction: answering } : { target, id, field, text },
            );
          },
        },
        h("label", { for: "correction-for" }, t("For the request")),
        h(
          "select",
          { id: "correction-for", onchange: (e) => (answering = e.target.value) },
          h("option", { value: "", selected: !answering }, t("None: my own correction")),
          accepted.map((c) =>
            h("option", { value: c.id, selected: c.id === answering }, `${c.name}: ${c.text.slice(0, 60)}`),
          ),
        ),
        h("label", { for: "correction-what" }, t("What to correct")),
        h(
          "select",
          {
            id: "correction-what",
            onchange: (e) => {
              chosen = e.target.value;
              renderRecord(board);
            },
          },
          options.map(([value, label]) => h("option", { value, selected: value === chosen }, label)),
        ),
        h("label", { for: "correction-text" }, t("The right words")),
        h("textarea", {
          id: "correction-text",
          rows: 3,
          value: current,
          maxlength: chosen.startsWith("decision|") ? vocab.limits.decision_text : vocab.limits.statement_field,
          dataset: { focusKey: `correction-${chosen}` },
        }),
        h("button", { type: "submit", class: "secondary" }, t("Save the correction")),
      ),
      h(
        "button",
        {
          type: "button",
          onclick: () =>
            confirm(t("Approve the minutes? After this nothing on the board can be corrected.")) &&
            send("record.approve", {}),
        },
        t("Approve the minutes"),
      ),
    );
  }

  function setupDistribution() {
    replace(
      $("#distribution"),
      h("h3", {}, t("Who you sent the minutes to")),
      h("label", { for: "sent-to" }, t("Sent to (a name or a service)")),
      h("input", { id: "sent-to", maxlength: vocab.limits.name * 2 }),
      h("label", { for: "sent-copy" }, t("Which copy")),
      h(
        "select",
        { id: "sent-copy" },
        h("option", { value: "family" }, t("Family copy")),
        h("option", { value: "full" }, t("Full record")),
      ),
      h("label", { for: "sent-format" }, t("Format")),
      h(
        "select",
        { id: "sent-format" },
        vocab.formats.map((f) => h("option", { value: f.key }, f.label)),
      ),
      h("button", { type: "submit", class: "secondary" }, t("Note that I sent it")),
      h("p", { id: "sent-status", class: "hint", role: "status" }),
    );
    $("#distribution").addEventListener("submit", async (e) => {
      e.preventDefault();
      const response = await fetch(`/api/conferences/${conferenceId}/distribution`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify({
          copy: $("#sent-copy").value,
          format: $("#sent-format").value,
          recipient: $("#sent-to").value,
        }),
      });
      const answer = await response.json();
      $("#sent-status").textContent = response.ok
        ? t("Noted in the access record: sent to {who}.", { who: $("#sent-to").value.trim() })
        : answer.error.message;
      if (response.ok) $("#sent-to").value = "";
    });
  }

  return { renderRecord, setupDistribution, correctFlagged };
}
