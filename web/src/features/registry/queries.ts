import { useEffect, useState } from 'react';
import { App } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { clientApi, partyApi, type ClientDetail, type PartyDetail } from './types';

/** Query keys of everything the registry shows; one write can change several of them. */
export const KEYS = {
  parties: 'registry-parties',
  party: 'registry-party',
  graph: 'registry-graph',
  clients: 'registry-clients',
  client: 'registry-client',
  relationships: 'registry-relationships',
  declarations: 'registry-declarations',
} as const;

const ALL: ReadonlySet<unknown> = new Set(Object.values(KEYS));

/** Refetches every registry query: a new relationship changes tags, graphs and lists alike. */
export function useRegistryRefresh(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: (q) => ALL.has(q.queryKey[0]) });
}

export const useParty = (id: string) =>
  useQuery({ queryKey: [KEYS.party, id], queryFn: () => api.get<PartyDetail>(partyApi(id)) });

export const useClient = (id: string) =>
  useQuery({ queryKey: [KEYS.client, id], queryFn: () => api.get<ClientDetail>(clientApi(id)) });

/** The value once it has stopped changing for `ms`, so typing does not send a request per key. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Runs a write, reports the outcome as a toast and refreshes the registry; for one-click actions. */
export function useAction(): (run: () => Promise<unknown>, done?: string) => Promise<void> {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRegistryRefresh();
  return async (run, done = t('common.saved')) => {
    try {
      await run();
      message.success(done);
      await refresh();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
}
