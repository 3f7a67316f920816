import { NavBar } from 'antd-mobile';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** The top bar of an inner page; `back` is where the arrow goes (history when omitted, none when null). */
export function PageNav({ title, back, right }: { title: ReactNode; back?: string | null; right?: ReactNode }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const bar = useRef<HTMLDivElement>(null);
  // Without a way back, antd-mobile still renders the empty left corner as a button: it is none.
  useEffect(() => {
    const left = bar.current?.querySelector('.adm-nav-bar-left');
    if (back === null) left?.removeAttribute('role');
  }, [back]);
  const onBack =
    back === null
      ? undefined
      : () => {
          if (back) navigate(back);
          else if (window.history.length > 1) navigate(-1);
          else navigate('/');
        };
  return (
    <div className="zlp-nav" ref={bar}>
      {/*
        The arrow's name for screen readers: antd-mobile hides `back` from them (aria-hidden) but renders `left`
        inside the same role=button, so the name goes there; seen, the arrow says it.
      */}
      <NavBar
        back={back === null ? null : ''}
        left={back === null ? undefined : <span className="zl-sr-only">{t('portal.common.back')}</span>}
        onBack={onBack}
        right={right}
      >
        {title}
      </NavBar>
    </div>
  );
}
