// The forms that are part of the page: people without a phone, settings, focus, the decision.
import { t } from "../i18n.js";
import { $, h, replace } from "../dom.js";
import { agenciesPresent } from "../board-view.js";
import { longDate } from "../sentences.js";
import { deadlinePassed } from "./reports-due.js";

const TEXT_LABELS = {
  cp: t("What was decided and why"),
  strategy: t("What was decided and why"),
  care_plan: t("The care plan: what changes, if anything, and why"),
  notes: t("What was decided"),
};

export function formsPanel(ctx) {
  const { vocab, client, send } = ctx;
  let formsFilled = false;
  function setupForms() {
    replace(
      $("#person-role"),
      vocab.v.roles.map((r) => h("option", { value: r.key }, r.label)),
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
    $("#setting-observers").addEventListener("change", (e) =>
      send("conference.update", { observer_consent: e.target.checked }),
    );
    $("#setting-moderation").addEventListener("change", (e) =>
      send("conference.update", { moderation: e.target.checked }),
    );
    $("#setting-meeting-at").addEventListener("change", (e) =>
      send("conference.update", { meeting_at: e.target.value || null }),
    );
    replace(
      $("#focus"),
      h("option", { value: "" }, t("The whole board")),
      vocab.columns.map((c) => h("option", { value: c.key }, c.heading)),
      h("option", { value: "statements" }, t("Danger statements and safety goals")),
      h("option", { value: "scaling" }, t("Scaling")),
      h("option", { value: "people" }, t("Who is in the meeting")),
    );
    $("#focus").addEventListener("change", (e) => send("conference.focus", { section: e.target.value || null }));
    replace(
      $("#decision-outcome"),
      h("option", { value: "" }, t("Not decided yet")),
      vocab.v.outcomes.map((o) => h("option", { value: o.key }, o.label)),
    );
    replace(
      $("#decision-categories"),
      vocab.v.abuse_categories.map((c) =>
        h("label", { class: "check" }, h("input", { type: "checkbox", value: c.key, name: "harm" }), c.label),
      ),
    );
    $("#decision-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const all = {
        outcome: $("#decision-outcome").value || null,
        categories: [...document.querySelectorAll("input[name=harm]:checked")].map((i) => i.value),
        text: $("#decision-text").value,
        dissent: $("#decision-dissent").value,
        next_meeting: $("#decision-next").value || null,
        next_meeting_time: $("#decision-next-time").value || null,
        next_meeting_place: $("#decision-next-place").value.trim() || null,
        ...ctx.decisionExtras(),
      };
      // only what this kind of meeting decides (the server refuses the rest)
      const fields = vocab.v.decision_panels[vocab.kindOf(client.board).decision];
      send("decision.record", Object.fromEntries(Object.entries(all).filter(([k]) => fields.includes(k))));
      $("#decision-saved").textContent = t("Saved.");
    });
  }

  // the decision panel shows what this kind of meeting decides, and nothing else
  let decisionFor = null;
  function shapeDecision(board) {
    const kind = vocab.kindOf(board);
    if (decisionFor === kind.key) return;
    decisionFor = kind.key;
    const fields = vocab.v.decision_panels[kind.decision];
    for (const part of document.querySelectorAll("[data-decision]"))
      part.hidden = !fields.includes(part.dataset.decision);
    // the outcomes this kind of meeting can reach: an initial conference starts a plan or
    // not, a review continues or ends it (the server refuses any other)
    const allowed = kind.outcomes;
    replace(
      $("#decision-outcome"),
      h("option", { value: "" }, t("Not decided yet")),
      vocab.v.outcomes.filter((o) => allowed.includes(o.key)).map((o) => h("option", { value: o.key }, o.label)),
    );
    $("#decision-text-label").textContent = TEXT_LABELS[kind.decision] || t("What was decided");
    // someone without a phone: the roles this kind of meeting has
    replace(
      $("#person-role"),
      vocab.v.roles.filter((r) => kind.roles.includes(r.key)).map((r) => h("option", { value: r.key }, r.label)),
    );
    $("#decision-about").textContent =
      kind.decision === "none"
        ? t("A {kind} records no decision here: only when to meet next.", { kind: kind.label.toLowerCase() })
        : "";
  }

  // A kind of meeting that names its quorum (the kinds file): a warning before the decision
  // when fewer agencies are here — never a block; the minutes say so too.
  function showQuorum(board) {
    const kind = vocab.kindOf(board);
    const agencies = agenciesPresent(vocab, board.members);
    const short = kind.quorum && agencies.length < kind.quorum && board.conference.status !== "closed";
    const warning = $("#quorum-warning");
    warning.hidden = !short;
    if (short)
      warning.textContent = t(
        "Only {count} of the {needed} agencies this meeting needs are here besides the family ({agencies}). You can still record the decision; the minutes will say so.",
        {
          count: agencies.length,
          needed: kind.quorum,
          agencies: agencies.map((r) => vocab.role(r).toLowerCase()).join(", ") || t("none"),
        },
      );
  }

  function fillForms(board) {
    const conf = board.conference;
    shapeDecision(board);
    // after the end the decision stays readable but can't change
    const ended = conf.status === "closed";
    for (const el of $("#decision-form").querySelectorAll("input, select, textarea")) el.disabled = ended;
    $("#decision-form button[type=submit]").hidden = ended;
    const sending = (type) => client.outbox.some((op) => op.type === type);
    // a change the chair just made is not undone by an older state while it is on its way
    if (!sending("conference.update")) {
      $("#setting-lobby").checked = conf.lobby;
      $("#setting-moderation").checked = conf.moderation;
      $("#setting-observers").checked = Boolean(conf.observer_consent);
      if (document.activeElement !== $("#setting-meeting-at")) $("#setting-meeting-at").value = conf.meeting_at || "";
    }
    // the reports deadline: working days before the meeting, in the council's nation
    $("#reports-due").textContent = conf.reports_due
      ? deadlinePassed(conf, new Date().toISOString(), vocab.v.timezone)
        ? t("The reports deadline ({date}) has passed: reports sent before the meeting count as on time.", {
            date: longDate(conf.reports_due),
          })
        : t("Reports are due by {date}.", { date: longDate(conf.reports_due) })
      : conf.meeting_at
        ? t("This kind of meeting has no reports deadline.")
        : "";
    showQuorum(board);
    if (!sending("conference.focus")) $("#focus").value = conf.focus || "";
    // after the end nothing here can be typed in, and the decision's words may be corrected
    // (record.correct): the locked form shows the decision as it now stands
    if (formsFilled && !ended) return;
    formsFilled = true;
    const d = conf.decision;
    if (d) {
      $("#decision-outcome").value = d.outcome || "";
      for (const box of document.querySelectorAll("input[name=harm]")) box.checked = d.categories.includes(box.value);
      $("#decision-text").value = d.text || "";
      $("#decision-dissent").value = d.dissent || "";
      $("#decision-next").value = d.next_meeting || "";
      $("#decision-next-time").value = d.next_meeting_time || "";
      $("#decision-next-place").value = d.next_meeting_place || "";
    }
  }

  return { setupForms, fillForms };
}
