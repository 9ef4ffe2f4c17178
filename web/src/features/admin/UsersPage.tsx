import { useState } from 'react';
import { App, Button, Card, Input, Popconfirm, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { departmentName, formatDateTime } from '../../app/format';
import { usePagedList } from '../../app/paging';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { RoleTags } from '../../app/components/RoleTags';
import { useSecretDialog } from '../../app/components/SecretDialog';
import { UserFormModal } from './UserFormModal';
import { USERS_KEY, type User } from './users';

function isLocked(user: User): boolean {
  return user.lockedUntil !== null && Date.parse(user.lockedUntil) > Date.now();
}

export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showSecret = useSecretDialog();
  const canManage = useAuth().can('users.manage');
  const list = usePagedList<User, { q?: string }>(USERS_KEY, '/api/users', {});
  // Kept separate from `open` so the dialog keeps its content while it animates closed.
  const [dialog, setDialog] = useState<{ open: boolean; user?: User }>({ open: false });

  async function resetPassword(user: User) {
    try {
      const { temporaryPassword } = await api.post<{ temporaryPassword: string }>(`/api/users/${encodeURIComponent(user.id)}/reset-password`);
      showSecret(t('users.tempPasswordTitle', { name: user.displayName }), temporaryPassword);
      await queryClient.invalidateQueries({ queryKey: [USERS_KEY] });
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username' },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    { title: t('users.department'), dataIndex: 'department', render: (d: User['department']) => (d ? departmentName(d) : t('common.none')) },
    { title: t('users.roles'), dataIndex: 'roles', render: (roles: string[]) => <RoleTags roles={roles} /> },
    {
      title: t('users.status'),
      key: 'status',
      render: (_, user) => (
        <>
          {user.active ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>}
          {isLocked(user) && <Tag color="red">{t('users.locked')}</Tag>}
        </>
      ),
    },
    { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', render: (v: string | null) => formatDateTime(v, t('users.never')) },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, user) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDialog({ open: true, user })}>{t('common.edit')}</Button>
          <Popconfirm title={t('users.resetConfirm', { name: user.displayName })} onConfirm={() => resetPassword(user)}>
            <Button type="link" size="small">{t('users.resetPassword')}</Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <Card
      title={t('users.title')}
      extra={
        <Space>
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            onSearch={(q) => list.setFilters({ q: q.trim() })}
            style={{ width: 280 }}
          />
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ open: true })}>{t('users.create')}</Button>
          )}
        </Space>
      }
    >
      <ErrorAlert error={list.error} />
      <Table<User> rowKey="id" columns={columns} {...list.tableProps} scroll={{ x: 900 }} />
      {canManage && <UserFormModal open={dialog.open} user={dialog.user} onClose={() => setDialog((d) => ({ ...d, open: false }))} />}
    </Card>
  );
}
