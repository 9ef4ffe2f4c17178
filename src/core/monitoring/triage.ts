// An alert's triage: new → reviewing → dismissed (with a reason) or escalated to a conflict case.
// Dismissed and escalated are final; what fires again on new facts is a new alert.

export const alertStates = ['new', 'reviewing', 'dismissed', 'escalated'] as const;
export type AlertState = (typeof alertStates)[number];
export const alertMoves = ['review', 'dismiss', 'escalate'] as const;
export type AlertMove = (typeof alertMoves)[number];

const moves: Record<AlertMove, { from: readonly AlertState[]; to: AlertState }> = {
  review: { from: ['new'], to: 'reviewing' },
  dismiss: { from: ['new', 'reviewing'], to: 'dismissed' },
  escalate: { from: ['new', 'reviewing'], to: 'escalated' },
};

export const isOpen = (state: AlertState) => state === 'new' || state === 'reviewing';

export const allowedMoves = (state: AlertState): AlertMove[] => alertMoves.filter((m) => moves[m].from.includes(state));

/** The state a move leads to, or null when the state does not allow it. */
export const nextAlertState = (state: AlertState, move: AlertMove): AlertState | null => (moves[move].from.includes(state) ? moves[move].to : null);

/** Age buckets of the open-alerts dashboard, in days. */
export const ageBuckets = [
  { key: '0-2', maxDays: 2 },
  { key: '3-7', maxDays: 7 },
  { key: '8-30', maxDays: 30 },
  { key: '30+', maxDays: Number.POSITIVE_INFINITY },
] as const;
export type AgeBucket = (typeof ageBuckets)[number]['key'];
export const ageBucketOf = (days: number): AgeBucket => ageBuckets.find((b) => days <= b.maxDays)!.key;
