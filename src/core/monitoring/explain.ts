// Early-warning rules and alerts in words, in the reader's language: every alert says what it saw,
// with the figures, so a reviewer can judge it without opening the rule.
import { benefitTypeLabels, type BenefitType } from '../benefits/policy';
import type { PeriodKind } from '../benefits/limits';
import { formatMoney } from '../money';
import { MAX_ALERT_REQUESTS, type AlertReason, type AlertRequestFact, type AlertSubject } from './alerts';
import type { RuleKind, RuleParams, severityOf } from './rules';

type Locale = 'zh-CN' | 'en';
type Words = Record<Locale, string>;

export const ruleLabels: Record<RuleKind, Words> = {
  structuring: { 'zh-CN': '拆分规避审批', en: 'Split to avoid approval' },
  cumulative_limit: { 'zh-CN': '累计额度接近上限', en: 'Cumulative limit approached' },
  frequency_spike: { 'zh-CN': '频率或金额突增', en: 'Frequency spike' },
  public_official: { 'zh-CN': '公职人员受益', en: 'Public official recipient' },
  related_party: { 'zh-CN': '关联方受益', en: 'Related recipient' },
  revenue_outlier: { 'zh-CN': '好处费与收入比异常', en: 'Benefit-to-revenue outlier' },
  blackout: { 'zh-CN': '禁止期内好处', en: 'Inside a blackout window' },
  approver_affinity: { 'zh-CN': '审批人固定偏好', en: 'Approver affinity' },
  payment_mismatch: { 'zh-CN': '付款与审批不符', en: 'Payment differs from approval' },
  new_client: { 'zh-CN': '新客户即获好处', en: 'New client benefit' },
};

export const ruleDescriptions: Record<RuleKind, Words> = {
  structuring: {
    'zh-CN': '在时间窗口内，同一申请人为同一接受方或同一客户提交的同类好处申请每笔都低于审批门槛，合计却达到门槛，且不少于最少笔数：可能是把一笔好处拆开以规避审批。',
    en: 'Requests by one requester for one kind of benefit to one recipient or one client within the window, each under the approval threshold but together reaching it, at least the minimum number of them: possibly one benefit split to avoid approval.',
  },
  cumulative_limit: {
    'zh-CN': '接受方在政策期间（月、季度或年度）内的累计金额，或客户在年度内全所各部门的累计金额，达到政策限额的预警比例，且来自不少于最少部门数的部门：各部门单独看都不多，合起来却接近上限。',
    en: "A recipient's running total for the policy period (month, quarter or year), or a client's for the year across all departments, reaches the warning share of the policy limit, given by at least the minimum number of departments: each little alone, close to the limit together.",
  },
  frequency_spike: {
    'zh-CN': '客户近期天数内的申请笔数或金额，达到此前基准期按同样天数折算的平均值的突增倍数（已按全所同期的忙闲程度调整，节日送礼潮不算突增），且偶然出现的概率不高于上限；近期不少于近期最少笔数。',
    en: "A client's requests or amounts over the recent period reach the spike factor times the baseline period's average for as many days (adjusted for how busy the whole firm is in the same days, so a festival gift wave is no spike), and are no likelier by chance than the limit allows; the recent period needs the minimum recent requests.",
  },
  public_official: {
    'zh-CN': '接受方是公职人员，且金额不低于最低金额。',
    en: 'The recipient is a public official and the amount is at least the minimum amount.',
  },
  related_party: {
    'zh-CN': '申请人或审批人与接受方或其客户存在登记的关系，包括在回溯天数内事后登记的关系。',
    en: 'The requester or the approver is related to the recipient or its client in the registry, including a relationship recorded later within the look-back days.',
  },
  revenue_outlier: {
    'zh-CN': '客户过去一年的好处合计占其年收入的比例，不低于最低收入占比，且按对数比较高出同组（按部门或业务线，不少于最少同组客户数）中位数至少若干个稳健标准差（由中位数绝对偏差估计）；监测满预热天数后才判断。',
    en: "A client's benefits over the last year as a share of its annual revenue, at least the minimum share and, compared as logarithms, at least the given number of robust standard deviations (from the median absolute deviation) above the median of its peers (by department or service line, with at least the minimum number of peers); judged once monitoring has run for the warm-up days.",
  },
  blackout: {
    'zh-CN': '好处日期落在客户的禁止期内，包括在回溯天数内事后宣布的禁止期。',
    en: "A benefit dated inside one of the client's blackout windows, including a window declared later within the look-back days.",
  },
  approver_affinity: {
    'zh-CN': '在时间窗口内，某审批人审批的申请中来自同一申请人的笔数不少于最少审批笔数、占比不低于最低占比，且该审批人面对的申请人不少于最少申请人数。',
    en: 'Within the window, one approver approves at least the minimum approvals from one requester, at least the minimum share of all they approve, while facing at least the minimum number of requesters.',
  },
  payment_mismatch: {
    'zh-CN': '结算金额与审批金额相差超过金额容差，或付款日期晚于审批后付款期限。',
    en: 'The settled amount differs from the approved one by more than the amount tolerance, or the payment comes later after approval than the days allowed.',
  },
  new_client: {
    'zh-CN': '客户成为客户后的新客户期内即获好处，且金额不低于最低金额。',
    en: 'A client receives a benefit within the new-client period of becoming a client, of at least the minimum amount.',
  },
};

