import { useState, type ReactNode } from 'react';
import { Select, Spin, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Query } from '../../app/api';
import type { Page } from '../../app/paging';
import { useDebounced } from '../registry/queries';
import type { Client, PartySummary } from '../registry/types';
import { CASES_API, type CaseSummary } from './types';

export interface Option {
  value: string;
  label: ReactNode;
  /** Plain text of the label: what the select shows once chosen. */
  title: string;
}

interface PickerProps {
  value?: string[];
  onChange?(ids: string[], chosen: Option[]): void;
  /** Options offered before anything is typed (the case's own subjects), and names for values already set. */
  preset?: Option[];
  placeholder?: string;
  testId?: string;
  disabled?: boolean;
}

const secondary = (text: string) => <Typography.Text type="secondary"> {text}</Typography.Text>;

/**
 * Several values searched on the server as the user types. Chosen options keep their labels after the
 * search moves on; the preset ones come first while nothing is typed.
 */
function SearchMultiSelect<T>({ value, onChange, preset = [], placeholder, testId, disabled, path, query, toOption, queryKey }: PickerProps & {
  path: string;
  query?: Query;
  toOption(item: T): Option;
  queryKey: string;
}) {
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Option[]>([]);
  const q = useDebounced(search.trim());
  const result = useQuery({
    queryKey: [queryKey, 'case-picker', q, query],
    queryFn: () => api.get<Page<T>>(path, { ...query, q, pageSize: 20 }),
    placeholderData: keepPreviousData,
    enabled: !disabled,
  });
  const found = (result.data?.items ?? []).map(toOption);
  const first = q ? [] : preset;
  const seen = new Set<string>();
  const options = [...first, ...found, ...chosen, ...preset].filter((o) => !seen.has(o.value) && Boolean(seen.add(o.value)));
  return (
    <Select
      mode="multiple"
      value={value}
      placeholder={placeholder}
      disabled={disabled}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={result.isFetching ? <Spin size="small" /> : undefined}
      options={options}
      optionLabelProp="title"
      data-testid={testId}
      onChange={(ids: string[]) => {
        const picked = options.filter((o) => ids.includes(o.value));
        setChosen(picked);
        setSearch('');
        onChange?.(ids, picked);
      }}
    />
  );
}

/** Clients of the firm by name. */
export function ClientsPicker(props: PickerProps) {
  const { t } = useTranslation();
  return (
    <SearchMultiSelect<Client>
      {...props}
      placeholder={props.placeholder ?? t('cases.pick.clients')}
      queryKey="registry-clients"
      path="/api/registry/clients"
      toOption={(c) => ({ value: c.id, title: c.party.name, label: <>{c.party.name}{secondary(t(`registry.clientStatus.${c.status}`))}</> })}
    />
  );
}

/** Parties of the registry (people and organisations); `staff` keeps to members of staff. */
export function PartiesPicker({ staff, ...props }: PickerProps & { staff?: boolean }) {
  const { t } = useTranslation();
  return (
    <SearchMultiSelect<PartySummary>
      {...props}
      placeholder={props.placeholder ?? t(staff ? 'cases.pick.staff' : 'cases.pick.parties')}
      queryKey="registry-parties"
      path="/api/registry/parties"
      query={staff ? { staff: 'yes' } : undefined}
      toOption={(p) => ({
        value: p.id,
        title: p.primaryName,
        label: (
          <>
            {p.primaryName}
            {secondary([t(`registry.kind.${p.kind}`), p.isStaff ? t('registry.tag.staff') : null, p.isClient ? t('registry.tag.client') : null].filter(Boolean).join(' · '))}
          </>
        ),
      })}
    />
  );
}

interface UserRow {
  id: string;
  username: string;
  displayName: string;
}

export const userOption = (u: { id: string; displayName: string; username?: string }): Option => ({
  value: u.id,
  title: u.displayName,
  label: <>{u.displayName}{u.username && secondary(`@${u.username}`)}</>,
});

/** Users of the firm (needs users.read). */
export function UsersPicker(props: PickerProps) {
  const { t } = useTranslation();
  return (
    <SearchMultiSelect<UserRow>
      {...props}
      placeholder={props.placeholder ?? t('cases.pick.users')}
      queryKey="users"
      path="/api/users"
      toOption={userOption}
    />
  );
}

/** The conflict cases the user may read, by number or title. */
export function CasesPicker(props: PickerProps) {
  const { t } = useTranslation();
  return (
    <SearchMultiSelect<CaseSummary>
      {...props}
      placeholder={props.placeholder ?? t('cases.pick.cases')}
      queryKey="conflict-cases"
      path={CASES_API}
      toOption={(c) => ({ value: c.id, title: c.ref, label: <>{c.ref}{secondary(c.title)}</> })}
    />
  );
}

type SingleProps = Omit<PickerProps, 'value' | 'onChange'> & { value?: string; onChange?(id: string | undefined): void };

/** One value: a picker of several that keeps only the last one chosen. */
const single = (Picker: (props: PickerProps) => ReactNode) =>
  function Single({ value, onChange, ...props }: SingleProps) {
    return <Picker {...props} value={value ? [value] : []} onChange={(ids) => onChange?.(ids[ids.length - 1])} />;
  };

export const UserPicker = single(UsersPicker);
export const ClientPicker = single(ClientsPicker);
export const CasePicker = single(CasesPicker);
