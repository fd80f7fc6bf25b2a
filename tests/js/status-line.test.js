// The status line (static/js/status-line.js): the connection and the outbox in one sentence.
import assert from "node:assert/strict";
import { test } from "node:test";

import { useCatalogue } from "../../static/js/i18n.js";
import { statusClass, statusText } from "../../static/js/status-line.js";

useCatalogue(null); // British English, as written

const none = { waiting: 0, held: 0 };

test("connected, with nothing waiting, waiting to send, or kept until the board opens", () => {
  assert.equal(statusText("connected", null, none), "Connected");
  assert.equal(
    statusText("connected", null, { waiting: 3, held: 0 }),
    "Waiting to send (3) — your changes are kept on this device.",
  );
  assert.equal(statusText("waiting", null, { waiting: 0, held: 1 }), "Connected. 1 kept until the board opens again.");
  assert.equal(
    statusText("connected", null, { waiting: 2, held: 2 }),
    "Waiting to send (2) — your changes are kept on this device. 2 kept until the board opens again.",
  );
});

test("away: every change not sent is counted", () => {
  assert.equal(
    statusText("offline", null, { waiting: 1, held: 1 }),
    "Offline — your changes are kept on this device and will be sent. 2 changes not sent yet.",
  );
  assert.equal(
    statusText("reconnecting", null, { waiting: 1, held: 0 }),
    "Reconnecting — your changes are kept on this device and will be sent. 1 change not sent yet.",
  );
  assert.equal(
    statusText("connecting", null, none),
    "Reconnecting — your changes are kept on this device and will be sent.",
  );
});

test("closed to this device: why", () => {
  assert.equal(statusText("removed", "deleted", none), "This board has been deleted.");
  assert.equal(
    statusText("removed", "link_cancelled", none),
    "This link was cancelled by the chair. Ask the chair for a new one.",
  );
  assert.equal(statusText("removed", "removed", none), "The chair has removed you from this board.");
  assert.equal(statusText("refused", "Sign in again", none), "Sign in again");
  assert.equal(statusText("refused", null, none), "This link no longer works.");
  assert.equal(statusText("nonsense", null, none), "");
});

test("the class says waiting-to-send only while connected", () => {
  assert.equal(statusClass("connected", { waiting: 1, held: 0 }), "status status-waiting-to-send");
  assert.equal(statusClass("connected", { waiting: 0, held: 2 }), "status status-connected");
  assert.equal(statusClass("offline", { waiting: 1, held: 0 }), "status status-offline");
});
