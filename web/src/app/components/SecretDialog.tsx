import { Alert, App, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

function SecretNotice({ secret }: { secret: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Alert type="warning" showIcon title={t('secret.warning')} style={{ margin: '12px 0' }} />
      <Typography.Paragraph code copyable={{ text: secret }} style={{ fontSize: 15, wordBreak: 'break-all' }}>
        {secret}
      </Typography.Paragraph>
    </>
  );
}

/** Shows a one-time secret (API token, temporary password) with a copy button. */
export function useSecretDialog(): (title: string, secret: string) => void {
  const { modal } = App.useApp();
  return (title, secret) => {
    modal.success({ title, content: <SecretNotice secret={secret} />, width: 560 });
  };
}
