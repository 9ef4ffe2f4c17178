import { useState } from 'react';
import { Button, Card, Checkbox, DatePicker, Empty, Flex, Form, Input, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isRole } from '../../../../src/core/access';
import { mayAct } from '../../../../src/core/cases/accountability';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { FormModal } from '../../app/components/FormModal';
import { firmToday } from '../../app/format';
import { formatMoney, toMinorUnits } from '../../app/money';
import { subjectOptions } from './CaseActions';
import { UserPicker } from './Pickers';
import { KEYS, useCaseWrite, useTaxonomyOptions } from './queries';
import type { CaseDetail, Person } from './types';

interface Sanction {
  id: string;
  kind: string;
  kindLabel: string;
  description: string | null;
  state: 'planned' | 'completed' | 'waived';
  version: number;
  decidedOn: string;
  dueOn: string | null;
  amount: { amountMinor: number; currency: string } | null;
  decidedBy: Person | null;
  decisionComment: string | null;
  settledOn: string | null;
  settleComment: string | null;
  unionNotifiedOn: string | null;
  waiveReason: string | null;
  daysOverdue: number;
  allowedEvents: ('complete' | 'waive')[];
}

interface Violation {
  id: string;
  person: Person;
  rule: string;
  finding: string;
  foundOn: string;
  serious: boolean;
  recordedBy: Person | null;
  status: 'no_sanction' | 'open' | 'settled';
  sanctions: Sanction[];
}

const VIOLATIONS_API = '/api/violations';
const day = (d: Dayjs | null | undefined) => d?.format('YYYY-MM-DD');

type Dialog = { kind: 'record' } | { kind: 'decide'; violation: Violation } | { kind: 'complete' | 'waive'; violation: Violation; sanction: Sanction } | null;

