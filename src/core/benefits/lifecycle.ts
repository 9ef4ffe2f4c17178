// The benefit request state machine. It decides only which moves the request's state allows; who may
// make a move (requester, approver in the chain, finance, compliance) is decided by access control.
import type { Money } from '../money';

export const benefitRequestStates = [
  'draft',
  'submitted', // pre-checks run here
  'in_approval',
  'returned', // an approver sent it back for changes; the requester edits and resubmits
  'approved',
  'partially_paid',
  'paid',
  'closed',
  'rejected',
  'withdrawn',
  'cancelled',
] as const;
export type BenefitRequestState = (typeof benefitRequestStates)[number];

/** Nothing leaves these states: a closed benefit found wrong is a new case, not a reopened one. */
export const terminalStates: readonly BenefitRequestState[] = ['closed', 'rejected', 'withdrawn', 'cancelled'];

export const benefitRequestEventTypes = [
  'submit',
  'register', // below de minimis and nothing flagged: recorded without an approval chain
  'start_approval',
  'approve_step',
  'reject',
  'return_for_changes',
  'resubmit',
  'withdraw',
  'cancel',
  'record_payment',
  'reverse_payment',
  'close',
  'material_change_after_approval',
] as const;
export type BenefitRequestEventType = (typeof benefitRequestEventTypes)[number];

export type BenefitRequestEvent =
  | { type: 'submit' | 'register' | 'start_approval' | 'reject' | 'return_for_changes' | 'resubmit' | 'withdraw' | 'cancel' | 'close' | 'material_change_after_approval' }
  /** `lastStep`: the step decided is the last open one of the chain. */
  | { type: 'approve_step'; lastStep: boolean }
  /** A positive amount paid, or reversed, in integer minor units. */
  | { type: 'record_payment' | 'reverse_payment'; amount: Money };

export interface TransitionContext {
  /** The approved amount; required for payments and reversals. */
  approved?: Money;
  /** Paid so far, net of reversals; zero when absent. */
  paid?: Money;
}

export type TransitionRefusal = 'ILLEGAL_TRANSITION' | 'INVALID_AMOUNT' | 'CURRENCY_MISMATCH' | 'EXCEEDS_APPROVED' | 'EXCEEDS_PAID';

export type TransitionResult =
  | {
      ok: true;
      from: BenefitRequestState;
      state: BenefitRequestState;
      event: BenefitRequestEventType;
      /** Paid so far after a payment or reversal. */
      paid?: Money;
    }
  | { ok: false; code: TransitionRefusal; from: BenefitRequestState; event: BenefitRequestEventType };

// Where each event may lead from each state. Payments, reversals and approve_step have more than one
// target; the amounts or the chain pick one.
const moves: Readonly<Record<BenefitRequestState, Partial<Record<BenefitRequestEventType, readonly BenefitRequestState[]>>>> = {
  draft: { submit: ['submitted'], withdraw: ['withdrawn'], cancel: ['cancelled'] },
  submitted: { register: ['approved'], start_approval: ['in_approval'], withdraw: ['withdrawn'], cancel: ['cancelled'] },
  in_approval: {
    approve_step: ['in_approval', 'approved'],
    reject: ['rejected'],
    return_for_changes: ['returned'],
    withdraw: ['withdrawn'],
    cancel: ['cancelled'],
  },
  returned: { resubmit: ['submitted'], withdraw: ['withdrawn'], cancel: ['cancelled'] },
  // Once approved the requester can no longer withdraw; compliance can still cancel before payment.
  // Closing an approved request records a benefit that needs no payment (a received gift, points).
  approved: { record_payment: ['partially_paid', 'paid'], cancel: ['cancelled'], material_change_after_approval: ['in_approval'], close: ['closed'] },
  // After money has moved, only reversal entries correct it.
  partially_paid: { record_payment: ['partially_paid', 'paid'], reverse_payment: ['approved', 'partially_paid'] },
  paid: { reverse_payment: ['approved', 'partially_paid'], close: ['closed'] },
  closed: {},
  rejected: {},
  withdrawn: {},
  cancelled: {},
};

/** The events the state allows, whatever the amounts. */
export function allowedEvents(state: BenefitRequestState): BenefitRequestEventType[] {
  return benefitRequestEventTypes.filter((event) => moves[state][event] !== undefined);
}

/** Where an event may lead from a state: empty when the move is illegal. */
export function possibleTargets(state: BenefitRequestState, event: BenefitRequestEventType): readonly BenefitRequestState[] {
  return moves[state][event] ?? [];
}

export function isBenefitRequestState(value: string): value is BenefitRequestState {
  return (benefitRequestStates as readonly string[]).includes(value);
}

/** The state money places an approved request in: nothing, part or all of it paid. */
function byPaid(paid: number, approved: number): BenefitRequestState {
  return paid === 0 ? 'approved' : paid < approved ? 'partially_paid' : 'paid';
}

export function transition(state: BenefitRequestState, event: BenefitRequestEvent, context: TransitionContext = {}): TransitionResult {
  const refuse = (code: TransitionRefusal): TransitionResult => ({ ok: false, code, from: state, event: event.type });
  const targets = moves[state][event.type];
  if (!targets) return refuse('ILLEGAL_TRANSITION');
  const move = (to: BenefitRequestState, paid?: Money): TransitionResult => ({ ok: true, from: state, state: to, event: event.type, ...(paid && { paid }) });

  switch (event.type) {
    case 'approve_step':
      return move(event.lastStep ? 'approved' : 'in_approval');
    case 'record_payment':
    case 'reverse_payment': {
      const { approved } = context;
      // A caller that forgets the approved amount has a bug; it is not a refusal to show a user.
      if (!approved) throw new TypeError(`${event.type} needs the approved amount`);
      const paid = context.paid ?? { amountMinor: 0, currency: approved.currency };
      const { amount } = event;
      if (!Number.isSafeInteger(amount.amountMinor) || amount.amountMinor <= 0) return refuse('INVALID_AMOUNT');
      if (amount.currency !== approved.currency || paid.currency !== approved.currency) return refuse('CURRENCY_MISMATCH');
      const after = event.type === 'record_payment' ? paid.amountMinor + amount.amountMinor : paid.amountMinor - amount.amountMinor;
      if (after > approved.amountMinor) return refuse('EXCEEDS_APPROVED');
      if (after < 0) return refuse('EXCEEDS_PAID');
      return move(byPaid(after, approved.amountMinor), { amountMinor: after, currency: approved.currency });
    }
    default: {
      const [to] = targets;
      // Every other event has exactly one target in the table.
      return move(to as BenefitRequestState);
    }
  }
}

export interface MaterialTerms {
  amount: Money;
  recipientId: string;
}

/**
 * Whether an edit to an approved request needs approval again: more money, another currency or
 * another recipient. Less money, or a changed description, does not.
 */
export function isMaterialChange(approved: MaterialTerms, edited: MaterialTerms): boolean {
  return (
    edited.recipientId !== approved.recipientId ||
    edited.amount.currency !== approved.amount.currency ||
    edited.amount.amountMinor > approved.amount.amountMinor
  );
}
