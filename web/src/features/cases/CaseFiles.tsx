import { useState } from 'react';
import { App, Button, Flex, Progress, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { formatDateTime } from '../../app/format';
import { uploadFile } from '../../app/upload';
import { KEYS, useCasesRefresh } from './queries';
import { caseApi, type CaseAttachment } from './types';

const size = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** The case's evidence files: listed with their fingerprint, downloaded, and (for those who may report) added. */
export function CaseFiles({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const refresh = useCasesRefresh();
  const files = useQuery({ queryKey: [KEYS.case, caseId, 'attachments'], queryFn: () => api.get<{ items: CaseAttachment[] }>(caseApi(caseId, '/attachments')) });
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);

  async function upload(file: File) {
    setError(null);
    setProgress(0);
    try {
      await uploadFile(caseApi(caseId, `/attachments?name=${encodeURIComponent(file.name)}`), file, setProgress, { method: 'PUT' });
      message.success(t('cases.attachments.uploaded'));
      await refresh();
    } catch (e) {
      setError(e as Error);
    } finally {
      setProgress(null);
    }
  }

  return (
    <Flex vertical gap={8}>
      <ErrorAlert error={files.error ?? error} />
      <Table<CaseAttachment>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={files.data?.items}
        loading={files.isPending}
        locale={{ emptyText: t('cases.attachments.none') }}
        data-testid="case-files"
        columns={[
          {
            title: t('cases.attachments.title'),
            key: 'file',
            render: (_, a) => (
              <a href={caseApi(caseId, `/attachments/${a.id}`)} download={a.fileName}>
                <DownloadOutlined /> {a.fileName}
              </a>
            ),
          },
          { title: '', dataIndex: 'sizeBytes', width: 90, render: (v: number) => <Typography.Text type="secondary">{size(v)}</Typography.Text> },
          { title: t('cases.attachments.by'), key: 'by', width: 150, render: (_, a) => <>{a.uploadedBy?.displayName ?? t('common.none')}<br /><Typography.Text type="secondary">{formatDateTime(a.uploadedAt)}</Typography.Text></> },
        ]}
      />
      {can('cases.report') && (
        <Flex align="center" gap={12}>
          <Upload showUploadList={false} beforeUpload={(file) => { void upload(file); return false; }}>
            <Button icon={<UploadOutlined />} loading={progress !== null} data-testid="case-file-upload">{t('cases.attachments.upload')}</Button>
          </Upload>
          {progress !== null && <Progress percent={progress} size="small" style={{ width: 160 }} />}
        </Flex>
      )}
    </Flex>
  );
}
