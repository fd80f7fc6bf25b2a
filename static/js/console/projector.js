// The projector's pages and scale words, from the console: hold the page being shown, turn
// to the next, or let the pages turn by themselves; scores asked in the family's own words.
// Not logged: sent to the projector only, and again whenever a projector (re)connects.
import { t } from "../i18n.js";
import { $ } from "../dom.js";
import { keys } from "../keys.js";

export function projectorPanel(ctx) {
  const { client, conferenceId, vocab } = ctx;
  const saved = JSON.parse(localStorage.getItem(keys.projector(conferenceId)) || "null");
  const settings = { paused: false, page: 0, family_wording: false, ...saved };
  let projectorsOnline = "";

  function push() {
    localStorage.setItem(keys.projector(conferenceId), JSON.stringify(settings));
    client.sendProjector({ ...settings });
    show();
  }

  function show() {
    const hold = $("#projector-hold");
    hold.textContent = settings.paused ? t("Turn the pages by themselves") : t("Hold this page");
    hold.setAttribute("aria-pressed", settings.paused ? "true" : "false");
    $("#projector-family").checked = settings.family_wording;
  }

  function setupProjector() {
    $("#projector-hold").addEventListener("click", () => {
      settings.paused = !settings.paused;
      push();
    });
    $("#projector-next").addEventListener("click", () => {
      settings.page = (settings.page + 1) % vocab.limits.projector_pages;
      push();
    });
    $("#projector-family").addEventListener("change", (e) => {
      settings.family_wording = e.target.checked;
      push();
    });
    show();
  }

  function renderProjector(board) {
    const online = board.members
      .filter((m) => m.kind === "display" && client.online.includes(m.member_id))
      .map((m) => m.member_id)
      .join(",");
    // a projector that has just (re)connected starts afresh: tell it what the chair chose
    if (online && online !== projectorsOnline && (settings.paused || settings.page || settings.family_wording))
      client.sendProjector({ ...settings });
    projectorsOnline = online;
    const ended = board.conference.status === "closed";
    for (const control of ["#projector-hold", "#projector-next", "#projector-family"]) $(control).disabled = ended;
  }

  return { setupProjector, renderProjector };
}
