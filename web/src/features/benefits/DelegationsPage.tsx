import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DelegationsPanel } from './ConfigPanels';

/** 我的代理: an approver names a deputy for a time away, without access to the policy pages. */
export default function DelegationsPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('benefits.delegations.mineTitle')}>
      <Typography.Paragraph type="secondary">{t('benefits.delegations.mineIntro')}</Typography.Paragraph>
      <DelegationsPanel scope="mine" />
    </Card>
  );
}