/** The case's findings against people and what was done about them: record, decide a sanction, carry it out or waive it. */
export function CaseViolations({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const roles = me.roles.filter(isRole);
  const write = useCaseWrite();
  const sanctionKinds = useTaxonomyOptions('sanctionKinds');
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const list = useQuery({ queryKey: [KEYS.case, c.id, 'violations'], queryFn: () => api.get<{ items: Violation[] }>(VIOLATIONS_API, { scope: 'all', caseId: c.id, pageSize: 100 }) });
  const may = (action: Parameters<typeof mayAct>[1], personId: string, kind?: string) => mayAct(roles, action, { isSubject: personId === me.id, ...(kind ? { kind } : {}) });

  return (
    <Card
      size="small"
      title={t('cases.violations.title')}
      extra={may('record_violation', '') && c.state !== 'reported' && <Button size="small" onClick={() => setDialog({ kind: 'record' })} data-testid="violation-record">{t('cases.violations.record')}</Button>}
    >
      <ErrorAlert error={list.error} />
      {list.data?.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.violations.none')} />}
      <Flex vertical gap={12}>
        {(list.data?.items ?? []).map((v) => (
          <Card key={v.id} size="small" type="inner" data-testid="violation" title={<Space wrap>{v.person.displayName}{v.serious && <Tag color="red">{t('cases.violations.seriousTag')}</Tag>}<Tag>{t(`cases.violations.status.${v.status}`)}</Tag></Space>}
            extra={may('decide_sanction', v.person.id) && <Button size="small" onClick={() => setDialog({ kind: 'decide', violation: v })} data-testid="sanction-decide">{t('cases.violations.decide')}</Button>}
          >
            <Typography.Paragraph style={{ marginBottom: 4 }}><Typography.Text type="secondary">{t('cases.violations.rule')}：</Typography.Text>{v.rule}</Typography.Paragraph>
            <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}><Typography.Text type="secondary">{t('cases.violations.finding')}：</Typography.Text>{v.finding}</Typography.Paragraph>
            <Typography.Text type="secondary">{t('cases.violations.foundOn')}：{v.foundOn}</Typography.Text>
            {v.sanctions.map((s) => (
              <Flex key={s.id} wrap align="center" gap={8} style={{ marginTop: 8 }} data-testid="sanction">
                <Tag color={s.state === 'planned' ? 'gold' : s.state === 'completed' ? 'green' : 'default'}>{s.kindLabel} · {t(`cases.violations.state.${s.state}`)}</Tag>
                {s.amount && <span>{formatMoney(s.amount)}</span>}
                {s.dueOn && <Typography.Text type={s.daysOverdue > 0 ? 'danger' : 'secondary'}>{t('cases.violations.dueOn')}：{s.dueOn}</Typography.Text>}
                {s.description && <Typography.Text type="secondary">{s.description}</Typography.Text>}
                {s.allowedEvents.filter((e) => may(e === 'complete' ? 'complete_sanction' : 'waive_sanction', v.person.id, s.kind)).map((e) => (
                  <Button key={e} size="small" onClick={() => setDialog({ kind: e, violation: v, sanction: s })}>{t(`cases.violations.${e}`)}</Button>
                ))}
              </Flex>
            ))}
          </Card>
        ))}
      </Flex>

      {dialog?.kind === 'record' && (
        <FormModal<{ personId: string; rule: string; finding: string; foundOn: Dayjs; serious?: boolean }>
          open
          title={t('cases.violations.record')}
          okText={t('cases.violations.record')}
          initialValues={{ foundOn: dayjs(firmToday()) }}
          onCancel={close}
          onSubmit={async (v) => {
            await write(() => api.post(VIOLATIONS_API, { caseId: c.id, personId: v.personId, rule: v.rule.trim(), finding: v.finding.trim(), foundOn: day(v.foundOn), serious: Boolean(v.serious) }), t('cases.violations.recorded'));
            close();
          }}
        >
          <Form.Item name="personId" label={t('cases.violations.person')} rules={[{ required: true, message: t('cases.violations.personRequired') }]}>
            <UserPicker preset={subjectOptions(c).staff} />
          </Form.Item>
          <Form.Item name="rule" label={t('cases.violations.rule')} rules={[{ required: true, whitespace: true, message: t('cases.violations.ruleRequired') }]}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="finding" label={t('cases.violations.finding')} rules={[{ required: true, whitespace: true, message: t('cases.violations.findingRequired') }]}>
            <Input.TextArea rows={3} maxLength={8000} />
          </Form.Item>
          <Form.Item name="foundOn" label={t('cases.violations.foundOn')} rules={[{ required: true, message: t('cases.violations.foundOnRequired') }]}>
            <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') > firmToday()} />
          </Form.Item>
          <Form.Item name="serious" valuePropName="checked">
            <Checkbox>{t('cases.violations.serious')}</Checkbox>
          </Form.Item>
        </FormModal>
      )}
      {dialog?.kind === 'decide' && (
        <FormModal<{ kind: string; comment: string; dueOn?: Dayjs; amount?: string; description?: string }>
          open
          title={t('cases.violations.decideTitle', { name: dialog.violation.person.displayName })}
          okText={t('cases.violations.decide')}
          onCancel={close}
          onSubmit={async (v) => {
            const minor = v.amount ? toMinorUnits(v.amount, 'CNY') : null;
            const body = { kind: v.kind, comment: v.comment.trim(), dueOn: day(v.dueOn) ?? null, amount: minor !== null ? { amountMinor: minor, currency: 'CNY' } : null, description: v.description?.trim() || null };
            await write(() => api.post(`${VIOLATIONS_API}/${dialog.violation.id}/sanctions`, body), t('cases.violations.decided'));
            close();
          }}
        >
          <Form.Item name="kind" label={t('cases.violations.kind')} rules={[{ required: true, message: t('cases.violations.kindRequired') }]}>
            <Select options={sanctionKinds.options} />
          </Form.Item>
          <Form.Item noStyle dependencies={['kind']}>
            {({ getFieldValue }) => (
              <>
                {getFieldValue('kind') === 'pay_consequence' && (
                  <Form.Item name="amount" label={t('cases.violations.amount')} rules={[{ validator: async (_, v: string | undefined) => { if (!v || !toMinorUnits(v, 'CNY')) throw new Error(t('cases.violations.amountRequired')); } }]}>
                    <Input style={{ maxWidth: 200 }} />
                  </Form.Item>
                )}
                <Form.Item name="dueOn" label={t('cases.violations.dueOn')} rules={getFieldValue('kind') === 'training' ? [{ required: true, message: t('cases.violations.dueOnRequired') }] : []}>
                  <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') < firmToday()} />
                </Form.Item>
              </>
            )}
          </Form.Item>
          <Form.Item name="description" label={t('cases.violations.description')}>
            <Input maxLength={2000} />
          </Form.Item>
          <Form.Item name="comment" label={t('cases.move.comment')} rules={[{ required: true, whitespace: true, message: t('cases.move.commentRequired') }]}>
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
        </FormModal>
      )}
      {(dialog?.kind === 'complete' || dialog?.kind === 'waive') && (
        <FormModal<{ comment?: string; completedOn?: Dayjs; unionNotifiedOn?: Dayjs; reason?: string }>
          open
          title={t(`cases.violations.${dialog.kind}Title`, { kind: dialog.sanction.kindLabel, name: dialog.violation.person.displayName })}
          okText={t(`cases.violations.${dialog.kind}`)}
          initialValues={{ completedOn: dayjs(firmToday()) }}
          onCancel={close}
          onSubmit={async (v) => {
            const { sanction, violation } = dialog;
            const body =
              dialog.kind === 'complete'
                ? { version: sanction.version, comment: v.comment?.trim() ?? '', completedOn: day(v.completedOn), unionNotifiedOn: day(v.unionNotifiedOn) ?? null }
                : { version: sanction.version, comment: v.comment?.trim() ?? '', reason: v.reason?.trim() ?? '' };
            await write(() => api.post(`${VIOLATIONS_API}/${violation.id}/sanctions/${sanction.id}/${dialog.kind}`, body), t('common.saved'));
            close();
          }}
        >
          {dialog.kind === 'complete' ? (
            <>
              <Form.Item name="completedOn" label={t('cases.violations.completedOn')} rules={[{ required: true, message: t('cases.violations.dueOnRequired') }]}>
                <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') > firmToday()} />
              </Form.Item>
              {dialog.sanction.kind === 'dismissal' && (
                <Form.Item name="unionNotifiedOn" label={t('cases.violations.unionNotifiedOn')} rules={[{ required: true, message: t('cases.violations.dueOnRequired') }]}>
                  <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') > firmToday()} />
                </Form.Item>
              )}
            </>
          ) : (
            <Form.Item name="reason" label={t('cases.violations.reason')} rules={[{ required: true, whitespace: true, message: t('cases.move.reasonRequired') }]}>
              <Input.TextArea rows={2} maxLength={4000} />
            </Form.Item>
          )}
          <Form.Item name="comment" label={t('cases.move.comment')}>
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
        </FormModal>
      )}
    </Card>
  );
}
