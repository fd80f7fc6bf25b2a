// What the status line says of the connection and of the outbox: "Connected", "Waiting to
// send (3) — …", "Offline — …", or why the board closed to this device. Pure, so it reads
// the same under node --test; the client calls it with its state and its outbox's summary.
import { t, tn } from "./i18n.js";

export function statusClass(state, { waiting }) {
  return `status status-${state === "connected" && waiting ? "waiting-to-send" : state}`;
}

export function statusText(state, refusal, { waiting, held }) {
  const n = waiting + held;
  const unsent = n ? " " + tn("{n} change not sent yet.", "{n} changes not sent yet.", n) : "";
  const kept = held
    ? " " + tn("{n} kept until the board opens again.", "{n} kept until the board opens again.", held)
    : "";
  switch (state) {
    case "connected":
    case "waiting":
      if (waiting) return t("Waiting to send ({n}) — your changes are kept on this device.", { n: waiting }) + kept;
      return held ? t("Connected.") + kept : t("Connected");
    case "reconnecting":
    case "connecting":
      return t("Reconnecting — your changes are kept on this device and will be sent.") + unsent;
    case "offline":
      return t("Offline — your changes are kept on this device and will be sent.") + unsent;
    case "removed":
      return refusal === "deleted"
        ? t("This board has been deleted.")
        : refusal === "link_cancelled"
          ? t("This link was cancelled by the chair. Ask the chair for a new one.")
          : t("The chair has removed you from this board.");
    case "refused":
      return refusal || t("This link no longer works.");
    default:
      return "";
  }
}
