import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, Button, ConfigProvider, Result } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, StrictMode, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Link, RouterProvider, useRouteError } from 'react-router';
import { setMessageApi } from './api/errors';
import { queryClient } from './api/query-client';
import { PageLoading } from './components/query-state';
import { AppLayout, GuardedRoute, NotFoundPage } from './layouts/app.layout';
import { SessionGate } from './layouts/session-gate';
import { APP_ROUTES } from './routes';
import { installSessionHooks } from './session/session';
import './styles.css';

dayjs.locale('zh-cn');
installSessionHooks();

const LoginPage = lazy(() => import('./pages/auth/login/login.page').then((m) => ({ default: m.LoginPage })));
const ChangePasswordPage = lazy(() =>
  import('./pages/auth/change-password/change-password.page').then((m) => ({ default: m.ChangePasswordPage })),
);

/** Hands antd's context-aware message API to the one error reporter (api/errors.ts). */
function MessageBridge() {
  const { message } = AntApp.useApp();
  useEffect(() => {
    setMessageApi(message);
    return () => setMessageApi(null);
  }, [message]);
  return null;
}

/** A page that failed to render or to load its code (e.g. after an upgrade): offer a reload. */
function RouteError() {
  const error = useRouteError();
  console.error(error);
  return (
    <Result
      status="error"
      title="页面出错了"
      subTitle="可能是系统已更新，请刷新页面后重试。"
      extra={[
        <Button key="reload" type="primary" onClick={() => window.location.reload()}>
          刷新页面
        </Button>,
        <Link key="home" to="/">
          返回首页
        </Link>,
      ]}
    />
  );
}

const router = createBrowserRouter([
  {
    path: '/login',
    errorElement: <RouteError />,
    element: (
      <Suspense fallback={<PageLoading />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    element: <SessionGate />,
    errorElement: <RouteError />,
    children: [
      { path: '/change-password', element: <ChangePasswordPage /> },
      {
        element: <AppLayout />,
        errorElement: <RouteError />,
        children: [
          ...APP_ROUTES.map((r) => ({ path: `/${r.path}`, element: <GuardedRoute route={r} /> })),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      theme={{
        token: { colorPrimary: '#c41d1d', colorLink: '#c41d1d', borderRadius: 6 },
        components: { Layout: { headerHeight: 56 } },
      }}
    >
      <AntApp>
        <MessageBridge />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
