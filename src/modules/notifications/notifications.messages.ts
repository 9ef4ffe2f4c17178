import { formatMoney, type Money } from '../../core/money';
import type { Locale } from '../../platform/i18n/messages';
import type { NotificationKind, NotificationParams } from './notifications.types';

/**
 * The text of each notification kind. `{details}` is who (the requester for approvers, the
 * counterparty for the requester) and the amount in brackets, `{comment}` the decider's comment
 * after a colon; either disappears when its params are absent, so no placeholder is left dangling.
 */
const templates: Record<NotificationKind, Record<Locale, string>> = {
  'benefit.step_pending': { 'zh-CN': '好处费申请 {ref} 待您审批{details}', en: 'Benefit request {ref} awaits your approval{details}' },
  'benefit.reminder': { 'zh-CN': '提醒：好处费申请 {ref} 仍在等待您审批{details}', en: 'Reminder: benefit request {ref} is still waiting for your approval{details}' },
  'benefit.reassigned': { 'zh-CN': '好处费申请 {ref} 已转交给您审批{details}', en: 'Benefit request {ref} has been reassigned to you for approval{details}' },
  'benefit.approved': { 'zh-CN': '您的好处费申请 {ref} 已获批准{details}', en: 'Your benefit request {ref} has been approved{details}' },
  'benefit.rejected': { 'zh-CN': '您的好处费申请 {ref} 被驳回{comment}', en: 'Your benefit request {ref} has been rejected{comment}' },
  'benefit.returned': { 'zh-CN': '您的好处费申请 {ref} 被退回修改{comment}', en: 'Your benefit request {ref} has been returned for changes{comment}' },
  'benefit.paid': { 'zh-CN': '好处费申请 {ref} 已付款{details}', en: 'Benefit request {ref} has been paid{details}' },
  'benefit.cancelled': { 'zh-CN': '好处费申请 {ref} 已被撤销{comment}', en: 'Benefit request {ref} has been cancelled{comment}' },
  'case.stage_reminder': { 'zh-CN': '提醒：利益冲突案件 {ref} 的当前阶段将于 {dueOn} 到期（剩余 {days} 天）', en: 'Reminder: the current stage of conflict case {ref} is due on {dueOn} ({days} days left)' },
  'case.stage_overdue': { 'zh-CN': '升级：利益冲突案件 {ref} 的当前阶段已于 {dueOn} 到期，逾期 {days} 天', en: 'Escalation: the current stage of conflict case {ref} was due on {dueOn} and is {days} days overdue' },
  'disclosure.decided': { 'zh-CN': '您的利益披露 {ref} 已有审查结论{comment}', en: 'Your disclosure of interest {ref} has been decided{comment}' },
  'disclosure.expiring': { 'zh-CN': '利益披露 {ref} 的附条件许可将于 {dueOn} 到期（剩余 {days} 天），请及时续期', en: 'The conditional clearance of disclosure {ref} expires on {dueOn} ({days} days left); renew it in time' },
  'disclosure.expired': { 'zh-CN': '利益披露 {ref} 的附条件许可已于 {dueOn} 到期，已退回重新审查', en: 'The conditional clearance of disclosure {ref} expired on {dueOn}; it is back for review' },
  'violation.recorded': { 'zh-CN': '利益冲突案件 {ref} 中认定了您的违规行为{comment}', en: 'A violation by you was found in conflict case {ref}{comment}' },
  'alert.raised': { 'zh-CN': '新的高风险预警 {ref}{comment}', en: 'New high-severity alert {ref}{comment}' },
  'sanction.decided': { 'zh-CN': '针对您在利益冲突案件 {ref} 中违规行为的处理已决定{comment}', en: 'A sanction has been decided for your violation in conflict case {ref}{comment}' },
};

const isMoney = (value: unknown): value is Money =>
  typeof value === 'object' && value !== null && Number.isSafeInteger((value as Money).amountMinor) && typeof (value as Money).currency === 'string';

const forApprovers = new Set<string>(['benefit.step_pending', 'benefit.reminder', 'benefit.reassigned']);

function details(kind: string, params: NotificationParams, locale: Locale): string {
  const parts = [forApprovers.has(kind) ? params.requesterName : params.counterpartyName];
  if (isMoney(params.amount)) parts.push(formatMoney(params.amount, locale));
  const shown = parts.filter((p): p is string => Boolean(p));
  if (shown.length === 0) return '';
  return locale === 'en' ? ` (${shown.join(', ')})` : `（${shown.join('，')}）`;
}

function comment(params: NotificationParams, locale: Locale): string {
  const text = params.comment?.trim();
  if (!text) return '';
  return locale === 'en' ? `: ${text}` : `：${text}`;
}

/** A stored notification in the reader's language; a kind this build does not know shows as its code. */
export function notificationText(kind: string, params: NotificationParams, locale: Locale): string {
  const template = templates[kind as NotificationKind]?.[locale];
  if (!template) return `${kind} ${params.ref ?? ''}`.trim();
  const values: Record<string, string> = {
    ref: params.ref,
    details: details(kind, params, locale),
    comment: comment(params, locale),
    ...(params.dueOn ? { dueOn: params.dueOn } : {}),
    ...(params.days !== undefined ? { days: String(params.days) } : {}),
  };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** An e-mail in both languages: the firm's users read either, and a user has no language setting. */
export function notificationMail(kind: string, params: NotificationParams): { subject: string; text: string } {
  const zh = notificationText(kind, params, 'zh-CN');
  const en = notificationText(kind, params, 'en');
  return {
    subject: `[Probity] ${zh}`,
    text: `${zh}\n\n${en}\n\n— Probity（此邮件由系统自动发送，请勿回复 / sent automatically, please do not reply）\n`,
  };
}
