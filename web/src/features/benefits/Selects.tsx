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

/** Picks a client by name, searching the server as the user types. */
export function ClientSelect({ value, onChange, known, placeholder, testId, style }: SelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Option>();
  const q = useDebounced(search.trim());
  const result = useQuery({
    queryKey: ['registry-clients', 'benefit-select', q],
    queryFn: () => api.get<Page<Client>>('/api/registry/clients', { q, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  const options = withKnown(
    (result.data?.items ?? []).map((c) => ({ value: c.id, label: c.party.name, title: c.party.name })),
    value,
    known,
    chosen,
  );
  return (
    <Select
      allowClear
      value={value}
      placeholder={placeholder ?? t('benefits.form.clientPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={result.isFetching ? <Spin size="small" /> : undefined}
      options={options}
      data-testid={testId}
      style={style}
      onChange={(id: string | undefined) => {
        const option = options.find((o) => o.value === id);
        setChosen(option);
        onChange?.(id, option?.title);
      }}
    />
  );
}

/**
 * Picks the person or organisation on the other side. With a client chosen, its contacts and the
 * client itself come first; any party of the registry can be searched.
 */
export function PartySearchSelect({ value, onChange, known, clientId, placeholder, testId, style }: SelectProps & { clientId?: string | null }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Option>();
  const q = useDebounced(search.trim());
  const result = useQuery({
    queryKey: ['registry-parties', 'benefit-select', q],
    queryFn: () => api.get<Page<PartySummary>>('/api/registry/parties', { q, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  const client = useQuery({
    queryKey: ['registry-client', clientId],
    queryFn: () => api.get<ClientDetail>(clientApi(clientId!)),
    enabled: Boolean(clientId),
    staleTime: 60_000,
  });

  const secondary = (text: string) => <Typography.Text type="secondary"> {text}</Typography.Text>;
  const fromClient: Option[] =
    clientId && client.data && !q
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
  const searched: Option[] = (result.data?.items ?? [])
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
  const options = withKnown(
    fromClient.length > 0
      ? ([
          { label: t('benefits.form.clientContacts'), options: fromClient },
          { label: t('benefits.form.allParties'), options: searched },
        ] as unknown as Option[])
      : searched,
    value,
    known,
    chosen,
  );
  const flat = [...fromClient, ...searched];

  return (
    <Select
      allowClear
      value={value}
      placeholder={placeholder ?? t('benefits.form.counterpartyPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={result.isFetching ? <Spin size="small" /> : undefined}
      options={options}
      data-testid={testId}
      style={style}
      onChange={(id: string | undefined) => {
        const option = flat.find((o) => o.value === id) ?? (chosen?.value === id ? chosen : undefined);
        setChosen(option);
        onChange?.(id, option?.title);
      }}
    />
  );
}

interface UserRow {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
}

/** Picks a user of the firm (needs users.read). */
export function UserSelect({ value, onChange, known, placeholder, testId, style }: SelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Option>();
  const q = useDebounced(search.trim());
  const result = useQuery({
    queryKey: ['users', 'benefit-select', q],
    queryFn: () => api.get<Page<UserRow>>('/api/users', { q, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  const options = withKnown(
    (result.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.id, title: u.displayName, label: <>{u.displayName} <Typography.Text type="secondary">@{u.username}</Typography.Text></> })),
    value,
    known,
    chosen,
  );
  return (
    <Select
      allowClear
      value={value}
      placeholder={placeholder ?? t('benefits.userPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={result.isFetching ? <Spin size="small" /> : undefined}
      options={options}
      data-testid={testId}
      style={style}
      onChange={(id: string | undefined) => {
        const option = options.find((o) => o.value === id);
        setChosen(option);
        onChange?.(id, option?.title);
      }}
    />
  );
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
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Option[]>([]);
  const q = useDebounced(search.trim());
  const result = useQuery({
    queryKey: ['users', 'benefit-select', q],
    queryFn: () => api.get<Page<UserRow>>('/api/users', { q, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  const found = (result.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.id, title: u.displayName, label: <>{u.displayName} <Typography.Text type="secondary">@{u.username}</Typography.Text></> }));
  const options = [...chosen.filter((c) => !found.some((f) => f.value === c.value)), ...found];
  return (
    <Select
      mode="multiple"
      value={value}
      placeholder={t('benefits.userPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={result.isFetching ? <Spin size="small" /> : undefined}
      options={options}
      data-testid={testId}
      onChange={(ids: string[]) => {
        setChosen(options.filter((o) => ids.includes(o.value)));
        onChange?.(ids);
      }}
    />
  );
}
