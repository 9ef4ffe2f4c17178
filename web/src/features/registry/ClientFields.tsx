import { DatePicker, Flex, Form, Input, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useAuth, type Department } from '../../app/auth';
import { departmentName } from '../../app/format';
import type { Page } from '../../app/paging';
import { fromIsoDay, toIsoDay } from './dates';
import { moneyToDecimalString, toMinorUnits } from '../../app/money';
import { CLIENT_STATUSES, type Client, type ClientStatus } from './types';

export interface ClientValues {
  status: ClientStatus;
  ownerUserId?: string;
  departmentId?: string;
  serviceLines?: string[];
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
  annualRevenue?: string;
  currency: string;
}

const CURRENCIES = ['CNY', 'HKD', 'USD', 'EUR', 'GBP', 'JPY'];

export function toClientChanges(v: ClientValues) {
  const amount = v.annualRevenue?.trim();
  return {
    status: v.status,
    ownerUserId: v.ownerUserId ?? null,
    departmentId: v.departmentId ?? null,
    serviceLines: (v.serviceLines ?? []).map((s) => s.trim()).filter(Boolean),
    startDate: toIsoDay(v.startDate),
    endDate: toIsoDay(v.endDate),
    annualRevenue: amount ? { amountMinor: toMinorUnits(amount, v.currency), currency: v.currency } : null,
  };
}

export function toClientValues(c: Client): ClientValues {
  return {
    status: c.status,
    ownerUserId: c.owner?.id,
    departmentId: c.department?.id,
    serviceLines: c.serviceLines,
    startDate: fromIsoDay(c.startDate),
    endDate: fromIsoDay(c.endDate),
    annualRevenue: c.annualRevenue ? moneyToDecimalString(c.annualRevenue) : undefined,
    currency: c.annualRevenue?.currency ?? 'CNY',
  };
}

/** Options for the owner and department selects (staff list only for those who may read users). */
export function useStaffOptions() {
  const canReadUsers = useAuth().can('users.read');
  const departments = useQuery({ queryKey: ['departments'], queryFn: () => api.get<{ items: Department[] }>('/api/departments') });
  const users = useQuery({
    queryKey: ['registry-owners'],
    queryFn: () => api.get<Page<{ id: string; username: string; displayName: string }>>('/api/users', { pageSize: 200 }),
    enabled: canReadUsers,
  });
  return {
    departments: departments.data?.items.map((d) => ({ value: d.id, label: departmentName(d) })),
    owners: users.data?.items.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` })),
  };
}

export function ClientFields() {
  const { t } = useTranslation();
  const { departments, owners } = useStaffOptions();
  const amountRule = ({ getFieldValue }: { getFieldValue(name: string): unknown }) => ({
    validator: async (_: unknown, value?: string) => {
      if (value?.trim() && toMinorUnits(value, String(getFieldValue('currency'))) === null) throw new Error(t('clients.revenueInvalid'));
    },
  });
  return (
    <>
      <Form.Item name="status" label={t('clients.status')}>
        <Select options={CLIENT_STATUSES.map((s) => ({ value: s, label: t(`registry.clientStatus.${s}`) }))} />
      </Form.Item>
      <Flex gap={12}>
        <Form.Item name="ownerUserId" label={t('clients.owner')} style={{ flex: 1 }}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={owners} disabled={!owners} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('clients.department')} style={{ flex: 1 }}>
          <Select allowClear options={departments} />
        </Form.Item>
      </Flex>
      <Form.Item name="serviceLines" label={t('clients.serviceLines')} extra={t('clients.serviceLinesHelp')}>
        <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} />
      </Form.Item>
      <Flex gap={12}>
        <Form.Item name="startDate" label={t('clients.startDate')} style={{ flex: 1 }}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="endDate" label={t('clients.endDate')} style={{ flex: 1 }}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Form.Item label={t('clients.revenue')} required={false} style={{ marginBottom: 0 }}>
        <Flex gap={8}>
          <Form.Item name="annualRevenue" style={{ flex: 1 }} dependencies={['currency']} rules={[amountRule]}>
            <Input inputMode="decimal" placeholder="1000000.00" />
          </Form.Item>
          <Form.Item name="currency" style={{ width: 100 }}>
            <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
        </Flex>
      </Form.Item>
    </>
  );
}
