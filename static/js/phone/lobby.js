// The phone before and outside the board: no link on this device, waiting for the chair to
// let you in, the family side out of the room for a closed session, and the board closed
// to this phone (removed, or the link no longer works).
import { $, h, replace } from "../dom.js";
import { t } from "../i18n.js";

// before there is a client: this device has no link to the board
export function withoutToken() {
  replace(
    $("#screen"),
    h(
      "section",
      { class: "waiting" },
      h("h2", {}, t("Please join with the code")),
      h("p", {}, h("a", { href: "/" }, t("Type the join code you can see on the screen"))),
    ),
  );
}

export function lobbyPanel({ vocab, client }) {
  function waiting() {
    return h(
      "section",
      { class: "waiting" },
      h("h2", {}, t("Thank you for joining")),
      h("p", { class: "big" }, t("The chair will let you in shortly.")),
      // who you joined as, so a wrong role can be put right before you are let in; the
      // meeting's title (often the family's name) is shown only once the chair lets you in
      h("p", {}, t("You joined as {name}, {role}.", { name: client.you.name, role: vocab.role(client.you.role) })),
      h("p", {}, t("You can keep this page open. It will change by itself when you are in.")),
    );
  }

  function closedSession() {
    return h(
      "section",
      { class: "waiting" },
      h("h2", {}, t("Please wait a moment")),
      h("p", { class: "big" }, t("The professionals are talking privately. You'll be back on the board shortly.")),
    );
  }

  function gone() {
    return h("section", { class: "waiting" }, h("p", { class: "big" }, client.statusText()));
  }

  const screens = { waiting, closed: closedSession, gone };
  return {
    setup() {},
    // which: "waiting" (for the chair), "closed" (a closed session), "gone" (no longer in)
    render(which) {
      return screens[which]();
    },
  };
}
