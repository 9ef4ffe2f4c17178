import { useState, type ReactNode } from 'react';
import { Alert, Button, DatePicker, Form, Input, Radio, Select, Space, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isRole } from '../../../../src/core/access';
import { mayMove } from '../../../../src/core/cases/lifecycle';
import { api } from '../../app/api';
import { useAuth, useMe } from '../../app/auth';
import { FormModal } from '../../app/components/FormModal';
import { firmToday } from '../../app/format';
import { MitigationsEditor, STAFF_KINDS, toMitigations, type MitigationValues } from './MitigationsEditor';
import { UserPicker, type Option } from './Pickers';
import { useCaseWrite, useTaxonomyOptions } from './queries';
import { caseApi, type CaseDetail, type CaseEventType, type Mitigation, type TransitionInput } from './types';

/** The case's members of staff (any subject with an account) and its clients, as picker options. */
export function subjectOptions(c: CaseDetail): { staff: Option[]; clients: Option[] } {
  const staff = new Map<string, Option>();
  const clients = new Map<string, Option>();
  for (const s of c.subjects) {
    const name = s.name ?? '';
    if (s.userId && !staff.has(s.userId)) staff.set(s.userId, { value: s.userId, label: name, title: name });
    if (s.clientId && !clients.has(s.clientId)) clients.set(s.clientId, { value: s.clientId, label: name, title: name });
  }
  return { staff: [...staff.values()], clients: [...clients.values()] };
}

/** What the signed-in user may do on the case: the moves its state allows that the core's rule lets them make. */
export function useCaseAbilities(c: CaseDetail) {
  const me = useMe();
  const { can } = useAuth();
  const roles = me.roles.filter(isRole);
  const mover = { isResponsible: c.responsible?.id === me.id, isInvolved: c.subjects.some((s) => s.userId === me.id) };
  return {
    events: c.allowedEvents.filter((event) => mayMove(roles, event, mover)),
    mayPutInEffect: c.state === 'resolution_decided' && mayMove(roles, 'put_mitigations_in_effect', mover),
    mayAssign: can('cases.manage'),
    // A watched case (monitoring, or closed into tracking) with a review date still open.
    mayReview: can('cases.manage') && (c.state === 'monitoring' || c.state === 'closed') && c.reviews.some((r) => !r.reviewedOn),
  };
}

export type CaseDialog = { kind: 'move'; event: CaseEventType } | { kind: 'assign' } | { kind: 'review' } | { kind: 'inEffect'; mitigation: Mitigation } | null;

interface InEffectValues {
  consents?: { clientId: string; consentedBy?: string; consentedOn?: Dayjs }[];
  note?: string;
  comment?: string;
}

interface MoveValues {
  comment: string;
  severity?: string;
  impact?: string;
  assessment?: string;
  mitigations?: MitigationValues[];
  reviewDates?: Dayjs[];
  reason?: string;
  finding?: string;
}

/** The fields a move asks for besides its comment. */
function MoveFields({ event, c }: { event: CaseEventType; c: CaseDetail }) {
  const { t } = useTranslation();
  const severities = useTaxonomyOptions('severities');
  const required = (message: string) => [{ required: true, whitespace: true, message }];
  switch (event) {
    case 'assess':
      return (
        <>
          <Form.Item name="severity" label={t('cases.move.severity')} rules={[{ required: true, message: t('cases.move.severityRequired') }]}>
            <Select options={severities.options} style={{ maxWidth: 240 }} data-testid="move-severity" />
          </Form.Item>
          <Form.Item name="impact" label={t('cases.move.impact')} rules={required(t('cases.move.impactRequired'))}>
            <Input.TextArea rows={2} maxLength={4000} data-testid="move-impact" />
          </Form.Item>
          <Form.Item name="assessment" label={t('cases.move.assessment')} rules={required(t('cases.move.assessmentRequired'))}>
            <Input.TextArea rows={3} maxLength={8000} data-testid="move-assessment" />
          </Form.Item>
        </>
      );
    case 'decide_resolution':
      return (
        <Form.Item label={t('cases.move.mitigations')} required>
          <MitigationsEditor {...subjectOptions(c)} />
        </Form.Item>
      );
    case 'start_monitoring':
    case 'close':
      return (
        <Form.Item name="reviewDates" label={t('cases.move.reviewDates')} extra={t(`cases.move.reviewDatesHelp.${event}`)} rules={[{ required: true, type: 'array', min: 1, message: t('cases.move.reviewDatesRequired') }]}>
          <DatePicker multiple disabledDate={(d) => d.format('YYYY-MM-DD') <= firmToday()} style={{ width: '100%' }} data-testid="move-review-dates" />
        </Form.Item>
      );
    case 'close_no_conflict':
      return (
        <Form.Item name="finding" label={t('cases.move.finding')} rules={required(t('cases.move.findingRequired'))}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="move-finding" />
        </Form.Item>
      );
    case 'reinvestigate':
    case 'reopen':
      return (
        <Form.Item name="reason" label={t('cases.move.reason')} rules={required(t('cases.move.reasonRequired'))}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="move-reason" />
        </Form.Item>
      );
    default:
      return null;
  }
}

