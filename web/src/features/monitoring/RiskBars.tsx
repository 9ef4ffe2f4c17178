import { Flex, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { categoryCaps, riskCategories, type RiskCategory, type RiskCategoryPoints } from './types';

/** One colour per risk category, the same in the register's bars and the history's stacks. */
export const CATEGORY_COLORS: Record<RiskCategory, string> = {
  alerts: '#cf1322',
  cases: '#722ed1',
  relationships: '#1677ff',
  benefits: '#d48806',
  public_officials: '#08979c',
};

const BAR_WIDTH = 36;

/** Each category's points as a short bar filled up to its cap, so a full bar means the category is maxed out. */
export function CategoryBars({ points, labels }: { points: RiskCategoryPoints; labels: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <Flex gap={6} align="flex-end" data-testid="risk-categories">
      {riskCategories.map((c) => {
        const value = points[c] ?? 0;
        const cap = categoryCaps[c];
        return (
          <Tooltip key={c} title={t('monitoring.risk.categoryPoints', { label: labels[c] ?? c, n: value, cap })}>
            <Flex vertical align="center" gap={2} data-category={c} data-points={value}>
              <Typography.Text type={value > 0 ? undefined : 'secondary'} style={{ fontSize: 11, lineHeight: 1 }}>
                {value}
              </Typography.Text>
              <div style={{ width: BAR_WIDTH, height: 6, borderRadius: 3, background: '#f0f0f0', overflow: 'hidden' }}>
                <div style={{ width: `${(Math.min(value, cap) / cap) * 100}%`, height: '100%', background: CATEGORY_COLORS[c] }} />
              </div>
            </Flex>
          </Tooltip>
        );
      })}
    </Flex>
  );
}

/** The change since the run before: up is worse (red), down is better (green); '—' for a first score. */
export function RiskTrend({ score, previousScore }: { score: number; previousScore: number | null }) {
  const { t } = useTranslation();
  if (previousScore === null) return <Typography.Text type="secondary" data-testid="risk-trend">{t('common.none')}</Typography.Text>;
  const delta = score - previousScore;
  const [type, icon, title] =
    delta > 0
      ? (['danger', <ArrowUpOutlined key="up" />, t('monitoring.risk.trendUp', { n: delta })] as const)
      : delta < 0
        ? (['success', <ArrowDownOutlined key="down" />, t('monitoring.risk.trendDown', { n: -delta })] as const)
        : (['secondary', null, t('monitoring.risk.trendSame')] as const);
  return (
    <Tooltip title={title}>
      <Typography.Text type={type} data-testid="risk-trend" data-delta={delta}>
        {icon} {delta > 0 ? `+${delta}` : delta}
      </Typography.Text>
    </Tooltip>
  );
}
