import { Card, Descriptions, Flex, Result, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import { IDENTIFIER_SCHEMES, type IdentifierScheme } from '../registry/types';
import { HitCard } from './HitCard';
import { LevelTag } from './LevelTag';
import { checkPath, type ConflictCheck, type SubjectResult } from './types';

const schemeKey = (scheme: string): IdentifierScheme => ((IDENTIFIER_SCHEMES as readonly string[]).includes(scheme) ? (scheme as IdentifierScheme) : 'other');

function SubjectCard({ result, check }: { result: SubjectResult; check: ConflictCheck }) {
  const { t } = useTranslation();
  const { subject } = result;
  const mode = t(`conflicts.mode.${check.mode}`);
  return (
    <Card
      size="small"
      data-testid="subject-result"
      data-subject={subject.name}
      title={
        <Flex wrap align="center" gap={8}>
          <Typography.Text strong style={{ fontSize: 16 }}>{subject.name}</Typography.Text>
          <Tag>{t(`conflicts.role.${subject.role}`)}</Tag>
          {subject.kind && <Tag>{t(`registry.kind.${subject.kind}`)}</Tag>}
          {subject.identifiers.map((id) => (
            <Tag key={`${id.scheme}:${id.value}`}>
              {t(`registry.scheme.${schemeKey(id.scheme)}`)} {id.value}
            </Tag>
          ))}
        </Flex>
      }
      extra={<LevelTag level={result.level} large />}
    >
      {result.hits.length === 0 ? (
        <Result
          status="success"
          data-testid="no-hits"
          title={t('conflicts.result.noHitsTitle', { name: subject.name })}
          subTitle={t('conflicts.result.noHits', { mode, hops: check.hops, size: check.indexSize.toLocaleString() })}
          style={{ padding: '16px 0' }}
        />
      ) : (
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">
            {t('conflicts.result.hitsSummary', { n: result.hits.length, mode, hops: check.hops, size: check.indexSize.toLocaleString() })}
          </Typography.Text>
          {result.hits.map((hit) => (
            <HitCard key={hit.party.id} hit={hit} hops={check.hops} checkId={check.id} />
          ))}
        </Flex>
      )}
    </Card>
  );
}

/** A check as it was saved: who ran it, when and how, then each subject with its level and hits. */
export function CheckResult({ check, linkRef }: { check: ConflictCheck; linkRef?: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16} data-testid="check-result">
      <Card size="small">
        <Flex wrap align="center" gap={12} style={{ marginBottom: 12 }}>
          <LevelTag level={check.level} large />
          <Typography.Text strong data-testid="check-ref">
            {linkRef ? <Link to={checkPath(check.id)}>{check.ref}</Link> : check.ref}
          </Typography.Text>
          <Typography.Text type="secondary">{t('conflicts.result.hitCount', { n: check.hitCount })}</Typography.Text>
        </Flex>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            { key: 'by', label: t('conflicts.result.checkedBy'), children: check.checkedBy ? `${check.checkedBy.displayName} (@${check.checkedBy.username})` : t('common.none') },
            { key: 'at', label: t('conflicts.result.checkedAt'), children: formatDateTime(check.checkedAt) },
            { key: 'mode', label: t('conflicts.form.mode'), children: t(`conflicts.mode.${check.mode}`) },
            { key: 'hops', label: t('conflicts.form.hops'), children: check.hops },
            { key: 'index', label: t('conflicts.result.indexSize'), children: check.indexSize.toLocaleString() },
            { key: 'took', label: t('conflicts.result.took'), children: t('conflicts.result.ms', { ms: check.tookMs }) },
            { key: 'purpose', label: t('conflicts.form.purpose'), span: 2, children: check.purpose || t('common.none') },
          ]}
        />
      </Card>
      {check.results.map((result, i) => (
        <SubjectCard key={i} result={result} check={check} />
      ))}
    </Flex>
  );
}
