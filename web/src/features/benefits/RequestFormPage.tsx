import { useMemo, useState } from 'react';
import { Affix, Alert, App, Button, Card, Col, DatePicker, Flex, Form, Input, Modal, Radio, Result, Row, Select, Space, Spin, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, api, fieldErrorLines } from '../../app/api';
import { useMe } from '../../app/auth';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { firmToday } from '../../app/format';
import { Attachments, QueuedAttachments, uploadAll, type QueuedFile } from './Attachments';
import { CURRENCIES, moneyToDecimalString, toMinorUnits } from '../../app/money';
import { PrecheckPanel } from './PrecheckPanel';
import { useBenefitRequest, useBenefitsRefresh, usePrecheck } from './queries';
import { ClientSelect, DepartmentSelect, PartySearchSelect, type Known } from './Selects';
import { API, BENEFIT_TYPES, DIRECTIONS, requestApi, requestPath, type BenefitRequest, type BenefitType, type Direction, type DraftInput, type RequestDetail } from './types';

interface Values {
  direction: Direction;
  benefitType: BenefitType;
  clientId?: string;
  counterpartyPartyId?: string;
  departmentId?: string;
  amount?: string;
  currency: string;
  rate?: string;
  benefitDate?: Dayjs;
  purpose?: string;
  justification?: string;
}

/** The form as the API takes it: money and rate as decimal text, the date as YYYY-MM-DD. */
function toDraft(values: Partial<Values>): Partial<DraftInput> {
  const foreign = values.currency && values.currency !== 'CNY';
  return {
    direction: values.direction,
    benefitType: values.benefitType,
    counterpartyPartyId: values.counterpartyPartyId,
    clientId: values.clientId ?? null,
    departmentId: values.departmentId,
    amount: values.amount?.trim().replaceAll(',', ''),
    currency: values.currency,
    ...(foreign && values.rate?.trim() ? { rate: values.rate.trim() } : {}),
    benefitDate: values.benefitDate?.format('YYYY-MM-DD'),
    purpose: values.purpose?.trim() ?? '',
    justification: values.justification?.trim() || null,
  };
}

