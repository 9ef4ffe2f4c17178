import { Alert, Button, Col, Result, Row, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { isCreatedType, LIST_OF, type ImportReport, type RejectedRow } from './importTypes';

/** Counts, rejected rows with their line and rule, and the first valid rows as they will be stored. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const rejectedLines = new Set(report.rejected.map((r) => r.line)).size;
  const rejectedColumns: TableColumnsType<RejectedRow> = [
    { title: t('imports.line'), dataIndex: 'line', width: 80 },
    { title: t('imports.field'), dataIndex: 'field', width: 160, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('imports.code'), dataIndex: 'code', width: 200 },
    { title: t('imports.message'), dataIndex: 'message' },
  ];
  const previewKeys = Object.keys(report.preview[0] ?? {});

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col span={6}><Statistic title={t('imports.rows')} value={report.rows} /></Col>
        <Col span={6}><Statistic title={t('imports.valid')} value={report.valid} styles={{ content: { color: '#389e0d' } }} /></Col>
        <Col span={6}><Statistic title={t('imports.rejectedRows')} value={rejectedLines} styles={{ content: { color: rejectedLines ? '#cf1322' : undefined } }} /></Col>
        <Col span={6}><Statistic title={t('imports.format')} value={[report.format.toUpperCase(), report.encoding].filter(Boolean).join(' · ')} /></Col>
      </Row>
      {report.rejected.length > 0 && (
        <>
          <Alert type="warning" showIcon title={t('imports.rejectedHint')} />
          <Table<RejectedRow>
            rowKey={(r) => `${r.line}:${r.field}:${r.code}`}
            size="small"
            columns={rejectedColumns}
            dataSource={report.rejected}
            pagination={report.rejected.length > 10 ? { pageSize: 10 } : false}
          />
        </>
      )}
      {previewKeys.length > 0 && (
        <>
          <Typography.Title level={5} style={{ margin: 0 }}>{t('imports.preview')}</Typography.Title>
          <Table<Record<string, string>>
            rowKey="__row"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={previewKeys.map((k) => ({ title: k, dataIndex: k }))}
            dataSource={report.preview.map((row, index) => ({ ...row, __row: String(index) }))}
          />
        </>
      )}
    </Space>
  );
}

/** After the write: what was created, with links to where it is listed. */
export function ImportResult({ report, onRestart }: { report: ImportReport; onRestart(): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const created = Object.entries(report.created).filter(([, n]) => n > 0);
  const label = (type: string) => (isCreatedType(type) ? t(`imports.createdType.${type}`) : type);
  const lists = new Set(created.map(([type]) => (isCreatedType(type) ? LIST_OF[type] : undefined)).filter((l) => l !== undefined));
  return (
    <Result
      status="success"
      title={t('imports.done')}
      subTitle={created.map(([type, count]) => t('imports.createdCount', { type: label(type), count })).join(t('imports.separator'))}
      extra={[
        ...[...lists].map((list) => (
          <Button key={list} onClick={() => navigate(`/registry/${list}`)}>{t('imports.openList', { list: t(`nav.${list}`) })}</Button>
        )),
        <Button key="again" type="primary" onClick={onRestart}>{t('imports.again')}</Button>,
      ]}
    />
  );
}
