import { useState, type ReactNode } from 'react';
import { Button, Checkbox, Form, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { FormModal } from '../../app/components/FormModal';
import { useTaxonomyOptions } from '../cases/queries';
import { useMonitoringWrite } from './queries';
import { alertApi, type AlertDetail, type AlertMove, type EscalateInput } from './types';

export type AlertDialog = 'dismiss' | 'escalate' | null;

interface EscalateValues {
  title: string;
  description: string;
  kind: string;
  subjectMatters?: string[];
  severity?: string;
  comment?: string;
}

/** What a case opened from the alert starts with: the server's own defaults, for the reviewer to change. */
function escalateDefaults(a: AlertDetail): Partial<EscalateValues> {
  const about = a.client?.name ?? a.recipient?.name ?? a.user?.displayName ?? a.ref;
  return {
    title: `${a.ruleLabel}：${about}`.slice(0, 200),
    description: `${a.ref} ${a.explanation}`,
    // An alert about a member of staff is a conflict between staff and a client; otherwise client and firm.
    kind: a.user ? 'staff_client' : 'client_firm',
    subjectMatters: ['other'],
    severity: a.severity,
  };
}

/** The moves the user may make on the alert: those its state allows, for holders of monitoring.triage. */
export function useAlertMoves(a: AlertDetail): AlertMove[] {
  const { can } = useAuth();
  return can('monitoring.triage') ? a.allowedActions : [];
}

/** The dismiss and escalate dialogs; `open` picks one. */
export function useAlertDialogs(a: AlertDetail | undefined) {
  const { t } = useTranslation();
  const write = useMonitoringWrite();
  const kinds = useTaxonomyOptions('conflictKinds');
  const matters = useTaxonomyOptions('subjectMatters');
  const severities = useTaxonomyOptions('severities');
  const [open, setOpen] = useState<AlertDialog>(null);
  const close = () => setOpen(null);

  let dialog: ReactNode = null;
  if (a && open === 'dismiss') {
    dialog = (
      <FormModal<{ reason: string }>
        open
        title={t('monitoring.action.dismissTitle', { ref: a.ref })}
        okText={t('monitoring.action.dismissOk')}
        onCancel={close}
        onSubmit={async (v) => {
          await write(() => api.post(alertApi(a.id, '/dismiss'), { version: a.version, reason: v.reason.trim() }), t('monitoring.action.dismissed'));
          close();
        }}
      >
        <Form.Item name="reason" label={t('monitoring.action.reason')} extra={t('monitoring.action.reasonHelp')} rules={[{ required: true, whitespace: true, message: t('monitoring.action.reasonRequired') }]}>
          <Input.TextArea rows={4} maxLength={2000} data-testid="dismiss-reason" />
        </Form.Item>
      </FormModal>
    );
  }
  if (a && open === 'escalate') {
    dialog = (
      <FormModal<EscalateValues>
        open
        title={t('monitoring.action.escalateTitle', { ref: a.ref })}
        okText={t('monitoring.action.escalateOk')}
        initialValues={escalateDefaults(a)}
        onCancel={close}
        onSubmit={async (v) => {
          const body: EscalateInput = {
            version: a.version,
            title: v.title.trim(),
            description: v.description.trim(),
            kind: v.kind,
            subjectMatters: v.subjectMatters?.length ? v.subjectMatters : undefined,
            severity: v.severity ?? null,
            comment: v.comment?.trim() || null,
          };
          // The page then shows the case it opened (or, after a 409, the alert as it now stands).
          await write(() => api.post<AlertDetail>(alertApi(a.id, '/escalate'), body), t('monitoring.action.escalated'));
          close();
        }}
      >
        <Form.Item name="title" label={t('monitoring.action.caseTitle')} rules={[{ required: true, whitespace: true, message: t('monitoring.action.caseTitleRequired') }]}>
          <Input maxLength={200} data-testid="escalate-title" />
        </Form.Item>
        <Form.Item name="description" label={t('monitoring.action.caseDescription')} rules={[{ required: true, whitespace: true, message: t('monitoring.action.caseDescriptionRequired') }]}>
          <Input.TextArea rows={4} maxLength={8000} data-testid="escalate-description" />
        </Form.Item>
        <Space wrap size={16} align="start">
          <Form.Item name="kind" label={t('monitoring.action.caseKind')} rules={[{ required: true, message: t('monitoring.action.caseKindRequired') }]}>
            <Select options={kinds.options} loading={kinds.loading} style={{ width: 220 }} data-testid="escalate-kind" />
          </Form.Item>
          <Form.Item name="severity" label={t('monitoring.action.caseSeverity')}>
            <Select allowClear options={severities.options} loading={severities.loading} style={{ width: 140 }} data-testid="escalate-severity" />
          </Form.Item>
        </Space>
        <Form.Item name="subjectMatters" label={t('monitoring.action.caseSubjectMatters')}>
          <Checkbox.Group options={matters.options} data-testid="escalate-matters" />
        </Form.Item>
        <Form.Item name="comment" label={t('monitoring.action.comment')}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="escalate-comment" />
        </Form.Item>
      </FormModal>
    );
  }
  return { open: setOpen, dialog };
}

/** 开始审核 takes the alert (assigned to the reader); 排除 and 升级为案件 open their dialogs. */
export function AlertButtons({ a, onOpen, onError }: { a: AlertDetail; onOpen(dialog: AlertDialog): void; onError(error: Error | null): void }) {
  const { t } = useTranslation();
  const write = useMonitoringWrite();
  const moves = useAlertMoves(a);
  const [reviewing, setReviewing] = useState(false);
  if (moves.length === 0) return null;

  const review = async () => {
    setReviewing(true);
    onError(null);
    try {
      await write(() => api.post(alertApi(a.id, '/review'), { version: a.version }), t('monitoring.action.reviewed'));
    } catch (e) {
      onError(e as Error);
    } finally {
      setReviewing(false);
    }
  };

  return (
    <Space wrap data-testid="alert-actions">
      {moves.includes('review') && (
        <Button type="primary" loading={reviewing} onClick={() => void review()} data-testid="alert-review">
          {t('monitoring.action.review')}
        </Button>
      )}
      {moves.includes('escalate') && (
        <Button type="primary" danger onClick={() => onOpen('escalate')} data-testid="alert-escalate">
          {t('monitoring.action.escalate')}
        </Button>
      )}
      {moves.includes('dismiss') && (
        <Button autoInsertSpace={false} onClick={() => onOpen('dismiss')} data-testid="alert-dismiss">
          {t('monitoring.action.dismiss')}
        </Button>
      )}
    </Space>
  );
}
