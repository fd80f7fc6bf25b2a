// One boot for every screen (console, phone, projector): the conference and its token,
// the vocabulary the server serves, the protocol client, the status line, the
// "Not saved — your words" cards, notices and the screen-reader announcer.
import { BoardClient } from "./board-client.js";
import { screenName, tokenFor } from "./board-socket.js";
import { notSavedCards, Vocabulary } from "./board-view.js";
import { $, h, replace } from "./dom.js";
import { t } from "./i18n.js";

// start({render, withoutToken, quietWhenConnected}) -> {conferenceId, vocab, client, send, notice}
// render(event) runs on every change; withoutToken(screen) when this device has no link.
export function start({ render, withoutToken, quietWhenConnected = false }) {
  const conferenceId = $("#app").dataset.conferenceId;
  const vocab = new Vocabulary(readVocabulary());
  const token = tokenFor(conferenceId, screenName());
  const screen = { conferenceId, vocab, token, client: null };

  // a refusal or news, with a button to put it away (and `action`, {label, run}, a next step)
  screen.notice = (message, calm = false, action = null) => {
    const box = $("#notice");
    if (!box) return;
    // words kept for later are news, not an error: said calmly
    box.className = calm ? "notice notice-calm" : "notice";
    if (!message) return replace(box);
    replace(
      box,
      h("span", { class: "notice-text" }, message),
      h(
        "span",
        { class: "row-actions" },
        action ? h("button", { type: "button", class: "secondary", onclick: action.run }, action.label) : null,
        h("button", { type: "button", class: "secondary", onclick: () => replace(box) }, t("Dismiss")),
      ),
    );
  };
  screen.send = (type, payload) => {
    screen.notice("");
    return screen.client.send(type, payload);
  };

  if (!token) {
    // the page says "Connecting to the board…" until its script runs: there is no board to join
    $("#status").textContent = "";
    $("#status").className = "status";
    withoutToken(screen);
    return screen;
  }
  const client = new BoardClient({ token, conferenceId, columnOrder: vocab.columnOrder });
  screen.client = client;
  client.addEventListener("change", (e) => {
    const status = $("#status");
    status.textContent = quietWhenConnected && client.state === "connected" ? "" : client.statusText();
    status.className = client.statusClass();
    const cards = $("#not-saved");
    if (cards) replace(cards, notSavedCards(client));
    render(e);
    const event = e.detail && e.detail.event;
    if (event && event.type === "item.added") {
      const item = event.payload.item;
      $("#announce").textContent = t("New in {heading}: {text}", {
        heading: vocab.column(item.column).heading,
        text: item.text,
      });
    }
  });
  client.addEventListener("notice", (e) => screen.notice(e.detail.message, e.detail.calm));
  window.boardClient = client; // the browser tests read the board the screen drew from
  // once the page has its client (after this module code returns): what the early socket
  // heard is handled first, then everything as it comes
  queueMicrotask(() => client.connect());
  return screen;
}

function readVocabulary() {
  return JSON.parse(document.getElementById("vocabulary").textContent);
}
