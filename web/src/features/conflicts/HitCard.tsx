import { Card, Flex, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { OpenCaseFromHit } from '../cases/OpenCaseFromHit';
import { clientPath, partyPath } from '../registry/types';
import { FactsTags, ScoreTag } from './FactsTags';
import { PathChain } from './PathChain';
import type { ConflictHit } from './types';

/** Why a name was matched, one reason a line. */
export function Reasons({ reasons }: { reasons: ConflictHit['reasons'] }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="hit-reasons">
      {reasons.map((r, i) => (
        <li key={`${r.code}-${i}`}>
          <Typography.Text type="secondary">{r.text}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}

/**
 * One party the firm knows that may be the subject: who it is, how well it matches, why, and how it
 * reaches staff or clients; with the saved check's id, a case can be opened from it.
 */
export function HitCard({ hit, hops, checkId }: { hit: ConflictHit; hops: number; checkId?: string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { party } = hit;
  return (
    <Card size="small" data-testid="hit-card" data-party={party.name} style={{ borderInlineStart: `3px solid ${hit.likely ? token.colorError : token.colorWarning}` }}>
      <Flex wrap align="center" gap={8} style={{ marginBottom: 8 }}>
        <Link to={partyPath(party.id)} style={{ fontSize: 16, fontWeight: 600 }} data-testid="hit-party">
          {party.name}
        </Link>
        <ScoreTag score={hit.score} likely={hit.likely} />
        <span>
          <FactsTags party={party} />
        </span>
        {party.client && <Link to={clientPath(party.client.id)}>{t('conflicts.hit.openClient')}</Link>}
        {checkId && <OpenCaseFromHit checkId={checkId} hit={hit} />}
      </Flex>
      {hit.matchedName !== party.name && (
        <div style={{ marginBottom: 4 }}>
          <Typography.Text type="secondary">{t('conflicts.hit.matchedName', { name: hit.matchedName })}</Typography.Text>
        </div>
      )}
      {party.staff && party.staff.displayName !== party.name && (
        <div style={{ marginBottom: 4 }}>
          <Typography.Text type="secondary">{t('conflicts.hit.staffUser', { name: party.staff.displayName })}</Typography.Text>
        </div>
      )}
      <Flex wrap gap={24}>
        <div style={{ minWidth: 200 }}>
          <Typography.Text strong>{t('conflicts.hit.reasons')}</Typography.Text>
          <Reasons reasons={hit.reasons} />
        </div>
        <div style={{ flex: 1, minWidth: 280 }}>
          <Typography.Text strong>{t('conflicts.hit.paths', { n: hit.paths.length })}</Typography.Text>
          {hit.paths.length === 0 ? (
            <div>
              <Typography.Text type="secondary">{t('conflicts.hit.noPaths', { hops })}</Typography.Text>
            </div>
          ) : (
            <Flex vertical gap={8} style={{ marginTop: 4 }}>
              {hit.paths.map((path, i) => (
                <PathChain key={i} start={party} path={path} />
              ))}
            </Flex>
          )}
        </div>
      </Flex>
    </Card>
  );
}