export type ParamUnit = 'days' | 'money' | 'basis_points' | 'count' | 'factor' | 'deviations' | 'per_million' | 'choice';
export type ParamLabel = Words & { unit: ParamUnit };

const param = (zh: string, en: string, unit: ParamUnit): ParamLabel => ({ 'zh-CN': zh, en, unit });
const windowDays = param('时间窗口（天）', 'Window (days)', 'days');
const lookbackDays = param('回溯天数', 'Look back (days)', 'days');
const minAmount = param('最低金额', 'Minimum amount', 'money');

/** Parameters for the rule editor; basis points are shown as percent. */
export const paramLabels: { [K in RuleKind]: Record<keyof RuleParams[K], ParamLabel> } = {
  structuring: { windowDays, thresholdMinor: param('审批门槛', 'Approval threshold', 'money'), minCount: param('最少笔数', 'Minimum requests', 'count') },
  cumulative_limit: {
    ratioBasisPoints: param('预警比例（占限额）', 'Warning share of the limit', 'basis_points'),
    minDepartments: param('最少部门数', 'Minimum departments', 'count'),
  },
  frequency_spike: {
    recentDays: param('近期天数', 'Recent period (days)', 'days'),
    baselineDays: param('基准期天数', 'Baseline period (days)', 'days'),
    factor: param('突增倍数', 'Spike factor', 'factor'),
    minRecentCount: param('近期最少笔数', 'Minimum recent requests', 'count'),
    maxChancePerMillion: param('偶然出现概率上限（百万分之）', 'Largest chance by accident (per million)', 'per_million'),
  },
  public_official: { minAmountMinor: minAmount },
  related_party: { lookbackDays },
  revenue_outlier: {
    peerBy: param('同组依据', 'Peers by', 'choice'),
    minDeviations: param('偏离程度（稳健标准差）', 'Deviations above the peers (robust)', 'deviations'),
    minRatioBasisPoints: param('最低收入占比', 'Minimum share of revenue', 'basis_points'),
    minPeers: param('最少同组客户数', 'Minimum peers', 'count'),
    warmUpDays: param('预热天数', 'Warm-up (days)', 'days'),
  },
  blackout: { lookbackDays },
  approver_affinity: {
    windowDays,
    minCount: param('最少审批笔数', 'Minimum approvals', 'count'),
    minShareBasisPoints: param('最低占比', 'Minimum share', 'basis_points'),
    minDistinctRequesters: param('最少申请人数', 'Minimum requesters', 'count'),
  },
  payment_mismatch: {
    toleranceBasisPoints: param('金额容差', 'Amount tolerance', 'basis_points'),
    maxDaysAfterApproval: param('审批后付款期限（天）', 'Days allowed from approval to payment', 'days'),
  },
  new_client: { withinDays: param('新客户期（天）', 'New-client period (days)', 'days'), minAmountMinor: minAmount },
};

/** The choices of revenue_outlier's peerBy. */
export const peerByLabels: Record<RuleParams['revenue_outlier']['peerBy'], Words> = {
  department: { 'zh-CN': '部门', en: 'department' },
  service_line: { 'zh-CN': '业务线', en: 'service line' },
};

export const alertSeverityLabels: Record<ReturnType<typeof severityOf>, Words> = {
  high: { 'zh-CN': '高', en: 'High' },
  medium: { 'zh-CN': '中', en: 'Medium' },
  low: { 'zh-CN': '低', en: 'Low' },
};

export const alertStateLabels: Record<'new' | 'reviewing' | 'dismissed' | 'escalated', Words> = {
  new: { 'zh-CN': '新预警', en: 'New' },
  reviewing: { 'zh-CN': '审核中', en: 'Under review' },
  dismissed: { 'zh-CN': '已排除', en: 'Dismissed' },
  escalated: { 'zh-CN': '已升级', en: 'Escalated' },
};

