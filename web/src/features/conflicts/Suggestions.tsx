import { Flex, Spin, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { partyPath, type PartyKind } from '../registry/types';
import { FactsTags, ScoreTag } from './FactsTags';
import { useSuggestions } from './queries';
import type { MatchMode } from './types';

/** Parties whose names match what is being typed, shown under the input; nothing is saved. */
export function Suggestions({ name, kind, mode }: { name: string; kind?: PartyKind; mode: MatchMode }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const suggestions = useSuggestions(name, kind, mode);
  if (!name.trim()) return null;

  const busy = suggestions.typing || suggestions.isFetching;
  const data = suggestions.data;
  // While a 503 (index still building) is retried, its message says why nothing shows yet.
  const problem = suggestions.error ?? suggestions.failureReason;
  let status: string;
  if (problem) status = problem.message;
  else if (!data) status = t('conflicts.suggest.searching');
  else if (data.hits.length === 0) status = t('conflicts.suggest.none', { name: suggestions.name, size: data.indexSize.toLocaleString() });
  else status = t('conflicts.suggest.found', { n: data.hits.length, size: data.indexSize.toLocaleString() });

  return (
    <div
      data-testid="suggestions"
      aria-live="polite"
      style={{
        marginTop: 4,
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadius,
        background: token.colorFillQuaternary,
        padding: '6px 10px',
        maxHeight: 320,
        overflowY: 'auto',
      }}
    >
      <Flex align="center" gap={8}>
        <Typography.Text type={problem ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {t('conflicts.suggest.title')} · {status}
        </Typography.Text>
        {busy && <Spin size="small" />}
      </Flex>
      {!problem &&
        data?.hits.map((hit) => (
          <div key={hit.party.id} data-testid="suggestion" style={{ padding: '6px 0', borderTop: `1px dashed ${token.colorBorderSecondary}`, marginTop: 4 }}>
            <Flex wrap align="center" gap={6}>
              {/* a new tab, so the half-filled form survives */}
              <Link to={partyPath(hit.party.id)} target="_blank" style={{ fontWeight: 600 }}>
                {hit.party.name}
              </Link>
              <ScoreTag score={hit.score} likely={hit.likely} />
              <span>
                <FactsTags party={hit.party} />
              </span>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {hit.matchedName !== hit.party.name && `${t('conflicts.hit.matchedName', { name: hit.matchedName })} · `}
              {hit.reasons.map((r) => r.text).join(t('conflicts.suggest.separator'))}
            </Typography.Text>
          </div>
        ))}
    </div>
  );
}
