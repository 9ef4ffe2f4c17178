import { Tag } from 'antd';
import { CheckCircleOutlined, ExclamationCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Level } from './types';

const LOOK = {
  none: { color: 'success', icon: <CheckCircleOutlined /> },
  possible: { color: 'warning', icon: <ExclamationCircleOutlined /> },
  likely: { color: 'error', icon: <WarningOutlined /> },
} as const;

/** 未发现 / 可能相关 / 很可能冲突, in green, orange and red. */
export function LevelTag({ level, large }: { level: Level; large?: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag color={LOOK[level].color} icon={LOOK[level].icon} data-testid="conflict-level" data-level={level} style={large ? { fontSize: 14, padding: '2px 10px' } : undefined}>
      {t(`conflicts.level.${level}`)}
    </Tag>
  );
}
