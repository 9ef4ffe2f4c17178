import { useState } from 'react';
import { Button, Card, Flex, Popconfirm, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { paramsLine } from './params';
import { useMonitoringWrite, useRules } from './queries';
import { ALERTS_PATH, ruleApi, rulePath, type Rule } from './types';

/** The version a rule is at: the built-in default until one is published. */
export function RuleVersionTag({ rule }: { rule: Pick<Rule, 'version'> }) {
  const { t } = useTranslation();
  return <Tag data-testid="rule-version" data-version={rule.version}>{rule.version === 0 ? t('monitoring.rules.builtIn') : `v${rule.version}`}</Tag>;
}

/**
 * Switching a rule on or off publishes a new version with its parameters unchanged, so it is asked
 * first; readers see the switch as it stands.
 */
function EnabledSwitch({ rule, editable, onError }: { rule: Rule; editable: boolean; onError(error: Error | null): void }) {
  const { t } = useTranslation();
  const write = useMonitoringWrite();
  const switcher = <Switch checked={rule.enabled} disabled={!editable} aria-label={t('monitoring.rules.enabled')} data-testid="rule-enabled" data-rule={rule.rule} />;
  if (!editable) return switcher;
  const toggle = async () => {
    onError(null);
    try {
      await write(
        () => api.post(ruleApi(rule.rule, '/versions'), { enabled: !rule.enabled, weight: rule.weight, params: rule.params, note: null }),
        t(rule.enabled ? 'monitoring.rules.switchedOff' : 'monitoring.rules.switchedOn', { label: rule.label }),
      );
    } catch (e) {
      onError(e as Error);
    }
  };
  return (
    <Popconfirm title={t(rule.enabled ? 'monitoring.rules.switchOffConfirm' : 'monitoring.rules.switchOnConfirm', { label: rule.label })} description={t('monitoring.rules.switchNote')} onConfirm={toggle}>
      {switcher}
    </Popconfirm>
  );
}

/** 预警规则: the ten rules as in force, each opened in its editor (or read, without monitoring.configure). */
export default function RulesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const editable = can('monitoring.configure');
  const rules = useRules();
  const [error, setError] = useState<Error | null>(null);

  const columns: TableColumnsType<Rule> = [
    {
      title: t('monitoring.rules.rule'),
      key: 'rule',
      width: 340,
      render: (_, r) => (
        <Flex vertical gap={2}>
          <Link to={rulePath(r.rule)} data-testid="rule-link">
            <Typography.Text strong style={{ color: 'inherit' }}>{r.label}</Typography.Text>
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.description}</Typography.Text>
        </Flex>
      ),
    },
    { title: t('monitoring.rules.enabled'), key: 'enabled', width: 80, render: (_, r) => <EnabledSwitch rule={r} editable={editable} onError={setError} /> },
    { title: t('monitoring.rules.weight'), dataIndex: 'weight', width: 70, align: 'right' },
    { title: t('monitoring.rules.params'), key: 'params', render: (_, r) => <Typography.Text style={{ fontSize: 13 }}>{paramsLine(r, r.params, t)}</Typography.Text> },
    { title: t('monitoring.rules.version'), key: 'version', width: 100, render: (_, r) => <RuleVersionTag rule={r} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, r) => (
        <Link to={rulePath(r.rule)} data-testid="rule-open">
          {editable ? t('monitoring.rules.edit') : t('monitoring.rules.view')}
        </Link>
      ),
    },
  ];

  return (
    <Card
      title={t('monitoring.rules.heading')}
      extra={<Link to={ALERTS_PATH}><Button autoInsertSpace={false}>{t('monitoring.list.heading')}</Button></Link>}
    >
      <Typography.Paragraph type="secondary">{t('monitoring.rules.intro')}</Typography.Paragraph>
      <ErrorAlert error={error ?? rules.error} />
      <Table<Rule>
        rowKey="rule"
        columns={columns}
        dataSource={rules.data}
        loading={rules.isFetching}
        pagination={false}
        scroll={{ x: 1000 }}
        data-testid="rules-table"
        onRow={(r) => ({ 'data-testid': 'rule-row', 'data-rule': r.rule }) as React.HTMLAttributes<HTMLElement>}
      />
    </Card>
  );
}
