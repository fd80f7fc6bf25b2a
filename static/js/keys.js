// What this device keeps in localStorage, one place for every key.
export const keys = {
  token: (conferenceId) => `cb:token:${conferenceId}`,
  displayUrl: (conferenceId) => `cb:display:${conferenceId}`,
  outbox: (conferenceId, token) => `cb:outbox:${conferenceId}:${token.slice(0, 12)}`,
  returned: (conferenceId, token) => `cb:returned:${conferenceId}:${token.slice(0, 12)}`,
};
