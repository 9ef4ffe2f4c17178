import { useState } from 'react';
import { Button, Card, Flex, Form, Input, InputNumber, Result, Select, Space, Spin, Statistic, Switch, Table, Tag, Typography, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { formatDateTime } from '../../app/format';
import { toMinorUnits } from '../../app/money';
import { PARAM_CHOICES, formatParam, fromDraft, paramsLine, toDraft, type RuleDraft } from './params';
import { useMonitoringWrite, useRules, useRuleVersions } from './queries';
import { RuleVersionTag } from './RulesPage';
import { AlertSeverityTag } from './Tags';
import { RULES_PATH, ruleApi, ruleKinds, type Preview, type Rule, type RuleKind, type RuleVersion } from './types';

/** How many days back the draft is tried against. */
const PREVIEW_DAYS = 90;

/**
 * Puts the server's field errors (paths like `params.windowDays`) under their inputs; those no input
 * shows are returned as lines for the banner.
 */
function placeFieldErrors(form: FormInstance<RuleDraft>, error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  const inputs = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const shown = error.fields.filter((f) => inputs.has(f.path));
  form.setFields(shown.map((f) => ({ name: f.path.split('.'), errors: [f.message] })) as Parameters<typeof form.setFields>[0]);
  return error.fields.filter((f) => !shown.includes(f)).map((f) => `${f.path}: ${f.message}`);
}

/**
 * What Form.Item hands its input: the id its label points to, and the value and its setter, passed
 * through untouched to whichever input the unit picks (hence of no type of their own here).
 */
interface ControlProps {
  id?: string;
  value?: never;
  onChange?: never;
}

/** One parameter's input, by its unit: yuan for money, percent for basis points. */
function ParamInput({ name, unit, ...control }: { name: string; unit: string } & ControlProps) {
  const { t } = useTranslation();
  const props = { ...control, 'data-testid': `param-${name}` };
  switch (unit) {
    case 'money':
      return <Input prefix="¥" style={{ width: 200 }} {...props} />;
    case 'basis_points':
      return <InputNumber min={0} step={1} precision={2} suffix="%" style={{ width: 160 }} {...props} />;
    case 'days':
      return <InputNumber min={1} precision={0} suffix={t('monitoring.unit.daysSuffix')} style={{ width: 160 }} {...props} />;
    case 'factor':
      return <InputNumber min={1} max={100} step={0.5} precision={2} suffix={t('monitoring.unit.factorSuffix')} style={{ width: 160 }} {...props} />;
    case 'deviations':
      return <InputNumber min={1} max={10} step={0.5} precision={1} suffix="σ" style={{ width: 160 }} {...props} />;
    case 'per_million':
      return <InputNumber min={1} max={100_000} precision={0} suffix={t('monitoring.unit.perMillionSuffix')} style={{ width: 200 }} {...props} />;
    case 'choice':
      return <Select style={{ width: 200 }} options={(PARAM_CHOICES[name] ?? []).map((v) => ({ value: v, label: t(`monitoring.word.${v}` as 'monitoring.word.department', { defaultValue: v }) }))} {...props} />;
    default:
      return <InputNumber min={1} precision={0} style={{ width: 160 }} {...props} />;
  }
}

function PreviewResult({ preview }: { preview: Preview }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('monitoring.preview.title')} data-testid="rule-preview-result">
      <Typography.Paragraph type="secondary">{t('monitoring.preview.period', { from: preview.from, to: preview.to, events: preview.eventsReplayed })}</Typography.Paragraph>
      <Space size={48} style={{ marginBottom: 16 }}>
        <Statistic title={t('monitoring.preview.draft')} value={preview.total} data-testid="preview-total" />
        <Statistic title={t('monitoring.preview.inForce')} value={preview.inForceTotal} data-testid="preview-in-force" />
      </Space>
      <Table
        rowKey="key"
        size="small"
        dataSource={preview.alerts}
        pagination={preview.alerts.length > 10 ? { pageSize: 10, size: 'small' } : false}
        locale={{ emptyText: t('monitoring.preview.none') }}
        data-testid="preview-alerts"
        columns={[
          { title: t('monitoring.preview.day'), dataIndex: 'day', width: 110 },
          { title: t('monitoring.list.severity'), dataIndex: 'severity', width: 80, render: (s: Preview['alerts'][number]['severity']) => <AlertSeverityTag severity={s} /> },
          { title: t('monitoring.list.score'), dataIndex: 'score', width: 70, align: 'right' },
          { title: t('monitoring.list.explanation'), dataIndex: 'explanation', render: (text: string) => <span data-testid="preview-explanation">{text}</span> },
        ]}
      />
    </Card>
  );
}

