import { lazy, Suspense, type ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useAuth } from './auth';
import { PAGES } from './nav';
import { Shell } from './Shell';
import Forbidden from './pages/Forbidden';
import NotFound from './pages/NotFound';

const LoginPage = lazy(() => import('../features/auth/LoginPage'));

const pageSpinner = <Spin size="large" style={{ display: 'block', marginTop: '30vh' }} />;

function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, sessionError, retrySession, signedOut } = useAuth();
  const location = useLocation();

  if (sessionError) {
    return (
      <Result
        status="error"
        title={sessionError.message}
        extra={<Button type="primary" onClick={retrySession}>{t('common.retry')}</Button>}
      />
    );
  }
  if (user === undefined) return pageSpinner;
  if (user === null) {
    const next = signedOut ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
    return <Navigate to={`/login${next}`} replace />;
  }
  return children;
}

function RequirePermission({ permission, children }: { permission?: string | readonly string[]; children: ReactNode }) {
  return useAuth().can(permission) ? children : <Forbidden />;
}

export function AppRoutes() {
  return (
    <Suspense fallback={pageSpinner}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route element={<RequireAuth><Shell /></RequireAuth>}>
          {PAGES.map(({ path, permission, component: Page }) => (
            <Route key={path} path={path} element={<RequirePermission permission={permission}><Page /></RequirePermission>} />
          ))}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
