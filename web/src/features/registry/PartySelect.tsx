import { useState, type ReactNode } from 'react';
import { Select, Spin, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { Page } from '../../app/paging';
import { KEYS, useDebounced } from './queries';
import type { PartyKind, PartySummary } from './types';

interface Props {
  value?: string;
  onChange?(id: string | undefined): void;
  kind?: PartyKind;
  /** A party that may not be chosen (the one on the other side). */
  excludeId?: string;
}

/** Picks a party by name, identifier or reference, searching the server as the user types. */
export function PartySelect({ value, onChange, kind, excludeId }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  // Kept so the chosen party's name still shows after the search moves on.
  const [chosen, setChosen] = useState<{ value: string; label: ReactNode }>();
  const q = useDebounced(search.trim());
  const result = useQuery({
    queryKey: [KEYS.parties, 'select', q, kind],
    queryFn: () => api.get<Page<PartySummary>>('/api/registry/parties', { q, kind, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });

  const options: { value: string; label: ReactNode }[] = (result.data?.items ?? [])
    .filter((p) => p.id !== excludeId)
    .map((p) => ({
      value: p.id,
      label: (
        <>
          {p.primaryName} <Typography.Text type="secondary">{t(`registry.kind.${p.kind}`)}{p.ref && ` · ${p.ref}`}</Typography.Text>
        </>
      ),
    }));
  if (chosen && chosen.value === value && !options.some((o) => o.value === value)) options.unshift(chosen);

  return (
    <Select
      allowClear
      value={value}
      placeholder={t('registry.searchParty')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={result.isFetching ? <Spin size="small" /> : undefined}
      options={options}
      onChange={(id: string | undefined) => {
        setChosen(options.find((o) => o.value === id));
        onChange?.(id);
      }}
    />
  );
}
