import type { ReactNode } from 'react';
import { Button, Card, Flex, Form, Input, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { formatDateTime } from '../../app/format';
import type { VersionInfo } from './types';

// The policy and the authority matrix are both published as numbered versions with a note.

/** The note of a new version, left out when blank. */
export const withNote = (note: string | undefined) => (note?.trim() ? { note: note.trim() } : {});

/** The end of a publishing form: its own fields, the note, publish and cancel. */
export function PublishBar({ saving, testId, onCancel, children }: { saving: boolean; testId: string; onCancel(): void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Flex gap={16} wrap align="end" style={{ marginTop: 16 }}>
      {children}
      <Form.Item name="note" label={t('benefits.policy.note')} style={{ flex: '1 1 260px' }}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={saving} data-testid={testId}>{t('benefits.policy.publish')}</Button>
          <Button onClick={onCancel}>{t('benefits.cancel')}</Button>
        </Flex>
      </Form.Item>
    </Flex>
  );
}

interface HistoryProps<V extends VersionInfo> {
  versions: V[] | undefined;
  loading?: boolean;
  error?: Error | null;
  /** Policy versions start on a date; matrix versions on publishing. */
  showEffectiveFrom?: boolean;
  onView?(version: V): void;
}

/** Every published version, newest first. */
export function VersionHistory<V extends VersionInfo>({ versions, loading, error, showEffectiveFrom, onView }: HistoryProps<V>) {
  const { t } = useTranslation();
  const columns: TableColumnsType<V> = [
    { title: t('benefits.policy.version'), dataIndex: 'version', width: 80, render: (v: number) => `v${v}` },
    ...(showEffectiveFrom ? [{ title: t('benefits.policy.effectiveFrom'), dataIndex: 'effectiveFrom', width: 120 }] : []),
    { title: t('benefits.policy.note'), dataIndex: 'note', render: (n: string | null) => n ?? '' },
    { title: t('benefits.policy.createdBy'), key: 'by', width: 110, render: (_, v) => v.createdBy?.displayName ?? t('common.none') },
    { title: t('benefits.policy.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    ...(onView
      ? [{
          title: t('common.actions'),
          key: 'view',
          width: 90,
          render: (_: unknown, v: V) => <Button size="small" type="link" onClick={() => onView(v)}>{t('benefits.policy.view')}</Button>,
        }]
      : []),
  ];
  return (
    <Card size="small" title={t('benefits.policy.history')}>
      <ErrorAlert error={error} />
      <Table<V> rowKey="version" size="small" pagination={false} loading={loading} dataSource={versions} columns={columns} />
    </Card>
  );
}
