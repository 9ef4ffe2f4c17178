import type { TableProps } from 'antd';

export interface Sorted<S extends string> {
  sort: S;
  order: 'asc' | 'desc';
}

/** Props that make a column sortable on the server and show the current order. */
export function sortColumn<S extends string>(current: Sorted<S>, column: S) {
  const order = current.order === 'asc' ? ('ascend' as const) : ('descend' as const);
  return { key: column, sorter: true, sortOrder: current.sort === column ? order : null };
}

/**
 * Table onChange that turns the sorter into sort/order. It also fires for page changes, so it
 * applies only a changed sort (applying resets the page). Clearing the sort goes back to `fallback`.
 */
export function onSortChange<T, S extends string>(current: Sorted<S>, fallback: S, apply: (sorted: Sorted<S>) => void): TableProps<T>['onChange'] {
  return (_pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const sort = (s?.order ? s.columnKey : fallback) as S;
    const order = s?.order === 'descend' ? 'desc' : 'asc';
    if (sort !== current.sort || order !== current.order) apply({ sort, order });
  };
}
