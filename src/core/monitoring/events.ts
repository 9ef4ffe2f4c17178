// What the rules see: benefit and registry events with the facts needed to judge them, resolved
// when the event was recorded, so a replay judges the past as it was then.
import type { BenefitType } from '../benefits/policy';
import type { PeriodKind } from '../benefits/limits';

export interface BlackoutFact {
  id: string;
  startsOn: string;
  endsOn: string;
  reason: string;
}

/** A benefit the firm gives, as it stood at the event. Amounts are CNY minor units. */
export interface BenefitFacts {
  requestId: string;
  ref: string;
  clientId: string | null;
  /** The counterparty: who receives the benefit. */
  recipientId: string;
  requesterId: string;
  departmentId: string;
  benefitType: BenefitType;
  amountCnyMinor: number;
  /** YYYY-MM-DD */
  benefitDate: string;
  recipientPublicOfficial: boolean;
  /** How the requester is linked to the recipient or its client, in words; null when not. */
  requesterPath: string | null;
  /** The client's first day as a client. */
  clientSince: string | null;
  /** The client's annual revenue to the firm, CNY minor units. */
  clientRevenueCnyMinor: number | null;
  clientDepartmentId: string | null;
  clientServiceLines: readonly string[];
  /** The policy's per-period limits for this type, CNY minor units. */
  limits: { recipientPeriod: { amountMinor: number; period: PeriodKind } | null; clientYear: number | null };
  /** A blackout window of the client that covers the benefit date. */
  blackout: BlackoutFact | null;
}

interface EventBase {
  /** Order of recording; replays follow it. */
  seq: number;
  /** YYYY-MM-DD, the firm's day the event happened. */
  day: string;
}

export type MonitoringEvent =
  | (EventBase & { kind: 'submitted'; benefit: BenefitFacts })
  | (EventBase & { kind: 'approved'; benefit: BenefitFacts; approverId: string; approverPath: string | null })
  /** A payment recorded: `paidOn` is its value date. */
  | (EventBase & { kind: 'paid'; benefit: BenefitFacts; paymentCnyMinor: number; paidOn: string; approvedOn: string; approvedCnyMinor: number })
  /** A request closed after payment: settled for `paidCnyMinor`. */
  | (EventBase & { kind: 'closed'; benefit: BenefitFacts; paidCnyMinor: number; approvedCnyMinor: number })
  /** Rejected, withdrawn or cancelled after submission: it no longer counts. */
  | (EventBase & { kind: 'ended'; benefit: BenefitFacts })
  /** A relationship now links a staff member to a party (directly or through one other). */
  | (EventBase & { kind: 'related'; userId: string; partyId: string; clientId: string | null; path: string })
  /** A blackout window declared for a client, possibly covering benefits already given. */
  | (EventBase & { kind: 'blackout'; clientId: string; blackout: BlackoutFact });

export type MonitoringEventKind = MonitoringEvent['kind'];
