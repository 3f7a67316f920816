import { Navigate } from 'react-router';
import { useMe } from '../lib/auth';
import { menuFor } from './menu';

export function HomeRedirect() {
  const me = useMe();
  if (!me.data) return null;
  const first = menuFor(me.data.role)[0];
  // menuFor gives every role at least one page it may read: the notifications, never a queue it is refused.
  return <Navigate to={first ? first.path : '/console/notifications'} replace />;
}
