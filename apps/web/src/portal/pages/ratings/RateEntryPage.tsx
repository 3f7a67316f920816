import { Button, Card, Input } from 'antd-mobile';
import { ScanningOutline } from 'antd-mobile-icons';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { cameraAvailable, startQrCamera } from '../../../lib/qr-camera';
import { PageNav } from '../../components/PageNav';
import { normaliseCode, RATING_CODE } from './api';

/** 扫码评价: type the code printed under the QR, or scan it with the camera where the browser can. */
export function RateEntryPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [raw, setRaw] = useState('');
  const [bad, setBad] = useState(false);
  const [scanning, setScanning] = useState(false);
  const go = (value: string) => {
    const code = normaliseCode(value);
    if (!RATING_CODE.test(code)) return setBad(true);
    navigate(`/rate/${code}`);
  };
  return (
    <>
      <PageNav title={t('portal.rate.entryTitle')} back="/" />
      <div className="zlp-section">
        <Card title={t('portal.rate.typeCode')}>
          <div className="zlp-muted" style={{ marginBottom: 8 }}>
            {t('portal.rate.typeHint')}
          </div>
          <div className="zlp-row">
            <div className="zlp-grow" style={{ border: '1px solid #e5e7eb', borderRadius: 6, padding: '6px 10px' }}>
              <Input
                placeholder="例 / e.g. 7K3M9QX2AB"
                value={raw}
                onChange={(v) => {
                  setRaw(v);
                  setBad(false);
                }}
                onEnterPress={() => go(raw)}
                clearable
                maxLength={64}
                data-testid="rate-code-input"
              />
            </div>
            <Button color="primary" disabled={!raw.trim()} onClick={() => go(raw)} data-testid="rate-code-go">
              {t('portal.rate.go')}
            </Button>
          </div>
          {bad && <div className="zlp-error">{t('portal.rate.badCode')}</div>}
        </Card>
      </div>
      {cameraAvailable() && (
        <div className="zlp-section">
          <Card title={t('portal.rate.scanTitle')}>
            {scanning ? (
              <CameraScan onCode={go} onStop={() => setScanning(false)} />
            ) : (
              <Button block onClick={() => setScanning(true)}>
                <ScanningOutline /> {t('portal.rate.scan')}
              </Button>
            )}
          </Card>
        </div>
      )}
    </>
  );
}

/** The rear camera in a video, read a few times a second (the browser's detector, or jsQR where it has none). */
function CameraScan({ onCode, onStop }: { onCode: (v: string) => void; onStop: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  const found = useRef(onCode);
  found.current = onCode;
  useEffect(() => {
    if (!video.current) return;
    return startQrCamera(
      video.current,
      (text) => found.current(text),
      () => setFailed(true),
    );
  }, []);
  if (failed) return <div className="zlp-error">{t('portal.rate.cameraFailed')}</div>;
  return (
    <>
      <video ref={video} muted playsInline style={{ width: '100%', borderRadius: 8, background: '#000' }} />
      <Button block style={{ marginTop: 8 }} onClick={onStop}>
        {t('portal.common.cancel')}
      </Button>
    </>
  );
}
