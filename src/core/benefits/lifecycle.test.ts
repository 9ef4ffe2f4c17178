import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Money } from '../money';
import {
  allowedEvents,
  benefitRequestEventTypes,
  benefitRequestStates,
  isMaterialChange,
  terminalStates,
  transition,
  type BenefitRequestEvent,
  type BenefitRequestEventType,
  type BenefitRequestState,
  type TransitionContext,
} from './lifecycle';

const cny = (amountMinor: number): Money => ({ amountMinor, currency: 'CNY' });

// One representative event of each type, with a context that lets the move succeed where it is legal:
// ¥1,000 approved, ¥400 paid; a ¥100 payment or reversal.
const sample: Record<BenefitRequestEventType, BenefitRequestEvent> = {
  submit: { type: 'submit' },
  register: { type: 'register' },
  start_approval: { type: 'start_approval' },
  approve_step: { type: 'approve_step', lastStep: true },
  reject: { type: 'reject' },
  return_for_changes: { type: 'return_for_changes' },
  resubmit: { type: 'resubmit' },
  withdraw: { type: 'withdraw' },
  cancel: { type: 'cancel' },
  record_payment: { type: 'record_payment', amount: cny(100_00) },
  reverse_payment: { type: 'reverse_payment', amount: cny(100_00) },
  close: { type: 'close' },
  material_change_after_approval: { type: 'material_change_after_approval' },
};
const paidSoFar: Partial<Record<BenefitRequestState, number>> = { partially_paid: 400_00, paid: 1000_00 };
const contextFor = (state: BenefitRequestState): TransitionContext => ({ approved: cny(1000_00), paid: cny(paidSoFar[state] ?? 0) });

// The whole machine, written out independently of the implementation's table.
const expected: Record<BenefitRequestState, Partial<Record<BenefitRequestEventType, BenefitRequestState>>> = {
  draft: { submit: 'submitted', withdraw: 'withdrawn', cancel: 'cancelled' },
  submitted: { register: 'approved', start_approval: 'in_approval', withdraw: 'withdrawn', cancel: 'cancelled' },
  in_approval: { approve_step: 'approved', reject: 'rejected', return_for_changes: 'returned', withdraw: 'withdrawn', cancel: 'cancelled' },
  returned: { resubmit: 'submitted', withdraw: 'withdrawn', cancel: 'cancelled' },
  approved: { record_payment: 'partially_paid', cancel: 'cancelled', material_change_after_approval: 'in_approval', close: 'closed' },
  partially_paid: { record_payment: 'partially_paid', reverse_payment: 'partially_paid' },
  paid: { reverse_payment: 'partially_paid', close: 'closed' },
  closed: {},
  rejected: {},
  withdrawn: {},
  cancelled: {},
};

const pairs = benefitRequestStates.flatMap((state) => benefitRequestEventTypes.map((event) => [state, event] as const));

describe('transition: every state against every event', () => {
  it('covers all pairs', () => {
    expect(pairs).toHaveLength(11 * 13);
  });

  it.each(pairs)('%s + %s', (state, event) => {
    const result = transition(state, sample[event], contextFor(state));
    const to = expected[state][event];
    if (to) expect(result).toMatchObject({ ok: true, from: state, state: to, event });
    else expect(result).toEqual({ ok: false, code: 'ILLEGAL_TRANSITION', from: state, event });
  });

  it('allowedEvents lists exactly the legal events', () => {
    for (const state of benefitRequestStates) expect(allowedEvents(state)).toEqual(benefitRequestEventTypes.filter((e) => expected[state][e]));
  });

  it('terminal states allow nothing', () => {
    expect([...terminalStates].sort()).toEqual(benefitRequestStates.filter((s) => allowedEvents(s).length === 0).sort());
  });
});

describe('approval steps', () => {
  it('stays in approval until the last step', () => {
    expect(transition('in_approval', { type: 'approve_step', lastStep: false })).toMatchObject({ ok: true, state: 'in_approval' });
    expect(transition('in_approval', { type: 'approve_step', lastStep: true })).toMatchObject({ ok: true, state: 'approved' });
  });

  it('returned requests go through pre-checks again before approval', () => {
    const back = transition('returned', { type: 'resubmit' });
    expect(back).toMatchObject({ ok: true, state: 'submitted' });
    expect(transition('returned', { type: 'start_approval' })).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
  });

  it('approving twice after the last step is illegal', () => {
    expect(transition('approved', { type: 'approve_step', lastStep: true })).toEqual({ ok: false, code: 'ILLEGAL_TRANSITION', from: 'approved', event: 'approve_step' });
  });
});

