// A synthetic year of a firm's benefit activity with labelled planted patterns, for the monitoring
// benchmark. Deterministic for a seed and size.
//
// Order of making: the firm; the clients' announced blackouts; ordinary requests (background) up to
// nearly the target; each rule's planted patterns and decoys, every one in a client of its own chosen
// so that nothing but the planted rule fires (plant.ts); more background, never in those clients,
// up to the target; relationships recorded for staff and recipients they had no dealings with.
//
// The year is held as compact request records (a few hundred bytes each); events are made from them
// one day at a time as the benchmark asks for them, in order of recording: each day the submissions,
// then approvals, payments, closings and withdrawals, then relationships and blackouts declared.
import type { BlackoutFact, BenefitFacts, MonitoringEvent } from '../../src/core/monitoring/events';
import { ruleKinds, type RuleKind } from '../../src/core/monitoring/rules';
import { background, backgroundBlackouts, backgroundRelations, Ledger, type Request, typeLimits } from './activity';
import { buildFirm, dateOf, type Firm, YEAR, YEAR_DAYS } from './firm';
import { type Label, Planter, requestIdOf } from './plant';
import { plantings } from './patterns';
import { Random } from './random';

export interface YearOptions {
  clients: number;
  events: number;
  seed: number;
  /** Planted patterns per rule. */
  planted: number;
  /** Decoys per rule that has an edge to miss. */
  decoys: number;
}

export interface Year {
  firm: Firm;
  ledger: Ledger;
  labels: Label[];
  decoys: Label[];
  events: number;
}

export function generateYear(options: YearOptions): Year {
  const rng = new Random(options.seed);
  const firm = buildFirm(options.clients, rng);
  const ledger = new Ledger(firm);
  backgroundBlackouts(ledger, rng);
  const relations = Math.round(options.clients / 12);
  // Planted requests give about 260 events per instance of every rule; the rest is background.
  background(ledger, options.events - relations - 260 * (options.planted + options.decoys), rng);
  const planter = new Planter(ledger, rng);
  for (const rule of ruleKinds) {
    const { plant, decoy } = plantings[rule];
    for (let i = 0; i < options.planted; i += 1) plant(planter, i);
    if (decoy) for (let i = 0; i < options.decoys; i += 1) decoy(planter, i);
  }
  background(ledger, options.events - relations, rng, planter.used);
  backgroundRelations(ledger, relations, rng);
  return { firm, ledger, labels: planter.labels, decoys: planter.decoys, events: ledger.eventTotal };
}

export const plantedPerRule = (labels: readonly Label[]) =>
  Object.fromEntries(ruleKinds.map((rule) => [rule, labels.filter((l) => l.rule === rule).length])) as Record<RuleKind, number>;

const SUBMITTED = 0;
const APPROVED = 1; // 1, 2, 3: the approval steps
const PAID = 4;
const CLOSED = 5;
const ENDED = 6;

/** The year's events, one day at a time, as the event log would hand them to the engine. */
export class EventLog {
  private readonly days: number[][] = Array.from({ length: YEAR_DAYS }, () => []);
  private readonly limits = new Map<string, BenefitFacts['limits']>();
  private readonly blackoutFacts: BlackoutFact[];
  private seq = 0;

  constructor(private readonly year: Year) {
    const { ledger } = year;
    const at = (day: number | null, code: number) => {
      if (day !== null && day >= 0 && day < YEAR_DAYS) this.days[day]!.push(code);
    };
    for (const r of ledger.requests) {
      at(r.submitted, r.id * 8 + SUBMITTED);
      r.approvedDays.forEach((day, step) => at(day, r.id * 8 + APPROVED + step));
      at(r.paidDay, r.id * 8 + PAID);
      at(r.closedDay, r.id * 8 + CLOSED);
      at(r.endedDay, r.id * 8 + ENDED);
    }
    // Within a day: by stage, mixed within a stage (a multiplicative hash of the request), then the registry's events.
    const order = (code: number) => (code & 7) * 2 ** 32 + ((Math.imul(code >>> 3, 0x9e3779b1) >>> 0) % 2 ** 32);
    for (const day of this.days) day.sort((a, b) => order(a) - order(b));
    ledger.relations.forEach((relation, i) => at(relation.day, -1 - i));
    ledger.blackouts.forEach((blackout, i) => at(blackout.declared, -1 - ledger.relations.length - i));
    this.blackoutFacts = ledger.blackouts.map((b) => ({ id: b.id, startsOn: dateOf(b.starts), endsOn: dateOf(b.ends), reason: b.reason }));
  }

