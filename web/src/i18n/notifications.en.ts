import type { Messages } from './messages';
import type notificationsZhCN from './notifications.zh-CN';

const notificationsEn: Messages<typeof notificationsZhCN> = {
  notifications: {
    title: 'Notifications',
    readAll: 'Mark all read',
    empty: 'No notifications',
  },
};

export default notificationsEn;
