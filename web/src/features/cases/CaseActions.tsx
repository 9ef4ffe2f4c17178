import { useState, type ReactNode } from 'react';
import { Alert, Button, DatePicker, Form, Input, Select, Space, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isRole } from '../../../../src/core/access';
import { mayMove } from '../../../../src/core/cases/lifecycle';
import { api } from '../../app/api';
import { useAuth, useMe } from '../../app/auth';
import { FormModal } from '../../app/components/FormModal';
import { firmToday } from '../../app/format';
import { BARRIERS_API, RECUSALS_API, type Barrier, type Recusal } from '../recusal/types';
import { MitigationsEditor, STAFF_KINDS, toMitigations, type MitigationValues } from './MitigationsEditor';
import { ClientsPicker, UserPicker, type Option } from './Pickers';
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
  };
}

export type CaseDialog = { kind: 'move'; event: CaseEventType } | { kind: 'assign' } | { kind: 'inEffect'; mitigation: Mitigation } | null;

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

/**
 * Puts a recusal or barrier decided on the case in place where access control reads it: an approved
 * recusal per member of staff, or one information barrier. What the case already put in place (an
 * earlier attempt whose last step failed) is not recorded twice.
 */
async function enforce(c: CaseDetail, m: Mitigation, clientIds: string[], reason: string, comment: string | null): Promise<void> {
  const covers = (record: { caseId: string | null; clients: { id: string }[] }) => record.caseId === c.id && clientIds.every((id) => record.clients.some((x) => x.id === id));
  if (m.kind === 'recusal') {
    for (const userId of m.staffIds) {
      const existing = await api.get<{ items: Recusal[] }>(RECUSALS_API, { scope: 'all', userId, status: 'approved' });
      if (existing.items.some(covers)) continue;
      await api.post(RECUSALS_API, { userId, clientIds, source: 'case', caseId: c.id, reason, approve: true, comment });
    }
  } else if (m.kind === 'information_barrier') {
    const walls = await api.get<{ items: Barrier[] }>(BARRIERS_API, { status: 'active' });
    if (walls.items.some((w) => covers(w) && m.staffIds.every((id) => w.walledOff.some((u) => u.id === id)))) return;
    await api.post(BARRIERS_API, { name: `${c.ref} ${m.kindLabel}`, clientIds, walledOffUserIds: m.staffIds, reason, caseId: c.id });
  }
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
  if (c && open?.kind === 'inEffect') {
    const m = open.mitigation;
    const enforced = STAFF_KINDS.has(m.kind);
    const { clients } = subjectOptions(c);
    const clientIds = m.clientIds.length > 0 ? m.clientIds : clients.map((o) => o.value);
    dialog = (
      <FormModal<{ clientIds?: string[]; comment?: string }>
        open
        title={t('cases.inEffect.title', { kind: m.kindLabel })}
        okText={t('cases.inEffect.ok')}
        initialValues={{ clientIds }}
        onCancel={close}
        onSubmit={async (v) => {
          const comment = v.comment?.trim() || null;
          if (enforced) await enforce(c, m, v.clientIds ?? [], [`${c.ref} ${c.title}`, m.description].filter(Boolean).join(' — '), comment);
          await write(() => api.post(caseApi(c.id, `/mitigations/${m.id}/in-effect`), { version: c.version, comment }), t('cases.inEffect.done', { kind: m.kindLabel }));
          close();
        }}
      >
        {enforced && (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t(m.kind === 'recusal' ? 'cases.inEffect.recusalNotice' : 'cases.inEffect.barrierNotice', { staff: m.staffIds.map(names).join('、') })}
            />
            <Form.Item name="clientIds" label={t('cases.inEffect.clients')} rules={[{ required: true, type: 'array', min: 1, message: t('cases.inEffect.clientsRequired') }]}>
              <ClientsPicker preset={[...clients, ...m.clientIds.map((id) => ({ value: id, label: names(id), title: names(id) }))]} testId="in-effect-clients" />
            </Form.Item>
          </>
        )}
        {m.description && <Typography.Paragraph type="secondary">{m.description}</Typography.Paragraph>}
        {commentItem(false)}
      </FormModal>
    );
  }
  return { open: setOpen, dialog };
}

/** The buttons of the moves the user may make; putting mitigations in effect waits until each one is. */
export function CaseButtons({ c, onOpen }: { c: CaseDetail; onOpen(open: CaseDialog): void }) {
  const { t } = useTranslation();
  const { events, mayAssign } = useCaseAbilities(c);
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
      {mayAssign && c.state !== 'closed' && (
        <Button onClick={() => onOpen({ kind: 'assign' })} data-testid="case-assign">
          {t('cases.assign.button')}
        </Button>
      )}
    </Space>
  );
}
