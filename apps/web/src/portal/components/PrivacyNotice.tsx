import { useTranslation } from 'react-i18next';

export const CONSENT_VERSION = '2026-11';

type TSection = { h: string; items: string[] };

/** The privacy notice text: what is collected, why, for how long, and the tourist's rights. */
export function PrivacyNotice() {
  const { t } = useTranslation();
  const sections = t('portal.consent.sections', { returnObjects: true }) as TSection[];
  return (
    <div className="zlp-prose" data-testid="privacy-notice">
      <div className="zlp-muted">{t('portal.consent.version', { v: CONSENT_VERSION })}</div>
      {sections.map((s) => (
        <section key={s.h}>
          <h3>{s.h}</h3>
          <ul>
            {s.items.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
