import { useState } from 'react';
import { Button, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../app/api';
import { useWrite } from '../../app/write';
import { FormModal } from '../../app/components/FormModal';
import { firmToday } from '../../app/format';
import { formatMoney, moneyToDecimalString, toMinorUnits } from '../../app/money';
import { useBenefitsRefresh } from './queries';
import { UsersSelect } from './Selects';
import { PAYMENT_METHODS, editPath, requestApi, type BenefitRequest, type LedgerEntry, type Money, type RequestLedgerEntry, type PaymentMethod } from './types';

/** Runs one move on a request, says so and refreshes; a 409 shows the server's message and reloads. */
export function useRequestMove() {
  const write = useWrite(useBenefitsRefresh());
  return (path: string, body: unknown, done?: string) => write(() => api.post<BenefitRequest>(path, body), done);
}

export type Decision = 'approve' | 'reject' | 'return';

/** remaining = approved − paid, for the payment dialog's limit. */
export const remainingOf = (r: Pick<BenefitRequest, 'approvedAmount' | 'paid' | 'amount'>): Money => {
  const approved = r.approvedAmount ?? r.amount;
  return { amountMinor: approved.amountMinor - r.paid.amountMinor, currency: approved.currency };
};

type Open =
  | { kind: 'decision'; decision: Decision }
  | { kind: 'withdraw' | 'cancel' | 'submit' | 'close' }
  | { kind: 'pay' }
  | { kind: 'reverse'; entry: LedgerEntry | RequestLedgerEntry }
  | { kind: 'reassign'; stepId: string }
  | null;

interface PaymentValues {
  amount: string;
  paidOn: Dayjs;
  method: PaymentMethod;
  voucherNo: string;
}

/** The dialogs behind a request's actions; `open` picks one. */
export function useActionDialogs(request: BenefitRequest | undefined) {
  const { t } = useTranslation();
  const move = useRequestMove();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);

  const dialogs = request && open && (() => {
    const path = (rest: string) => requestApi(request.id, rest);
    const version = request.version;
    if (open.kind === 'decision') {
      const required = open.decision !== 'approve';
      return (
        <FormModal<{ comment?: string }>
          open
          title={t(`benefits.decision.${open.decision}Title`, { ref: request.ref })}
          okText={t(`benefits.action.${open.decision}`)}
          onCancel={close}
          onSubmit={async ({ comment }) => {
            await move(path('/decision'), { version, decision: open.decision, comment: comment?.trim() ?? '' }, t(`benefits.decision.${open.decision}Done`, { ref: request.ref }));
            close();
          }}
        >
          <Form.Item name="comment" label={t('benefits.decision.comment')} rules={required ? [{ required: true, whitespace: true, message: t('benefits.decision.commentRequired') }] : []}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="decision-comment" />
          </Form.Item>
        </FormModal>
      );
    }
    if (open.kind === 'pay') {
      const remaining = remainingOf(request);
      return (
        <FormModal<PaymentValues>
          open
          title={t('benefits.payment.title', { ref: request.ref })}
          okText={t('benefits.action.pay')}
          initialValues={{ amount: moneyToDecimalString(remaining), paidOn: dayjs(firmToday()), method: 'bank_transfer' }}
          onCancel={close}
          onSubmit={async (v) => {
            await move(
              path('/payments'),
              { version, amount: v.amount.trim().replaceAll(',', ''), paidOn: v.paidOn.format('YYYY-MM-DD'), method: v.method, voucherNo: v.voucherNo.trim() },
              t('benefits.payment.done', { ref: request.ref }),
            );
            close();
          }}
        >
          <Typography.Paragraph type="secondary">
            {t('benefits.payment.remaining', { approved: formatMoney(request.approvedAmount ?? request.amount), paid: formatMoney(request.paid), remaining: formatMoney(remaining) })}
          </Typography.Paragraph>
          <Form.Item
            name="amount"
            label={t('benefits.payment.amount', { currency: remaining.currency })}
            rules={[{
              validator: (_, v: string | undefined) => {
                const minor = v ? toMinorUnits(v, remaining.currency) : null;
                if (minor === null || minor <= 0) return Promise.reject(new Error(t('benefits.form.amountInvalid')));
                if (minor > remaining.amountMinor) return Promise.reject(new Error(t('benefits.payment.overRemaining', { remaining: formatMoney(remaining) })));
                return Promise.resolve();
              },
            }]}
          >
            <Input inputMode="decimal" data-testid="payment-amount" />
          </Form.Item>
          <Space size={16} wrap>
            <Form.Item name="paidOn" label={t('benefits.payment.paidOn')} rules={[{ required: true }]}>
              <DatePicker data-testid="payment-date" />
            </Form.Item>
            <Form.Item name="method" label={t('benefits.payment.method')} rules={[{ required: true }]}>
              <Select style={{ width: 160 }} options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`benefits.method.${m}`) }))} data-testid="payment-method" />
            </Form.Item>
          </Space>
          <Form.Item name="voucherNo" label={t('benefits.payment.voucherNo')} rules={[{ required: true, whitespace: true, message: t('benefits.payment.voucherRequired') }]}>
            <Input maxLength={100} data-testid="payment-voucher" />
          </Form.Item>
        </FormModal>
      );
    }
    if (open.kind === 'reassign') {
      const stepId = open.stepId;
      return (
        <FormModal<{ approverIds: string[]; comment: string }>
          open
          title={t('benefits.reassign.title', { ref: request.ref })}
          okText={t('benefits.reassign.ok')}
          onCancel={close}
          onSubmit={async (v) => {
            await move(path(`/steps/${encodeURIComponent(stepId)}/reassign`), { approverIds: v.approverIds, comment: v.comment.trim() }, t('benefits.reassign.done'));
            close();
          }}
        >
          <Form.Item name="approverIds" label={t('benefits.reassign.approvers')} rules={[{ required: true }]}>
            <UsersSelect testId="reassign-approvers" />
          </Form.Item>
          <Form.Item name="comment" label={t('benefits.decision.comment')} rules={[{ required: true, whitespace: true, message: t('benefits.decision.commentRequired') }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </FormModal>
      );
    }
    if (open.kind === 'reverse') {
      const entry = open.entry;
      return (
        <FormModal<{ comment: string }>
          open
          title={t('benefits.payment.reverseTitle', { amount: formatMoney(entry.amount), voucher: entry.voucherNo ?? '' })}
          okText={t('benefits.action.reverse')}
          onCancel={close}
          onSubmit={async ({ comment }) => {
            await move(path(`/payments/${encodeURIComponent(entry.id)}/reverse`), { version, comment: comment.trim() }, t('benefits.payment.reversed'));
            close();
          }}
        >
          <Form.Item name="comment" label={t('benefits.payment.reverseReason')} rules={[{ required: true, whitespace: true, message: t('benefits.decision.commentRequired') }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="reverse-comment" />
          </Form.Item>
        </FormModal>
      );
    }
    // withdraw, cancel, submit, close: one optional or required text.
    const kind = open.kind;
    const needsText = kind === 'cancel';
    const field = kind === 'submit' ? 'justification' : 'comment';
    return (
      <FormModal<{ text?: string }>
        open
        title={t(`benefits.confirm.${kind}`, { ref: request.ref })}
        okText={t(`benefits.action.${kind}`)}
        initialValues={{ text: kind === 'submit' ? (request.justification ?? '') : '' }}
        onCancel={close}
        onSubmit={async ({ text }) => {
          const value = text?.trim();
          const body = kind === 'close' ? { version } : { version, ...(value ? { [field]: value } : {}) };
          await move(path(`/${kind}`), body, t(`benefits.done.${kind}`, { ref: request.ref }));
          close();
        }}
      >
        {kind === 'close' ? (
          <Typography.Paragraph>{t('benefits.confirm.closeHelp')}</Typography.Paragraph>
        ) : (
          <Form.Item
            name="text"
            label={kind === 'submit' ? t('benefits.form.justification') : t('benefits.decision.comment')}
            extra={kind === 'submit' ? t('benefits.form.justificationHelp') : undefined}
            rules={needsText ? [{ required: true, whitespace: true, message: t('benefits.decision.commentRequired') }] : []}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="action-text" />
          </Form.Item>
        )}
      </FormModal>
    );
  })();

  return { open: setOpen, dialogs: dialogs || null };
}

const DANGER = new Set(['reject', 'cancel', 'withdraw']);
const ORDER = ['edit', 'submit', 'approve', 'return', 'reject', 'pay', 'close', 'withdraw', 'cancel'] as const;

/** A button for each move the server allows the caller; reversing is offered on each payment instead. */
export function ActionButtons({ request, onOpen }: { request: BenefitRequest; onOpen(open: Exclude<Open, null>): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const allowed = new Set(request.allowedActions);
  return (
    <Space wrap data-testid="request-actions">
      {ORDER.filter((a) => allowed.has(a)).map((action) => (
        <Button
          key={action}
          type={action === 'approve' || action === 'pay' || action === 'submit' ? 'primary' : 'default'}
          danger={DANGER.has(action)}
          data-testid={`action-${action}`}
          onClick={() => {
            if (action === 'edit') navigate(editPath(request.id));
            else if (action === 'approve' || action === 'reject' || action === 'return') onOpen({ kind: 'decision', decision: action });
            else onOpen({ kind: action });
          }}
        >
          {t(`benefits.action.${action}`)}
        </Button>
      ))}
    </Space>
  );
}
