// The chair's live messages to the projector (static/js/projector-channel.js), on a
// stand-in socket and Node's mock clock: only the latest words go, at a steady pace.
import assert from "node:assert/strict";
import { mock, test } from "node:test";

import { DRAFT_EVERY_MS, ProjectorChannel } from "../../static/js/projector-channel.js";

function fakeSocket() {
  return {
    connected: true,
    handlers: {},
    sent: [],
    on(name, handler) {
      this.handlers[name] = handler;
    },
    emit(name, payload, ack) {
      this.sent.push([name, payload]);
      assert.equal(typeof ack, "function");
    },
  };
}

test("a draft goes at once, then at most one every interval, ending with the last words", () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  try {
    const socket = fakeSocket();
    const channel = new ProjectorChannel(socket, () => {});
    channel.sendDraft({ kind: "danger", who: "S" });
    channel.sendDraft({ kind: "danger", who: "Sc" });
    channel.sendDraft({ kind: "danger", who: "Sch" });
    assert.deepEqual(socket.sent, [["draft", { kind: "danger", who: "S" }]]);
    mock.timers.tick(DRAFT_EVERY_MS - 1);
    assert.equal(socket.sent.length, 1);
    mock.timers.tick(1);
    assert.deepEqual(socket.sent.at(-1), ["draft", { kind: "danger", who: "Sch" }]);
    assert.equal(socket.sent.length, 2);
    // nothing new: the clock stops; the next words go at once
    mock.timers.tick(DRAFT_EVERY_MS * 3);
    assert.equal(socket.sent.length, 2);
    channel.sendDraft(null);
    assert.deepEqual(socket.sent.at(-1), ["draft", null]);
  } finally {
    mock.timers.reset();
  }
});

test("while disconnected nothing is sent, and nothing is queued for later", () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  try {
    const socket = fakeSocket();
    socket.connected = false;
    const channel = new ProjectorChannel(socket, () => {});
    channel.sendDraft({ kind: "danger", who: "S" });
    channel.sendSettings({ paused: true, page: 1, family_wording: false });
    socket.connected = true;
    mock.timers.tick(DRAFT_EVERY_MS * 2);
    assert.deepEqual(socket.sent, []);
    channel.sendSettings({ paused: false, page: 2, family_wording: true });
    assert.deepEqual(socket.sent, [["projector", { paused: false, page: 2, family_wording: true }]]);
  } finally {
    mock.timers.reset();
  }
});

test("a projector keeps the latest draft (one without a kind is none) and settings", () => {
  const socket = fakeSocket();
  let changes = 0;
  const channel = new ProjectorChannel(socket, () => (changes += 1));
  assert.equal(channel.draft, null);
  assert.deepEqual(channel.settings, { paused: false, page: 0, family_wording: false });
  socket.handlers.draft({ kind: "safety_goal", text: "Safe" });
  assert.deepEqual(channel.draft, { kind: "safety_goal", text: "Safe" });
  socket.handlers.draft({ text: "no kind" });
  assert.equal(channel.draft, null);
  socket.handlers.draft(null);
  assert.equal(channel.draft, null);
  socket.handlers.projector({ paused: true, page: 3, family_wording: true });
  assert.deepEqual(channel.settings, { paused: true, page: 3, family_wording: true });
  assert.equal(changes, 4);
});
