import { useEffect, useRef, useState } from 'react';
import { Alert, Divider, Spin } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, fieldErrorLines } from '../../app/api';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { CheckForm } from './CheckForm';
import { CheckResult } from './CheckResult';
import { ConflictsFrame } from './ConflictsFrame';
import { useConflictCheck, useConflictSettings, useForgetHistory, useRememberCheck } from './queries';
import { CHECKS_API, CONFLICTS_PATH, type ConflictCheck, type ConflictCheckInput, type ConflictSettings } from './types';

/** What a check uses when the firm's settings cannot be read; the server applies its own anyway. */
const FALLBACK: ConflictSettings = { defaultMode: 'fuzzy', defaultHops: 2, minScore: 0.5 };

/** 利益冲突检索: type the subjects, see matching parties as you type, run the check and read its hits. */
export default function ConflictsPage() {
  const { t } = useTranslation();
  const remember = useRememberCheck();
  const forgetHistory = useForgetHistory();
  const settings = useConflictSettings();
  const resultRef = useRef<HTMLDivElement>(null);
  // The check just run, read through the cache so that switching language explains it again.
  const [lastId, setLastId] = useState<string>();
  const last = useConflictCheck(lastId);

  const run = useMutation({
    mutationFn: (input: ConflictCheckInput) => api.post<ConflictCheck>(CHECKS_API, input),
    onSuccess: (check) => {
      remember(check);
      setLastId(check.id);
      void forgetHistory();
    },
  });

  useEffect(() => {
    if (run.data) resultRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [run.data]);

  const error = run.error ?? last.error;
  const shown = run.isPending || run.isError ? undefined : last.data;
  const details = fieldErrorLines(error);

  return (
    <ConflictsFrame active={CONFLICTS_PATH}>
      {settings.isPending ? (
        <Spin style={{ display: 'block', margin: '48px auto' }} />
      ) : (
        <>
          {settings.error && <Alert type="warning" showIcon title={t('conflicts.settings.unavailable', { message: settings.error.message })} style={{ marginBottom: 16 }} />}
          <CheckForm settings={settings.data ?? FALLBACK} running={run.isPending} onRun={(input) => run.mutate(input)} />
        </>
      )}
      <div ref={resultRef} style={{ scrollMarginTop: 16 }}>
        {(error || shown) && <Divider titlePlacement="start">{t('conflicts.result.title')}</Divider>}
        <ErrorAlert error={error} details={details} />
        {shown && <CheckResult check={shown} linkRef />}
      </div>
    </ConflictsFrame>
  );
}
