import { useState } from 'react';
import { App, Button, Card, Checkbox, Col, DatePicker, Flex, Form, Input, Row, Select, Spin, Switch, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, fieldErrorLines } from '../../app/api';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { firmToday } from '../../app/format';
import { cny, formatMoney, minorToText, toMinorUnits } from '../../app/money';
import { KEYS, useBenefitsRefresh, usePolicy } from './queries';
import { evidenceKinds, typePolicy } from '../../../../src/core/benefits/policy';
import { PublishBar, VersionHistory, withNote } from './Versions';
import { API, BENEFIT_TYPES, PERIODS, type AmountLimit, type BenefitType, type Period, type PolicyEvidenceKind, type PolicyVersion, type TypePolicy } from './types';

type Sev = AmountLimit['severity'];

interface TypeValues {
  perItem: string;
  perItemSeverity: Sev;
  perRecipient: string;
  perRecipientPeriod: Period;
  perRecipientSeverity: Sev;
  perClient: string;
  perClientSeverity: Sev;
  /** Percent of the client's annual revenue, up to two decimals (basis points on the wire). */
  revenueSharePct: string;
  revenueShareSeverity: Sev;
  deMinimis: string;
  cashLike: boolean;
  requiredEvidence: PolicyEvidenceKind[];
  allowedForPublicOfficials: boolean;
}

interface Values {
  effectiveFrom: Dayjs;
  note?: string;
  types: Record<BenefitType, TypeValues>;
}

const EMPTY: TypePolicy = typePolicy();

const bpToPct = (bp: number) => {
  const text = String(bp).padStart(3, '0');
  return `${text.slice(0, -2)}.${text.slice(-2)}`.replace(/\.?0+$/, '');
};

function toValues(p: TypePolicy): TypeValues {
  return {
    perItem: minorToText(p.perItem?.amountMinor),
    perItemSeverity: p.perItem?.severity ?? 'hard',
    perRecipient: minorToText(p.perRecipientPerPeriod?.amountMinor),
    perRecipientPeriod: p.perRecipientPerPeriod?.period ?? 'year',
    perRecipientSeverity: p.perRecipientPerPeriod?.severity ?? 'soft',
    perClient: minorToText(p.perClientPerYear?.amountMinor),
    perClientSeverity: p.perClientPerYear?.severity ?? 'soft',
    revenueSharePct: p.revenueShare ? bpToPct(p.revenueShare.basisPoints) : '',
    revenueShareSeverity: p.revenueShare?.severity ?? 'soft',
    deMinimis: minorToText(p.deMinimisMinor),
    cashLike: p.cashLike,
    requiredEvidence: [...p.requiredEvidence],
    allowedForPublicOfficials: p.allowedForPublicOfficials,
  };
}

const limit = (text: string, severity: Sev): AmountLimit | null => {
  const minor = text.trim() ? toMinorUnits(text, 'CNY') : null;
  return minor === null ? null : { amountMinor: minor, severity };
};

function toPolicy(v: TypeValues): TypePolicy {
  const perRecipient = limit(v.perRecipient, v.perRecipientSeverity);
  const pct = v.revenueSharePct.trim() ? toMinorUnits(v.revenueSharePct, 'CNY') : null; // two decimals of a percent = basis points
  return {
    perItem: limit(v.perItem, v.perItemSeverity),
    perRecipientPerPeriod: perRecipient && { ...perRecipient, period: v.perRecipientPeriod },
    perClientPerYear: limit(v.perClient, v.perClientSeverity),
    revenueShare: pct === null ? null : { basisPoints: pct, severity: v.revenueShareSeverity },
    cashLike: v.cashLike,
    requiredEvidence: v.requiredEvidence,
    allowedForPublicOfficials: v.allowedForPublicOfficials,
    deMinimisMinor: toMinorUnits(v.deMinimis || '0', 'CNY') ?? 0,
  };
}

function useLimitText() {
  const { t } = useTranslation();
  return (l: AmountLimit | null, suffix = '') => (l ? <span>{formatMoney(cny(l.amountMinor))}{suffix} <Tag color={l.severity === 'hard' ? 'red' : 'orange'}>{t(`benefits.limitSeverity.${l.severity}`)}</Tag></span> : t('benefits.policy.noLimit'));
}

