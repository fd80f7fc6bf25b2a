// The console's header: the banner, the chair's buttons and the invitation to join.
import { t } from "../i18n.js";
import { $, h, replace } from "../dom.js";
import { keys } from "../keys.js";

export function headerPanel(ctx) {
  const { conferenceId, token, send, notice, render } = ctx;
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

  function renderHeader(board) {
    const conf = board.conference;
    $("#title").textContent = conf.title;
    const banner = $("#banner");
    banner.hidden = !conf.closed_session && conf.status === "open";
    banner.className = `banner ${conf.closed_session ? "banner-closed" : "banner-info"}`;
    banner.textContent = conf.closed_session
      ? t("Closed session: the family and the projector see nothing until you end it. What is added now stays private.")
      : conf.status === "locked"
        ? t("The board is locked: only you can change it.")
        : conf.status === "closed"
          ? t("This conference has ended. The board can no longer change.")
          : "";
    const closed = conf.status === "closed";
    replace(
      $("#actions"),
      displayUrl
        ? h(
            "a",
            { class: "button secondary", href: displayUrl, target: "_blank", rel: "noopener" },
            t("Open the projector view"),
          )
        : h("button", { type: "button", class: "secondary", onclick: makeDisplayLink }, t("Make a projector link")),
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          disabled: closed,
          // the projector follows the meeting (scoring, the result, the decision); one click
          // brings the whole board back
          onclick: () => send("conference.focus", { section: null }),
        },
        t("Projector: show the board"),
      ),
      h(
        "button",
        {
          type: "button",
          class: conf.closed_session ? "warning-button" : "secondary",
          disabled: closed,
          onclick: () => send(conf.closed_session ? "session.open" : "session.close"),
        },
        conf.closed_session ? t("End closed session") : t("Start closed session"),
      ),
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          disabled: closed,
          onclick: () => send(conf.status === "locked" ? "conference.unlock" : "conference.lock"),
        },
        conf.status === "locked" ? t("Unlock the board") : t("Lock the board"),
      ),
      h(
        "button",
        {
          type: "button",
          class: "danger",
          disabled: closed,
          onclick: () => {
            if (confirm(t("End the conference? Nobody will be able to change the board after this.")))
              send("conference.close");
          },
        },
        t("End the conference"),
      ),
    );
  }

  function renderShare(board) {
    const code = board.conference.join_code;
    const ended = board.conference.status === "closed";
    const share = $("#share");
    // once the conference has ended nobody can join (the server refuses the code): the
    // panel says so instead of showing the code and the QR code
    const shown = ended ? "ended" : code;
    if (share.dataset.code === shown) return;
    share.dataset.code = shown;
    if (ended) {
      replace(
        share,
        h("h2", { id: "share-h" }, t("How to join")),
        h("p", {}, t("This conference has finished, so it can't be joined.")),
      );
      return;
    }
    const joinUrl = `${location.origin}/j/${code}`;
    replace(
      share,
      h("h2", { id: "share-h" }, t("Invite people")),
      h("p", {}, t("Join code")),
      h(
        "p",
        { class: "join-code", "aria-label": t("Join code {code}", { code: code.split("").join(" ") }) },
        `${code.slice(0, 4)} ${code.slice(4)}`,
      ),
      h("img", {
        class: "qr",
        src: `/qr/${code}.svg`,
        alt: t("QR code that opens {address}", { address: joinUrl }),
        width: 180,
        height: 180,
      }),
      h("p", {}, h("a", { href: joinUrl }, joinUrl)),
    );
  }

  return { renderHeader, renderShare };
}
