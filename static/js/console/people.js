// Who is here and who waits in the lobby.
import { t, tn } from "../i18n.js";
import { $, h, replace } from "../dom.js";

export function peoplePanel(ctx) {
  const { vocab, client, send } = ctx;
  function memberRow(m, actions) {
    const online = client.online.includes(m.member_id);
    const role = m.kind === "facilitator" ? t("Chair") : m.kind === "display" ? t("Projector") : vocab.role(m.role);
    return h(
      "li",
      { class: "person" },
      h("span", { class: `dot ${online ? "on" : ""}`, title: online ? t("Connected") : t("Not connected") }),
      h("span", { class: "person-name" }, m.name),
      h(
        "span",
        { class: "person-role" },
        role + (m.kind === "offline" ? (m.present ? t(" · no phone") : t(" · apologies")) : ""),
      ),
      actions,
    );
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
          names: waiting.map((m) => `${m.name} (${vocab.role(m.role).toLowerCase()})`).join(", "),
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
    replace(
      $("#people"),
      h(
        "ul",
        { class: "people" },
        present.map((m) =>
          memberRow(
            m,
            // the chair can't be removed, the projector isn't offered it, and after the end
            // nobody is removed
            m.kind === "facilitator" || m.kind === "display" || board.conference.status === "closed"
              ? null
              : h(
                  "button",
                  {
                    type: "button",
                    class: "link",
                    onclick: () =>
                      confirm(t("Remove {name}?", { name: m.name })) &&
                      send("member.remove", { member_id: m.member_id }),
                    "aria-label": t("Remove {name}", { name: m.name }),
                  },
                  t("Remove"),
                ),
          ),
        ),
      ),
    );
  }

  // ---------------------------------------------------------------- moderation

  return { renderPeople };
}
