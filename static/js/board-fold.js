// The viewer's fold: a board (as one member sees it) and an event they received -> the
// board after it. The same rules as conference/domain/views.py apply_view; no imports, so
// Node's test runner replays the server's own random sessions through it (tests/js/).

export function sortItems(items, columnOrder) {
  const order = Object.fromEntries(columnOrder.map((c, n) => [c, n]));
  return items.sort(
    (a, b) =>
      order[a.column] - order[b.column] ||
      (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

export function sortMembers(members) {
  return members.sort((a, b) =>
    a.joined_at < b.joined_at
      ? -1
      : a.joined_at > b.joined_at
        ? 1
        : a.member_id < b.member_id
          ? -1
          : a.member_id > b.member_id
            ? 1
            : 0,
  );
}

function upsert(rows, key, row) {
  const at = rows.findIndex((r) => r[key] === row[key]);
  if (at >= 0) rows[at] = { ...row };
  else rows.push({ ...row });
}

const member = (board, p) => {
  upsert(board.members, "member_id", p.member);
  sortMembers(board.members);
};
const item = (board, p, columnOrder) => {
  upsert(board.items, "id", p.item);
  sortItems(board.items, columnOrder);
};
const itemGone = (board, p) => {
  board.items = board.items.filter((i) => i.id !== p.id);
};
const statement = (board, p) => upsert(board.statements, "id", p.statement);
// the conference after a change to its settings, children, network, or a review's start
const settings = (board, p) => Object.assign(board.conference, p.conference);
const conference = (values) => (board) => Object.assign(board.conference, values);

function round(kind) {
  return (board, p) => {
    for (const r of board.rounds) {
      if (r.id !== p.round_id) continue;
      if (kind === "round.scored") {
        r.count = p.count;
        if (p.mine) r.mine = { ...p.mine };
      } else {
        r.status = "closed";
        if (kind === "round.revealed") {
          r.revealed = true;
          r.scores = structuredClone(p.scores);
          r.summary = { ...p.summary };
        }
      }
    }
  };
}

// A request for a correction after the end (its sender's and the chair's): added or answered.
function correction(board, p) {
  board.corrections ??= [];
  const at = board.corrections.findIndex((c) => c.id === p.correction.id);
  if (at >= 0) board.corrections[at] = structuredClone(p.correction);
  else board.corrections.push(structuredClone(p.correction));
}

// One handler for each event type a member can receive.
export const HANDLERS = {
  hidden: () => {},
  "conference.created": (board, p) => {
    board.conference = { ...p.conference };
    board.members = p.members.map((m) => ({ ...m }));
    board.items = [];
    board.statements = [];
    board.rounds = [];
  },
  "member.joined": member,
  "member.admitted": member,
  "member.language_set": member,
  "member.added": member,
  "member.invited": member,
  "invitation.opened": member,
  // a report sent: its items, held from the family until now, come with it (each screen
  // is sent those it may see)
  "report.submitted": (board, p, columnOrder) => {
    member(board, p);
    if (p.items?.length) {
      for (const it of p.items) upsert(board.items, "id", it);
      sortItems(board.items, columnOrder);
    }
  },
  "member.removed": (board, p) => {
    for (const m of board.members) if (m.member_id === p.member_id) m.status = "removed";
  },
  "item.added": item,
  "item.edited": item,
  "item.moved": item,
  "item.accepted": item,
  "item.deleted": itemGone,
  "item.rejected": itemGone,
  "item.reviewed": item,
  "item.responded": item,
  "statement.added": statement,
  "statement.edited": statement,
  "statement.reviewed": statement,
  "statement.deleted": (board, p) => {
    board.statements = board.statements.filter((s) => s.id !== p.id);
    for (const s of board.statements) if (s.pairs_with === p.id) s.pairs_with = null;
  },
  "round.opened": (board, p) => board.rounds.push({ ...p.round }),
  "round.scored": round("round.scored"),
  "round.scored_aloud": round("round.scored"),
  "round.closed": round("round.closed"),
  "round.revealed": round("round.revealed"),
  "session.closed": conference({ closed_session: true }),
  "session.opened": (board, p) => {
    if (p.board) {
      for (const key of Object.keys(board)) delete board[key];
      Object.assign(board, structuredClone(p.board));
    }
    board.conference.closed_session = false;
  },
  "conference.updated": settings,
  "conference.children_set": settings,
  "conference.network_set": settings,
  "review.started": settings,
  "conference.focused": (board, p) => {
    board.conference.focus = p.section;
  },
  "conference.locked": conference({ status: "locked" }),
  "conference.unlocked": conference({ status: "open" }),
  "conference.closed": (board, p) => {
    board.conference.status = "closed";
    if ("corrections_until" in p) board.conference.corrections_until = p.corrections_until;
  },
  "correction.requested": correction,
  "correction.accepted": correction,
  "correction.declined": correction,
  "record.corrected": (board, p) => {
    if (p.target === "decision") {
      if (board.conference.decision) board.conference.decision = { ...board.conference.decision, [p.field]: p.new };
    } else {
      const [rows, key] = { item: ["items", "id"], statement: ["statements", "id"], member: ["members", "member_id"] }[
        p.target
      ];
      const row = board[rows].find((r) => r[key] === p.id);
      if (row) row[p.field] = p.new;
    }
    // a correction answering a request: the request lists what was changed (its sender's
    // and the chair's boards hold it)
    const asked = (board.corrections || []).find((c) => c.id === p.correction);
    if (asked) asked.changes = [...(asked.changes || []), { target: p.target, field: p.field, old: p.old, new: p.new }];
  },
  "record.approved": (board, p) => {
    board.conference.approved = { ...p.approved };
  },
  "decision.recorded": (board, p) => {
    board.conference.decision = { ...p.decision };
  },
};

export const HANDLED = Object.keys(HANDLERS);

// Fold one event into the board in place; the caller checks seq order.
export function applyEvent(board, event, columnOrder) {
  const handler = HANDLERS[event.type];
  if (!handler) throw new Error(`unknown event ${event.type}`);
  handler(board, event.payload || {}, columnOrder);
  board.seq = event.seq;
  return board;
}
