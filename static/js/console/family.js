// The children as people and their safety network; the decision for each child, each
// agency's view, the lead social worker, the first core group and when to meet next.
import { t } from "../i18n.js";
import { $, h, replace } from "../dom.js";
import { addMonths, isWorkingDay, longDate, workingDaysAfter } from "../sentences.js";

export function familyPanel(ctx) {
  const { vocab, send } = ctx;
  // a list the chair is changing is not redrawn from the board until it is saved
  const dirty = { children: false, network: false };

  function rows(list, fields, kind) {
    return list.map((entry, n) =>
      h(
        "div",
        { class: `pair-row ${kind}-row` },
        fields.map(([key, label, attrs]) => [
          h("label", { for: `${kind}-${key}-${n}` }, label),
          h("input", {
            id: `${kind}-${key}-${n}`,
            class: `${kind}-${key}`,
            value: entry[key] ?? "",
            dataset: { id: entry.id || "" },
            oninput: () => (dirty[kind] = true),
            ...attrs,
          }),
        ]),
      ),
    );
  }

  const CHILD_FIELDS = [
    ["name", t("First name"), { maxlength: vocab.limits.name }],
    ["age", t("Age"), { type: "number", min: 0, max: vocab.limits.age, inputmode: "numeric" }],
  ];
  const NETWORK_FIELDS = [
    ["name", t("Who"), { maxlength: vocab.limits.name }],
    ["does", t("What they do to keep the children safe"), { maxlength: vocab.limits.item_text }],
  ];

  function readChildren() {
    return [...document.querySelectorAll(".children-row")]
      .map((row) => ({
        id: row.querySelector(".children-name").dataset.id || null,
        name: row.querySelector(".children-name").value.trim(),
        age: row.querySelector(".children-age").value,
      }))
      .filter((c) => c.name)
      .map((c) => ({ ...(c.id ? { id: c.id } : {}), name: c.name, age: c.age === "" ? null : Number(c.age) }));
  }

  function readNetwork() {
    return [...document.querySelectorAll(".network-row")]
      .map((row) => ({
        name: row.querySelector(".network-name").value.trim(),
        does: row.querySelector(".network-does").value.trim(),
      }))
      .filter((p) => p.name || p.does);
  }

  function renderFamily(board) {
    const conf = board.conference;
    const ended = conf.status === "closed";
    $("#family-forms").hidden = ended;
    $("#add-agency").hidden = ended;
    if (!dirty.children)
      replace($("#children-list"), rows([...(conf.children || []), { name: "" }], CHILD_FIELDS, "children"));
    if (!dirty.network)
      replace($("#network-list"), rows([...(conf.network || []), { name: "" }], NETWORK_FIELDS, "network"));
    replace(
      $("#family-summary"),
      h(
        "p",
        {},
        (conf.children || []).length
          ? t("Children: {names}", {
              names: conf.children.map((c) => (c.age === null ? c.name : `${c.name}, ${c.age}`)).join("; "),
            })
          : t("No children named yet."),
      ),
      (conf.network || []).length
        ? h(
            "ul",
            { class: "network" },
            conf.network.map((p) => h("li", {}, h("strong", {}, p.name), `: ${p.does}`)),
          )
        : null,
    );
    renderDecisionExtras(board);
  }

  function setupFamily() {
    $("#children-form").addEventListener("submit", (e) => {
      e.preventDefault();
      dirty.children = false;
      send("children.set", { children: readChildren() });
    });
    $("#network-form").addEventListener("submit", (e) => {
      e.preventDefault();
      dirty.network = false;
      send("network.set", { network: readNetwork() });
    });
    $("#add-agency").addEventListener("click", () => {
      $("#agencies").append(agencyRow({}, $("#agencies").children.length));
    });
    $("#decision-next").addEventListener("input", () => nextMeetingHint(ctx.client.board));
    $("#decision-core-group").addEventListener("input", () => coreGroupHint(ctx.client.board));
  }

  // --- the decision's extras --------------------------------------------------------

  function agencyRow(a, n) {
    return h(
      "div",
      { class: "agency-row" },
      h("label", { for: `agency-${n}` }, t("Agency")),
      h("input", { id: `agency-${n}`, class: "agency-name", value: a.agency || "", maxlength: vocab.limits.name }),
      h("label", { for: `agency-plan-${n}` }, t("Plan needed?")),
      h(
        "select",
        { id: `agency-plan-${n}`, class: "agency-plan" },
        [
          ["", t("Not said")],
          ["yes", t("Yes")],
          ["no", t("No")],
        ].map(([value, label]) =>
          h(
            "option",
            { value, selected: (a.plan === true && value === "yes") || (a.plan === false && value === "no") },
            label,
          ),
        ),
      ),
      h("label", { for: `agency-why-${n}` }, t("Why")),
      h("input", { id: `agency-why-${n}`, class: "agency-why", value: a.why || "" }),
    );
  }

  let decisionFilled = false;
  function renderDecisionExtras(board) {
    const conf = board.conference;
    const d = conf.decision || {};
    const children = conf.children || [];
    const perChild = Object.fromEntries((d.per_child || []).map((c) => [c.child_id, c]));
    // each child's part is redrawn when the children change, keeping what was chosen
    const chosen = readPerChild();
    replace(
      $("#decision-children"),
      children.length ? h("h3", {}, t("The decision for each child")) : null,
      children.map((child) => {
        const was = chosen[child.id] || perChild[child.id] || {};
        return h(
          "fieldset",
          { class: "per-child", dataset: { child: child.id } },
          h("legend", {}, child.age === null ? child.name : `${child.name}, ${child.age}`),
          h("label", { for: `outcome-${child.id}` }, t("Outcome")),
          h(
            "select",
            { id: `outcome-${child.id}`, class: "child-outcome" },
            h("option", { value: "" }, t("Not decided yet")),
            // the outcomes this kind of meeting can reach (the server refuses any other)
            vocab.v.outcomes
              .filter((o) => vocab.kindOf(board).outcomes.includes(o.key))
              .map((o) => h("option", { value: o.key, selected: was.outcome === o.key }, o.label)),
          ),
          h(
            "div",
            { class: "checks", role: "group", "aria-label": t("Category of harm for {name}", { name: child.name }) },
            vocab.v.abuse_categories.map((c) =>
              h(
                "label",
                { class: "check" },
                h("input", {
                  type: "checkbox",
                  class: "child-harm",
                  value: c.key,
                  checked: (was.categories || []).includes(c.key),
                }),
                c.label,
              ),
            ),
          ),
          h("label", { for: `dissent-${child.id}` }, `Who disagreed about ${child.name}, and why`),
          h("input", { id: `dissent-${child.id}`, class: "child-dissent", value: was.dissent || "" }),
        );
      }),
    );
    if (!decisionFilled) {
      decisionFilled = true;
      replace(
        $("#agencies"),
        (d.agencies || []).map((a, n) => agencyRow(a, n)),
      );
      $("#decision-lead").value = d.lead_social_worker || "";
      $("#decision-core-group").value = d.first_core_group || "";
    }
    nextMeetingHint(board);
    coreGroupHint(board);
  }

  function readPerChild() {
    const out = {};
    for (const box of document.querySelectorAll(".per-child")) {
      out[box.dataset.child] = {
        child_id: box.dataset.child,
        outcome: box.querySelector(".child-outcome").value || null,
        categories: [...box.querySelectorAll(".child-harm:checked")].map((i) => i.value),
        dissent: box.querySelector(".child-dissent").value.trim() || null,
      };
    }
    return out;
  }

  function decisionExtras() {
    const plan = { yes: true, no: false, "": null };
    return {
      per_child: Object.values(readPerChild()),
      agencies: [...document.querySelectorAll(".agency-row")]
        .map((row) => ({
          agency: row.querySelector(".agency-name").value.trim(),
          plan: plan[row.querySelector(".agency-plan").value],
          why: row.querySelector(".agency-why").value.trim() || null,
        }))
        .filter((a) => a.agency),
      lead_social_worker: $("#decision-lead").value.trim() || null,
      first_core_group: $("#decision-core-group").value || null,
    };
  }

  // The next meeting is due within so many months for this kind of meeting: say by when,
  // and warn (never stop) when the date chosen is later.
  function nextMeetingHint(board) {
    if (!board) return;
    const months = vocab.v.next_meeting_months[board.conference.kind];
    const hint = $("#decision-next-hint");
    if (!months) {
      hint.textContent = "";
      hint.className = "hint";
      return;
    }
    const due = addMonths(board.conference.created_at.slice(0, 10), months);
    const chosen = $("#decision-next").value;
    const late = chosen && chosen > due;
    hint.className = late ? "warning" : "hint";
    hint.textContent = late
      ? t("That is later than usual: the next meeting is normally within {months} months, by {date}.", {
          months,
          date: longDate(due),
        })
      : t("Normally within {months} months: by {date}.", { months, date: longDate(due) });
  }

  // The first core group meets within so many working days of the conference: say by
  // when (a working day), and warn (never stop) when the date chosen is a weekend day or a
  // bank holiday.
  function coreGroupHint(board) {
    const hint = $("#decision-core-group-hint");
    const days = vocab.v.first_core_group_days;
    if (!board || !hint || !days) return;
    const holidays = vocab.v.bank_holidays || [];
    const conf = board.conference;
    const due = workingDaysAfter((conf.meeting_at || conf.created_at).slice(0, 10), days, holidays);
    const chosen = $("#decision-core-group").value;
    const closed = chosen && !isWorkingDay(chosen, holidays);
    hint.className = closed ? "warning" : "hint";
    hint.textContent = closed
      ? t("{date} is not a working day (a weekend or a bank holiday). Choose a working day, by {due}.", {
          date: longDate(chosen),
          due: longDate(due),
        })
      : t("Normally within {days} working days: by {date}.", { days, date: longDate(due) });
  }

  return { renderFamily, setupFamily, decisionExtras };
}