function Versions({ rule }: { rule: Rule }) {
  const { t } = useTranslation();
  const versions = useRuleVersions(rule.rule);
  return (
    <Card size="small" title={t('monitoring.rules.history')}>
      <ErrorAlert error={versions.error} />
      <Table<RuleVersion>
        rowKey="version"
        size="small"
        pagination={false}
        loading={versions.isFetching}
        dataSource={versions.data}
        locale={{ emptyText: t('monitoring.rules.noVersions') }}
        data-testid="rule-versions"
        columns={[
          { title: t('monitoring.rules.version'), dataIndex: 'version', width: 90, render: (v: number) => <>v{v}{v === rule.version && <Tag color="blue" style={{ marginInlineStart: 6 }}>{t('monitoring.rules.inForce')}</Tag>}</> },
          { title: t('monitoring.rules.enabled'), dataIndex: 'enabled', width: 70, render: (on: boolean) => (on ? t('monitoring.rules.on') : t('monitoring.rules.off')) },
          { title: t('monitoring.rules.weight'), dataIndex: 'weight', width: 60, align: 'right' },
          { title: t('monitoring.rules.params'), key: 'params', render: (_, v) => <Typography.Text style={{ fontSize: 12 }}>{paramsLine(rule, v.params, t)}</Typography.Text> },
          { title: t('monitoring.rules.note'), dataIndex: 'note', width: 180, render: (n: string | null) => n ?? '' },
          { title: t('monitoring.rules.createdBy'), key: 'by', width: 100, render: (_, v) => v.createdBy?.displayName ?? t('common.none') },
          { title: t('monitoring.rules.createdAt'), dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
        ]}
      />
    </Card>
  );
}

/**
 * A rule's editor: switch, weight and parameters by unit, tried against the last 90 days before it
 * is published as a new version. Without monitoring.configure the form is read only.
 */
function RuleEditor({ rule, editable }: { rule: Rule; editable: boolean }) {
  const { t } = useTranslation();
  const write = useMonitoringWrite();
  const [form] = Form.useForm<RuleDraft>();
  const [busy, setBusy] = useState<'preview' | 'publish' | null>(null);
  const [error, setError] = useState<{ error: Error; details: string[] } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);

  const run = async (what: 'preview' | 'publish') => {
    let draft: RuleDraft;
    try {
      draft = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    setBusy(what);
    setError(null);
    try {
      const config = fromDraft(rule, draft);
      if (what === 'preview') {
        setPreview(await api.post<Preview>(ruleApi(rule.rule, '/preview'), { ...config, days: PREVIEW_DAYS }));
      } else {
        // The new version comes back in force: the page starts again from it, its history one longer.
        await write(() => api.post<Rule>(ruleApi(rule.rule, '/versions'), { ...config, note: draft.note?.trim() || null }), t('monitoring.rules.published', { label: rule.label }));
      }
    } catch (e) {
      setError({ error: e as Error, details: placeFieldErrors(form, e) });
    } finally {
      setBusy(null);
    }
  };

  const moneyRule = { validator: (_: unknown, value: unknown) => (value === undefined || value === null || value === '' || toMinorUnits(String(value), 'CNY') !== null ? Promise.resolve() : Promise.reject(new Error(t('monitoring.rules.moneyInvalid')))) };

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Flex align="center" gap={8} wrap>
            <span data-testid="rule-label">{rule.label}</span>
            <RuleVersionTag rule={rule} />
            {!rule.enabled && <Tag>{t('monitoring.rules.off')}</Tag>}
          </Flex>
        }
        extra={<Link to={RULES_PATH}>{t('monitoring.rules.back')}</Link>}
      >
        <Typography.Paragraph type="secondary" data-testid="rule-description">{rule.description}</Typography.Paragraph>
        <ErrorAlert error={error?.error} details={error?.details} />
        <Form<RuleDraft>
          form={form}
          layout="vertical"
          disabled={!editable}
          initialValues={toDraft(rule, rule.params)}
          onValuesChange={() => setPreview(null)}
          data-testid="rule-form"
        >
          <Space size={32} wrap align="start">
            <Form.Item name="enabled" label={t('monitoring.rules.enabled')} valuePropName="checked">
              <Switch data-testid="rule-form-enabled" />
            </Form.Item>
            <Form.Item name="weight" label={t('monitoring.rules.weight')} extra={t('monitoring.rules.weightHelp')} rules={[{ required: true, message: t('monitoring.rules.required') }]}>
              <InputNumber min={1} max={100} precision={0} style={{ width: 120 }} data-testid="rule-weight" />
            </Form.Item>
          </Space>
          <Flex wrap gap={24}>
            {Object.entries(rule.paramLabels).map(([key, { label, unit }]) => (
              <Form.Item
                key={key}
                name={['params', key]}
                label={label}
                extra={t('monitoring.rules.default', { value: formatParam(unit, rule.defaults[key], t) })}
                rules={[{ required: true, message: t('monitoring.rules.required') }, ...(unit === 'money' ? [moneyRule] : [])]}
              >
                <ParamInput name={key} unit={unit} />
              </Form.Item>
            ))}
          </Flex>
          {editable && (
            <>
              <Form.Item name="note" label={t('monitoring.rules.note')} extra={t('monitoring.rules.noteHelp')}>
                <Input.TextArea rows={2} maxLength={1000} data-testid="rule-note" />
              </Form.Item>
              <Space wrap>
                <Button onClick={() => void run('preview')} loading={busy === 'preview'} disabled={busy === 'publish'} data-testid="rule-preview">
                  {t('monitoring.rules.preview', { days: PREVIEW_DAYS })}
                </Button>
                <Button type="primary" autoInsertSpace={false} onClick={() => void run('publish')} loading={busy === 'publish'} disabled={busy === 'preview'} data-testid="rule-publish">
                  {t('monitoring.rules.publish')}
                </Button>
                <Button type="link" onClick={() => form.setFieldsValue({ params: toDraft(rule, rule.defaults).params })} data-testid="rule-defaults">
                  {t('monitoring.rules.useDefaults')}
                </Button>
              </Space>
            </>
          )}
        </Form>
      </Card>
      {preview && <PreviewResult preview={preview} />}
      <Versions rule={rule} />
    </Flex>
  );
}

/** 预警规则 › one rule, at /monitoring/rules/:rule. */
export default function RulePage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { rule: kind } = useParams();
  const rules = useRules();
  if (rules.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (rules.error && !rules.data) return <ErrorAlert error={rules.error} />;
  const rule = ruleKinds.includes(kind as RuleKind) ? rules.data?.find((r) => r.rule === kind) : undefined;
  if (!rule) return <Result status="404" title={t('monitoring.rules.notFound')} extra={<Link to={RULES_PATH}>{t('monitoring.rules.back')}</Link>} />;
  // A new version in force starts the form again from it.
  return <RuleEditor key={`${rule.rule}:${rule.version}`} rule={rule} editable={can('monitoring.configure')} />;
}
