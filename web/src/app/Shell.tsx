import { Suspense, useState } from 'react';
import { App, Avatar, Button, Dropdown, Flex, Grid, Layout, Menu, Spin, Typography, theme, type MenuProps } from 'antd';
import { DownOutlined, KeyOutlined, LockOutlined, LogoutOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useAuth, useMe } from './auth';
import { PAGES } from './nav';
import { LocaleSwitch } from './components/LocaleSwitch';
import { RoleTags } from './components/RoleTags';
import { ChangePasswordModal } from '../features/auth/ChangePasswordModal';
import { NotificationBell } from '../features/notifications/NotificationBell';

function isActive(path: string, pathname: string): boolean {
  return path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);
}

function UserMenu() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { logout } = useAuth();
  const [changingPassword, setChangingPassword] = useState(false);

  const items: MenuProps['items'] = [
    {
      key: 'who',
      type: 'group',
      label: (
        <div style={{ maxWidth: 280 }}>
          <Typography.Text strong>{me.displayName}</Typography.Text>{' '}
          <Typography.Text type="secondary">@{me.username}</Typography.Text>
          <div style={{ marginTop: 4 }}><RoleTags roles={me.roles} /></div>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'password', icon: <LockOutlined />, label: t('auth.changePassword'), onClick: () => setChangingPassword(true) },
    { key: 'tokens', icon: <KeyOutlined />, label: <Link to="/account/tokens">{t('auth.apiTokens')}</Link> },
    { type: 'divider' },
    {
      key: 'sign-out',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="sign-out">{t('auth.signOut')}</span>,
      // Ending the session makes the auth guard show the login page.
      onClick: () => void logout().catch((e: Error) => message.error(e.message)),
    },
  ];

  return (
    <>
      <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
        <Button type="text" data-testid="user-menu" style={{ height: 40 }}>
          <Avatar size="small" icon={<UserOutlined />} />
          {me.displayName}
          <DownOutlined style={{ fontSize: 10 }} />
        </Button>
      </Dropdown>
      <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
    </>
  );
}

export function Shell() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { pathname } = useLocation();
  const { token } = theme.useToken();
  const { md } = Grid.useBreakpoint();

  const navPages = PAGES.filter((p) => p.nav && can(p.permission));
  const selected = navPages.filter((p) => isActive(p.path, pathname)).map((p) => p.path);
  const border = `1px solid ${token.colorBorderSecondary}`;

  // Pages of one group sit under its title, where the group's first page would be.
  const menuItems: NonNullable<MenuProps['items']> = [];
  const groups = new Map<string, { key: string; type: 'group'; label: string; children: NonNullable<MenuProps['items']> }>();
  for (const p of navPages) {
    const item = { key: p.path, icon: p.nav?.icon, label: <Link to={p.path}>{p.nav && t(`nav.${p.nav.label}`)}</Link> };
    const name = p.nav?.group;
    if (!name) {
      menuItems.push(item);
      continue;
    }
    let group = groups.get(name);
    if (!group) {
      group = { key: `group:${name}`, type: 'group', label: t(`nav.${name}`), children: [] };
      groups.set(name, group);
      menuItems.push(group);
    }
    group.children.push(item);
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: token.colorBgContainer, borderBottom: border, paddingInline: md ? 24 : 12 }}>
        <Flex align="center" justify="space-between" style={{ height: '100%' }}>
          <Link to="/">
            <Flex align="center" gap={8}>
              <SafetyCertificateOutlined style={{ fontSize: 22, color: token.colorPrimary }} />
              <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>{t('app.name')}</Typography.Title>
            </Flex>
          </Link>
          <Flex align="center" gap={8}>
            <NotificationBell />
            <LocaleSwitch />
            <UserMenu />
          </Flex>
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider theme="light" breakpoint="lg" collapsible style={{ borderRight: border }}>
          <Menu
            mode="inline"
            selectedKeys={selected}
            style={{ borderInlineEnd: 'none' }}
            items={menuItems}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: md ? 24 : 8, minWidth: 0 }}>
          <Suspense fallback={<Spin style={{ display: 'block', marginTop: 64 }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
