import { useRef, useState } from 'react';
import { App, Button, Flex, Popconfirm, Progress, Select, Table, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { uploadFile } from '../../app/upload';
import { useBenefitSettings } from './queries';
import { EVIDENCE_KINDS, requestApi, type Attachment, type EvidenceKind } from './types';

const size = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 102.4) / 10} KB` : `${Math.round(bytes / 104857.6) / 10} MB`);

type UploadState = { name: string; percent: number };

/** Uploads one evidence file, reporting its progress and null once it is done or has failed. */
async function uploadAttachment(requestId: string, file: File, kind: EvidenceKind, onProgress: (p: UploadState | null) => void): Promise<void> {
  onProgress({ name: file.name, percent: 0 });
  try {
    const path = `${requestApi(requestId, '/attachments')}?kind=${encodeURIComponent(kind)}&name=${encodeURIComponent(file.name)}`;
    await uploadFile(path, file, (percent) => onProgress({ name: file.name, percent }), { method: 'PUT', contentType: file.type || 'application/octet-stream' });
  } finally {
    onProgress(null);
  }
}

/** The evidence kind and the file button; a file over the size limit is refused here, before any upload. */
function FilePicker({ disabled, onPick }: { disabled: boolean; onPick(file: File, kind: EvidenceKind): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useBenefitSettings();
  const input = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<EvidenceKind>('invoice');
  const maxMb = settings.data?.attachmentMaxMb;
  return (
    <Flex gap={8} align="center" wrap>
      <Select<EvidenceKind>
        value={kind}
        onChange={setKind}
        style={{ width: 160 }}
        options={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`benefits.evidence.${k}`) }))}
        data-testid="attachment-kind"
      />
      <Button icon={<PaperClipOutlined />} onClick={() => input.current?.click()} disabled={disabled} data-testid="attachment-add">
        {t('benefits.attachments.add')}
      </Button>
      {maxMb && <Typography.Text type="secondary">{t('benefits.attachments.maxSize', { max: maxMb })}</Typography.Text>}
      <input
        ref={input}
        type="file"
        hidden
        data-testid="attachment-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          if (maxMb && file.size > maxMb * 1024 * 1024) message.error(t('benefits.attachments.tooLarge', { name: file.name, max: maxMb }));
          else onPick(file, kind);
        }}
      />
    </Flex>
  );
}

function UploadProgress({ progress }: { progress: UploadState | null }) {
  if (!progress) return null;
  return (
    <div data-testid="upload-progress">
      <Typography.Text type="secondary">{progress.name}</Typography.Text>
      <Progress percent={progress.percent} size="small" />
    </div>
  );
}

interface Props {
  requestId: string;
  /** The request's version, which removing a file must name. */
  version: number;
  attachments: Attachment[];
  /** Files may be added or removed (draft, returned). */
  editable: boolean;
  onChanged(): void;
}

/** The request's evidence: download each file; while editable, upload more with a progress bar or remove one. */
export function Attachments({ requestId, version, attachments, editable, onChanged }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [progress, setProgress] = useState<UploadState | null>(null);

  async function send(file: File, kind: EvidenceKind) {
    try {
      await uploadAttachment(requestId, file, kind, setProgress);
      message.success(t('benefits.attachments.uploaded', { name: file.name }));
      onChanged();
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  async function remove(a: Attachment) {
    try {
      await api.post(requestApi(requestId, `/attachments/${encodeURIComponent(a.id)}/remove`), { version });
      onChanged();
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  const columns: TableColumnsType<Attachment> = [
    {
      title: t('benefits.attachments.file'),
      dataIndex: 'fileName',
      render: (name: string, a) => (
        <a href={requestApi(requestId, `/attachments/${encodeURIComponent(a.id)}`)} download={name} data-testid="attachment-link">
          <DownloadOutlined /> {name}
        </a>
      ),
    },
    { title: t('benefits.attachments.kind'), dataIndex: 'evidenceKind', width: 130, render: (k: EvidenceKind) => t(`benefits.evidence.${k}`) },
    { title: t('benefits.attachments.size'), dataIndex: 'sizeBytes', width: 100, align: 'right', render: size },
    { title: t('benefits.attachments.uploadedBy'), key: 'by', width: 110, render: (_, a) => a.uploadedBy?.displayName ?? t('common.none') },
    { title: t('benefits.attachments.uploadedAt'), dataIndex: 'uploadedAt', width: 170, render: (v: string) => formatDateTime(v) },
    ...(editable
      ? [{
          title: t('common.actions'),
          key: 'actions',
          width: 90,
          render: (_: unknown, a: Attachment) => (
            <Popconfirm title={t('benefits.attachments.removeConfirm')} onConfirm={() => void remove(a)}>
              <Button size="small" type="link" danger>{t('benefits.attachments.remove')}</Button>
            </Popconfirm>
          ),
        }]
      : []),
  ];

  return (
    <Flex vertical gap={8} data-testid="attachments">
      {editable && <FilePicker disabled={progress !== null} onPick={(file, kind) => void send(file, kind)} />}
      <UploadProgress progress={progress} />
      <Table<Attachment> rowKey="id" size="small" columns={columns} dataSource={attachments} pagination={false} locale={{ emptyText: t('benefits.attachments.none') }} />
    </Flex>
  );
}

export interface QueuedFile {
  file: File;
  kind: EvidenceKind;
}

/** Files chosen before the draft exists: they count as evidence in the pre-check and are uploaded on saving. */
export function QueuedAttachments({ queued, onChange, progress }: { queued: QueuedFile[]; onChange(next: QueuedFile[]): void; progress: UploadState | null }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8} data-testid="attachments">
      <FilePicker disabled={progress !== null} onPick={(file, kind) => onChange([...queued, { file, kind }])} />
      <UploadProgress progress={progress} />
      {queued.length > 0 && (
        <Table<QueuedFile>
          rowKey={(q) => `${q.file.name}:${q.file.size}:${q.kind}`}
          size="small"
          pagination={false}
          dataSource={queued}
          columns={[
            { title: t('benefits.attachments.file'), key: 'name', render: (_, q) => q.file.name },
            { title: t('benefits.attachments.kind'), key: 'kind', width: 130, render: (_, q) => t(`benefits.evidence.${q.kind}`) },
            { title: t('benefits.attachments.size'), key: 'size', width: 100, align: 'right', render: (_, q) => size(q.file.size) },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 90,
              render: (_, q) => (
                <Button size="small" type="link" danger onClick={() => onChange(queued.filter((x) => x !== q))}>
                  {t('benefits.attachments.remove')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <Typography.Text type="secondary">{t('benefits.attachments.queuedHelp')}</Typography.Text>
    </Flex>
  );
}

/** Uploads files one after another to a saved request, reporting each file's progress. */
export async function uploadAll(requestId: string, files: QueuedFile[], onProgress: (p: UploadState | null) => void): Promise<void> {
  for (const { file, kind } of files) await uploadAttachment(requestId, file, kind, onProgress);
}
