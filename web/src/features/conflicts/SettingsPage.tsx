import { App, Button, Form, InputNumber, Radio, Spin, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fieldErrorLines } from '../../app/api';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { ConflictsFrame } from './ConflictsFrame';
import { KEYS, saveConflictSettings, useConflictSettings } from './queries';
import { MATCH_MODES, MAX_HOPS, SETTINGS_PATH, type ConflictSettings, type MatchMode } from './types';

interface Values {
  defaultMode: MatchMode;
  defaultHops: number;
  /** As a percentage in the form; a fraction in the API. */
  minScore: number;
}

function SettingsForm({ current }: { current: ConflictSettings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (values: Values) => saveConflictSettings({ ...values, minScore: values.minScore / 100 }),
    onSuccess: (saved) => {
      queryClient.setQueryData([KEYS.settings], saved);
      message.success(t('conflicts.settings.saved'));
    },
  });

  return (
    <Form<Values>
      layout="vertical"
      initialValues={{ ...current, minScore: Math.round(current.minScore * 100) }}
      onFinish={(values) => save.mutate(values)}
      style={{ maxWidth: 640 }}
      data-testid="settings-form"
    >
      <Typography.Paragraph type="secondary">{t('conflicts.settings.intro')}</Typography.Paragraph>
      <ErrorAlert error={save.error} details={fieldErrorLines(save.error)} />
      <Form.Item name="defaultMode" label={t('conflicts.settings.defaultMode')} extra={t('conflicts.form.modeHelp')} rules={[{ required: true }]}>
        <Radio.Group optionType="button" options={MATCH_MODES.map((m) => ({ value: m, label: t(`conflicts.mode.${m}`) }))} data-testid="settings-mode" />
      </Form.Item>
      <Form.Item name="defaultHops" label={t('conflicts.settings.defaultHops')} extra={t('conflicts.form.hopsHelp')} rules={[{ required: true }]}>
        <Radio.Group optionType="button" options={Array.from({ length: MAX_HOPS + 1 }, (_, h) => ({ value: h, label: String(h) }))} data-testid="settings-hops" />
      </Form.Item>
      <Form.Item name="minScore" label={t('conflicts.settings.minScore')} extra={t('conflicts.settings.minScoreHelp')} rules={[{ required: true, message: t('conflicts.settings.minScoreRange') }]}>
        <InputNumber min={30} max={100} step={5} precision={0} suffix="%" style={{ width: 140 }} data-testid="settings-min-score" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}

/** The firm's defaults for every check: match mode, hops and the lowest score shown. */
function Settings() {
  const settings = useConflictSettings();
  return (
    <>
      <ErrorAlert error={settings.error} />
      {settings.isPending && <Spin style={{ display: 'block', margin: '48px auto' }} />}
      {settings.data && <SettingsForm current={settings.data} />}
    </>
  );
}

export default function SettingsPage() {
  return (
    <ConflictsFrame active={SETTINGS_PATH}>
      <Settings />
    </ConflictsFrame>
  );
}
