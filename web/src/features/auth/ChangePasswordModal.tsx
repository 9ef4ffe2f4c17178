import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { FormModal } from '../../app/components/FormModal';
import { newPasswordRules } from './passwordRules';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();

  async function submit({ currentPassword, newPassword }: Values) {
    await api.post('/api/auth/password', { currentPassword, newPassword });
    message.success(t('auth.passwordChanged'));
    onClose();
  }

  return (
    <FormModal<Values> open={open} title={t('auth.changePassword')} onCancel={onClose} onSubmit={submit}>
      <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[{ required: true }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label={t('auth.newPassword')} rules={newPasswordRules(t)}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('auth.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('auth.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}
