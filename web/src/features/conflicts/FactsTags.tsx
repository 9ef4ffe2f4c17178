import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PartyFacts } from './types';

/** Why a matched party matters: staff, client (with its status), public official, ended. */
export function FactsTags({ party }: { party: PartyFacts }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag>{t(`registry.kind.${party.kind}`)}</Tag>
      {party.staff && <Tag color="green" data-testid="tag-staff">{t('registry.tag.staff')}</Tag>}
      {party.client && (
        <Tag color="blue" data-testid="tag-client">
          {t('registry.tag.client')} · {t(`registry.clientStatus.${party.client.status}`)}
        </Tag>
      )}
      {party.publicOfficial && <Tag color="volcano">{t('registry.tag.publicOfficial')}</Tag>}
      {party.ended && <Tag>{t('registry.tag.ended')}</Tag>}
    </>
  );
}

/** A match score as a coloured percentage: red from a likely match, orange below. */
export function ScoreTag({ score, likely }: { score: number; likely: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag color={likely ? 'red' : 'orange'} data-testid="hit-score" title={t('conflicts.hit.scoreHelp')}>
      {t('conflicts.hit.score', { score: Math.round(score * 100) })}
    </Tag>
  );
}
