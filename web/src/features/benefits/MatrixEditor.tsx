import { useState } from 'react';
import { App, Button, Card, Checkbox, Flex, Form, Input, Select, Space, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api, fieldErrorLines } from '../../app/api';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { departmentName } from '../../app/format';
import { useSpecLabel } from './ChainView';
import { cny, formatMoney, minorToText, toMinorUnits } from '../../app/money';
import { KEYS, listOf, useBenefitsRefresh, useDepartments, useMatrix } from './queries';
import { UserSelect } from './Selects';
import { PublishBar, VersionHistory, withNote } from './Versions';
import { API, BENEFIT_TYPES, type AuthorityRule, type Matrix, type StepSpec, type VersionInfo } from './types';

const STEP_ROLES = ['manager', 'director', 'compliance', 'finance', 'admin'] as const;

interface StepValues {
  kind: StepSpec['kind'];
  role?: string;
  userId?: string;
  skippableOnLowRisk?: boolean;
}

interface RuleValues {
  id: string;
  benefitTypes: string[];
  departmentIds: string[];
  maxAmount: string;
  steps: StepValues[];
}

interface Values {
  rules: RuleValues[];
  escalationRoles: string[];
  note?: string;
}

const toRuleValues = (r: AuthorityRule): RuleValues => ({
  id: r.id,
  benefitTypes: r.benefitTypes === '*' ? [] : [...r.benefitTypes],
  departmentIds: r.departmentIds === '*' ? [] : [...r.departmentIds],
  maxAmount: minorToText(r.maxAmountMinor),
  steps: r.steps.map((s) => ({ kind: s.kind, role: s.kind === 'role' ? s.role : undefined, userId: s.kind === 'user' ? s.userId : undefined, skippableOnLowRisk: s.skippableOnLowRisk ?? false })),
});

function toRule(v: RuleValues): AuthorityRule {
  return {
    id: v.id.trim(),
    benefitTypes: v.benefitTypes.length ? v.benefitTypes : '*',
    departmentIds: v.departmentIds.length ? v.departmentIds : '*',
    maxAmountMinor: v.maxAmount?.trim() ? toMinorUnits(v.maxAmount, 'CNY') : null,
    currency: 'CNY',
    steps: v.steps.map((s): StepSpec => {
      const extra = s.skippableOnLowRisk ? { skippableOnLowRisk: true } : {};
      if (s.kind === 'role') return { kind: 'role', role: s.role ?? 'manager', ...extra };
      if (s.kind === 'user') return { kind: 'user', userId: s.userId ?? '', ...extra };
      return { kind: 'department_manager', ...extra };
    }),
  };
}

/** Problems of a refused matrix, one line each, from the server's details. */
function problemLines(error: Error | null): string[] {
  if (!(error instanceof ApiError)) return [];
  // Each problem comes as a field error naming the rule; bare codes only when there are none.
  if (error.fields.length > 0) return fieldErrorLines(error);
  const problems = error.details.problems;
  return Array.isArray(problems) ? problems.map((p) => [(p as { ruleId?: string }).ruleId, (p as { code?: string }).code].filter(Boolean).join(': ')) : [];
}

function RulesTable({ matrix }: { matrix: Matrix }) {
  const { t } = useTranslation();
  const specLabel = useSpecLabel();
  const departments = useDepartments();
  const deptName = (id: string) => {
    const d = departments.data?.find((x) => x.id === id);
    return d ? departmentName(d) : id;
  };
  const columns: TableColumnsType<AuthorityRule> = [
    { title: t('benefits.matrix.ruleId'), dataIndex: 'id', width: 120 },
    { title: t('benefits.matrix.types'), key: 'types', render: (_, r) => (r.benefitTypes === '*' ? t('benefits.matrix.any') : r.benefitTypes.map((b) => t(`benefits.type.${b}` as 'benefits.type.gift', { defaultValue: b })).join('、')) },
    { title: t('benefits.matrix.departments'), key: 'departments', render: (_, r) => (r.departmentIds === '*' ? t('benefits.matrix.any') : r.departmentIds.map(deptName).join('、')) },
    { title: t('benefits.matrix.band'), key: 'band', width: 140, render: (_, r) => (r.maxAmountMinor === null ? t('benefits.matrix.noUpper') : `≤ ${formatMoney(cny(r.maxAmountMinor))}`) },
    {
      title: t('benefits.matrix.steps'),
      key: 'steps',
      render: (_, r) => (
        <Space size={[4, 4]} wrap>
          {r.steps.map((s, i) => <Tag key={i}>{i + 1}. {specLabel(s)}</Tag>)}
        </Space>
      ),
    },
  ];
  return <Table rowKey="id" size="small" columns={columns} dataSource={matrix.rules} pagination={false} data-testid="matrix-table" />;
}

