import { Result, Spin } from 'antd';
import { ApiError } from '../../app/api';
import { ErrorAlert } from '../../app/components/ErrorAlert';

/** What a detail page shows until its record is there: a spinner, "not found" or the error. */
export function Pending({ error }: { error: Error | null }) {
  if (error instanceof ApiError && error.status === 404) return <Result status="404" title={error.message} />;
  if (error) return <ErrorAlert error={error} />;
  return <Spin style={{ display: 'block', marginTop: 64 }} />;
}