/** The policy of each type, read-only. */
function PolicyTable({ policy }: { policy: PolicyVersion }) {
  const { t } = useTranslation();
  const limitText = useLimitText();
  const rows = BENEFIT_TYPES.map((type) => ({ type, ...(policy.types[type] ?? EMPTY) }));
  const columns: TableColumnsType<(typeof rows)[number]> = [
    { title: t('benefits.form.type'), dataIndex: 'type', width: 80, fixed: 'left', render: (b: BenefitType) => t(`benefits.type.${b}`) },
    { title: t('benefits.policy.perItem'), key: 'perItem', render: (_, r) => limitText(r.perItem) },
    { title: t('benefits.policy.perRecipient'), key: 'perRecipient', render: (_, r) => limitText(r.perRecipientPerPeriod, r.perRecipientPerPeriod ? ` / ${t(`benefits.period.${r.perRecipientPerPeriod.period}`)}` : '') },
    { title: t('benefits.policy.perClient'), key: 'perClient', render: (_, r) => limitText(r.perClientPerYear) },
    { title: t('benefits.policy.revenueShare'), key: 'revenueShare', render: (_, r) => (r.revenueShare ? `${bpToPct(r.revenueShare.basisPoints)}% · ${t(`benefits.limitSeverity.${r.revenueShare.severity}`)}` : t('benefits.policy.noLimit')) },
    { title: t('benefits.policy.deMinimis'), key: 'deMinimis', render: (_, r) => formatMoney(cny(r.deMinimisMinor)) },
    { title: t('benefits.policy.cashLike'), key: 'cashLike', width: 80, render: (_, r) => (r.cashLike ? t('benefits.yes') : t('benefits.no')) },
    { title: t('benefits.policy.evidence'), key: 'evidence', render: (_, r) => r.requiredEvidence.map((e) => t(`benefits.evidence.${e}`)).join('、') || t('common.none') },
    { title: t('benefits.policy.publicOfficials'), key: 'po', width: 110, render: (_, r) => (r.allowedForPublicOfficials ? t('benefits.policy.allowed') : <Tag color="red">{t('benefits.policy.prohibited')}</Tag>) },
  ];
  return <Table rowKey="type" size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 1200 }} data-testid="policy-table" />;
}

const severityOptions = (t: (k: 'benefits.limitSeverity.hard' | 'benefits.limitSeverity.soft') => string) =>
  (['hard', 'soft'] as const).map((s) => ({ value: s, label: t(`benefits.limitSeverity.${s}`) }));

const amountRule = (message: string) => ({
  validator: (_: unknown, v: string | undefined) => (!v?.trim() || toMinorUnits(v, 'CNY') !== null ? Promise.resolve() : Promise.reject(new Error(message))),
});

function TypeFields({ type }: { type: BenefitType }) {
  const { t } = useTranslation();
  const sev = severityOptions(t);
  const rule = amountRule(t('benefits.form.amountInvalid'));
  const name = (field: keyof TypeValues) => ['types', type, field];
  const amount = (field: keyof TypeValues, label: string, extra?: React.ReactNode) => (
    <Form.Item label={label} extra={extra}>
      <Flex gap={8}>
        <Form.Item name={name(field)} noStyle rules={[rule]}>
          <Input prefix="¥" placeholder={t('benefits.policy.noLimit')} style={{ width: 160 }} />
        </Form.Item>
        {field === 'perRecipient' && (
          <Form.Item name={name('perRecipientPeriod')} noStyle>
            <Select style={{ width: 90 }} options={PERIODS.map((p) => ({ value: p, label: t(`benefits.period.${p}`) }))} />
          </Form.Item>
        )}
        {field !== 'deMinimis' && (
          <Form.Item name={name(`${field}Severity` as keyof TypeValues)} noStyle>
            <Select style={{ width: 120 }} options={sev} />
          </Form.Item>
        )}
      </Flex>
    </Form.Item>
  );
  return (
    <Row gutter={24}>
      <Col xs={24} lg={12}>
        {amount('perItem', t('benefits.policy.perItem'))}
        {amount('perRecipient', t('benefits.policy.perRecipient'))}
        {amount('perClient', t('benefits.policy.perClient'))}
        <Form.Item label={t('benefits.policy.revenueShare')}>
          <Flex gap={8}>
            <Form.Item name={name('revenueSharePct')} noStyle rules={[{ pattern: /^\d+(\.\d{1,2})?$/, message: t('benefits.policy.percentInvalid') }]}>
              <Input suffix="%" placeholder={t('benefits.policy.noLimit')} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name={name('revenueShareSeverity')} noStyle>
              <Select style={{ width: 120 }} options={sev} />
            </Form.Item>
          </Flex>
        </Form.Item>
      </Col>
      <Col xs={24} lg={12}>
        {amount('deMinimis', t('benefits.policy.deMinimis'), t('benefits.policy.deMinimisHelp'))}
        <Form.Item name={name('cashLike')} label={t('benefits.policy.cashLike')} valuePropName="checked" extra={t('benefits.policy.cashLikeHelp')}>
          <Switch />
        </Form.Item>
        <Form.Item name={name('allowedForPublicOfficials')} label={t('benefits.policy.publicOfficials')} valuePropName="checked" extra={t('benefits.policy.publicOfficialsHelp')}>
          <Switch />
        </Form.Item>
        <Form.Item name={name('requiredEvidence')} label={t('benefits.policy.evidence')}>
          <Checkbox.Group options={evidenceKinds.map((e) => ({ value: e, label: t(`benefits.evidence.${e}`) }))} />
        </Form.Item>
      </Col>
    </Row>
  );
}

