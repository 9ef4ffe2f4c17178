import { Button, Card, Spin } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { CheckResult } from './CheckResult';
import { ConflictsAccess } from './ConflictsAccess';
import { useConflictCheck } from './queries';
import { HISTORY_PATH } from './types';

function SavedCheck({ id }: { id: string }) {
  const { t } = useTranslation();
  const check = useConflictCheck(id);
  return (
    <Card
      title={check.data ? t('conflicts.check.title', { ref: check.data.ref }) : t('conflicts.check.loading')}
      extra={
        <Link to={HISTORY_PATH}>
          <Button icon={<ArrowLeftOutlined />}>{t('conflicts.check.back')}</Button>
        </Link>
      }
    >
      <ErrorAlert error={check.error} />
      {check.isPending && <Spin style={{ display: 'block', margin: '48px auto' }} />}
      {check.data && <CheckResult check={check.data} />}
    </Card>
  );
}

/** One saved check, exactly as it ran. */
export default function CheckPage() {
  const { id = '' } = useParams();
  return (
    <ConflictsAccess tab={HISTORY_PATH}>
      <SavedCheck id={id} />
    </ConflictsAccess>
  );
}
