import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { currentLocale } from '../../app/i18n';
import { useWrite } from '../../app/write';
import type { TaxonomyList } from '../../../../src/core/cases/taxonomy';
import { TAXONOMY_API, caseApi, disclosureApi, type CaseDetail, type DisclosureDetail, type TaxonomyAnswer } from './types';

/** Query keys of the case pages; a write refreshes all of them (see useCasesRefresh). */
export const KEYS = {
  cases: 'conflict-cases',
  case: 'conflict-case',
  taxonomy: 'conflict-case-taxonomy',
  disclosures: 'staff-disclosures',
  disclosure: 'staff-disclosure',
} as const;

const ALL: ReadonlySet<unknown> = new Set(Object.values(KEYS));

export function useCasesRefresh(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: (q) => ALL.has(q.queryKey[0]) });
}

/** Labels come in the reader's language, so answers are kept per language. */
export function useCase(id: string | undefined) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [KEYS.case, id, i18n.language],
    queryFn: () => api.get<CaseDetail>(caseApi(id!)),
    enabled: id !== undefined,
    placeholderData: keepPreviousData,
  });
}

export const useDisclosure = (id: string | undefined) =>
  useQuery({ queryKey: [KEYS.disclosure, id], queryFn: () => api.get<DisclosureDetail>(disclosureApi(id!)), enabled: id !== undefined, placeholderData: keepPreviousData });

export const useTaxonomy = () => useQuery({ queryKey: [KEYS.taxonomy], queryFn: () => api.get<TaxonomyAnswer>(TAXONOMY_API), staleTime: 5 * 60_000 });

/** A taxonomy list as select options in the reader's language; retired entries only with `all`. */
export function useTaxonomyOptions(list: TaxonomyList, all = false) {
  useTranslation(); // re-render on a language change
  const taxonomy = useTaxonomy();
  const locale = currentLocale();
  const entries = taxonomy.data?.taxonomy[list] ?? [];
  return {
    options: entries.filter((e) => all || e.active).map((e) => ({ value: e.code, label: e.labels[locale] })),
    label: (code: string | null | undefined) => (code ? (entries.find((e) => e.code === code)?.labels[locale] ?? code) : ''),
    loading: taxonomy.isPending,
  };
}

/** Runs one write on a case, says so and refreshes; a 409 shows the server's message and reloads. */
export function useCaseWrite() {
  return useWrite(useCasesRefresh());
}
