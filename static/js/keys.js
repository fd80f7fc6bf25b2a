// What this device keeps in localStorage, one place for every key.
export const keys = {
  // each screen its own: the projector opened in a tab of the chair's browser must never
  // change what the console signs in as (screen: "facilitate" | "participate" | "display")
  token: (conferenceId, screen) => `cb:token:${screen}:${conferenceId}`,
  // before screens kept their own (a phone mid-meeting keeps its token across the change)
  sharedToken: (conferenceId) => `cb:token:${conferenceId}`,
  displayUrl: (conferenceId) => `cb:display:${conferenceId}`,
  // the chair's paging and wording choice for the projector, kept across a console reload
  projector: (conferenceId) => `cb:projector:${conferenceId}`,
  outbox: (conferenceId, token) => `cb:outbox:${conferenceId}:${token.slice(0, 12)}`,
  returned: (conferenceId, token) => `cb:returned:${conferenceId}:${token.slice(0, 12)}`,
};
