import { useState } from 'react';
import { Alert, Button, Card, Flex, Progress, Select, Space, Steps, Typography, Upload } from 'antd';
import { CheckOutlined, CloudUploadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../../app/api';
import { ErrorAlert } from '../../../app/components/ErrorAlert';
import { uploadFile } from '../../../app/upload';
import { useRegistryRefresh } from '../queries';
import { ImportReportView, ImportResult } from './ImportReportView';
import { chosen, IMPORT_KINDS, importUrl, sameMapping, type ImportField, type ImportKind, type ImportReport, type Mapping } from './importTypes';
import { guessMapping, MappingTable } from './MappingTable';
import { TemplateHint } from './TemplateHint';

interface Run {
  /** The last dry run and the mapping it settled on; confirming re-sends exactly that. */
  report?: ImportReport;
  checked: Mapping;
  result?: ImportReport;
  error?: Error;
}

export default function ImportPage() {
  const { t } = useTranslation();
  const refresh = useRegistryRefresh();
  const [kind, setKind] = useState<ImportKind>('parties');
  const [file, setFile] = useState<File | null>(null);
  const [columns, setColumns] = useState<string[]>([]);
  const [mapping, setMapping] = useState<Mapping>({});
  const [run, setRun] = useState<Run>({ checked: {} });
  const [progress, setProgress] = useState<number | null>(null);
  const fields = useQuery({
    queryKey: ['registry-import-fields', kind],
    queryFn: () => api.get<{ fields: ImportField[] }>('/api/registry/imports/fields', { kind }),
    enabled: kind !== 'ftm',
    staleTime: Infinity,
  });
  const fieldList = kind === 'ftm' ? undefined : fields.data?.fields;

  // A new kind or file starts over: the old report and mapping describe something else.
  function start(nextKind: ImportKind, nextFile: File | null) {
    setKind(nextKind);
    setFile(nextFile);
    setColumns([]);
    setMapping({});
    setRun({ checked: {} });
  }

  async function send(dryRun: boolean) {
    if (!file) return;
    setProgress(0);
    try {
      const report = await uploadFile<ImportReport>(importUrl(kind, dryRun, dryRun ? mapping : run.checked), file, setProgress);
      if (dryRun) {
        const settled = guessMapping(fieldList ?? [], report.columns, report.mapping);
        setColumns(report.columns);
        setMapping(settled);
        setRun({ report, checked: settled });
      } else {
        setRun((r) => ({ ...r, result: report, error: undefined }));
        await refresh();
      }
    } catch (e) {
      // A missing required column comes back without a report; its details still name the file's columns.
      const found = e instanceof ApiError && Array.isArray(e.details.columns) ? (e.details.columns as string[]) : null;
      if (found && fieldList) {
        setColumns(found);
        setMapping(guessMapping(fieldList, found, chosen(mapping)));
      }
      setRun((r) => ({ ...r, error: e as Error, ...(dryRun && { report: undefined }) }));
    } finally {
      setProgress(null);
    }
  }

  const { report, result } = run;
  const stale = !!report && !sameMapping(run.checked, mapping);
  const busy = progress !== null;

  return (
    <Card title={t('imports.title')}>
      <Steps
        // Past the last step once imported, so every step shows as done.
        current={result ? 3 : report ? 1 : 0}
        items={[{ title: t('imports.stepFile') }, { title: t('imports.stepCheck') }, { title: t('imports.stepDone') }]}
        style={{ marginBottom: 24 }}
      />
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Flex wrap gap={12} align="center">
          <Select
            data-testid="import-kind"
            value={kind}
            onChange={(k: ImportKind) => start(k, file)}
            options={IMPORT_KINDS.map((k) => ({ value: k, label: t(`imports.kind.${k}`) }))}
            style={{ width: 200 }}
          />
          <Upload
            data-testid="import-file"
            accept=".csv,.xlsx,.jsonl"
            maxCount={1}
            beforeUpload={(f) => {
              start(kind, f);
              return false;
            }}
            onRemove={() => start(kind, null)}
            fileList={file ? [{ uid: 'file', name: file.name, size: file.size, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />}>{t('imports.chooseFile')}</Button>
          </Upload>
          {!result && (
            <Button data-testid="import-validate" type={report ? 'default' : 'primary'} icon={<CheckOutlined />} disabled={!file || busy || (kind !== 'ftm' && !fieldList)} loading={busy} onClick={() => send(true)}>
              {report ? t('imports.revalidate') : t('imports.validate')}
            </Button>
          )}
        </Flex>
        {!report && <TemplateHint kind={kind} fields={fieldList} />}
        {busy && <Progress percent={progress} status="active" />}
        <ErrorAlert error={run.error} />
        {fieldList && columns.length > 0 && !result && (
          <Card type="inner" size="small" title={t('imports.mapping')} extra={<Typography.Text type="secondary">{t('imports.columnsFound', { count: columns.length })}</Typography.Text>}>
            <MappingTable fields={fieldList} columns={columns} mapping={mapping} onChange={setMapping} />
          </Card>
        )}
        <div data-testid="import-result">
          {result ? (
            <ImportResult report={result} onRestart={() => start(kind, null)} />
          ) : (
            report && (
              <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                <ImportReportView report={report} />
                {stale && <Alert type="warning" showIcon title={t('imports.mappingChanged')} />}
                <Button data-testid="import-confirm" type="primary" icon={<CloudUploadOutlined />} disabled={report.valid === 0 || busy || stale} onClick={() => send(false)}>
                  {t('imports.confirm', { count: report.valid })}
                </Button>
              </Space>
            )
          )}
        </div>
      </Space>
    </Card>
  );
}