/** Names the caller looks up; each is given null where the alert has none and answers something readable. */
export interface AlertNames {
  client(id: string | null): string;
  party(id: string | null): string;
  user(id: string | null): string;
  department(id: string | null): string;
  peerGroup(key: string, by: 'department' | 'service_line'): string;
}

export interface ExplainedAlert {
  reason: AlertReason;
  subject: AlertSubject;
  requests: readonly AlertRequestFact[];
}

const periodWords: Record<PeriodKind, { 'zh-CN': string; en: string; zhLimit: string; enLimit: string }> = {
  month: { 'zh-CN': '当月', en: 'month', zhLimit: '月度', enLimit: 'monthly' },
  quarter: { 'zh-CN': '当季度', en: 'quarter', zhLimit: '季度', enLimit: 'quarterly' },
  year: { 'zh-CN': '当年度', en: 'year', zhLimit: '年度', enLimit: 'yearly' },
};

/** How many departments a cumulative alert names before "and N more". */
const NAMED_DEPARTMENTS = 3;

const percent = (basisPoints: number) => `${(basisPoints / 100).toFixed(2)}%`;
/** part / whole in basis points, rounded; null when there is no whole to share. */
const shareOf = (part: number, whole: number) => (whole > 0 ? Math.round((part * 10_000) / whole) : null);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const typeWords = (type: string, locale: Locale) => (Object.hasOwn(benefitTypeLabels, type) ? benefitTypeLabels[type as BenefitType][locale] : type);

