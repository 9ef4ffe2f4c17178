import { useState } from 'react';
import { App, Button, Checkbox, Divider, Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../../app/api';
import { ErrorAlert } from '../../../app/components/ErrorAlert';
import { toIsoDay } from '../dates';
import { useRegistryRefresh } from '../queries';
import type { DeclarationItem, DisputeItem, InterestItem, RelativeItem } from './declarationTypes';
import { ItemList } from './ItemFields';

type Dated<T> = Omit<T, 'type' | 'validFrom' | 'validTo'> & { validFrom?: Dayjs | null; validTo?: Dayjs | null };
type DisputeValues = Omit<DisputeItem, 'type' | 'since' | 'endedOn'> & { since?: Dayjs | null; endedOn?: Dayjs | null };
interface Values {
  relatives?: Omit<RelativeItem, 'type'>[];
  interests?: Dated<InterestItem>[];
  disputes?: DisputeValues[];
  statement?: string;
  pledge: boolean;
}

/** Blank optional text is left out rather than sent as "". */
const trimmed = <T extends object>(item: T) =>
  Object.fromEntries(Object.entries(item).map(([k, v]) => [k, typeof v === 'string' ? v.trim() || null : v])) as T;

function toItems(v: Values): DeclarationItem[] {
  return [
    ...(v.relatives ?? []).map((r): DeclarationItem => ({ ...trimmed(r), type: 'relative' })),
    ...(v.interests ?? []).map((i): DeclarationItem => ({ ...trimmed(i), type: 'interest', validFrom: toIsoDay(i.validFrom), validTo: toIsoDay(i.validTo) })),
    ...(v.disputes ?? []).map((d): DeclarationItem => ({ ...trimmed(d), type: 'dispute', since: toIsoDay(d.since) ?? '', endedOn: toIsoDay(d.endedOn) })),
  ];
}

/** Server paths run over one `items` array; the form keeps relatives, interests and disputes apart, in that order. */
function formPath(path: string, values: Values): (string | number)[] | null {
  const [head, index, ...rest] = path.split('.');
  if (head === 'statement') return ['statement'];
  if (head !== 'items' || index === undefined || rest.length === 0) return null;
  let i = Number(index);
  for (const list of ['relatives', 'interests', 'disputes'] as const) {
    const length = values[list]?.length ?? 0;
    if (i < length) return [list, i, ...rest];
    i -= length;
  }
  return null;
}

export function DeclarationForm({ onSubmitted }: { onSubmitted(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRegistryRefresh();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<{ message: string; details: string[] } | null>(null);

  async function submit(values: Values) {
    setSubmitting(true);
    setError(null);
    try {
      await api.post('/api/registry/declarations', { statement: values.statement?.trim() || null, items: toItems(values) });
      message.success(t('declarations.submitted'));
      form.resetFields();
      await refresh();
      onSubmitted();
    } catch (e) {
      const fields = e instanceof ApiError ? e.fields : [];
      const placed = fields.map((f) => ({ f, name: formPath(f.path, values) }));
      form.setFields(placed.flatMap(({ f, name }) => (name ? [{ name, errors: [f.message] }] : [])) as Parameters<typeof form.setFields>[0]);
      setError({ message: (e as Error).message, details: placed.filter((p) => !p.name).map(({ f }) => `${f.path}: ${f.message}`) });
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ pledge: false }} style={{ maxWidth: 1100 }}>
      <Typography.Paragraph type="secondary">{t('declarations.intro')}</Typography.Paragraph>
      <Divider titlePlacement="start">{t('declarations.relatives')}</Divider>
      <Typography.Paragraph type="secondary">{t('declarations.relativesHint')}</Typography.Paragraph>
      <ItemList list="relatives" />
      <Divider titlePlacement="start">{t('declarations.interests')}</Divider>
      <Typography.Paragraph type="secondary">{t('declarations.interestsHint')}</Typography.Paragraph>
      <ItemList list="interests" />
      <Divider titlePlacement="start">{t('declarations.disputes')}</Divider>
      <Typography.Paragraph type="secondary">{t('declarations.disputesHint')}</Typography.Paragraph>
      <ItemList list="disputes" />
      <Form.Item name="statement" label={t('declarations.statement')}>
        <Input.TextArea rows={3} maxLength={4000} placeholder={t('declarations.statementHint')} />
      </Form.Item>
      <Form.Item
        name="pledge"
        valuePropName="checked"
        rules={[{ validator: async (_, checked: boolean) => { if (!checked) throw new Error(t('declarations.pledgeRequired')); } }]}
      >
        <Checkbox>{t('declarations.pledge')}</Checkbox>
      </Form.Item>
      <ErrorAlert error={error?.message} details={error?.details} />
      <Button type="primary" htmlType="submit" loading={submitting}>{t('declarations.submit')}</Button>
    </Form>
  );
}
