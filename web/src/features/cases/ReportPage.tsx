import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError, api, fieldErrorLines } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { ClientsPicker, PartiesPicker } from './Pickers';
import { useCasesRefresh, useTaxonomyOptions } from './queries';
import { CASES_API, casePath, type CaseDetail, type NewCaseInput } from './types';

interface Values {
  title: string;
  description: string;
  kind: string;
  subjectMatters: string[];
  clientIds?: string[];
  partyIds?: string[];
  staffPartyIds?: string[];
  anonymous?: boolean;
}

/**
 * 报告利益冲突: any member of staff describes a conflict and names the clients, parties and colleagues
 * it concerns. Colleagues are picked as the registry's staff parties; the server finds their accounts.
 */
export default function ReportPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const refresh = useCasesRefresh();
  const [form] = Form.useForm<Values>();
  const kinds = useTaxonomyOptions('conflictKinds');
  const matters = useTaxonomyOptions('subjectMatters');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  async function submit(v: Values) {
    setSubmitting(true);
    setError(null);
    const body: NewCaseInput = {
      // Only compliance logs anonymous reports (they arrive through its channels); the server checks it.
      source: v.anonymous ? 'anonymous_report' : 'staff_report',
      title: v.title.trim(),
      description: v.description.trim(),
      kind: v.kind,
      subjectMatters: v.subjectMatters,
      clientIds: v.clientIds ?? [],
      partyIds: [...new Set([...(v.partyIds ?? []), ...(v.staffPartyIds ?? [])])],
    };
    try {
      const opened = await api.post<CaseDetail>(CASES_API, body);
      await refresh();
      navigate(casePath(opened.id));
    } catch (e) {
      setError(e as Error);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Card title={t('cases.report.title')} style={{ maxWidth: 900 }}>
      <Alert type="info" showIcon title={t('cases.report.intro')} style={{ marginBottom: 16 }} />
      <ErrorAlert error={error} details={error instanceof ApiError ? fieldErrorLines(error) : []} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'staff_client', subjectMatters: [] }} data-testid="report-form">
        <Form.Item name="title" label={t('cases.report.titleLabel')} rules={[{ required: true, whitespace: true, message: t('cases.report.titleRequired') }]}>
          <Input maxLength={200} placeholder={t('cases.report.titlePlaceholder')} data-testid="report-title" />
        </Form.Item>
        <Form.Item name="description" label={t('cases.report.description')} rules={[{ required: true, whitespace: true, message: t('cases.report.descriptionRequired') }]} extra={t('cases.report.descriptionHelp')}>
          <Input.TextArea rows={5} maxLength={8000} data-testid="report-description" />
        </Form.Item>
        <Form.Item name="kind" label={t('cases.report.kind')} rules={[{ required: true, message: t('cases.report.kindRequired') }]}>
          <Select options={kinds.options} loading={kinds.loading} style={{ maxWidth: 320 }} data-testid="report-kind" />
        </Form.Item>
        <Form.Item name="subjectMatters" label={t('cases.report.subjectMatters')} rules={[{ required: true, type: 'array', min: 1, message: t('cases.report.subjectMattersRequired') }]}>
          <Checkbox.Group options={matters.options} data-testid="report-matters" />
        </Form.Item>
        <Form.Item name="clientIds" label={t('cases.report.clients')} extra={t('cases.report.clientsHelp')}>
          <ClientsPicker testId="report-clients" />
        </Form.Item>
        <Form.Item name="partyIds" label={t('cases.report.parties')} extra={t('cases.report.partiesHelp')}>
          <PartiesPicker testId="report-parties" />
        </Form.Item>
        <Form.Item name="staffPartyIds" label={t('cases.report.staff')} extra={t('cases.report.staffHelp')}>
          <PartiesPicker staff testId="report-staff" />
        </Form.Item>
        {can('cases.manage') && (
          <Form.Item name="anonymous" valuePropName="checked" extra={t('cases.report.anonymousHelp')}>
            <Checkbox data-testid="report-anonymous">{t('cases.report.anonymous')}</Checkbox>
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="report-submit">
          {t('cases.report.submit')}
        </Button>
      </Form>
    </Card>
  );
}
