// One boot for every screen (console, phone, projector): the conference and its token,
// the vocabulary the server serves, the protocol client, the status line, the
// "Not saved — your words" cards, notices and the screen-reader announcer.
import { BoardClient } from "./board-client.js";
import { notSavedCards, Vocabulary } from "./board-view.js";
import { $, replace } from "./dom.js";
import { t } from "./i18n.js";
import { keys } from "./keys.js";

// start({render, withoutToken, quietWhenConnected}) -> {conferenceId, vocab, client, send, notice}
// render(event) runs on every change; withoutToken(screen) when this device has no link.
export function start({ render, withoutToken, quietWhenConnected = false }) {
  const conferenceId = $("#app").dataset.conferenceId;
  const vocab = new Vocabulary(readVocabulary());
  const token = tokenFor(conferenceId, screenName());
  const screen = { conferenceId, vocab, token, client: null };

  screen.notice = (message, calm = false) => {
    const box = $("#notice");
    if (!box) return;
    // words kept for later are news, not an error: said calmly
    box.className = calm ? "notice notice-calm" : "notice";
    box.textContent = message;
  };
  screen.send = (type, payload) => {
    screen.notice("");
    return screen.client.send(type, payload);
  };

  if (!token) {
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
  return screen;
}

// Reads the token from the URL fragment (#t=...) into this device's storage under this
// screen's own key, then hides it. A phone that joined before screens had their own keys
// moves its token over once; a console or projector never reads another screen's token.
function tokenFor(conferenceId, screen) {
  const key = keys.token(conferenceId, screen);
  const match = location.hash.match(/[#&]t=([^&]+)/);
  if (match) {
    localStorage.setItem(key, decodeURIComponent(match[1]));
    history.replaceState(null, "", location.pathname + location.search);
  }
  const shared = keys.sharedToken(conferenceId);
  if (screen === "participate" && !localStorage.getItem(key) && localStorage.getItem(shared)) {
    localStorage.setItem(key, localStorage.getItem(shared));
    localStorage.removeItem(shared);
  }
  return localStorage.getItem(key);
}

// Which screen this page is: the last part of /c/<id>/<screen>.
function screenName() {
  return location.pathname.split("/").pop();
}

function readVocabulary() {
  return JSON.parse(document.getElementById("vocabulary").textContent);
}
