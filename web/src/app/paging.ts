import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type Query } from './api';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Server-side paged list for an antd Table: owns page, page size and filters
 * (changing filters goes back to page 1). Query key is [key, …] so callers can invalidate [key]; the
 * language is part of it because the server words labels and sentences in the reader's language.
 */
export function usePagedList<T, F extends Query>(key: string, path: string, initialFilters: F) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState({ page: 1, pageSize: 20, filters: initialFilters });
  const query = useQuery({
    queryKey: [key, state, i18n.language],
    queryFn: () => api.get<Page<T>>(path, { ...state.filters, page: state.page, pageSize: state.pageSize }),
    placeholderData: keepPreviousData,
  });

  const tableProps: Pick<TableProps<T>, 'dataSource' | 'loading' | 'pagination'> = {
    dataSource: query.data?.items,
    loading: query.isFetching,
    pagination: {
      current: state.page,
      pageSize: state.pageSize,
      total: query.data?.total ?? 0,
      showSizeChanger: true,
      showTotal: (total) => t('common.total', { total }),
      onChange: (page, pageSize) =>
        setState((s) => ({ ...s, page: pageSize === s.pageSize ? page : 1, pageSize })),
    },
  };

  return {
    filters: state.filters,
    setFilters: (filters: F) => setState((s) => ({ ...s, filters, page: 1 })),
    tableProps,
    error: query.error,
  };
}