function StepsField({ rule }: { rule: number }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<Values>();
  return (
    <Form.List name={[rule, 'steps']}>
      {(fields, { add, remove, move }) => (
        <Flex vertical gap={4}>
          {fields.map((field, i) => {
            const kind = form.getFieldValue(['rules', rule, 'steps', field.name, 'kind']) as StepValues['kind'] | undefined;
            return (
              <Flex key={field.key} gap={8} align="center" wrap>
                <Typography.Text>{i + 1}.</Typography.Text>
                <Form.Item name={[field.name, 'kind']} noStyle>
                  <Select
                    style={{ width: 140 }}
                    options={(['department_manager', 'role', 'user'] as const).map((k) => ({ value: k, label: t(`benefits.matrix.kind.${k}`) }))}
                  />
                </Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {() => {
                    const k = (form.getFieldValue(['rules', rule, 'steps', field.name, 'kind']) as string | undefined) ?? kind;
                    if (k === 'role')
                      return (
                        <Form.Item name={[field.name, 'role']} noStyle rules={[{ required: true }]}>
                          <Select style={{ width: 150 }} options={STEP_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
                        </Form.Item>
                      );
                    if (k === 'user')
                      return (
                        <Form.Item name={[field.name, 'userId']} noStyle rules={[{ required: true }]}>
                          <UserSelect style={{ width: 200 }} />
                        </Form.Item>
                      );
                    return null;
                  }}
                </Form.Item>
                <Form.Item name={[field.name, 'skippableOnLowRisk']} valuePropName="checked" noStyle>
                  <Checkbox>{t('benefits.matrix.skippable')}</Checkbox>
                </Form.Item>
                <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} />
                <Button size="small" icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} />
                <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
              </Flex>
            );
          })}
          <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'department_manager', skippableOnLowRisk: false })} style={{ width: 160 }}>
            {t('benefits.matrix.addStep')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

function MatrixForm({ base, onDone }: { base: Matrix | null; onDone(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useBenefitsRefresh();
  const publish = useMutation({
    mutationFn: (v: Values) => api.post<Matrix>(API.matrix, { rules: v.rules.map(toRule), escalationRoles: v.escalationRoles, ...withNote(v.note) }),
    onSuccess: async (saved) => {
      message.success(t('benefits.matrix.published', { version: saved.version }));
      await refresh();
      onDone();
    },
  });
  const initial: Values = { rules: (base?.rules ?? []).map(toRuleValues), escalationRoles: base?.escalationRoles ?? ['compliance', 'director'] };

  return (
    <Form<Values> layout="vertical" initialValues={initial} onFinish={(v) => publish.mutate(v)} data-testid="matrix-form">
      <ErrorAlert error={publish.error} details={problemLines(publish.error)} />
      <Form.List name="rules">
        {(fields, { add, remove, move }) => (
          <Flex vertical gap={12}>
            {fields.map((field, i) => (
              <Card
                key={field.key}
                size="small"
                title={t('benefits.matrix.rule', { n: i + 1 })}
                extra={
                  <Space>
                    <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} />
                    <Button size="small" icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} />
                    <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}>{t('benefits.matrix.removeRule')}</Button>
                  </Space>
                }
              >
                <Flex gap={16} wrap>
                  <Form.Item name={[field.name, 'id']} label={t('benefits.matrix.ruleId')} rules={[{ required: true, whitespace: true }]}>
                    <Input style={{ width: 140 }} maxLength={50} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'benefitTypes']} label={t('benefits.matrix.types')} extra={t('benefits.matrix.anyHelp')}>
                    <Select mode="multiple" allowClear style={{ width: 260 }} placeholder={t('benefits.matrix.any')} options={BENEFIT_TYPES.map((b) => ({ value: b, label: t(`benefits.type.${b}`) }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'departmentIds']} label={t('benefits.matrix.departments')} extra={t('benefits.matrix.anyHelp')}>
                    <DepartmentMulti />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'maxAmount']}
                    label={t('benefits.matrix.maxAmount')}
                    extra={t('benefits.matrix.maxAmountHelp')}
                    rules={[{ validator: (_, v: string | undefined) => (!v?.trim() || toMinorUnits(v, 'CNY') !== null ? Promise.resolve() : Promise.reject(new Error(t('benefits.form.amountInvalid')))) }]}
                  >
                    <Input prefix="¥" style={{ width: 160 }} placeholder={t('benefits.matrix.noUpper')} />
                  </Form.Item>
                </Flex>
                <Typography.Text type="secondary">{t('benefits.matrix.steps')}</Typography.Text>
                <StepsField rule={field.name} />
              </Card>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ id: `rule-${fields.length + 1}`, benefitTypes: [], departmentIds: [], maxAmount: '', steps: [{ kind: 'department_manager' }] })}>
              {t('benefits.matrix.addRule')}
            </Button>
          </Flex>
        )}
      </Form.List>
      <PublishBar saving={publish.isPending} testId="matrix-publish" onCancel={onDone}>
        <Form.Item name="escalationRoles" label={t('benefits.matrix.escalation')} extra={t('benefits.matrix.escalationHelp')}>
          <Select mode="multiple" style={{ width: 300 }} options={STEP_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
      </PublishBar>
    </Form>
  );
}

