import { useState } from 'react';
import { Button, Checkbox, Form, Input, Select } from 'antd';
import { FileAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { FormModal } from '../../app/components/FormModal';
import type { ConflictHit } from '../conflicts/types';
import { useCasesRefresh, useTaxonomyOptions } from './queries';
import { CASES_API, casePath, type CaseDetail, type NewCaseInput } from './types';

interface Values {
  title: string;
  description: string;
  kind: string;
  subjectMatters: string[];
  pathIndex?: number;
}

/**
 * 立案 on a hit of a saved check: opens a conflict case from the check and the hit (the server copies
 * the chosen path as evidence) and goes to it. For those who may run checks and report conflicts.
 */
export function OpenCaseFromHit({ checkId, hit }: { checkId: string; hit: ConflictHit }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const refresh = useCasesRefresh();
  const kinds = useTaxonomyOptions('conflictKinds');
  const matters = useTaxonomyOptions('subjectMatters');
  const [open, setOpen] = useState(false);
  if (!can('cases.report') || !can('conflicts.check')) return null;

  const first = hit.paths[0];
  const toStaff = hit.party.staff || hit.paths.some((p) => p.target === 'staff');
  return (
    <>
      <Button size="small" icon={<FileAddOutlined />} onClick={() => setOpen(true)} data-testid="hit-open-case">
        {t('cases.fromHit.button')}
      </Button>
      <FormModal<Values>
        open={open}
        title={t('cases.fromHit.title', { name: hit.party.name })}
        okText={t('cases.fromHit.ok')}
        initialValues={{
          title: t('cases.fromHit.defaultTitle', { name: hit.party.name }),
          description: [first?.text, ...hit.reasons.map((r) => r.text)].filter(Boolean).join('\n'),
          kind: toStaff ? 'staff_client' : 'client_client',
          subjectMatters: [],
          pathIndex: hit.paths.length > 0 ? 0 : undefined,
        }}
        onCancel={() => setOpen(false)}
        onSubmit={async (v) => {
          const body: NewCaseInput = {
            source: 'conflict_check',
            title: v.title.trim(),
            description: v.description.trim(),
            kind: v.kind,
            subjectMatters: v.subjectMatters,
            conflictCheck: { checkId, partyId: hit.party.id, ...(v.pathIndex !== undefined ? { pathIndex: v.pathIndex } : {}) },
          };
          const opened = await api.post<CaseDetail>(CASES_API, body);
          await refresh();
          setOpen(false);
          navigate(casePath(opened.id));
        }}
      >
        <Form.Item name="title" label={t('cases.report.titleLabel')} rules={[{ required: true, whitespace: true, message: t('cases.report.titleRequired') }]}>
          <Input maxLength={200} data-testid="from-hit-title" />
        </Form.Item>
        {hit.paths.length > 1 && (
          <Form.Item name="pathIndex" label={t('cases.fromHit.path')}>
            <Select options={hit.paths.map((p, i) => ({ value: i, label: p.text }))} data-testid="from-hit-path" />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('cases.report.kind')} rules={[{ required: true, message: t('cases.report.kindRequired') }]}>
          <Select options={kinds.options} data-testid="from-hit-kind" />
        </Form.Item>
        <Form.Item name="subjectMatters" label={t('cases.report.subjectMatters')} rules={[{ required: true, type: 'array', min: 1, message: t('cases.report.subjectMattersRequired') }]}>
          <Checkbox.Group options={matters.options} data-testid="from-hit-matters" />
        </Form.Item>
        <Form.Item name="description" label={t('cases.report.description')} rules={[{ required: true, whitespace: true, message: t('cases.report.descriptionRequired') }]}>
          <Input.TextArea rows={4} maxLength={8000} data-testid="from-hit-description" />
        </Form.Item>
      </FormModal>
    </>
  );
}
