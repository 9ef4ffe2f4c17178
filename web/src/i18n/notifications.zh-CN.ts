// The bell in the header.
const notificationsZhCN = {
  notifications: {
    title: '通知',
    readAll: '全部标为已读',
    empty: '暂无通知',
  },
};

export default notificationsZhCN;
