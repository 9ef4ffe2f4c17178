import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { Department } from '../../app/auth';
import { useDebounced } from '../registry/queries';
import { API, requestApi, type BenefitSettings, type DraftInput, type PrecheckInput, type Matrix, type PolicyOverview, type Precheck, type RequestDetail } from './types';

/** Query keys of the benefit pages; every write refreshes all of them (see useBenefitsRefresh). */
export const KEYS = {
  requests: 'benefit-requests',
  request: 'benefit-request',
  precheck: 'benefit-precheck',
  policy: 'benefit-policy',
  policyVersion: 'benefit-policy-version',
  matrix: 'benefit-matrix',
  matrixVersions: 'benefit-matrix-versions',
  delegations: 'benefit-delegations',
  blackouts: 'benefit-blackouts',
  settings: 'benefit-settings',
  ledger: 'benefit-ledger',
  summary: 'benefit-ledger-summary',
  departments: 'departments',
  notifications: 'notifications',
} as const;

/** A list answer, whether the route sends the array or a page of items. */
export const listOf = <T,>(answer: T[] | { items: T[] }): T[] => (Array.isArray(answer) ? answer : answer.items);

const ALL: ReadonlySet<unknown> = new Set(Object.values(KEYS));

/** A decision or payment changes lists, the request, the ledger and the bell alike. */
export function useBenefitsRefresh(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: (q) => ALL.has(q.queryKey[0]) });
}

/** Findings are explained in the reader's language, so answers are kept per language. */
const useLanguage = () => useTranslation().i18n.language;

export function useBenefitRequest(id: string | undefined) {
  const language = useLanguage();
  return useQuery({
    queryKey: [KEYS.request, id, language],
    queryFn: () => api.get<RequestDetail>(requestApi(id!)),
    enabled: id !== undefined,
    placeholderData: keepPreviousData,
  });
}

export const useDepartments = () =>
  useQuery({ queryKey: [KEYS.departments], queryFn: () => api.get<{ items: Department[] }>('/api/departments'), staleTime: 5 * 60_000, select: (r) => r.items });

export const usePolicy = () => useQuery({ queryKey: [KEYS.policy], queryFn: () => api.get<PolicyOverview>(API.policy) });

/** The matrix in force; null when none was ever published. */
export const useMatrix = () =>
  useQuery({
    queryKey: [KEYS.matrix],
    queryFn: async () => {
      try {
        return await api.get<Matrix>(API.matrix);
      } catch (e) {
        if ((e as { status?: number }).status === 404) return null;
        throw e;
      }
    },
  });

export const useBenefitSettings = () => useQuery({ queryKey: [KEYS.settings], queryFn: () => api.get<BenefitSettings>(API.settings), staleTime: 60_000 });

/** Enough of a draft to judge: the rest of the pre-check needs these. */
export const canPrecheck = (draft: Partial<DraftInput>): draft is DraftInput =>
  Boolean(draft.direction && draft.benefitType && draft.counterpartyPartyId && draft.amount?.trim() && draft.currency && draft.benefitDate);

/**
 * The live pre-check of the form: asked once the draft has stopped changing for 400 ms; the last
 * answer stays on screen while the next one is on its way.
 */
export function usePrecheck(draft: Partial<PrecheckInput>) {
  const language = useLanguage();
  // Compared as text: the form hands over a new object on every render.
  const text = JSON.stringify(draft);
  const settledText = useDebounced(text, 400);
  const settled = JSON.parse(settledText) as Partial<PrecheckInput>;
  const ready = canPrecheck(settled);
  const query = useQuery({
    queryKey: [KEYS.precheck, settled, language],
    // The pre-check does not read the purpose, but the draft schema asks for one.
    queryFn: () => api.post<Precheck>(API.precheck, { ...settled, purpose: settled.purpose?.trim() || '—' }),
    enabled: ready,
    staleTime: 10_000,
    retry: false,
    placeholderData: keepPreviousData,
  });
  return { ...query, ready, typing: settledText !== text };
}
