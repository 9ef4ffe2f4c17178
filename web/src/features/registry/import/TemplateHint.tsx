import { Alert, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ImportField, ImportKind } from './importTypes';

/** The columns a file of this kind should have, with a one-line CSV template to download. */
export function TemplateHint({ kind, fields }: { kind: ImportKind; fields?: ImportField[] }) {
  const { t } = useTranslation();
  if (kind === 'ftm') return <Alert type="info" showIcon title={t('imports.ftmHint')} />;
  if (!fields) return null;
  const header = fields.map((f) => f.name).join(',');
  // A BOM so Excel opens the UTF-8 file with Chinese intact.
  const href = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${header}\r\n`)}`;
  return (
    <Alert
      type="info"
      showIcon
      title={t('imports.templateTitle')}
      description={
        <>
          <Typography.Paragraph copyable={{ text: header }} style={{ marginBottom: 4 }}>
            <Typography.Text code>{header}</Typography.Text>
          </Typography.Paragraph>
          <Typography.Text type="secondary">
            {t('imports.requiredFields', { fields: fields.filter((f) => f.required).map((f) => f.name).join(', ') })}
          </Typography.Text>{' '}
          <a href={href} download={`${kind}-template.csv`}><DownloadOutlined /> {t('imports.downloadTemplate')}</a>
        </>
      }
    />
  );
}