  get dayCount(): number {
    return YEAR_DAYS;
  }

  /** The events recorded on day `day` (0 = 1 January), numbered on from the previous day's. */
  eventsOf(day: number): MonitoringEvent[] {
    const { ledger, firm } = this.year;
    const dayText = dateOf(day);
    return this.days[day]!.map((code): MonitoringEvent => {
      const seq = (this.seq += 1);
      if (code < 0) {
        const index = -1 - code;
        if (index < ledger.relations.length) {
          const relation = ledger.relations[index]!;
          const recipient = firm.recipients[relation.recipient]!;
          return {
            seq,
            day: dayText,
            kind: 'related',
            userId: firm.users[relation.user]!.id,
            partyId: recipient.id,
            clientId: recipient.client === null ? null : firm.clients[recipient.client]!.id,
            path: relation.path,
          };
        }
        const b = index - ledger.relations.length;
        return { seq, day: dayText, kind: 'blackout', clientId: firm.clients[ledger.blackouts[b]!.client]!.id, blackout: this.blackoutFacts[b]! };
      }
      const r = ledger.requests[code >>> 3]!;
      const benefit = this.factsOf(r);
      const stage = code & 7;
      switch (stage) {
        case SUBMITTED:
          return { seq, day: dayText, kind: 'submitted', benefit };
        case PAID:
          return { seq, day: dayText, kind: 'paid', benefit, paymentCnyMinor: r.paidMinor, paidOn: dateOf(r.paidDay!), approvedOn: dateOf(r.approvedDays.at(-1)!), approvedCnyMinor: r.amountMinor };
        case CLOSED:
          return { seq, day: dayText, kind: 'closed', benefit, paidCnyMinor: r.paidMinor, approvedCnyMinor: r.amountMinor };
        case ENDED:
          return { seq, day: dayText, kind: 'ended', benefit };
        default: {
          const step = stage - APPROVED;
          return { seq, day: dayText, kind: 'approved', benefit, approverId: firm.users[r.approvers[step]!]!.id, approverPath: r.approverPaths?.[step] ?? null };
        }
      }
    });
  }

  /** The benefit as the event log records it with each event: a fresh copy each time. */
  private factsOf(r: Request): BenefitFacts {
    const { firm } = this.year;
    const c = r.client === null ? null : firm.clients[r.client]!;
    return {
      requestId: requestIdOf(r.id),
      ref: `BN-${YEAR}-${String(r.id + 1).padStart(7, '0')}`,
      clientId: c?.id ?? null,
      recipientId: firm.recipients[r.recipient]!.id,
      requesterId: firm.users[r.requester]!.id,
      departmentId: firm.departments[r.department]!,
      benefitType: r.type,
      amountCnyMinor: r.amountMinor,
      benefitDate: dateOf(r.benefitDay),
      recipientPublicOfficial: firm.recipients[r.recipient]!.official,
      requesterPath: r.requesterPath,
      clientSince: c?.sinceText ?? null,
      clientRevenueCnyMinor: c?.revenueMinor ?? null,
      clientDepartmentId: c ? firm.departments[c.department]! : null,
      clientServiceLines: c?.lines ?? [],
      limits: this.limitsOf(r.type),
      blackout: r.blackout === null ? null : this.blackoutFacts[r.blackout]!,
    };
  }

  private limitsOf(type: Request['type']): BenefitFacts['limits'] {
    let limits = this.limits.get(type);
    if (!limits) {
      const policy = typeLimits(type);
      const recipient = policy.perRecipientPerPeriod;
      limits = { recipientPeriod: recipient ? { amountMinor: recipient.amountMinor, period: recipient.period } : null, clientYear: policy.perClientPerYear?.amountMinor ?? null };
      this.limits.set(type, limits);
    }
    return limits;
  }
}
