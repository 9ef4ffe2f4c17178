import { Alert } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { useDebounced } from './queries';
import { partyPath, type PartyRef } from './types';

/** Warns while a new party's names are typed that a party with a nearly identical name exists. */
export function SimilarParties({ names, exceptId }: { names: (string | undefined)[]; exceptId?: string }) {
  const { t } = useTranslation();
  // A string, not the array, so the debounce sees an unchanged value between renders.
  const key = useDebounced(names.map((n) => n?.trim()).filter(Boolean).join('\n'), 400);
  const similar = useQuery({
    queryKey: ['registry-similar', key],
    queryFn: () => api.post<{ items: PartyRef[] }>('/api/registry/parties/similar', { names: key.split('\n').slice(0, 20) }),
    enabled: key !== '',
    staleTime: 30_000,
  });
  const items = key ? (similar.data?.items ?? []).filter((p) => p.id !== exceptId) : [];
  if (items.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('parties.similarWarning')}
      description={items.map((p) => (
        <div key={p.id}>
          {/* a new tab, so the half-filled form survives */}
          <Link to={partyPath(p.id)} target="_blank">{p.name}</Link> · {t(`registry.kind.${p.kind}`)}
        </div>
      ))}
      style={{ marginBottom: 16 }}
    />
  );
}
