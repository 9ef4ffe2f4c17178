import { useState } from 'react';
import { Button, Card, DatePicker, Descriptions, Empty, Flex, Form, Input, Radio, Select, Space, Spin, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../app/api';
import { useAuth, useMe } from '../../app/auth';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { FormModal } from '../../app/components/FormModal';
import { firmToday, formatDateTime } from '../../app/format';
import { DEFAULT_MAX_CLEARANCE_MONTHS } from '../../../../src/core/cases/clearance';
import { addMonths } from '../../../../src/core/cases/dates';
import { DisclosureStatusTag, ExpiryTag } from './DisclosuresPage';
import { MitigationsEditor, toMitigations, type MitigationValues } from './MitigationsEditor';
import { userOption } from './Pickers';
import { useCaseWrite, useDisclosure, useTaxonomyOptions } from './queries';
import { casePath, disclosureApi, disclosureDecisions, rejectionActions, type DecideDisclosureInput, type DisclosureDecision, type DisclosureDecisionRecord, type DisclosureDetail, type RejectionAction } from './types';

const day = (d: Dayjs | null | undefined) => d?.format('YYYY-MM-DD') ?? null;
const afterToday = (d: Dayjs) => d.format('YYYY-MM-DD') <= firmToday();
// A clearance runs at most as long as the server allows (src/core's check of a decision).
const clearanceDay = (d: Dayjs) => afterToday(d) || d.format('YYYY-MM-DD') > addMonths(firmToday(), DEFAULT_MAX_CLEARANCE_MONTHS);

type DecideValues = { decision: DisclosureDecision; comment: string; mitigations?: MitigationValues[]; expiresOn?: Dayjs; requiredAction?: RejectionAction; actionDueOn?: Dayjs };

/** One decision: what was decided, by whom, and its conditions, expiry or required action. */
function DecisionView({ decision: d, names }: { decision: DisclosureDecisionRecord; names: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const decisions = useTaxonomyOptions('disclosureDecisions', true);
  const kinds = useTaxonomyOptions('mitigationKinds', true);
  return (
    <Flex vertical gap={4} data-testid="disclosure-decision" data-decision={d.decision}>
      <Typography.Text strong>{decisions.label(d.decision)}</Typography.Text>
      <Typography.Text type="secondary">{t('cases.disclosures.decidedBy', { name: d.decidedBy?.displayName ?? t('common.none'), on: d.decidedOn })}</Typography.Text>
      {d.comment && <Typography.Text>{d.comment}</Typography.Text>}
      {d.conditions.length > 0 && (
        <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="disclosure-conditions">
          {d.conditions.map((c, i) => (
            <li key={i}>
              {kinds.label(c.kind)}
              {c.description && `：${c.description}`}
              {/* Whom it names, by name when it is the discloser or the client of the disclosure. */}
              <Typography.Text type="secondary"> {[...(c.staffIds ?? []), ...(c.clientIds ?? [])].map((id) => names.get(id) ?? t('cases.disclosures.someoneElse')).join('、')}</Typography.Text>
            </li>
          ))}
        </ul>
      )}
      {d.expiresOn && <Typography.Text>{t('cases.disclosures.expiresOn')}：{d.expiresOn}</Typography.Text>}
      {d.requiredAction && <Typography.Text>{t('cases.disclosures.requiredAction')}：{t(`cases.disclosures.action.${d.requiredAction}`)}（{t('cases.disclosures.actionDueOn')} {d.actionDueOn}）</Typography.Text>}
    </Flex>
  );
}

/** The decide dialog: no conflict; cleared under conditions until a day; or rejected, with what must be done by when. */
function DecideDialog({ disclosure: d, onClose }: { disclosure: DisclosureDetail; onClose(): void }) {
  const { t } = useTranslation();
  const write = useCaseWrite();
  const decisions = useTaxonomyOptions('disclosureDecisions', true);
  const staff = [userOption(d.user)];
  const clients = d.client ? [{ value: d.client.id, title: d.client.name, label: d.client.name }] : [];
  // A renewal starts from the conditions in force.
  const current = d.decision?.decision === 'cleared_with_conditions' ? d.decision.conditions : null;
  const initialValues: Partial<DecideValues> = {
    decision: current ? 'cleared_with_conditions' : undefined,
    mitigations: current
      ? current.map((c) => ({ kind: c.kind, description: c.description ?? undefined, staffIds: [...(c.staffIds ?? [])], clientIds: [...(c.clientIds ?? [])] }))
      : [{ kind: 'recusal', staffIds: staff.map((s) => s.value), clientIds: clients.map((c) => c.value) }],
    expiresOn: dayjs(firmToday()).add(6, 'month'),
  };
  return (
    <FormModal<DecideValues>
      open
      title={t('cases.disclosures.decideTitle', { ref: d.ref })}
      okText={t('cases.disclosures.decide')}
      initialValues={initialValues}
      onCancel={onClose}
      onSubmit={async (v) => {
        const cleared = v.decision === 'cleared_with_conditions';
        const body: DecideDisclosureInput = {
          version: d.version,
          decision: v.decision,
          comment: v.comment.trim(),
          conditions: cleared ? toMitigations(v.mitigations) : null,
          expiresOn: cleared ? day(v.expiresOn) : null,
          requiredAction: v.decision === 'rejected' ? (v.requiredAction ?? null) : null,
          actionDueOn: v.decision === 'rejected' ? day(v.actionDueOn) : null,
        };
        await write(() => api.post(disclosureApi(d.id, '/decide'), body), t('cases.disclosures.decided'));
        onClose();
      }}
    >
      <Form.Item name="decision" label={t('cases.disclosures.decision')} rules={[{ required: true, message: t('cases.disclosures.decisionRequired') }]}>
        <Radio.Group options={disclosureDecisions.map((code) => ({ value: code, label: decisions.label(code) }))} data-testid="disclosure-decision-choice" />
      </Form.Item>
      <Form.Item noStyle dependencies={['decision']}>
        {({ getFieldValue }) => {
          const decision = getFieldValue('decision') as DisclosureDecision | undefined;
          if (decision === 'cleared_with_conditions')
            return (
              <>
                <Form.Item label={t('cases.disclosures.conditions')} required>
                  <MitigationsEditor staff={staff} clients={clients} />
                </Form.Item>
                <Form.Item name="expiresOn" label={t('cases.disclosures.expiresOn')} extra={t('cases.disclosures.expiresOnHelp', { months: DEFAULT_MAX_CLEARANCE_MONTHS })} rules={[{ required: true, message: t('cases.disclosures.dateRequired') }]}>
                  <DatePicker disabledDate={clearanceDay} data-testid="disclosure-expires-on" />
                </Form.Item>
              </>
            );
          if (decision === 'rejected')
            return (
              <>
                <Form.Item name="requiredAction" label={t('cases.disclosures.requiredAction')} rules={[{ required: true, message: t('cases.disclosures.actionRequired') }]}>
                  <Select options={rejectionActions.map((a) => ({ value: a, label: t(`cases.disclosures.action.${a}`) }))} style={{ maxWidth: 320 }} data-testid="disclosure-required-action" />
                </Form.Item>
                <Form.Item name="actionDueOn" label={t('cases.disclosures.actionDueOn')} rules={[{ required: true, message: t('cases.disclosures.dateRequired') }]}>
                  <DatePicker disabledDate={afterToday} data-testid="disclosure-action-due-on" />
                </Form.Item>
              </>
            );
          return null;
        }}
      </Form.Item>
      <Form.Item name="comment" label={t('cases.disclosures.comment')} rules={[{ required: true, whitespace: true, message: t('cases.disclosures.commentRequired') }]}>
        <Input.TextArea rows={3} maxLength={4000} data-testid="disclosure-comment" />
      </Form.Item>
    </FormModal>
  );
}

/** Sends a decided disclosure back to compliance with the reason. */
function ReviewDialog({ disclosure: d, onClose }: { disclosure: DisclosureDetail; onClose(): void }) {
  const { t } = useTranslation();
  const write = useCaseWrite();
  return (
    <FormModal<{ reason: string }>
      open
      title={t('cases.disclosures.reviewTitle', { ref: d.ref })}
      okText={t('cases.disclosures.review')}
      onCancel={onClose}
      onSubmit={async (v) => {
        await write(() => api.post(disclosureApi(d.id, '/review'), { version: d.version, reason: v.reason.trim() }), t('cases.disclosures.reviewed'));
        onClose();
      }}
    >
      <Form.Item name="reason" label={t('cases.disclosures.reviewReason')} rules={[{ required: true, whitespace: true, message: t('cases.disclosures.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={4000} data-testid="disclosure-review-reason" />
      </Form.Item>
    </FormModal>
  );
}

/** One disclosure: who disclosed what, touching which client or case, the decision in force and every decision before it. */
export default function DisclosurePage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const { can } = useAuth();
  const me = useMe();
  const query = useDisclosure(id);
  const [dialog, setDialog] = useState<'decide' | 'review' | null>(null);

  if (query.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  const d = query.data;
  if (!d) return <ErrorAlert error={query.error} />;
  // Nobody decides their own disclosure; the server holds the same rule.
  const manages = can('cases.manage') && d.user.id !== me.id;
  const names = new Map([[d.user.id, d.user.displayName], ...(d.client ? [[d.client.id, d.client.name] as const] : [])]);
  const decidable = d.status === 'pending' || d.status === 'review_due' || d.status === 'cleared_with_conditions';
  const reviewable = d.status !== 'pending' && d.status !== 'review_due';

  return (
    <Flex vertical gap={16}>
      <Card
        title={<span data-testid="disclosure-ref">{d.ref}</span>}
        extra={
          manages && (
            <Space>
              {decidable && (
                <Button type="primary" onClick={() => setDialog('decide')} data-testid="disclosure-decide">
                  {t(d.status === 'cleared_with_conditions' ? 'cases.disclosures.renew' : 'cases.disclosures.decide')}
                </Button>
              )}
              {reviewable && <Button onClick={() => setDialog('review')} data-testid="disclosure-review">{t('cases.disclosures.review')}</Button>}
            </Space>
          )
        }
      >
        <ErrorAlert error={query.error} />
        <Descriptions
          column={2}
          items={[
            { key: 'status', label: t('cases.disclosures.statusLabel'), children: <DisclosureStatusTag status={d.status} /> },
            { key: 'user', label: t('cases.disclosures.user'), children: <span data-testid="disclosure-user">{d.user.displayName}</span> },
            { key: 'summary', label: t('cases.disclosures.summary'), span: 2, children: <span data-testid="disclosure-summary-text">{d.summary}</span> },
            { key: 'source', label: t('cases.disclosures.source'), children: d.declarationId ? t('cases.disclosures.sourceDeclaration', { n: (d.declarationItem ?? 0) + 1 }) : t('cases.disclosures.sourceWords') },
            { key: 'client', label: t('cases.disclosures.client'), children: <span data-testid="disclosure-client-name">{d.client?.name ?? t('common.none')}</span> },
            { key: 'case', label: t('cases.disclosures.case'), children: d.caseId ? <Link to={casePath(d.caseId)} data-testid="disclosure-case-link">{t('cases.disclosures.openCase')}</Link> : t('common.none') },
            { key: 'expiry', label: t('cases.disclosures.expiresOn'), children: d.status === 'cleared_with_conditions' ? <ExpiryTag disclosure={d} /> : t('common.none') },
            ...(d.status === 'rejected' && d.decision?.requiredAction
              ? [{ key: 'action', label: t('cases.disclosures.requiredAction'), children: <span data-testid="disclosure-action">{t(`cases.disclosures.action.${d.decision.requiredAction}`)}（{t('cases.disclosures.actionDueOn')} {d.decision.actionDueOn}）</span> }]
              : []),
            ...(d.reviewReason && d.status === 'review_due' ? [{ key: 'review', label: t('cases.disclosures.reviewReason'), span: 2, children: d.reviewReason }] : []),
            { key: 'created', label: t('cases.disclosures.createdAt'), children: formatDateTime(d.createdAt) },
          ]}
        />
      </Card>
      <Card title={t('cases.disclosures.history')}>
        {d.decisions.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.disclosures.noDecision')} />
        ) : (
          <Timeline data-testid="disclosure-history" items={d.decisions.map((decision) => ({ key: decision.at, content: <DecisionView decision={decision} names={names} /> }))} />
        )}
      </Card>
      {dialog === 'decide' && <DecideDialog disclosure={d} onClose={() => setDialog(null)} />}
      {dialog === 'review' && <ReviewDialog disclosure={d} onClose={() => setDialog(null)} />}
    </Flex>
  );
}
