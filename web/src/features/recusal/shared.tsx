import { useState, type ReactNode } from 'react';
import { Button, Checkbox, DatePicker, Form, Input, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { FormModal } from '../../app/components/FormModal';
import { formatDateTime } from '../../app/format';
import { useCaseWrite } from '../cases/queries';
import { ClientsPicker, UserPicker, type Option } from '../cases/Pickers';
import { casePath } from '../cases/types';
import { RECUSALS_API, recusalApi, type ClientSetRef, type NewRecusalInput, type Recusal, type RecusalAction, type RecusalStatus } from './types';

/** Query keys of the recusal pages; a write refreshes all of them. */
export const KEYS = {
  recusals: 'recusals',
  barriers: 'recusal-barriers',
  mine: 'recusals-mine',
  suggestions: 'recusal-suggestions',
  denials: 'recusal-denials',
  clientSets: 'recusal-client-sets',
} as const;

const ALL: ReadonlySet<unknown> = new Set(Object.values(KEYS));

/**
 * A recusal write: says so, refreshes the recusal pages (a recusal changes what the case pages show
 * too), and on a 409 shows the server's message and reloads (see useCaseWrite).
 */
export function useRecusalWrite() {
  const queryClient = useQueryClient();
  const write = useCaseWrite();
  return async <T,>(run: () => Promise<T>, done?: string) => {
    const result = await write(run, done);
    // Not awaited: the suggestions are recomputed from the whole graph, and the dialog need not wait for that.
    void queryClient.invalidateQueries({ predicate: (q) => ALL.has(q.queryKey[0]) });
    return result;
  };
}

const STATUS_COLORS: Record<RecusalStatus, string> = { requested: 'gold', approved: 'green', rejected: 'red', withdrawn: 'default', revoked: 'default' };

/** The clients a record names, and its client sets (客户组) with their members. */
export function ClientsCell({ record }: { record: { clients: { name: string }[]; clientSets?: ClientSetRef[] } }) {
  return (
    <>
      {record.clients.map((c) => c.name).join('、')}
      {(record.clientSets ?? []).map((set) => (
        <Tooltip key={set.id} title={set.clients.map((c) => c.name).join('、')}>
          <Tag color={set.status === 'active' ? 'blue' : 'default'} style={{ marginInlineStart: 4 }}>{set.name}</Tag>
        </Tooltip>
      ))}
    </>
  );
}

export function RecusalStatusTag({ status }: { status: RecusalStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="recusal-status" data-status={status}>
      {t(`recusal.status.${status}`)}
    </Tag>
  );
}

/** "2026-12-01 ~ 2027-06-30", "2026-12-01 ~ open-ended", or open-ended alone. */
export function usePeriod(): (startsOn: string | null, endsOn: string | null) => string {
  const { t } = useTranslation();
  return (startsOn, endsOn) => (startsOn || endsOn ? `${startsOn ?? '…'} ~ ${endsOn ?? t('recusal.list.openEnded')}` : t('recusal.list.openEnded'));
}

/** Who may do what to a recusal from where the table is shown. */
export type RecusalMoves = (r: Recusal) => RecusalAction[];

export function RecusalsTable({ items, loading, moves, withUser = true, testId = 'recusals-table' }: { items: Recusal[] | undefined; loading?: boolean; moves: RecusalMoves; withUser?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const period = usePeriod();
  const [deciding, setDeciding] = useState<{ recusal: Recusal; action: RecusalAction } | null>(null);
  const columns: TableColumnsType<Recusal> = [
    ...(withUser ? [{ title: t('recusal.list.user'), key: 'user', width: 100, render: (_: unknown, r: Recusal) => r.user.displayName }] : []),
    { title: t('recusal.list.clients'), key: 'clients', render: (_, r) => <ClientsCell record={r} /> },
    { title: t('recusal.list.status'), dataIndex: 'status', width: 90, render: (s: RecusalStatus) => <RecusalStatusTag status={s} /> },
    { title: t('recusal.list.source'), dataIndex: 'source', width: 100, render: (s: Recusal['source'], r) => (r.caseId ? <Link to={casePath(r.caseId)}>{t(`recusal.source.${s}`)}</Link> : t(`recusal.source.${s}`)) },
    { title: t('recusal.list.reason'), dataIndex: 'reason', ellipsis: true },
    { title: t('recusal.list.period'), key: 'period', width: 200, render: (_, r) => (r.revokedOn ? `${r.startsOn ?? '…'} ~ ${r.revokedOn}` : period(r.startsOn, r.endsOn)) },
    { title: t('recusal.list.decidedBy'), key: 'decidedBy', width: 100, render: (_, r) => r.decidedBy?.displayName ?? t('common.none') },
    { title: t('recusal.list.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, r) => (
        <Space size={4}>
          {moves(r).map((action) => (
            <Button key={action} size="small" danger={action !== 'approve'} type={action === 'approve' ? 'primary' : 'default'} onClick={() => setDeciding({ recusal: r, action })} data-testid={`recusal-${action}`}>
              {t(`recusal.action.${action}`)}
            </Button>
          ))}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Table<Recusal> rowKey="id" size="small" columns={columns} dataSource={items} loading={loading} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 1100 }} data-testid={testId} />
      {deciding && <DecisionDialog {...deciding} onClose={() => setDeciding(null)} />}
    </>
  );
}

function DecisionDialog({ recusal, action, onClose }: { recusal: Recusal; action: RecusalAction; onClose(): void }) {
  const { t } = useTranslation();
  const write = useRecusalWrite();
  const required = action === 'reject' || action === 'revoke';
  return (
    <FormModal<{ comment?: string }>
      open
      title={t(`recusal.actionTitle.${action}`, { name: recusal.user.displayName })}
      okText={t(`recusal.action.${action}`)}
      onCancel={onClose}
      onSubmit={async ({ comment }) => {
        await write(() => api.post(recusalApi(recusal.id, action), { version: recusal.version, comment: comment?.trim() || null }), t(`recusal.actionDone.${action}`));
        onClose();
      }}
    >
      <Typography.Paragraph type="secondary">
        <ClientsCell record={recusal} /> — {recusal.reason}
      </Typography.Paragraph>
      <Form.Item name="comment" label={t('recusal.comment')} rules={required ? [{ required: true, whitespace: true, message: t('recusal.commentRequired') }] : []}>
        <Input.TextArea rows={3} maxLength={4000} data-testid="recusal-comment" />
      </Form.Item>
    </FormModal>
  );
}

export interface RecusalDraft {
  user?: Option;
  clients?: Option[];
  reason?: string;
  source?: NewRecusalInput['source'];
  evidence?: Record<string, unknown>[];
}

interface RecusalValues {
  userId?: string;
  clientIds: string[];
  reason: string;
  period?: [Dayjs | null, Dayjs | null] | null;
  approve?: boolean;
}

/**
 * Asks for a recusal: one's own (staff), or compliance recording one for someone, from a suggestion
 * or by hand, and deciding it at once if it wants.
 */
export function RecusalDialog({ forOthers, draft, onClose }: { forOthers: boolean; draft: RecusalDraft; onClose(): void }): ReactNode {
  const { t } = useTranslation();
  const write = useRecusalWrite();
  return (
    <FormModal<RecusalValues>
      open
      title={t(forOthers ? 'recusal.form.title' : 'recusal.form.requestTitle')}
      okText={t(forOthers ? 'recusal.form.title' : 'recusal.form.requestTitle')}
      initialValues={{ userId: draft.user?.value, clientIds: (draft.clients ?? []).map((c) => c.value), reason: draft.reason, approve: forOthers }}
      onCancel={onClose}
      onSubmit={async (v) => {
        const body: NewRecusalInput = {
          ...(forOthers ? { userId: v.userId, approve: Boolean(v.approve) } : {}),
          clientIds: v.clientIds,
          reason: v.reason.trim(),
          ...(draft.source ? { source: draft.source } : forOthers ? { source: 'compliance' as const } : {}),
          ...(draft.evidence ? { evidence: draft.evidence } : {}),
          startsOn: v.period?.[0]?.format('YYYY-MM-DD') ?? null,
          endsOn: v.period?.[1]?.format('YYYY-MM-DD') ?? null,
        };
        await write(() => api.post(RECUSALS_API, body), t(forOthers ? 'recusal.form.recorded' : 'recusal.form.submitted'));
        onClose();
      }}
    >
      {forOthers && (
        <Form.Item name="userId" label={t('recusal.form.user')} rules={[{ required: true, message: t('recusal.form.userRequired') }]}>
          <UserPicker preset={draft.user ? [draft.user] : []} testId="recusal-user" />
        </Form.Item>
      )}
      <Form.Item name="clientIds" label={t('recusal.form.clients')} rules={[{ required: true, type: 'array', min: 1, message: t('recusal.form.clientsRequired') }]}>
        <ClientsPicker preset={draft.clients} testId="recusal-clients" />
      </Form.Item>
      <Form.Item name="reason" label={t('recusal.form.reason')} rules={[{ required: true, whitespace: true, message: t('recusal.form.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={4000} data-testid="recusal-reason" />
      </Form.Item>
      <Form.Item name="period" label={t('recusal.form.period')} extra={t('recusal.form.periodHelp')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
      </Form.Item>
      {forOthers && (
        <Form.Item name="approve" valuePropName="checked">
          <Checkbox data-testid="recusal-approve">{t('recusal.form.approve')}</Checkbox>
        </Form.Item>
      )}
    </FormModal>
  );
}
