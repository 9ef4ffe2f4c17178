import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api, request } from '../../app/api';
import { useDebounced } from '../registry/queries';
import type { PartyKind } from '../registry/types';
import { SETTINGS_API, SUGGESTIONS_API, checkApi, type ConflictCheck, type ConflictSettings, type MatchMode, type Suggestions } from './types';

/** Query keys of the conflict-check pages. */
export const KEYS = {
  checks: 'conflict-checks',
  check: 'conflict-check',
  suggestions: 'conflict-suggestions',
  settings: 'conflict-settings',
} as const;

export const useConflictSettings = () =>
  useQuery({ queryKey: [KEYS.settings], queryFn: () => api.get<ConflictSettings>(SETTINGS_API), staleTime: 60_000 });

/** The server explains hits in the reader's language, so answers are kept per language. */
const useLanguage = () => useTranslation().i18n.language;

/** A saved check never changes; it is only read again in another language. */
export const checkKey = (id: string, language: string) => [KEYS.check, id, language];

export function useConflictCheck(id: string | undefined) {
  const language = useLanguage();
  return useQuery({
    queryKey: checkKey(id ?? '', language),
    queryFn: () => api.get<ConflictCheck>(checkApi(id!)),
    enabled: id !== undefined,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}

/** Puts a check just run into the cache, so showing it and opening it from the history need no request. */
export function useRememberCheck(): (check: ConflictCheck) => void {
  const queryClient = useQueryClient();
  const language = useLanguage();
  return (check) => queryClient.setQueryData(checkKey(check.id, language), check);
}

export const saveConflictSettings = (settings: ConflictSettings) => request<ConflictSettings>('PUT', SETTINGS_API, settings);

/** Forgets the saved-check lists, so a new check shows up in the history. */
export function useForgetHistory(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [KEYS.checks] });
}

/** Type-ahead while a name is typed: asks once the name has stopped changing for 150 ms. */
export function useSuggestions(name: string, kind: PartyKind | undefined, mode: MatchMode) {
  const settled = useDebounced(name.trim(), 150);
  const language = useLanguage();
  const query = useQuery({
    queryKey: [KEYS.suggestions, settled, kind ?? null, mode, language],
    queryFn: () => api.get<Suggestions>(SUGGESTIONS_API, { name: settled, kind, mode }),
    enabled: settled !== '',
    staleTime: 30_000,
    // Only a server still building its index (just started) is worth asking again.
    retry: (failures, error) => error instanceof ApiError && error.status === 503 && failures < 10,
    retryDelay: 2000,
    placeholderData: keepPreviousData,
  });
  return { ...query, name: settled, typing: settled !== name.trim() };
}