/** "7.1234" from a stored numerator/denominator rate (a decimal rate is stored over a power of ten). */
function rateText(rate: { numerator: number; denominator: number } | null): string | undefined {
  if (!rate) return undefined;
  const digits = String(rate.denominator).length - 1;
  if (rate.denominator !== 10 ** digits) return `${rate.numerator}/${rate.denominator}`;
  const text = String(rate.numerator).padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`.replace(/\.?0+$/, '');
}

function valuesOf(r: RequestDetail): Values {
  return {
    direction: r.direction,
    benefitType: r.benefitType,
    clientId: r.client?.id,
    counterpartyPartyId: r.counterparty.id,
    departmentId: r.department.id,
    amount: moneyToDecimalString(r.amount),
    currency: r.amount.currency,
    rate: rateText(r.rate),
    benefitDate: dayjs(r.benefitDate),
    purpose: r.purpose,
    justification: r.justification ?? undefined,
  };
}

function RequestForm({ existing }: { existing?: RequestDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const refresh = useBenefitsRefresh();
  const [form] = Form.useForm<Values>();
  const initial = useMemo<Values>(
    () => existing ? valuesOf(existing) : { direction: 'given', benefitType: 'gift', currency: 'CNY', departmentId: me.department?.id, benefitDate: dayjs(firmToday()) },
    [existing, me.department?.id],
  );
  const [values, setValues] = useState<Partial<Values>>(initial);
  const [known, setKnown] = useState<{ client?: Known | null; party?: Known | null }>({
    client: existing?.client,
    party: existing ? { id: existing.counterparty.id, name: existing.counterparty.name } : null,
  });
  const [asking, setAsking] = useState(false);
  const [justification, setJustification] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [queued, setQueued] = useState<QueuedFile[]>([]);
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);

  // A saved request's attachments count as evidence.
  const evidenceKinds = [...new Set(existing ? existing.attachments.map((a) => a.evidenceKind) : queued.map((q) => q.kind))];
  const draft = { ...toDraft(values), ...(existing ? { requestId: existing.id } : {}), evidenceKinds };
  const precheck = usePrecheck(draft);
  const current = precheck.data;
  const foreign = values.currency !== undefined && values.currency !== 'CNY';
  const canSubmit = !existing || existing.allowedActions.includes('submit');

  /** Creates the draft or saves the changes; answers the request as it now stands. */
  async function save(): Promise<BenefitRequest> {
    const body = toDraft(await form.validateFields());
    if (existing) return api.patch<BenefitRequest>(requestApi(existing.id), { ...body, version: existing.version });
    const created = await api.post<BenefitRequest>(API.requests, body);
    if (queued.length === 0) return created;
    // Each upload moves the request to a new version: read it again before anything names one.
    try {
      await uploadAll(created.id, queued, setProgress);
    } catch (e) {
      // The draft exists: continue on its own page rather than create another one.
      navigate(`${requestPath(created.id)}/edit`, { replace: true });
      throw e;
    }
    setQueued([]);
    return api.get<BenefitRequest>(requestApi(created.id));
  }

  const saveDraft = useMutation({
    mutationFn: save,
    onSuccess: async (saved) => {
      setError(null);
      message.success(t('benefits.form.saved', { ref: saved.ref }));
      await refresh();
      // A new draft moves to its own address, where files can be attached.
      if (!existing) navigate(`${requestPath(saved.id)}/edit`, { replace: true });
    },
    onError: (e) => setError(e),
  });

  const submit = useMutation({
    mutationFn: async (text: string) => {
      const saved = await save();
      return api.post<BenefitRequest>(requestApi(saved.id, '/submit'), { version: saved.version, ...(text.trim() ? { justification: text.trim() } : {}) });
    },
    onSuccess: async (submitted) => {
      setAsking(false);
      setError(null);
      message.success(t('benefits.form.submitted', { ref: submitted.ref, state: t(`benefits.state.${submitted.state}`) }));
      await refresh();
      navigate(requestPath(submitted.id));
    },
    onError: (e) => {
      setAsking(false);
      setError(e);
      void refresh();
    },
  });

  async function startSubmit() {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const text = form.getFieldValue('justification') as string | undefined;
    if (current?.needsJustification && !text?.trim()) {
      setJustification('');
      setAsking(true);
      return;
    }
    submit.mutate(text ?? '');
  }

  const details = error instanceof ApiError ? [...fieldErrorLines(error), ...findingLines(error, (code) => t(`benefits.finding.${code}` as 'benefits.finding.BLACKOUT', { defaultValue: code }))] : [];
  const busy = saveDraft.isPending || submit.isPending;

  return (
    <Row gutter={[24, 16]}>
      <Col xs={24} xl={14}>
        <Card title={existing ? t('benefits.form.editTitle', { ref: existing.ref }) : t('benefits.form.newTitle')}>
          {existing?.state === 'returned' && <Alert type="warning" showIcon title={t('benefits.form.returnedHint')} style={{ marginBottom: 16 }} />}
          {existing && ['approved', 'partially_paid'].includes(existing.state) && <Alert type="warning" showIcon title={t('benefits.form.materialHint')} style={{ marginBottom: 16 }} />}
          <ErrorAlert error={error} details={details} />
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={initial}
            onValuesChange={(_, all) => setValues(all)}
            data-testid="request-form"
          >
            <Form.Item name="direction" label={t('benefits.form.direction')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={DIRECTIONS.map((d) => ({ value: d, label: t(`benefits.direction.${d}`) }))} data-testid="br-direction" />
            </Form.Item>
            <Form.Item name="benefitType" label={t('benefits.form.type')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={BENEFIT_TYPES.map((b) => ({ value: b, label: t(`benefits.type.${b}`) }))} data-testid="br-type" />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="clientId" label={t('benefits.form.client')} extra={t('benefits.form.clientHelp')}>
                  <ClientSelect known={known.client} testId="br-client" onChange={(id, name) => setKnown((k) => ({ ...k, client: id && name ? { id, name } : null }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="counterpartyPartyId"
                  label={values.direction === 'received' ? t('benefits.form.giver') : t('benefits.form.recipient')}
                  rules={[{ required: true, message: t('benefits.form.counterpartyRequired') }]}
                >
                  <PartySearchSelect clientId={values.clientId} known={known.party} testId="br-counterparty" onChange={(id, name) => setKnown((k) => ({ ...k, party: id && name ? { id, name } : null }))} />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={16}>
              <Col xs={24} md={10}>
                <Form.Item label={t('benefits.form.amount')} required>
                  <Space.Compact style={{ width: '100%' }}>
                    <Form.Item name="currency" noStyle>
                      <Select style={{ width: 96 }} options={CURRENCIES.map((c) => ({ value: c, label: c }))} data-testid="br-currency" />
                    </Form.Item>
                    <Form.Item
                      name="amount"
                      noStyle
                      rules={[{
                        validator: (_, v: string | undefined) => {
                          const minor = v ? toMinorUnits(v, form.getFieldValue('currency') as string) : null;
                          return minor !== null && minor > 0 ? Promise.resolve() : Promise.reject(new Error(t('benefits.form.amountInvalid')));
                        },
                      }]}
                    >
                      <Input inputMode="decimal" placeholder="0.00" data-testid="br-amount" />
                    </Form.Item>
                  </Space.Compact>
                </Form.Item>
              </Col>
              {foreign && (
                <Col xs={24} md={7}>
                  <Form.Item
                    name="rate"
                    label={t('benefits.form.rate', { currency: values.currency })}
                    rules={[{ required: true, pattern: /^\d+(\.\d{1,8})?$/, message: t('benefits.form.rateInvalid') }]}
                  >
                    <Input inputMode="decimal" placeholder="7.1000" data-testid="br-rate" />
                  </Form.Item>
                </Col>
              )}
              <Col xs={24} md={7}>
                <Form.Item name="benefitDate" label={t('benefits.form.date')} rules={[{ required: true }]}>
                  <DatePicker style={{ width: '100%' }} data-testid="br-date" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="departmentId" label={t('benefits.form.department')} extra={t('benefits.form.departmentHelp')}>
              <DepartmentSelect allowClear={false} testId="br-department" />
            </Form.Item>
            <Form.Item name="purpose" label={t('benefits.form.purpose')} rules={[{ required: true, whitespace: true, message: t('benefits.form.purposeRequired') }]}>
              <Input.TextArea rows={2} maxLength={2000} placeholder={t('benefits.form.purposePlaceholder')} data-testid="br-purpose" />
            </Form.Item>
            <Form.Item
              name="justification"
              label={t('benefits.form.justification')}
              extra={current?.needsJustification ? <Typography.Text type="warning">{t('benefits.precheck.needsJustification')}</Typography.Text> : t('benefits.form.justificationHelp')}
            >
              <Input.TextArea rows={2} maxLength={2000} data-testid="br-justification" />
            </Form.Item>
          </Form>
          <Typography.Title level={5}>{t('benefits.attachments.title')}</Typography.Title>
          {existing ? (
            <Attachments requestId={existing.id} version={existing.version} attachments={existing.attachments} editable={existing.allowedActions.includes('attach')} onChanged={() => void refresh()} />
          ) : (
            <QueuedAttachments queued={queued} onChange={setQueued} progress={progress} />
          )}
          <Flex gap={8} style={{ marginTop: 24 }} wrap>
            {canSubmit && (
              <Button type="primary" onClick={() => void startSubmit()} loading={submit.isPending} disabled={busy || current?.outcome === 'blocked'} data-testid="br-submit">
                {t('benefits.action.submit')}
              </Button>
            )}
            <Button onClick={() => saveDraft.mutate()} loading={saveDraft.isPending} disabled={busy} data-testid="br-save">
              {existing && !canSubmit ? t('benefits.form.saveChanges') : t('benefits.form.saveDraft')}
            </Button>
            {existing && <Button onClick={() => navigate(requestPath(existing.id))}>{t('benefits.form.backToRequest')}</Button>}
          </Flex>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Affix offsetTop={16}>
          <div style={{ maxHeight: 'calc(100vh - 32px)', overflowY: 'auto' }}>
            <PrecheckPanel precheck={precheck.data} error={precheck.error} incomplete={!precheck.ready} pending={precheck.typing || precheck.isFetching} />
          </div>
        </Affix>
      </Col>
      <Modal
        open={asking}
        title={t('benefits.form.justificationTitle')}
        okText={t('benefits.action.submit')}
        okButtonProps={{ disabled: !justification.trim(), 'data-testid': 'justification-ok' }}
        confirmLoading={submit.isPending}
        onCancel={() => setAsking(false)}
        onOk={() => {
          form.setFieldValue('justification', justification);
          submit.mutate(justification);
        }}
      >
        <Typography.Paragraph>{t('benefits.form.justificationAsk')}</Typography.Paragraph>
        <Input.TextArea rows={4} value={justification} onChange={(e) => setJustification(e.target.value)} data-testid="justification-input" />
      </Modal>
    </Row>
  );
}

/** A blocked submission lists the findings that block it, in the server's words when it gives them. */
function findingLines(error: ApiError, label: (code: string) => string): string[] {
  const findings = error.details.findings;
  if (!Array.isArray(findings)) return [];
  return findings.map((f: { code?: string; text?: string }) => f.text ?? label(f.code ?? ''));
}

/** 新建好处费申请 / 编辑草稿: the form with its live pre-check beside it. */
export default function RequestFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const existing = useBenefitRequest(id);
  if (!id) return <RequestForm />;
  if (existing.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (existing.error) return <ErrorAlert error={existing.error} />;
  if (!existing.data.allowedActions.includes('edit')) {
    return <Result status="info" title={t('benefits.form.notEditable', { ref: existing.data.ref, state: t(`benefits.state.${existing.data.state}`) })} />;
  }
  // The form keeps what is typed while the request is read again (a file added); saving uses the latest version.
  return <RequestForm key={existing.data.id} existing={existing.data} />;
}