function PolicyForm({ base, onDone }: { base: PolicyVersion | null; onDone(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useBenefitsRefresh();
  const publish = useMutation({
    mutationFn: (v: Values) => {
      const types = Object.fromEntries(BENEFIT_TYPES.map((b) => [b, toPolicy(v.types[b])]));
      return api.post<PolicyVersion>(API.policyVersions, { effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), types, ...withNote(v.note) });
    },
    onSuccess: async (saved) => {
      message.success(t('benefits.policy.published', { version: saved.version, date: saved.effectiveFrom }));
      await refresh();
      onDone();
    },
  });
  const initial: Values = {
    effectiveFrom: dayjs(firmToday()).add(1, 'day'),
    types: Object.fromEntries(BENEFIT_TYPES.map((b) => [b, toValues(base?.types[b] ?? EMPTY)])) as Record<BenefitType, TypeValues>,
  };

  return (
    <Form<Values> layout="vertical" initialValues={initial} onFinish={(v) => publish.mutate(v)} data-testid="policy-form">
      <ErrorAlert error={publish.error} details={fieldErrorLines(publish.error)} />
      <Tabs items={BENEFIT_TYPES.map((b) => ({ key: b, label: t(`benefits.type.${b}`), forceRender: true, children: <TypeFields type={b} /> }))} />
      <PublishBar saving={publish.isPending} testId="policy-publish" onCancel={onDone}>
        <Form.Item name="effectiveFrom" label={t('benefits.policy.effectiveFrom')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </PublishBar>
    </Form>
  );
}

/** The benefit policy: the version in force per type, a new version from it, and every earlier version. */
export function PolicyEditor() {
  const { t } = useTranslation();
  const overview = usePolicy();
  const [viewing, setViewing] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const version = useQuery({
    queryKey: [KEYS.policyVersion, viewing],
    queryFn: () => api.get<PolicyVersion>(`${API.policyVersions}/${viewing}`),
    enabled: viewing !== null,
    staleTime: Infinity,
  });

  if (overview.isPending) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (!overview.data) return <ErrorAlert error={overview.error} />;
  const current = overview.data.current;
  const shown = viewing !== null ? version.data : current;

  return (
    <Flex vertical gap={16}>
      {editing ? (
        <Card size="small" title={t('benefits.policy.newVersion')}>
          <PolicyForm base={shown ?? current} onDone={() => { setEditing(false); setViewing(null); }} />
        </Card>
      ) : (
        <Card
          size="small"
          title={
            shown
              ? t(viewing !== null ? 'benefits.policy.viewing' : 'benefits.policy.current', { version: shown.version, date: shown.effectiveFrom })
              : t('benefits.policy.none')
          }
          extra={
            <Flex gap={8}>
              {viewing !== null && <Button onClick={() => setViewing(null)}>{t('benefits.policy.backToCurrent')}</Button>}
              <Button type="primary" onClick={() => setEditing(true)} data-testid="policy-edit">{t('benefits.policy.edit')}</Button>
            </Flex>
          }
        >
          {shown?.note && <Typography.Paragraph type="secondary">{shown.note}</Typography.Paragraph>}
          {version.isFetching && <Spin />}
          {shown && <PolicyTable policy={shown} />}
        </Card>
      )}
      <VersionHistory
        versions={overview.data.versions}
        showEffectiveFrom
        onView={(v) => { setEditing(false); setViewing(v.version === current?.version ? null : v.version); }}
      />
    </Flex>
  );
}
