import { Button, Dropdown } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { queryString, type Query } from '../../app/api';

/** CSV / XLSX downloads of a list with its current filters, and optionally the FtM file of everything. */
export function ExportButtons({ list, filters, ftm = false }: { list: 'parties' | 'clients' | 'relationships'; filters: Query; ftm?: boolean }) {
  const { t } = useTranslation();
  const href = (format: 'csv' | 'xlsx') => `/api/registry/export/${list}${queryString({ ...filters, format })}`;
  const items = [
    { key: 'csv', label: <a href={href('csv')} download>{t('registry.exportCsv')}</a> },
    { key: 'xlsx', label: <a href={href('xlsx')} download>{t('registry.exportXlsx')}</a> },
    ...(ftm ? [{ key: 'ftm', label: <a href="/api/registry/ftm/export" download>{t('registry.exportFtm')}</a> }] : []),
  ];
  return (
    <Dropdown menu={{ items }}>
      <Button icon={<DownloadOutlined />}>{t('registry.export')}</Button>
    </Dropdown>
  );
}
