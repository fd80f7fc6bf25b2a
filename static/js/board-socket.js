// The board's socket, opened as early as a page can. This module needs only the Socket.IO
// client and keys.js, so each screen's page also runs it on its own
// (`<script type="module" async>`), as soon as those have arrived and while the page's
// other modules are still on their way: it opens the socket when it is first evaluated, so
// on a poor line the WebSocket handshake and the first board come in parallel with them.
// BoardClient takes the socket over and hears, in order, what it heard meanwhile.
import { io } from "../vendor/socket.io.esm.min.js";
import { keys } from "./keys.js";

const RESERVED = ["connect", "connect_error", "disconnect"];
let opened = null; // {token, socket, heard, record, reserved}
let since = () => 0; // the seq of the board this device holds, asked for in every handshake

// The socket for this token: a WebSocket first, long-polling when the WebSocket fails (a
// proxy that refuses it); every handshake asks for what was missed since the board we hold.
function open(token) {
  if (opened && opened.token === token) return opened;
  const socket = io("/board", {
    auth: (give) => give({ token, since: since() }),
    transports: ["websocket", "polling"],
    tryAllTransports: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });
  const heard = [];
  const record = (name, ...args) => heard.push([name, args]);
  const reserved = RESERVED.map((name) => [name, (...args) => heard.push([name, args])]);
  socket.onAny(record);
  for (const [name, listener] of reserved) socket.on(name, listener);
  opened = { token, socket, heard, record, reserved };
  return opened;
}

// takeSocket(token, sinceOf) -> {socket, heard}: the page's socket for this token (opened
// now if it was not yet) and the messages it heard before anyone listened ([name, args], in
// order); it records no more. From now on each handshake asks `since: sinceOf()`.
export function takeSocket(token, sinceOf) {
  const { socket, heard, record, reserved } = open(token);
  socket.offAny(record);
  for (const [name, listener] of reserved) socket.off(name, listener);
  opened.heard = [];
  since = sinceOf;
  return { socket, heard: heard.slice() };
}

// Reads the token from the URL fragment (#t=...) into this device's storage under this
// screen's own key, then hides it. A phone that joined before screens had their own keys
// moves its token over once; a console or projector never reads another screen's token.
export function tokenFor(conferenceId, screen) {
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

// Which screen this page is, and of which conference: /c/<id>/<screen>.
export function screenName() {
  return location.pathname.split("/").pop();
}

export function conferenceOfPage() {
  const parts = location.pathname.split("/");
  return parts.length === 4 && parts[1] === "c" ? decodeURIComponent(parts[2]) : null;
}

// Open the socket now, if this is a screen's page and this device has a token for it.
function openEarly() {
  const conferenceId = conferenceOfPage();
  const token = conferenceId && tokenFor(conferenceId, screenName());
  if (token) open(token);
}

openEarly();
