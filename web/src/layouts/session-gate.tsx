import { Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { PageLoading, QueryError } from '../components/query-state';
import { MeContext, useSessionQuery } from '../session/session';

/** Lets only a signed-in user through; a user with a generated password goes to change it first. */
export function SessionGate() {
  const { data: me, isPending, error, refetch } = useSessionQuery();
  const location = useLocation();
  if (isPending) return <PageLoading />;
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!me) {
    const here = location.pathname + location.search;
    return <Navigate to={here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`} replace />;
  }
  if (me.mustChangePassword && location.pathname !== '/change-password') {
    return <Navigate to="/change-password" replace state={{ next: location.pathname + location.search }} />;
  }
  return (
    <MeContext.Provider value={me}>
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </MeContext.Provider>
  );
}
