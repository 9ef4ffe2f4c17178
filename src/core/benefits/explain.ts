// Pre-check findings as sentences a requester can act on, with the figures behind them, and why
// an approval chain passed someone over.
import { formatMoney, type Money } from '../money';
import { chainSkipText } from '../recusal/barriers';
import type { SkipReason } from './approval-chain';
import type { PeriodKind } from './limits';
import type { EvidenceKind, Finding, FindingSeverity } from './policy';

type Locale = 'zh-CN' | 'en';

const periodWords: Record<PeriodKind, Record<Locale, string>> = {
  month: { 'zh-CN': '本月', en: 'this month' },
  quarter: { 'zh-CN': '本季度', en: 'this quarter' },
  year: { 'zh-CN': '本年度', en: 'this year' },
};

export const evidenceLabels: Record<EvidenceKind | 'other', Record<Locale, string>> = {
  invoice: { 'zh-CN': '发票', en: 'invoice' },
  contract_clause: { 'zh-CN': '合同条款', en: 'contract clause' },
  photo: { 'zh-CN': '照片', en: 'photo' },
  guest_list: { 'zh-CN': '宾客名单', en: 'guest list' },
  other: { 'zh-CN': '其他', en: 'other' },
};

const severityWords: Record<FindingSeverity, Record<Locale, string>> = {
  hard: { 'zh-CN': '硬性限制，不可提交', en: 'hard limit: cannot be submitted' },
  soft: { 'zh-CN': '软性限制，需书面说明并经合规审批', en: 'soft limit: needs a written justification and compliance approval' },
  info: { 'zh-CN': '提示', en: 'for information' },
};

const percent = (basisPoints: number) => `${(basisPoints / 100).toFixed(2)}%`;

/** One finding in the reader's language, ending with what its severity means. */
export function findingText(finding: Finding, locale: Locale): string {
  const p = finding.params;
  const m = (money: Money | undefined) => (money ? formatMoney(money, locale) : '?');
  const zh = locale === 'zh-CN';
  const period = p.period ? periodWords[p.period][locale] : '';
  let sentence: string;
  switch (finding.code) {
    case 'INVALID_AMOUNT':
      sentence = zh ? `金额 ${m(p.request)} 无效` : `The amount ${m(p.request)} is not valid`;
      break;
    case 'MISSING_RATE':
      sentence = zh ? `外币金额 ${m(p.request)} 缺少折算人民币的汇率` : `The foreign amount ${m(p.request)} has no rate to CNY`;
      break;
    case 'OVER_ITEM_LIMIT':
      sentence = zh ? `单笔金额 ${m(p.request)} 超过单笔限额 ${m(p.limit)}` : `The amount ${m(p.request)} is over the per-item limit of ${m(p.limit)}`;
      break;
    case 'OVER_RECIPIENT_PERIOD_LIMIT':
      sentence = zh
        ? `该对象${period}已累计 ${m(p.used)}，加上本次 ${m(p.request)} 共 ${m(p.totalAfter)}，超过限额 ${m(p.limit)}`
        : `The recipient has had ${m(p.used)} ${period}; with this ${m(p.request)} that is ${m(p.totalAfter)}, over the limit of ${m(p.limit)}`;
      break;
    case 'OVER_CLIENT_YEAR_LIMIT':
      sentence = zh
        ? `该客户本年度（全所各部门合计）已累计 ${m(p.used)}，加上本次 ${m(p.request)} 共 ${m(p.totalAfter)}，超过年度限额 ${m(p.limit)}`
        : `The client has had ${m(p.used)} this year across all departments; with this ${m(p.request)} that is ${m(p.totalAfter)}, over the yearly limit of ${m(p.limit)}`;
      break;
    case 'OVER_REVENUE_SHARE':
      sentence = zh
        ? `该客户本年度好处合计 ${m(p.totalAfter)}，占其年收入 ${m(p.revenue)} 的 ${percent(p.shareBasisPoints ?? 0)}，超过上限 ${percent(p.limitBasisPoints ?? 0)}`
        : `The client's benefits this year would total ${m(p.totalAfter)}, ${percent(p.shareBasisPoints ?? 0)} of its annual revenue of ${m(p.revenue)}, over the cap of ${percent(p.limitBasisPoints ?? 0)}`;
      break;
    case 'REVENUE_UNKNOWN':
      sentence = zh
        ? `该客户年收入未登记，无法核对收入占比上限 ${percent(p.limitBasisPoints ?? 0)}`
        : `The client's annual revenue is not recorded, so the revenue-share cap of ${percent(p.limitBasisPoints ?? 0)} cannot be checked`;
      break;
    case 'BLACKOUT':
      sentence = zh ? `客户处于禁止期 ${p.from} 至 ${p.to}（${p.reason ?? ''}）` : `The client is in a blackout period from ${p.from} to ${p.to} (${p.reason ?? ''})`;
      break;
    case 'PUBLIC_OFFICIAL':
      sentence = p.linked
        ? zh
          ? '对象在关系登记中与公职人员有关联'
          : 'The recipient is linked to a public official in the registry'
        : zh
          ? '对象是公职人员'
          : 'The recipient is a public official';
      break;
    case 'RELATED_REQUESTER':
      sentence = zh ? `申请人与对象存在关系：${p.path ?? ''}` : `The requester is related to the recipient: ${p.path ?? ''}`;
      break;
    case 'MISSING_EVIDENCE': {
      const missing = (p.missing ?? []).map((k) => evidenceLabels[k][locale]).join(zh ? '、' : ', ');
      sentence = zh ? `缺少必需的证明材料：${missing}` : `Required evidence is missing: ${missing}`;
      break;
    }
    case 'CASH_LIKE':
      sentence = zh ? '该类型属于现金或等同现金' : 'This type is cash or cash-like';
      break;
    case 'RECEIVED_BENEFIT':
      sentence = zh ? `收受 ${m(p.request)} 超过登记门槛，视为利益冲突信号` : `Receiving ${m(p.request)} is above the registration threshold and a conflict-of-interest signal`;
      break;
  }
  return zh ? `${sentence}（${severityWords[finding.severity][locale]}）。` : `${sentence} (${severityWords[finding.severity][locale]}).`;
}

const skipWords: Record<Exclude<SkipReason, 'recused' | 'walled_off'>, Record<Locale, string>> = {
  self: { 'zh-CN': '本人申请，审批跳过', en: 'Own request: skipped' },
  related: { 'zh-CN': '与接受方或客户有关联，审批跳过', en: 'Related to the recipient or the client: skipped' },
  inactive: { 'zh-CN': '账号已停用，审批跳过', en: 'Inactive: skipped' },
  missing: { 'zh-CN': '人员不存在，审批跳过', en: 'No such person: skipped' },
  delegated: { 'zh-CN': '已委托他人代为审批', en: 'Delegated to a deputy' },
};

/** Why the chain passed an approver over, in the reader's language; recusals and barriers in the access module's words. */
export function skipText(reason: SkipReason, locale: Locale): string {
  return reason === 'recused' || reason === 'walled_off' ? chainSkipText(reason, locale) : skipWords[reason][locale];
}
