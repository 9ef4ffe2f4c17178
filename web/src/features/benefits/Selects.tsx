import { useState, type ReactNode } from 'react';
import { Select, Spin, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { departmentName } from '../../app/format';
import type { Page } from '../../app/paging';
import { useDebounced } from '../registry/queries';
import type { Client, ClientDetail, PartySummary } from '../registry/types';
import { clientApi } from '../registry/types';
import { useDepartments } from './queries';

type Option = { value: string; label: ReactNode; title?: string };

/** The name a select shows for a value the current search does not list (an edited draft's party). */
export interface Known {
  id: string;
  name: string;
}

interface SelectProps {
  value?: string;
  onChange?(id: string | undefined, name?: string): void;
  known?: Known | null;
  placeholder?: string;
  testId?: string;
  style?: React.CSSProperties;
}

function withKnown(options: Option[], value: string | undefined, known: Known | null | undefined, chosen: Option | undefined): Option[] {
  if (!value || options.some((o) => o.value === value)) return options;
  if (chosen?.value === value) return [chosen, ...options];
  if (known?.id === value) return [{ value, label: known.name, title: known.name }, ...options];
  return options;
}

/** The first page of a list endpoint for what the user types, debounced; the old page stays while the next loads. */
function useSearch<T>(key: string, path: string) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const result = useQuery({
    queryKey: [key, 'benefit-select', q],
    queryFn: () => api.get<Page<T>>(path, { q, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  return { q, items: result.data?.items ?? [], fetching: result.isFetching, onSearch: setSearch };
}

/**
 * One value searched on the server. The chosen option is remembered, so it keeps its label after the
 * search moves on; `flat` lists the options when `options` are grouped.
 */
function SearchSelect({ value, onChange, known, placeholder, testId, style, search, options, flat = options }: Omit<SelectProps, 'placeholder'> & {
  placeholder: string;
  search: { fetching: boolean; onSearch(text: string): void };
  options: Option[];
  flat?: Option[];
}) {
  const [chosen, setChosen] = useState<Option>();
  const shown = withKnown(options, value, known, chosen);
  return (
    <Select
      allowClear
      value={value}
      placeholder={placeholder}
      showSearch={{ filterOption: false, onSearch: search.onSearch }}
      notFoundContent={search.fetching ? <Spin size="small" /> : undefined}
      options={shown}
      data-testid={testId}
      style={style}
      onChange={(id: string | undefined) => {
        const option = flat.find((o) => o.value === id) ?? (chosen?.value === id ? chosen : undefined) ?? shown.find((o) => o.value === id);
        setChosen(option);
        onChange?.(id, option?.title);
      }}
    />
  );
}

/** Picks a client by name, searching the server as the user types. */
export function ClientSelect({ placeholder, ...props }: SelectProps) {
  const { t } = useTranslation();
  const search = useSearch<Client>('registry-clients', '/api/registry/clients');
  const options = search.items.map((c) => ({ value: c.id, label: c.party.name, title: c.party.name }));
  return <SearchSelect {...props} placeholder={placeholder ?? t('benefits.form.clientPlaceholder')} search={search} options={options} />;
}

/**
 * Picks the person or organisation on the other side. With a client chosen, its contacts and the
 * client itself come first; any party of the registry can be searched.
 */
export function PartySearchSelect({ clientId, placeholder, ...props }: SelectProps & { clientId?: string | null }) {
  const { t } = useTranslation();
  const search = useSearch<PartySummary>('registry-parties', '/api/registry/parties');
  const client = useQuery({
    queryKey: ['registry-client', clientId],
    queryFn: () => api.get<ClientDetail>(clientApi(clientId!)),
    enabled: Boolean(clientId),
    staleTime: 60_000,
  });

  const secondary = (text: string) => <Typography.Text type="secondary"> {text}</Typography.Text>;
  const fromClient: Option[] =
    clientId && client.data && !search.q
      ? [
          ...client.data.contacts
            .filter((c) => !c.endedAt)
            .map((c) => ({
              value: c.party.id,
              title: c.party.name,
              label: (
                <>
                  {c.party.name}
                  {secondary([t('benefits.form.contactOf', { client: client.data.party.name }), c.title].filter(Boolean).join(' · '))}
                </>
              ),
            })),
          { value: client.data.party.id, title: client.data.party.name, label: <>{client.data.party.name}{secondary(t('benefits.form.theClient'))}</> },
        ]
      : [];
  const seen = new Set(fromClient.map((o) => o.value));
  const searched: Option[] = search.items
    .filter((p) => !seen.has(p.id))
    .map((p) => ({
      value: p.id,
      title: p.primaryName,
      label: (
        <>
          {p.primaryName}
          {secondary([t(`registry.kind.${p.kind}`), p.publicOfficial ? t('benefits.form.publicOfficial') : null, p.isClient ? t('benefits.form.isClient') : null].filter(Boolean).join(' · '))}
        </>
      ),
    }));
  const options =
    fromClient.length > 0
      ? ([
          { label: t('benefits.form.clientContacts'), options: fromClient },
          { label: t('benefits.form.allParties'), options: searched },
        ] as unknown as Option[])
      : searched;

  return (
    <SearchSelect
      {...props}
      placeholder={placeholder ?? t('benefits.form.counterpartyPlaceholder')}
      search={search}
      options={options}
      flat={[...fromClient, ...searched]}
    />
  );
}

interface UserRow {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
}

/** Active users of the firm matching what is typed (needs users.read). */
function useUserSearch() {
  const search = useSearch<UserRow>('users', '/api/users');
  const options: Option[] = search.items
    .filter((u) => u.active)
    .map((u) => ({ value: u.id, title: u.displayName, label: <>{u.displayName} <Typography.Text type="secondary">@{u.username}</Typography.Text></> }));
  return { search, options };
}

/** Picks a user of the firm (needs users.read). */
export function UserSelect({ placeholder, ...props }: SelectProps) {
  const { t } = useTranslation();
  const { search, options } = useUserSearch();
  return <SearchSelect {...props} placeholder={placeholder ?? t('benefits.userPlaceholder')} search={search} options={options} />;
}

/** One department, or several with `multiple`. */
export function DepartmentSelect({ value, onChange, multiple, placeholder, testId, style, allowClear = true }: {
  value?: string | string[];
  onChange?(value: string | string[] | undefined): void;
  multiple?: boolean;
  placeholder?: string;
  testId?: string;
  style?: React.CSSProperties;
  allowClear?: boolean;
}) {
  const departments = useDepartments();
  return (
    <Select
      allowClear={allowClear}
      mode={multiple ? 'multiple' : undefined}
      value={value}
      placeholder={placeholder}
      loading={departments.isPending}
      options={(departments.data ?? []).map((d) => ({ value: d.id, label: departmentName(d) }))}
      data-testid={testId}
      style={style}
      onChange={onChange}
    />
  );
}

/** Picks several users of the firm (needs users.read). */
export function UsersSelect({ value, onChange, testId }: { value?: string[]; onChange?(ids: string[]): void; testId?: string }) {
  const { t } = useTranslation();
  const { search, options: found } = useUserSearch();
  const [chosen, setChosen] = useState<Option[]>([]);
  const options = [...chosen.filter((c) => !found.some((f) => f.value === c.value)), ...found];
  return (
    <Select
      mode="multiple"
      value={value}
      placeholder={t('benefits.userPlaceholder')}
      showSearch={{ filterOption: false, onSearch: search.onSearch }}
      notFoundContent={search.fetching ? <Spin size="small" /> : undefined}
      options={options}
      data-testid={testId}
      onChange={(ids: string[]) => {
        setChosen(options.filter((o) => ids.includes(o.value)));
        onChange?.(ids);
      }}
    />
  );
}
