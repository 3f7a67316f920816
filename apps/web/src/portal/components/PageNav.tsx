import { NavBar } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';

/** The top bar of an inner page; `back` is where the arrow goes (history when omitted, none when null). */
export function PageNav({ title, back, right }: { title: ReactNode; back?: string | null; right?: ReactNode }) {
  const navigate = useNavigate();
  const onBack =
    back === null
      ? undefined
      : () => {
          if (back) navigate(back);
          else if (window.history.length > 1) navigate(-1);
          else navigate('/');
        };
  return (
    <div className="zlp-nav">
      <NavBar back={back === null ? null : ''} onBack={onBack} right={right}>
        {title}
      </NavBar>
    </div>
  );
}
