import { Flex, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../app/money';
import type { Finding, Money, Severity } from './types';

const SEVERITY_COLORS: Record<Severity, string> = { hard: 'red', soft: 'orange', info: 'blue' };

const isMoney = (value: unknown): value is Money =>
  typeof value === 'object' && value !== null && typeof (value as Money).amountMinor === 'number' && typeof (value as Money).currency === 'string';

/** The figures a finding rests on (limit, used so far, this request, total after), shown beside its text. */
const FIGURES = ['limit', 'used', 'request', 'totalAfter', 'revenue'] as const;

export function FindingFigures({ finding }: { finding: Finding }) {
  const { t } = useTranslation();
  const figures = FIGURES.flatMap((key) => {
    const value = finding.params[key];
    return isMoney(value) ? [{ key, value }] : [];
  });
  if (figures.length === 0) return null;
  return (
    <Space size={[4, 4]} wrap data-testid="finding-figures">
      {figures.map(({ key, value }) => (
        <Typography.Text key={key} type="secondary" style={{ fontSize: 12 }}>
          {t(`benefits.figure.${key}`)} {formatMoney(value)}
        </Typography.Text>
      ))}
    </Space>
  );
}

/** Each finding as the server explains it, hard ones first. */
export function FindingsList({ findings, compact = false }: { findings: Finding[]; compact?: boolean }) {
  const { t } = useTranslation();
  const order: Record<Severity, number> = { hard: 0, soft: 1, info: 2 };
  const sorted = [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
  if (sorted.length === 0) return <Typography.Text type="secondary" data-testid="no-findings">{t('benefits.precheck.noFindings')}</Typography.Text>;
  return (
    <List
      size="small"
      split={!compact}
      dataSource={sorted}
      data-testid="findings"
      renderItem={(f) => (
        <List.Item style={compact ? { padding: '2px 0' } : undefined} data-testid="finding" data-code={f.code}>
          <Flex vertical gap={2} style={{ width: '100%' }}>
            <span>
              <Tag color={SEVERITY_COLORS[f.severity]}>{t(`benefits.severity.${f.severity}`)}</Tag>
              {f.text}
            </span>
            <FindingFigures finding={f} />
          </Flex>
        </List.Item>
      )}
    />
  );
}
