// The demo firm's benefit requests in every state, made through the same use cases as the API, so
// each inbox, the payment page and the ledger have something true to show.
import { chinaToday } from '../../core/calendar';
import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import { demoContext } from '../../platform/seed/demo-context';
import type { Db } from '../../platform/db/database';
import { clientContacts, clients, parties } from '../registry/registry.tables';
import { recordPayment, closeRequest } from './payments.service';
import { DEMO_BLACKOUT_CLIENT } from './policy.demo';
import { createRequest, decideStep, submitRequest } from './requests.service';
import { benefitRequests } from './benefits.tables';
import type { BenefitDraftInput } from './requests.types';

const versionOf = async (db: Db, id: string) => (await db.select({ version: benefitRequests.version }).from(benefitRequests).where(eq(benefitRequests.id, id)))[0]!.version;

interface DemoRequest {
  requester: string;
  terms: Omit<BenefitDraftInput, 'counterpartyPartyId' | 'benefitDate' | 'direction' | 'currency'> & { direction?: 'given' | 'received' };
  justification?: string;
  /** Who decides each step, in order, and how; then whether finance pays and closes. */
  decisions?: { by: string; decision: 'approve' | 'reject' | 'return'; comment?: string }[];
  pay?: { by: string; voucherNo: string; close: boolean };
  submit?: boolean;
  /** For the same recipient as the request before it (a split the early warning raises). */
  sameRecipient?: boolean;
}

const DEMO_REQUESTS: DemoRequest[] = [
  { requester: 'staff', terms: { benefitType: 'other', amount: '800', purpose: '年末客户答谢：定制茶叶礼盒' }, decisions: [{ by: 'liang.chen', decision: 'approve', comment: '同意，注意登记' }], pay: { by: 'finance', voucherNo: 'FK-2026-1108', close: true } },
  { requester: 'staff', terms: { benefitType: 'other', amount: '1500', purpose: '战略客户年度合作答谢' }, justification: '年度战略客户，续约在即，经部门讨论确定', decisions: [{ by: 'liang.chen', decision: 'approve', comment: '同意，请合规复核' }] },
  { requester: 'zhang.wei', terms: { benefitType: 'other', amount: '600', purpose: '审计现场配合答谢：会议茶歇' } },
  { requester: 'li.na', terms: { benefitType: 'points', amount: '50', purpose: '客户活动积分赠送' } },
  { requester: 'song.jie', terms: { benefitType: 'other', amount: '900', purpose: '客户新品发布会花篮' }, decisions: [{ by: 'liang.chen', decision: 'approve' }] },
  { requester: 'tang.li', terms: { direction: 'received', benefitType: 'other', amount: '300', purpose: '客户中秋赠送月饼礼盒（已登记）' } },
  { requester: 'feng.tao', terms: { benefitType: 'other', amount: '700', purpose: '客户高管生日礼品' }, decisions: [{ by: 'liang.chen', decision: 'reject', comment: '与客户业务谈判期内，不宜赠送' }] },
  { requester: 'han.bing', terms: { benefitType: 'gift', amount: '1000', purpose: '客户答谢宴后伴手礼（待补照片）' }, submit: false },
  // ¥5,800 in three requests of a week, each under the ¥5,000 approval threshold: the early warning's split.
  { requester: 'feng.tao', terms: { benefitType: 'other', amount: '2800', purpose: '客户项目启动会答谢' }, justification: '项目启动，客户方参与人员较多' },
  { requester: 'feng.tao', terms: { benefitType: 'other', amount: '1800', purpose: '客户项目中期答谢' }, justification: '项目中期评审答谢', sameRecipient: true },
  { requester: 'feng.tao', terms: { benefitType: 'other', amount: '1200', purpose: '客户项目验收答谢' }, justification: '项目验收答谢', sameRecipient: true },
];

/** Contacts of the demo's active clients (not the one in a tender period), one per request. */
async function demoRecipients(db: Db, count: number): Promise<string[]> {
  const rows = await db
    .selectDistinctOn([clients.id], { clientId: clients.id, contactPartyId: clientContacts.partyId, clientName: parties.primaryName })
    .from(clients)
    .innerJoin(parties, eq(parties.id, clients.partyId))
    .innerJoin(clientContacts, and(eq(clientContacts.clientId, clients.id), isNull(clientContacts.endedAt)))
    .where(and(eq(clients.status, 'active'), ne(parties.primaryName, DEMO_BLACKOUT_CLIENT)))
    .orderBy(asc(clients.id), asc(clientContacts.createdAt))
    .limit(count);
  return rows.map((r) => r.contactPartyId);
}

export async function seedDemoBenefits(db: Db): Promise<number> {
  const recipients = await demoRecipients(db, DEMO_REQUESTS.length);
  const benefitDate = chinaToday();
  let counterpartyPartyId: string | undefined;
  for (const [i, demo] of DEMO_REQUESTS.entries()) {
    if (!demo.sameRecipient) counterpartyPartyId = recipients[i % recipients.length];
    if (!counterpartyPartyId) return 0;
    const requester = await demoContext(db, demo.requester);
    const id = await createRequest(db, requester, { direction: 'given', currency: 'CNY', ...demo.terms, counterpartyPartyId, benefitDate });
    if (demo.submit === false) continue;
    await submitRequest(db, requester, id, { version: await versionOf(db, id), justification: demo.justification ?? null });
    for (const step of demo.decisions ?? []) {
      await decideStep(db, await demoContext(db, step.by), id, { version: await versionOf(db, id), decision: step.decision, comment: step.comment ?? null });
    }
    if (demo.pay) {
      const finance = await demoContext(db, demo.pay.by);
      await recordPayment(db, finance, id, { version: await versionOf(db, id), amount: demo.terms.amount, paidOn: benefitDate, method: 'bank_transfer', voucherNo: demo.pay.voucherNo, note: null });
      if (demo.pay.close) await closeRequest(db, finance, id, { version: await versionOf(db, id) });
    }
  }
  return DEMO_REQUESTS.length;
}