/** A new plan starts from the one in force (revising it), or from a recusal of the case's staff from its clients. */
function initialMitigations(c: CaseDetail): MitigationValues[] {
  const live = c.mitigations.filter((m) => m.status !== 'lifted');
  if (live.length > 0) return live.map((m) => ({ kind: m.kind, description: m.description ?? undefined, staffIds: m.staffIds, clientIds: m.clientIds }));
  const { staff, clients } = subjectOptions(c);
  return [{ kind: 'recusal', staffIds: staff.map((s) => s.value), clientIds: clients.map((o) => o.value) }];
}

function toTransition(c: CaseDetail, event: CaseEventType, v: MoveValues): TransitionInput {
  const body: TransitionInput = { version: c.version, event, comment: v.comment.trim() };
  if (event === 'assess') Object.assign(body, { severity: v.severity, impact: v.impact?.trim(), assessment: v.assessment?.trim() });
  if (event === 'decide_resolution') body.mitigations = toMitigations(v.mitigations);
  if (event === 'start_monitoring' || event === 'close') body.reviewDates = (v.reviewDates ?? []).map((d) => d.format('YYYY-MM-DD'));
  if (event === 'close_no_conflict') body.finding = v.finding?.trim();
  if (event === 'reinvestigate' || event === 'reopen') body.reason = v.reason?.trim();
  return body;
}

