import { App, Form, Input, Select, Switch } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { Department } from '../../app/auth';
import { departmentName } from '../../app/format';
import { FormModal } from '../../app/components/FormModal';
import { ROLE_CODES, useRoleLabel } from '../../app/components/RoleTags';
import { newPasswordRules } from '../auth/passwordRules';
import { USERS_KEY, type User } from './users';

interface Values {
  username: string;
  password: string;
  displayName: string;
  email?: string;
  departmentId?: string;
  roles: string[];
  active: boolean;
}

/** Create (no `user`) or edit a user; username and password only exist at creation. */
export function UserFormModal({ open, user, onClose }: { open: boolean; user?: User; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const roleLabel = useRoleLabel();
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => api.get<{ items: Department[] }>('/api/departments'),
    enabled: open,
  });

  async function submit(values: Values) {
    const email = values.email?.trim() || null;
    const departmentId = values.departmentId ?? null;
    const common = { displayName: values.displayName.trim(), roles: values.roles };
    if (user) {
      await api.patch(`/api/users/${encodeURIComponent(user.id)}`, { ...common, email, departmentId, active: values.active });
      message.success(t('common.saved'));
    } else {
      await api.post('/api/users', {
        ...common,
        username: values.username.trim(),
        password: values.password,
        ...(email && { email }),
        ...(departmentId && { departmentId }),
      });
      message.success(t('users.created'));
    }
    onClose();
    await queryClient.invalidateQueries({ queryKey: [USERS_KEY] });
  }

  const initialValues: Partial<Values> = user
    ? { displayName: user.displayName, email: user.email ?? undefined, departmentId: user.department?.id, roles: user.roles, active: user.active }
    : { roles: ['staff'] };

  return (
    <FormModal<Values>
      open={open}
      title={user ? t('users.edit') : t('users.create')}
      okText={user ? t('common.save') : t('common.create')}
      initialValues={initialValues}
      onCancel={onClose}
      onSubmit={submit}
    >
      {!user && (
        <Form.Item name="username" label={t('users.username')} rules={[{ required: true, whitespace: true, message: t('users.required') }]}>
          <Input autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('users.required') }]}>
        <Input />
      </Form.Item>
      <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('users.emailInvalid') }]}>
        <Input type="email" />
      </Form.Item>
      <Form.Item name="departmentId" label={t('users.department')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={departments.isFetching}
          options={departments.data?.items.map((d) => ({ value: d.id, label: departmentName(d) }))}
        />
      </Form.Item>
      <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true, message: t('users.rolesRequired') }]}>
        <Select mode="multiple" options={ROLE_CODES.map((code) => ({ value: code, label: roleLabel(code) }))} />
      </Form.Item>
      {user ? (
        <Form.Item name="active" label={t('users.status')} valuePropName="checked">
          <Switch checkedChildren={t('users.active')} unCheckedChildren={t('users.inactive')} />
        </Form.Item>
      ) : (
        <Form.Item name="password" label={t('users.initialPassword')} rules={newPasswordRules(t)}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
    </FormModal>
  );
}
