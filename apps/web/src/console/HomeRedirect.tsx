import { Navigate } from 'react-router';
import { useMe } from '../lib/auth';
import { menuFor } from './menu';

export function HomeRedirect() {
  const me = useMe();
  if (!me.data) return null;
  const first = menuFor(me.data.role)[0];
  return <Navigate to={first ? first.path : '/console/work-orders'} replace />;
}
