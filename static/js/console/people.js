// Who is here and who waits in the lobby.
import { t, tn } from "../i18n.js";
import { $, h, replace } from "../dom.js";
import { inMeeting, isUnnamedChair, shortRole } from "../board-view.js";
import { reportOnTime } from "./reports-due.js";

export function peoplePanel(ctx) {
  const { vocab, client, send, conferenceId, token, notice } = ctx;

  // Inviting a professional before the meeting: their own link, for the chair to send
  const inviteForm = $("#invite-form");
  if (inviteForm)
    inviteForm.addEventListener("submit", async (e) => {
      e.preventDefault();
      const body = { name: $("#invite-name").value, role: $("#invite-role").value };
      if ($("#invite-agency").value.trim()) body.agency = $("#invite-agency").value;
      const response = await fetch(`/api/conferences/${conferenceId}/invitations`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const answer = await response.json();
      if (!response.ok) {
        notice(answer.error.message);
        return;
      }
      showLink(body.name, answer.contribute_url);
      inviteForm.reset();
    });

  function showLink(name, url) {
    const box = $("#invite-link");
    box.hidden = false;
    const status = h("span", { class: "hint", role: "status" });
    replace(
      box,
      h(
        "p",
        {},
        t("Send {name} this link: it opens their board, to add what they know and send their report.", { name }),
      ),
      h("input", { id: "invite-url", readonly: true, value: url, "aria-label": t("Link for {name}", { name }) }),
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          onclick: async () => {
            try {
              await navigator.clipboard.writeText(url);
              status.textContent = t("Copied");
            } catch {
              $("#invite-url").select();
            }
          },
        },
        t("Copy"),
      ),
      status,
    );
  }

  // The plain-language check of what the family will read of the reports (each invited
  // person's items and view), asked again when those words change: member id -> flags
  let flagsBy = {};
  let checkedWords = null;
  let checkTimer = null;
  let lastBoard = null;

  function checkWords(board, invited) {
    const ids = new Set(invited.map((m) => m.member_id));
    const words = JSON.stringify([
      board.items.filter((i) => ids.has(i.author) && !i.private && i.status === "accepted").map((i) => [i.id, i.text]),
      invited.map((m) => m.report_view),
    ]);
    if (words === checkedWords) return;
    checkedWords = words;
    clearTimeout(checkTimer);
    checkTimer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/conferences/${conferenceId}/plain-language?copy=reports`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        if (!response.ok) return;
        const answer = await response.json();
        flagsBy = {};
        for (const f of answer.flags) (flagsBy[f.member_id] = flagsBy[f.member_id] || []).push(f);
        if (lastBoard) renderReports(lastBoard);
      } catch {
        /* a hint, never a block */
      }
    }, 600);
  }

  // the words a flag was found in, shortened for the tracker
  function quoted(text) {
    return t("“{text}”", { text: text.length > 80 ? text.slice(0, 79) + "…" : text });
  }

  function wordsToCheck(m) {
    const flags = flagsBy[m.member_id] || [];
    if (!flags.length) return null;
    // each of their words once, with what the check found in it
    const texts = [...new Set(flags.map((f) => f.text))];
    return h(
      "div",
      { class: "report-words" },
      h("p", { class: "item-meta" }, t("Words the family may not follow in this report:")),
      h(
        "ul",
        { class: "hint-list" },
        texts.map((text) =>
          h(
            "li",
            {},
            h("span", { class: "hint" }, quoted(text)),
            h(
              "ul",
              { class: "hint-list" },
              flags
                .filter((f) => f.text === text)
                .map((f) => h("li", {}, h("strong", {}, `“${f.term}”`), " " + t("{why} Try: {suggestion}", f))),
            ),
          ),
        ),
      ),
    );
  }

  // Invited, opened, sent, late: who was asked for a report, whether they opened their link
  // (the first time is kept), and whether it came by the date
  function status(m, late) {
    if (m.report_submitted_at) return late.includes(m) ? t("Report sent late") : t("Report sent");
    if (m.opened_at) return t("Opened, no report yet");
    return t("Not opened yet");
  }

  function renderReports(board) {
    lastBoard = board;
    const select = $("#invite-role");
    if (select && !select.options.length) {
      const kind = vocab.kindOf(board);
      replace(
        select,
        vocab.v.roles
          .filter((r) => kind.roles.includes(r.key) && r.side !== "family" && r.key !== "observer")
          .map((r) => h("option", { value: r.key }, r.label)),
      );
    }
    if (inviteForm) inviteForm.hidden = board.conference.status === "closed";
    const invited = board.members.filter((m) => m.invited && m.status !== "removed");
    const due = board.conference.reports_due;
    if (invited.length) checkWords(board, invited);
    const opened = invited.filter((m) => m.opened_at || m.report_submitted_at);
    const sent = invited.filter((m) => m.report_submitted_at);
    // late by the domain's rule (working_days.report_on_time): never against a deadline
    // that had passed before the person was invited
    const late = due ? sent.filter((m) => reportOnTime(m, board.conference, vocab.v.timezone) === false) : [];
    replace(
      $("#reports"),
      invited.length
        ? [
            h(
              "p",
              { class: "report-counts" },
              t("Invited: {invited} · Opened: {opened} · Sent: {sent} · Late: {late}", {
                invited: invited.length,
                opened: opened.length,
                sent: sent.length,
                late: late.length,
              }),
            ),
            h(
              "ul",
              { class: "people reports" },
              invited.map((m) =>
                h(
                  "li",
                  { class: "person" },
                  h("span", { class: "person-name" }, m.name),
                  h("span", { class: "person-role" }, [vocab.role(m.role), m.agency].filter(Boolean).join(", ")),
                  h(
                    "span",
                    {
                      class: `badge ${m.report_submitted_at ? "report-in" : m.opened_at ? "report-opened" : "report-waiting"}`,
                    },
                    status(m, late),
                  ),
                  m.report_view
                    ? h("p", { class: "item-meta" }, t("Their view: {view}", { view: m.report_view }))
                    : null,
                  wordsToCheck(m),
                ),
              ),
            ),
          ]
        : h("p", { class: "hint" }, t("Nobody has been invited to send a report.")),
    );
  }

  function memberRow(m, actions) {
    const online = (m.status === "waiting" ? client.waiting : client.online).includes(m.member_id);
    const dot = h("span", { class: `dot ${online ? "on" : ""}`, title: online ? t("Connected") : t("Not connected") });
    // the projector has no name of its own, nor the chair who gave none (the board calls
    // them "Chair"): each is said once, in the console's language
    const unnamed = m.kind === "display" || isUnnamedChair(m);
    if (unnamed)
      return h(
        "li",
        { class: "person" },
        dot,
        h("span", { class: "person-name" }, m.kind === "display" ? t("Projector") : t("Chair")),
      );
    const role = m.kind === "facilitator" ? t("Chair") : vocab.role(m.role);
    return h(
      "li",
      { class: "person" },
      dot,
      h("span", { class: "person-name" }, m.name),
      h("span", { class: "person-role" }, role + roleNote(m)),
      actions,
    );
  }

  function roleNote(m) {
    if (m.kind === "offline") return m.present ? t(" · no phone") : t(" · apologies");
    // invited before the meeting, on the board but not let in to the meeting (yet)
    if (m.invited && !m.present)
      return m.report_submitted_at ? t(" · sent a report, not in the meeting") : t(" · invited, not in the meeting");
    return "";
  }

  // someone invited before the meeting who has come to it (in the room, or on their link):
  // the chair lets them in to the meeting, and only then are they counted as there
  function withLetIn(m, remove) {
    if (!m.invited || m.present) return remove;
    const letIn = h(
      "button",
      {
        type: "button",
        onclick: () => send("member.admit", { member_id: m.member_id }),
        "aria-label": t("Let {name} in", { name: m.name }),
      },
      t("Let in"),
    );
    return h("span", { class: "row-actions" }, letIn, remove);
  }

  // Someone waiting is said at the top of the console and in the tab's title, so a parent
  // is never left in the lobby unnoticed while the chair looks at the board.
  function renderLobbyAlert(board, waiting) {
    const alert = $("#lobby-alert");
    const base = `${board.conference.title} — ${t("Chair's console")}`;
    document.title = waiting.length ? `(${waiting.length}) ${base}` : base;
    alert.hidden = !waiting.length;
    if (!waiting.length) return replace(alert);
    replace(
      alert,
      h(
        "span",
        {},
        tn("{n} person is waiting to join: {names}", "{n} people are waiting to join: {names}", waiting.length, {
          names: waiting.map((m) => `${m.name} (${shortRole(vocab, m.role)})`).join(", "),
        }),
      ),
      h(
        "span",
        { class: "row-actions" },
        h(
          "button",
          {
            type: "button",
            onclick: () => {
              for (const m of waiting) send("member.admit", { member_id: m.member_id });
            },
          },
          waiting.length === 1 ? t("Let them in") : t("Let everyone in"),
        ),
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: () => $("#lobby-h").scrollIntoView({ block: "start" }),
          },
          t("See who is waiting"),
        ),
      ),
    );
  }

  function renderPeople(board) {
    renderReports(board);
    const waiting = board.members.filter((m) => m.status === "waiting");
    renderLobbyAlert(board, waiting);
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
                      "aria-label": t("Let {name} in", { name: m.name }),
                    },
                    t("Let in"),
                  ),
                  h(
                    "button",
                    {
                      type: "button",
                      class: "secondary",
                      onclick: () => send("member.remove", { member_id: m.member_id }),
                      "aria-label": t("Remove {name}", { name: m.name }),
                    },
                    t("Remove"),
                  ),
                ),
              ),
            ),
          )
        : h("p", { class: "hint" }, t("Nobody is waiting.")),
    );
    const present = board.members.filter((m) => m.status !== "waiting" && m.status !== "removed");
    const ended = board.conference.status === "closed";
    $("#add-person").hidden = ended;
    for (const control of ["#setting-lobby", "#setting-moderation", "#setting-observers", "#focus"])
      $(control).disabled = ended;
    // someone invited who only sent a report, or gave apologies, is listed apart: a green dot
    // beside their name among those here read as if they were in the room
    const away = (m) => m.kind !== "facilitator" && m.kind !== "display" && !inMeeting(m);
    const row = (m) =>
      memberRow(
        m,
        // the chair can't be removed, the projector isn't offered it, and after the end
        // nobody is removed
        m.kind === "facilitator" || m.kind === "display" || board.conference.status === "closed"
          ? null
          : withLetIn(
              m,
              h(
                "button",
                {
                  type: "button",
                  class: "link",
                  onclick: () =>
                    confirm(t("Remove {name}?", { name: m.name })) && send("member.remove", { member_id: m.member_id }),
                  "aria-label": t("Remove {name}", { name: m.name }),
                },
                t("Remove"),
              ),
            ),
      );
    const notHere = present.filter(away);
    replace(
      $("#people"),
      h("ul", { class: "people" }, present.filter((m) => !away(m)).map(row)),
      notHere.length
        ? [h("h3", { class: "people-away" }, t("Not in the meeting")), h("ul", { class: "people" }, notHere.map(row))]
        : null,
    );
  }

  // ---------------------------------------------------------------- moderation

  return { renderPeople };
}