/** One alert in the reader's language, with the figures behind it. */
export function explainAlert(alert: ExplainedAlert, names: AlertNames, locale: Locale): string {
  const { reason, subject, requests } = alert;
  const zh = locale === 'zh-CN';
  const m = (amountMinor: number) => formatMoney({ amountMinor, currency: 'CNY' }, locale);
  const list = (items: string[]) => items.join(zh ? '、' : ', ');
  const client = names.client(subject.clientId);
  const party = names.party(subject.recipientId);
  const sum = m(requests.reduce((total, r) => total + r.amountCnyMinor, 0));
  // The alert keeps only the newest requests: past that, say so rather than give a short count.
  const capped = requests.length >= MAX_ALERT_REQUESTS;
  const requestCount = zh ? `${capped ? '最近 ' : ''}${requests.length} 笔申请` : capped ? `the latest ${requests.length} requests` : plural(requests.length, 'request');
  const refList = `${list(requests.slice(0, 3).map((r) => r.ref))}${requests.length > 3 ? (zh ? ' 等' : ' and others') : ''}`;
  const refs = requests.length === 0 ? '' : zh ? `（申请 ${refList}）` : ` (request ${refList})`;

  switch (reason.rule) {
    case 'structuring': {
      const target = reason.scope === 'recipient' ? party : zh ? `客户 ${client}` : `client ${client}`;
      const threshold = m(reason.thresholdMinor);
      const who = reason.requesterId ? names.user(reason.requesterId) : null;
      const type = reason.benefitType ? typeWords(reason.benefitType, locale) : null;
      if (zh) {
        const by = who ? `${who} ` : '';
        return `${by}${reason.windowDays} 天内向 ${target} 提交了 ${reason.count} 笔${type ?? ''}申请，每笔均低于审批门槛 ${threshold}，合计 ${m(reason.totalMinor)}，达到门槛：疑似拆分规避审批。`;
      }
      const what = `${plural(reason.count, type ? `${type} request` : 'request')}${who ? ` by ${who}` : ''}`;
      return `${what} for ${target} within ${reason.windowDays} days, each under the ${threshold} approval threshold, together ${m(reason.totalMinor)}: possibly split to avoid approval.`;
    }
    case 'cumulative_limit': {
      const period = periodWords[reason.period];
      const share = shareOf(reason.totalMinor, reason.limitMinor);
      const type = typeWords(reason.benefitType, locale);
      const named = reason.departments.slice(0, NAMED_DEPARTMENTS).map((d) => `${names.department(d.departmentId)} ${m(d.amountMinor)}`);
      const more = reason.departments.length - named.length;
      const departments =
        named.length === 0 ? '' : zh ? `；其中 ${list(named)}${more > 0 ? ` 及另外 ${more} 个部门` : ''}` : `; by department: ${list(named)}${more > 0 ? ` and ${more} more` : ''}`;
      const limit = m(reason.limitMinor);
      if (zh) {
        const who = reason.scope === 'recipient' ? party : `客户 ${client}`;
        const across = reason.scope === 'client' ? '（全所各部门合计）' : '';
        const reached = share === null ? `，${period.zhLimit}限额为 ${limit}` : `，已达${period.zhLimit}限额 ${limit} 的 ${percent(share)}`;
        return `${who} 在 ${reason.periodStart} 起的${period['zh-CN']}内${across}累计获得${type} ${m(reason.totalMinor)}${reached}${departments}：累计额度接近上限。`;
      }
      const who = reason.scope === 'recipient' ? party : `Client ${client}`;
      const across = reason.scope === 'client' ? ' across all departments' : '';
      const reached = share === null ? `, against a ${period.enLimit} limit of ${limit}` : `, ${percent(share)} of the ${period.enLimit} limit of ${limit}`;
      return `${who} has received ${m(reason.totalMinor)} of ${type} in the ${period.en} from ${reason.periodStart}${across}${reached}${departments}: close to the limit.`;
    }
    case 'frequency_spike': {
      const season = reason.seasonBasisPoints ?? 10_000;
      const busy = season === 10_000 ? '' : zh ? `（全所同期忙闲为平常的 ${percent(season)}，已计入）` : ` (the whole firm runs at ${percent(season)} of its usual pace in these days, allowed for)`;
      const chance = reason.chancePerMillion === undefined ? '' : zh ? `，偶然出现的概率约为百万分之 ${reason.chancePerMillion}` : ` (about ${reason.chancePerMillion} in a million by chance)`;
      return zh
        ? `客户 ${client} 最近 ${reason.recentDays} 天有 ${reason.recentCount} 笔申请，合计 ${m(reason.recentMinor)}；此前平均每 ${reason.recentDays} 天 ${reason.baselineCount} 笔、${m(reason.baselineMinor)}，达到平常的 ${reason.factor} 倍以上${busy}${chance}：频率或金额突增。`
        : `Client ${client} had ${plural(reason.recentCount, 'request')} totalling ${m(reason.recentMinor)} in the last ${reason.recentDays} days, against an average of ${plural(reason.baselineCount, 'request')} and ${m(reason.baselineMinor)} per ${reason.recentDays} days before: at least ${reason.factor} times the usual${busy}, a spike in frequency or amount${chance}.`;
    }
    case 'public_official':
      return zh
        ? `接受方 ${party} 是公职人员，获得好处 ${m(reason.amountMinor)}${refs}：公职人员受益。`
        : `The recipient ${party} is a public official and receives ${m(reason.amountMinor)}${refs}.`;
    case 'related_party': {
      const user = names.user(reason.userId);
      const recipient = subject.clientId ? (zh ? `${party}（客户 ${client}）` : `${party} (client ${client})`) : party;
      if (reason.role === 'requester')
        return zh
          ? `申请人 ${user} 与接受方 ${recipient} 存在关联：${reason.path}；其为该接受方提交了 ${requestCount}，合计 ${sum}：关联方受益。`
          : `The requester ${user} is related to the recipient ${recipient}: ${reason.path}; they made ${requestCount} for it, totalling ${sum}.`;
      return zh
        ? `审批人 ${user} 与接受方 ${recipient} 存在关联：${reason.path}；却审批了为其提交的 ${requestCount}，合计 ${sum}：关联方受益。`
        : `The approver ${user} is related to the recipient ${recipient}: ${reason.path}; yet approved ${requestCount} for it, totalling ${sum}.`;
    }
    case 'revenue_outlier': {
      const group = names.peerGroup(reason.peerGroup, reason.peerBy);
      const by = peerByLabels[reason.peerBy][locale];
      const times = reason.peerMedianBasisPoints > 0 ? Math.round((reason.ratioBasisPoints * 10) / reason.peerMedianBasisPoints) / 10 : null;
      const median = percent(reason.peerMedianBasisPoints);
      const share = percent(reason.ratioBasisPoints);
      const deviations = reason.deviations;
      if (zh) {
        const peers = `同${by} ${group} ${reason.peers} 个客户的中位数`;
        const against = times === null ? `；${peers}为 ${median}` : `，为${peers} ${median} 的 ${times} 倍`;
        const spread = deviations === undefined ? '' : `，高出同组 ${deviations} 个稳健标准差`;
        return `客户 ${client} 过去一年获得好处 ${m(reason.benefitsMinor)}，占其年收入 ${m(reason.revenueMinor)} 的 ${share}${against}${spread}：好处费与收入比异常。`;
      }
      const against = times === null ? ', against a median of' : `: ${times} times the median of`;
      const spread = deviations === undefined ? '' : `, ${deviations} robust standard deviations above them`;
      return `Client ${client} received ${m(reason.benefitsMinor)} in benefits over the last year, ${share} of its annual revenue of ${m(reason.revenueMinor)}${against} ${median} among the ${plural(reason.peers, 'client')} of the ${group} ${by}${spread}.`;
    }
    case 'blackout': {
      const { startsOn, endsOn, reason: why } = reason.blackout;
      const dates = requests.map((r) => r.benefitDate).sort();
      const because = why ? (zh ? `（${why}）` : ` (${why})`) : '';
      const dated = dates.length === 0 ? '' : dates[0] === dates.at(-1) ? dates[0]! : `${dates[0]} ${zh ? '至' : 'to'} ${dates.at(-1)}`;
      return zh
        ? `客户 ${client} 的禁止期 ${startsOn} 至 ${endsOn}${because}内有 ${requestCount}${dated ? `，好处日期 ${dated}` : ''}，合计 ${sum}：禁止期内好处。`
        : `Client ${client} has ${requestCount}${dated ? ` dated ${dated}` : ''}, totalling ${sum}, inside its blackout window from ${startsOn} to ${endsOn}${because}.`;
    }
    case 'approver_affinity': {
      const approver = names.user(reason.approverId);
      const requester = names.user(reason.requesterId);
      const share = shareOf(reason.count, reason.total);
      const shareText = share === null ? '' : zh ? `（${percent(share)}）` : ` (${percent(share)})`;
      return zh
        ? `${reason.windowDays} 天内审批人 ${approver} 审批了 ${reason.distinctRequesters} 位申请人的 ${reason.total} 笔申请，其中 ${reason.count} 笔${shareText}来自申请人 ${requester}：审批人固定偏好。`
        : `Within ${reason.windowDays} days the approver ${approver} approved ${plural(reason.total, 'request')} from ${plural(reason.distinctRequesters, 'requester')}, ${reason.count}${shareText} of them from ${requester}.`;
    }
    case 'payment_mismatch': {
      const ref = requests[0]?.ref;
      const which = ref ? (zh ? `申请 ${ref}` : `Request ${ref}`) : zh ? '该申请' : 'The request';
      if (reason.problem === 'late')
        return zh
          ? `${which}（接受方 ${party}）于 ${reason.approvedOn} 审批，${reason.paidOn} 才付款，相隔 ${reason.days} 天，超过 ${reason.maxDays} 天的付款期限：付款与审批不符。`
          : `${which} (recipient ${party}) was approved on ${reason.approvedOn} but paid on ${reason.paidOn}, ${reason.days} days later, beyond the ${reason.maxDays}-day limit.`;
      const gap = Math.abs(reason.paidMinor - reason.approvedMinor);
      const over = reason.paidMinor > reason.approvedMinor;
      const gapShare = shareOf(gap, reason.approvedMinor);
      const gapText = gapShare === null ? m(gap) : `${m(gap)}${zh ? `（${percent(gapShare)}）` : ` (${percent(gapShare)})`}`;
      return zh
        ? `${which}（接受方 ${party}）审批金额 ${m(reason.approvedMinor)}，实际结算 ${m(reason.paidMinor)}，${over ? '多付' : '少付'} ${gapText}，超过容差 ${percent(reason.toleranceBasisPoints)}：付款与审批不符。`
        : `${which} (recipient ${party}) was approved for ${m(reason.approvedMinor)} but settled for ${m(reason.paidMinor)}, ${gapText} ${over ? 'more' : 'less'}, beyond the ${percent(reason.toleranceBasisPoints)} tolerance.`;
    }
    case 'new_client': {
      const when = zh
        ? reason.days > 0
          ? `${reason.days} 天后即获`
          : reason.days === 0
            ? '当天即获'
            : `${-reason.days} 天前已获`
        : reason.days > 0
          ? `${plural(reason.days, 'day')} later`
          : reason.days === 0
            ? 'the same day'
            : `${plural(-reason.days, 'day')} before`;
      return zh
        ? `客户 ${client} 于 ${reason.clientSince} 成为客户，${when}好处 ${sum}${refs}，在 ${reason.withinDays} 天的新客户期内：新客户即获好处。`
        : `Client ${client} became a client on ${reason.clientSince} and received ${sum}${refs} ${when}, within the ${reason.withinDays}-day new-client period.`;
    }
  }
}
