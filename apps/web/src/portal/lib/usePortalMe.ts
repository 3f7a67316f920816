import { useLocation, useNavigate } from 'react-router';
import { useMe } from '../../lib/auth';

/** The signed-in tourist (null for visitors and staff), and a way to the phone login and back. */
export function usePortalMe() {
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const goLogin = (next = location.pathname + location.search) => navigate(`/login?next=${encodeURIComponent(next)}`);
  const tourist = me.data && me.data.role === 'tourist' ? me.data : null;
  return { me, tourist, goLogin };
}

/** Only paths inside this site: `next=//evil.example` or `https://…` fall back to home. */
export const safeNext = (next: string | null) =>
  next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
