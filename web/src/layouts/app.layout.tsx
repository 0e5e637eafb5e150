import { LogoutOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Avatar, Button, Dropdown, Flex, Layout, Menu, Result, Tooltip, Typography, type MenuProps } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { authApi } from '../api/endpoints';
import { APP_TITLE } from '../components/page-container';
import { PageLoading } from '../components/query-state';
import { APP_ROUTES, MENU_GROUPS, type AppRoute } from '../routes';
import { clearSession, useAccess, useMe } from '../session/session';

const { Header, Sider, Content } = Layout;

type MenuItem = Required<MenuProps>['items'][number];

const menuPath = (r: AppRoute) => `/${r.path}`;

/** The frame of every staff page: header with the user, side menu by permission, content. */
export function AppLayout() {
  const me = useMe();
  const access = useAccess();
  const location = useLocation();
  const navigate = useNavigate();

  const menuRoutes = APP_ROUTES.filter((r) => r.menu && access.can(r.permission));
  const leaf = (r: AppRoute): MenuItem => ({ key: menuPath(r), icon: r.menu!.icon, label: <Link to={menuPath(r)}>{r.title}</Link> });
  const items: MenuItem[] = menuRoutes.filter((r) => !r.menu!.group).map(leaf);
  for (const g of MENU_GROUPS) {
    const children = menuRoutes.filter((r) => r.menu!.group === g.key).map(leaf);
    if (children.length) items.push({ key: g.key, icon: g.icon, label: g.label, children });
  }

  // The deepest menu entry containing the current page (a village page lights up the village list).
  const selected =
    menuRoutes
      .map(menuPath)
      .filter((p) => (p === '/' ? location.pathname === '/' : location.pathname === p || location.pathname.startsWith(`${p}/`)))
      .sort((a, b) => b.length - a.length)[0] ?? '';

  const logout = useMutation({
    mutationFn: authApi.logout,
    onSettled: () => {
      clearSession(null);
      void navigate('/login', { replace: true });
    },
  });

  const userMenu: MenuProps['items'] = [
    { key: 'account', icon: <SettingOutlined />, label: '账户设置', onClick: () => void navigate('/account') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', onClick: () => logout.mutate() },
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ background: 'linear-gradient(90deg, #a8071a, #cf1322)', paddingInline: 20, display: 'flex', alignItems: 'center' }}>
        <Link to="/" className="xc-brand">
          <span className="xc-brand-mark">巡</span>
          {APP_TITLE}
        </Link>
        <Flex align="center" gap={12} style={{ marginLeft: 'auto', color: '#fff' }}>
          <Dropdown menu={{ items: userMenu }} placement="bottomRight">
            <Flex align="center" gap={8} style={{ cursor: 'pointer' }} data-testid="current-user">
              <Avatar size="small" icon={<UserOutlined />} style={{ background: '#ffd666', color: '#a8071a' }} />
              <span>{me.displayName}</span>
              <Typography.Text style={{ color: 'rgba(255,255,255,0.8)' }}>
                {me.org.name}
              </Typography.Text>
            </Flex>
          </Dropdown>
          <Tooltip title="退出登录">
            <Button
              type="text"
              icon={<LogoutOutlined />}
              style={{ color: '#fff' }}
              onClick={() => logout.mutate()}
              loading={logout.isPending}
              data-testid="logout"
            >
              退出
            </Button>
          </Tooltip>
        </Flex>
      </Header>
      <Layout>
        <Sider width={216} theme="light" breakpoint="lg" collapsedWidth={56} style={{ borderRight: '1px solid #f0f0f0' }}>
          <Menu
            mode="inline"
            items={items}
            selectedKeys={[selected]}
            defaultOpenKeys={MENU_GROUPS.map((g) => g.key)}
            style={{ borderInlineEnd: 0, paddingTop: 8 }}
            data-testid="side-menu"
          />
        </Sider>
        <Content style={{ padding: 24, minWidth: 0 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}

/** A route's page, or a refusal when the user lacks the route's access key. */
export function GuardedRoute({ route }: { route: AppRoute }) {
  const access = useAccess();
  if (!access.can(route.permission)) {
    return (
      <div data-testid="forbidden">
        <Result status="403" title="没有权限" subTitle="您所在的组织或角色不能访问此页面。" extra={<Link to="/">返回首页</Link>} />
      </div>
    );
  }
  const Page = route.component;
  return <Page />;
}

export function NotFoundPage() {
  return (
    <div data-testid="not-found">
      <Result status="404" title="页面不存在" subTitle="您访问的地址不存在。" extra={<Link to="/">返回首页</Link>} />
    </div>
  );
}
