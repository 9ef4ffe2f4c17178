import { Alert } from 'antd';

/** Inline error banner, optionally with detail lines; renders nothing when there is no error. */
export function ErrorAlert({ error, details = [] }: { error: Error | string | null | undefined; details?: string[] }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={typeof error === 'string' ? error : error.message}
      description={details.length > 0 && details.map((line) => <div key={line}>{line}</div>)}
      style={{ marginBottom: 16 }}
    />
  );
}
