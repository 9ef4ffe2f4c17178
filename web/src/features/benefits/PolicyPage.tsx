import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { BlackoutsPanel, DelegationsPanel, SettingsPanel } from './ConfigPanels';
import { MatrixEditor } from './MatrixEditor';
import { PolicyEditor } from './PolicyEditor';

const TABS = ['policy', 'matrix', 'delegations', 'blackouts', 'settings'] as const;
type Tab = (typeof TABS)[number];

/** 政策与审批权限: the policy per type, the authority matrix, delegations, blackout windows and settings. */
export default function PolicyPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'policy';
  const content = { policy: <PolicyEditor />, matrix: <MatrixEditor />, delegations: <DelegationsPanel scope={can('benefits.administer') ? 'all' : 'mine'} />, blackouts: <BlackoutsPanel />, settings: <SettingsPanel /> }[tab];
  return (
    <Card
      title={t('benefits.policy.title')}
      tabList={TABS.map((key) => ({ key, label: <span data-testid={`policy-tab-${key}`}>{t(`benefits.policy.tab.${key}`)}</span> }))}
      activeTabKey={tab}
      onTabChange={(key) => setParams({ tab: key }, { replace: true })}
    >
      {content}
    </Card>
  );
}