describe('payments', () => {
  const approved = cny(1000_00);
  const pay = (state: BenefitRequestState, paid: number, amount: Money) => transition(state, { type: 'record_payment', amount }, { approved, paid: cny(paid) });
  const reverse = (state: BenefitRequestState, paid: number, amount: Money) => transition(state, { type: 'reverse_payment', amount }, { approved, paid: cny(paid) });

  it('pays in parts up to the approved amount', () => {
    expect(pay('approved', 0, cny(300_00))).toEqual({ ok: true, from: 'approved', state: 'partially_paid', event: 'record_payment', paid: cny(300_00) });
    expect(pay('partially_paid', 300_00, cny(700_00))).toMatchObject({ ok: true, state: 'paid', paid: cny(1000_00) });
    expect(pay('approved', 0, cny(1000_00))).toMatchObject({ ok: true, state: 'paid' });
  });

  it('refuses a payment over the approved amount, by even one fen', () => {
    expect(pay('partially_paid', 300_00, cny(700_01))).toEqual({ ok: false, code: 'EXCEEDS_APPROVED', from: 'partially_paid', event: 'record_payment' });
    expect(pay('approved', 0, cny(1000_01))).toMatchObject({ ok: false, code: 'EXCEEDS_APPROVED' });
    expect(pay('paid', 1000_00, cny(1))).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
  });

  it('refuses zero, negative and fractional amounts', () => {
    for (const amountMinor of [0, -1, -100_00, 0.5, 10.01, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(pay('approved', 0, cny(amountMinor))).toMatchObject({ ok: false, code: 'INVALID_AMOUNT' });
      expect(reverse('paid', 1000_00, cny(amountMinor))).toMatchObject({ ok: false, code: 'INVALID_AMOUNT' });
    }
  });

  it('refuses mixed currencies', () => {
    expect(pay('approved', 0, { amountMinor: 100, currency: 'USD' })).toMatchObject({ ok: false, code: 'CURRENCY_MISMATCH' });
    expect(reverse('paid', 1000_00, { amountMinor: 100, currency: 'HKD' })).toMatchObject({ ok: false, code: 'CURRENCY_MISMATCH' });
    expect(transition('approved', { type: 'record_payment', amount: cny(1) }, { approved, paid: { amountMinor: 0, currency: 'USD' } })).toMatchObject({
      ok: false,
      code: 'CURRENCY_MISMATCH',
    });
  });

  it('reverses into the state the remaining money fits', () => {
    expect(reverse('paid', 1000_00, cny(1000_00))).toEqual({ ok: true, from: 'paid', state: 'approved', event: 'reverse_payment', paid: cny(0) });
    expect(reverse('paid', 1000_00, cny(1))).toMatchObject({ ok: true, state: 'partially_paid', paid: cny(999_99) });
    expect(reverse('partially_paid', 400_00, cny(400_00))).toMatchObject({ ok: true, state: 'approved', paid: cny(0) });
    expect(reverse('partially_paid', 400_00, cny(400_01))).toMatchObject({ ok: false, code: 'EXCEEDS_PAID' });
  });

  it('a missing approved amount is a programming error, not a refusal', () => {
    expect(() => transition('approved', { type: 'record_payment', amount: cny(1) })).toThrow(TypeError);
  });

  it('paid never exceeds approved, nor drops below zero, under any sequence of payments and reversals', () => {
    const step = fc.record({ kind: fc.constantFrom('record_payment' as const, 'reverse_payment' as const), amountMinor: fc.integer({ min: -5, max: 3000_00 }) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000_00 }), fc.array(step, { maxLength: 40 }), (approvedMinor, steps) => {
        const approvedAmount = cny(approvedMinor);
        let state: BenefitRequestState = 'approved';
        let paid = cny(0);
        for (const { kind, amountMinor } of steps) {
          const result = transition(state, { type: kind, amount: cny(amountMinor) }, { approved: approvedAmount, paid });
          if (!result.ok) continue;
          state = result.state;
          paid = result.paid ?? paid;
          expect(paid.amountMinor).toBeGreaterThanOrEqual(0);
          expect(paid.amountMinor).toBeLessThanOrEqual(approvedMinor);
          expect(state).toBe(paid.amountMinor === 0 ? 'approved' : paid.amountMinor === approvedMinor ? 'paid' : 'partially_paid');
        }
      }),
    );
  });
});

describe('changes after approval', () => {
  const terms = { amount: cny(1000_00), recipientId: 'p1' };

  it('more money or another recipient is material; less money is not', () => {
    expect(isMaterialChange(terms, { ...terms, amount: cny(1000_01) })).toBe(true);
    expect(isMaterialChange(terms, { ...terms, recipientId: 'p2' })).toBe(true);
    expect(isMaterialChange(terms, { ...terms, amount: { amountMinor: 1000_00, currency: 'USD' } })).toBe(true);
    expect(isMaterialChange(terms, { ...terms, amount: cny(999_99) })).toBe(false);
    expect(isMaterialChange(terms, terms)).toBe(false);
  });

  it('a material change sends an approved request back to approval, but not once money has moved', () => {
    expect(transition('approved', { type: 'material_change_after_approval' })).toMatchObject({ ok: true, state: 'in_approval' });
    expect(transition('partially_paid', { type: 'material_change_after_approval' })).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
  });
});
