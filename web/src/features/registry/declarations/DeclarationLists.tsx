import { useState } from 'react';
import { Button, Flex, Form, Input, Popconfirm, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api';
import { useMe } from '../../../app/auth';
import { formatDateTime } from '../../../app/format';
import { usePagedList } from '../../../app/paging';
import { ErrorAlert } from '../../../app/components/ErrorAlert';
import { FormModal } from '../../../app/components/FormModal';
import { KEYS, useAction, useRegistryRefresh } from '../queries';
import { DeclarationStatusTag, DeclarationView, useItemCount } from './DeclarationView';
import { DECLARATION_STATUSES, declarationApi, type Declaration, type DeclarationStatus } from './declarationTypes';

type Filters = { scope: 'mine' | 'review'; status?: DeclarationStatus };

function useColumns(): TableColumnsType<Declaration> {
  const { t } = useTranslation();
  const itemCount = useItemCount();
  return [
    { title: t('declarations.submittedAt'), dataIndex: 'submittedAt', width: 180, render: (v: string) => formatDateTime(v) },
    { title: t('declarations.statusLabel'), dataIndex: 'status', width: 100, render: (s: DeclarationStatus) => <DeclarationStatusTag status={s} /> },
    { title: t('declarations.items'), key: 'items', render: (_, d) => itemCount(d) },
  ];
}

const expandable = { expandedRowRender: (d: Declaration) => <DeclarationView declaration={d} /> };

/** The signed-in user's own declarations; one still awaiting review can be withdrawn. */
export function MyDeclarations() {
  const { t } = useTranslation();
  const act = useAction();
  const list = usePagedList<Declaration, Filters>(KEYS.declarations, '/api/registry/declarations', { scope: 'mine' });
  const columns = [
    ...useColumns(),
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, d: Declaration) =>
        d.status === 'submitted' && (
          <Popconfirm title={t('declarations.withdrawConfirm')} onConfirm={() => act(() => api.post(declarationApi(d.id, 'withdraw')), t('declarations.withdrawn'))}>
            <Button type="link" size="small" danger>{t('declarations.withdraw')}</Button>
          </Popconfirm>
        ),
    },
  ];
  return (
    <>
      <ErrorAlert error={list.error} />
      <Table<Declaration> rowKey="id" columns={columns} {...list.tableProps} expandable={expandable} scroll={{ x: 700 }} />
    </>
  );
}

type Decision = { action: 'accept' | 'reject'; open: boolean; declaration?: Declaration };

/** Reviewers: everyone's declarations, submitted first; accepting turns the items into relationships. */
export function ReviewQueue() {
  const { t } = useTranslation();
  const me = useMe();
  const refresh = useRegistryRefresh();
  const list = usePagedList<Declaration, Filters>(KEYS.declarations, '/api/registry/declarations', { scope: 'review', status: 'submitted' });
  const [decision, setDecision] = useState<Decision>({ action: 'accept', open: false });
  const close = () => setDecision((d) => ({ ...d, open: false }));
  const columns = [
    {
      title: t('declarations.declarant'),
      dataIndex: 'user',
      render: (u: Declaration['user']) => (
        <>
          {u.displayName} <Typography.Text type="secondary">@{u.username}</Typography.Text>
        </>
      ),
    },
    ...useColumns(),
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, d: Declaration) =>
        d.status === 'submitted' &&
        // Nobody reviews their own declaration; the server refuses it too.
        (d.user.id === me.id ? (
          <Typography.Text type="secondary">{t('declarations.ownNoReview')}</Typography.Text>
        ) : (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setDecision({ action: 'accept', open: true, declaration: d })}>{t('declarations.accept')}</Button>
            <Button type="link" size="small" danger onClick={() => setDecision({ action: 'reject', open: true, declaration: d })}>{t('declarations.reject')}</Button>
          </Space>
        )),
    },
  ];
  const rejecting = decision.action === 'reject';
  return (
    <>
      <Flex gap={12} style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('declarations.statusLabel')}
          value={list.filters.status}
          onChange={(status?: DeclarationStatus) => list.setFilters({ ...list.filters, status })}
          options={DECLARATION_STATUSES.map((s) => ({ value: s, label: t(`declarations.status.${s}`) }))}
          style={{ width: 140 }}
        />
      </Flex>
      <ErrorAlert error={list.error} />
      <Table<Declaration> rowKey="id" columns={columns} {...list.tableProps} expandable={expandable} scroll={{ x: 800 }} />
      <FormModal<{ comment?: string }>
        open={decision.open}
        title={t(rejecting ? 'declarations.rejectTitle' : 'declarations.acceptTitle', { name: decision.declaration?.user.displayName })}
        okText={t(rejecting ? 'declarations.reject' : 'declarations.accept')}
        onCancel={close}
        onSubmit={async ({ comment }) => {
          await api.post(declarationApi(decision.declaration?.id ?? '', decision.action), { comment: comment?.trim() || null });
          close();
          await refresh();
        }}
      >
        {!rejecting && <Typography.Paragraph type="secondary">{t('declarations.acceptHint')}</Typography.Paragraph>}
        <Form.Item name="comment" label={t('declarations.reviewComment')} rules={rejecting ? [{ required: true, whitespace: true, message: t('declarations.rejectReasonRequired') }] : undefined}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </FormModal>
    </>
  );
}