/** The dialogs behind a case's buttons; `open` picks one. */
export function useCaseDialogs(c: CaseDetail | undefined, names: (id: string) => string) {
  const { t } = useTranslation();
  const write = useCaseWrite();
  const [open, setOpen] = useState<CaseDialog>(null);
  const close = () => setOpen(null);

  const commentItem = (required: boolean) => (
    <Form.Item name="comment" label={t('cases.move.comment')} rules={required ? [{ required: true, whitespace: true, message: t('cases.move.commentRequired') }] : []}>
      <Input.TextArea rows={3} maxLength={4000} data-testid="move-comment" />
    </Form.Item>
  );

  let dialog: ReactNode = null;
  if (c && open?.kind === 'move') {
    const { event } = open;
    dialog = (
      <FormModal<MoveValues>
        open
        title={t('cases.move.title', { action: t(`cases.event.${event}`), ref: c.ref })}
        okText={t(`cases.event.${event}`)}
        initialValues={event === 'decide_resolution' ? { mitigations: initialMitigations(c) } : event === 'assess' ? { severity: c.severity ?? undefined, impact: c.assessment?.impact, assessment: c.assessment?.assessment } : {}}
        onCancel={close}
        onSubmit={async (v) => {
          await write(() => api.post(caseApi(c.id, '/transition'), toTransition(c, event, v)), t('cases.move.done', { action: t(`cases.event.${event}`) }));
          close();
        }}
      >
        <MoveFields event={event} c={c} />
        {commentItem(true)}
      </FormModal>
    );
  }
  if (c && open?.kind === 'assign') {
    dialog = (
      <FormModal<{ responsibleUserId: string; comment?: string }>
        open
        title={t('cases.assign.title', { ref: c.ref })}
        okText={t('cases.assign.ok')}
        initialValues={{ responsibleUserId: c.responsible?.id }}
        onCancel={close}
        onSubmit={async (v) => {
          await write(() => api.post(caseApi(c.id, '/assign'), { version: c.version, responsibleUserId: v.responsibleUserId, comment: v.comment?.trim() || null }), t('cases.assign.done'));
          close();
        }}
      >
        <Form.Item name="responsibleUserId" label={t('cases.assign.user')} extra={t('cases.assign.help')} rules={[{ required: true, message: t('cases.assign.userRequired') }]}>
          <UserPicker preset={c.responsible ? [{ value: c.responsible.id, label: c.responsible.displayName, title: c.responsible.displayName }] : []} testId="assign-user" />
        </Form.Item>
        {commentItem(false)}
      </FormModal>
    );
  }
  if (c && open?.kind === 'review') {
    dialog = (
      <FormModal<{ outcome: 'holds' | 'failed'; note: string }>
        open
        title={t('cases.review.title', { ref: c.ref })}
        okText={t('cases.review.button')}
        initialValues={{ outcome: 'holds' }}
        onCancel={close}
        onSubmit={async (v) => {
          await write(() => api.post(caseApi(c.id, '/reviews'), { version: c.version, outcome: v.outcome, note: v.note.trim() }), t('cases.review.done'));
          close();
        }}
      >
        <Form.Item name="outcome" label={t('cases.review.outcomeLabel')}>
          <Radio.Group
            options={[
              { value: 'holds', label: t('cases.review.holds') },
              { value: 'failed', label: t('cases.review.failed') },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label={t('cases.review.note')} rules={[{ required: true, whitespace: true, message: t('cases.review.noteRequired') }]}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="review-note" />
        </Form.Item>
      </FormModal>
    );
  }
  if (c && open?.kind === 'inEffect') {
    const m = open.mitigation;
    const { clients } = subjectOptions(c);
    const effectClients = (m.clientIds.length > 0 ? m.clientIds : clients.map((o) => o.value)).map(names);
    const consent = m.kind === 'disclosure_consent';
    // Recusals and barriers are recorded by the server; consent names who agreed; anything else says what was done.
    const noteRequired = !STAFF_KINDS.has(m.kind) && !consent;
    dialog = (
      <FormModal<InEffectValues>
        open
        title={t('cases.inEffect.title', { kind: m.kindLabel })}
        okText={t('cases.inEffect.ok')}
        initialValues={{ consents: m.clientIds.map((clientId) => ({ clientId })) }}
        onCancel={close}
        onSubmit={async (v) => {
          const body = {
            version: c.version,
            comment: v.comment?.trim() || null,
            note: v.note?.trim() || null,
            ...(consent ? { consents: (v.consents ?? []).map((x) => ({ clientId: x.clientId, consentedBy: x.consentedBy?.trim() ?? '', consentedOn: x.consentedOn?.format('YYYY-MM-DD') ?? '' })) } : {}),
          };
          await write(() => api.post(caseApi(c.id, `/mitigations/${m.id}/in-effect`), body), t('cases.inEffect.done', { kind: m.kindLabel }));
          close();
        }}
      >
        {STAFF_KINDS.has(m.kind) && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="in-effect-notice"
            title={t(m.kind === 'recusal' ? 'cases.inEffect.recusalNotice' : 'cases.inEffect.barrierNotice', { staff: m.staffIds.map(names).join('、'), clients: effectClients.join('、') })}
          />
        )}
        {m.description && <Typography.Paragraph type="secondary">{m.description}</Typography.Paragraph>}
        {consent && (
          <Form.List name="consents">
            {(fields) =>
              fields.map(({ key, name }) => (
                <Space key={key} align="start" wrap data-testid="consent-row">
                  <Form.Item label={t('cases.inEffect.client')}>
                    <Typography.Text strong>{names(m.clientIds[name] ?? '')}</Typography.Text>
                  </Form.Item>
                  <Form.Item preserve name={[name, 'consentedBy']} label={t('cases.inEffect.consentedBy')} rules={[{ required: true, whitespace: true, message: t('cases.inEffect.consentedByRequired') }]}>
                    <Input maxLength={200} />
                  </Form.Item>
                  <Form.Item preserve name={[name, 'consentedOn']} label={t('cases.inEffect.consentedOn')} rules={[{ required: true, message: t('cases.inEffect.consentedOnRequired') }]}>
                    <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') > firmToday()} />
                  </Form.Item>
                </Space>
              ))
            }
          </Form.List>
        )}
        <Form.Item name="note" label={t('cases.inEffect.note')} rules={noteRequired ? [{ required: true, whitespace: true, message: t('cases.inEffect.noteRequired') }] : []}>
          <Input.TextArea rows={2} maxLength={4000} data-testid="in-effect-note" />
        </Form.Item>
        {commentItem(false)}
      </FormModal>
    );
  }
  return { open: setOpen, dialog };
}

/** The buttons of the moves the user may make; putting mitigations in effect waits until each one is. */
export function CaseButtons({ c, onOpen }: { c: CaseDetail; onOpen(open: CaseDialog): void }) {
  const { t } = useTranslation();
  const { events, mayAssign, mayReview } = useCaseAbilities(c);
  const pending = c.mitigations.some((m) => m.status === 'planned');
  return (
    <Space wrap data-testid="case-actions">
      {events.map((event) => {
        const waiting = event === 'put_mitigations_in_effect' && pending;
        const button = (
          <Button
            key={event}
            type={['reinvestigate', 'reopen', 'close_no_conflict'].includes(event) ? 'default' : 'primary'}
            disabled={waiting}
            onClick={() => onOpen({ kind: 'move', event })}
            data-testid={`case-move-${event}`}
          >
            {t(`cases.event.${event}`)}
          </Button>
        );
        return waiting ? <Tooltip key={event} title={t('cases.inEffect.pending')}>{button}</Tooltip> : button;
      })}
      {mayReview && (
        <Button type="primary" onClick={() => onOpen({ kind: 'review' })} data-testid="case-review">
          {t('cases.review.button')}
        </Button>
      )}
      {mayAssign && c.state !== 'closed' && (
        <Button onClick={() => onOpen({ kind: 'assign' })} data-testid="case-assign">
          {t('cases.assign.button')}
        </Button>
      )}
    </Space>
  );
}