function DepartmentMulti(props: { value?: string[]; onChange?(v: string[]): void }) {
  const { t } = useTranslation();
  const departments = useDepartments();
  return (
    <Select
      mode="multiple"
      allowClear
      style={{ width: 260 }}
      placeholder={t('benefits.matrix.any')}
      options={(departments.data ?? []).map((d) => ({ value: d.id, label: departmentName(d) }))}
      {...props}
    />
  );
}

/** The authority matrix: who approves what, by type, department and amount band; published as a new version. */
export function MatrixEditor() {
  const { t } = useTranslation();
  const matrix = useMatrix();
  const [editing, setEditing] = useState(false);
  const versions = useQuery({
    queryKey: [KEYS.matrixVersions],
    queryFn: async () => listOf(await api.get<VersionInfo[] | { items: VersionInfo[] }>(API.matrixVersions)),
  });

  if (matrix.isPending) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (matrix.error) return <ErrorAlert error={matrix.error} />;
  const current = matrix.data;

  return (
    <Flex vertical gap={16}>
      {editing ? (
        <Card size="small" title={t('benefits.matrix.newVersion')}>
          <MatrixForm base={current} onDone={() => setEditing(false)} />
        </Card>
      ) : (
        <Card
          size="small"
          title={current ? t('benefits.matrix.current', { version: current.version }) : t('benefits.matrix.none')}
          extra={<Button type="primary" onClick={() => setEditing(true)} data-testid="matrix-edit">{t('benefits.policy.edit')}</Button>}
        >
          {current?.note && <Typography.Paragraph type="secondary">{current.note}</Typography.Paragraph>}
          {current && (
            <>
              <RulesTable matrix={current} />
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                {t('benefits.matrix.escalation')}：{current.escalationRoles.map((r) => t(`roles.${r}` as 'roles.admin', { defaultValue: r })).join(' → ') || t('common.none')}
              </Typography.Paragraph>
            </>
          )}
        </Card>
      )}
      <VersionHistory versions={versions.data} loading={versions.isPending} error={versions.error} />
    </Flex>
  );
}
