import { Flex, Tag, Tooltip, Typography, theme } from 'antd';
import { BankOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { partyPath, type PartyKind } from '../registry/types';
import { SYMMETRIC_TYPES, WEAK_TYPES, type ConflictPath, type PartyFacts, type PathStep } from './types';

function Node({ party, start, target }: { party: { id: string; name: string; kind?: PartyKind }; start?: boolean; target?: ConflictPath['target'] }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const accent = start ? token.colorPrimary : target ? (target === 'staff' ? token.colorSuccess : token.colorInfo) : token.colorBorder;
  return (
    <Flex
      align="center"
      gap={4}
      data-testid="path-node"
      style={{
        border: `1px solid ${accent}`,
        borderRadius: token.borderRadius,
        background: start ? token.colorPrimaryBg : token.colorBgContainer,
        padding: '2px 8px',
        whiteSpace: 'nowrap',
      }}
    >
      {party.kind && (party.kind === 'person' ? <UserOutlined style={{ color: token.colorTextSecondary }} /> : <BankOutlined style={{ color: token.colorTextSecondary }} />)}
      <Link to={partyPath(party.id)}>{party.name}</Link>
      {target && (
        <Tag color={target === 'staff' ? 'green' : 'blue'} style={{ marginInlineEnd: 0 }}>
          {t(`registry.tag.${target}`)}
        </Tag>
      )}
    </Flex>
  );
}

/** A labelled arrow between two nodes: pointing the relationship's way, plain for symmetric ones, dashed when circumstantial. */
function Edge({ step }: { step: PathStep }) {
  const { token } = theme.useToken();
  const weak = WEAK_TYPES.has(step.type);
  const symmetric = SYMMETRIC_TYPES.has(step.type);
  const color = weak ? token.colorWarning : token.colorTextSecondary;
  const pointsLeft = !symmetric && step.reversed;
  const pointsRight = !symmetric && !step.reversed;
  return (
    <Flex vertical align="center" style={{ minWidth: 72, padding: '0 2px' }} data-testid="path-edge">
      <Typography.Text style={{ fontSize: 12, color, whiteSpace: 'nowrap' }}>{step.label}</Typography.Text>
      <svg width="100%" height="10" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden style={{ minWidth: 72, display: 'block' }}>
        <line x1={pointsLeft ? 8 : 1} y1="5" x2={pointsRight ? 92 : 99} y2="5" stroke={color} strokeWidth="1.5" strokeDasharray={weak ? '5 4' : undefined} vectorEffect="non-scaling-stroke" />
        {pointsRight && <polygon points="100,5 90,0.5 90,9.5" fill={color} />}
        {pointsLeft && <polygon points="0,5 10,0.5 10,9.5" fill={color} />}
      </svg>
    </Flex>
  );
}

/**
 * One path drawn as a chain: the matched party, then each relationship and party up to the member of
 * staff or client. A case's kept evidence names the start without its kind: it is drawn without an icon.
 */
export function PathChain({ start, path }: { start: Pick<PartyFacts, 'id' | 'name'> & { kind?: PartyKind }; path: ConflictPath }) {
  const { t } = useTranslation();
  const last = path.steps.length - 1;
  return (
    <Flex wrap align="center" gap={4} role="group" aria-label={path.text} title={path.text} data-testid="conflict-path" data-target={path.target} data-weak={path.weak}>
      <Node party={start} start />
      {path.steps.map((step, i) => (
        <Flex key={step.relationshipId} align="center" gap={4}>
          <Edge step={step} />
          <Node party={step.party} target={i === last ? path.target : undefined} />
        </Flex>
      ))}
      {path.weak && (
        <Tooltip title={t('conflicts.path.weakHelp')}>
          <Tag color="warning" style={{ marginInlineStart: 8 }}>{t('conflicts.path.weak')}</Tag>
        </Tooltip>
      )}
    </Flex>
  );
}
