import { useState } from 'react';
import { App, Badge, Button, Empty, Flex, List, Popover, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';
import type { Page } from '../../app/paging';

interface Notification {
  id: string;
  kind: string;
  text: string;
  entityType: string | null;
  entityId: string | null;
  createdAt: string;
  readAt: string | null;
}

const KEY = 'notifications';
const API = '/api/notifications';

/** Where a notification leads: the record it is about. */
const pages: Record<string, string> = { benefit_request: '/benefits/requests', conflict_case: '/cases', staff_disclosure: '/disclosures', alert: '/alerts' };
const linkOf = (n: Notification) => {
  const page = n.entityType ? pages[n.entityType] : n.kind.startsWith('benefit.') ? pages.benefit_request : undefined;
  return n.entityId && page ? `${page}/${encodeURIComponent(n.entityId)}` : null;
};

/** The bell in the header: unread count polled every 30 s, the latest items, mark read one by one or all. */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const count = useQuery({
    queryKey: [KEY, 'count'],
    queryFn: () => api.get<{ count: number }>(`${API}/unread-count`),
    refetchInterval: 30_000,
    refetchIntervalInBackground: false,
    retry: false,
  });
  // Texts come in the reader's language, so the list is kept per language.
  const list = useQuery({
    queryKey: [KEY, 'list', i18n.language],
    queryFn: () => api.get<Page<Notification>>(API, { pageSize: 10 }),
    enabled: open,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: [KEY] });

  async function read(n: Notification) {
    setOpen(false);
    if (!n.readAt) await api.post(`${API}/${encodeURIComponent(n.id)}/read`).catch(() => undefined);
    void refresh();
    const link = linkOf(n);
    if (link) navigate(link);
  }

  async function readAll() {
    try {
      await api.post(`${API}/read-all`);
      await refresh();
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  const unread = count.data?.count ?? 0;
  const content = (
    <div style={{ width: 360 }} data-testid="notifications">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button size="small" type="link" disabled={unread === 0} onClick={() => void readAll()} data-testid="notifications-read-all">
          {t('notifications.readAll')}
        </Button>
      </Flex>
      {list.isPending ? (
        <Spin style={{ display: 'block', margin: 16 }} />
      ) : (
        <List<Notification>
          size="small"
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} /> }}
          style={{ maxHeight: 420, overflowY: 'auto' }}
          renderItem={(n) => (
            <List.Item
              onClick={() => void read(n)}
              style={{ cursor: 'pointer', paddingInline: 8, background: n.readAt ? undefined : 'rgba(29, 79, 145, 0.06)' }}
              data-testid="notification"
              data-read={n.readAt ? 'true' : 'false'}
            >
              <Flex vertical gap={2}>
                <Typography.Text strong={!n.readAt}>{n.text}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(n.createdAt)}</Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover content={content} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen}>
      <Button type="text" aria-label={t('notifications.title')} data-testid="notification-bell">
        <Badge count={unread} size="small" overflowCount={99} data-testid="notification-count">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
