import type { ReactNode } from 'react';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { ConflictsAccess } from './ConflictsAccess';
import { CONFLICTS_PATH, HISTORY_PATH, SETTINGS_PATH } from './types';

type Tab = typeof CONFLICTS_PATH | typeof HISTORY_PATH | typeof SETTINGS_PATH;

/** The conflict-check card: a tab to run checks, one for saved checks and one for the firm's settings, each for those allowed. */
export function ConflictsFrame({ active, children }: { active: Tab; children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useAuth();

  const tabs = [
    can('conflicts.check') && { key: CONFLICTS_PATH, label: <span data-testid="tab-check">{t('conflicts.tab.check')}</span> },
    (can('conflicts.check') || can('conflicts.history')) && { key: HISTORY_PATH, label: <span data-testid="tab-history">{t('conflicts.tab.history')}</span> },
    can('conflicts.configure') && { key: SETTINGS_PATH, label: <span data-testid="tab-settings">{t('conflicts.tab.settings')}</span> },
  ].filter((tab) => tab !== false);

  return (
    <ConflictsAccess tab={active}>
      <Card title={t('conflicts.title')} tabList={tabs} activeTabKey={active} onTabChange={(key) => navigate(key)}>
        {children}
      </Card>
    </ConflictsAccess>
  );
}
