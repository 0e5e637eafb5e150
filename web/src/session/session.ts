import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { Permission } from '../../../domain/access/roles';
import { onSessionProblem } from '../api/client';
import { authApi, keys } from '../api/endpoints';
import { toast } from '../api/errors';
import { queryClient } from '../api/query-client';
import type { Me } from '../api/types';

/** The signed-in user, or null; /api/auth/me answers even while a password change is pending. */
export function useSessionQuery() {
  return useQuery({ queryKey: keys.me, queryFn: authApi.me, staleTime: Infinity });
}

export const MeContext = createContext<Me | null>(null);

/** The signed-in user inside the authenticated part of the app. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe used outside the session gate');
  return me;
}

/** One access check for menus, routes and buttons (ant-design-pro's access.ts). */
export function useAccess() {
  const me = useContext(MeContext);
  return {
    can: (permission?: Permission | null) => !permission || (me?.permissions.includes(permission) ?? false),
  };
}

/** Forgets everything cached for the previous user. */
export function clearSession(me: Me | null = null) {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
  queryClient.setQueryData(keys.me, me);
}

export function installSessionHooks() {
  onSessionProblem('unauthenticated', () => {
    if (queryClient.getQueryData(keys.me)) {
      toast()?.warning({ content: '登录已过期或已在别处退出，请重新登录', key: 'session-expired' });
    }
    clearSession(null);
  });
  onSessionProblem('mustChangePassword', () => {
    void queryClient.invalidateQueries({ queryKey: keys.me });
  });
}
