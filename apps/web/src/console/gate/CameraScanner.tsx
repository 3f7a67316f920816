import { Alert } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { startQrCamera } from '../../lib/qr-camera';

/** 扫码检票: the gate phone's (rear) camera, read a few times a second until the page closes it. */
export default function CameraScanner({ onCode }: { onCode: (text: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const emit = useRef(onCode);
  emit.current = onCode;
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!video.current) return;
    return startQrCamera(
      video.current,
      (text) => emit.current(text),
      (e) => setError(t(`gate.camera.${e}`)),
    );
  }, [t]);

  return (
    <div data-testid="gate-camera">
      {error ? (
        <Alert type="warning" showIcon message={error} data-testid="gate-camera-error" />
      ) : (
        <div style={{ position: 'relative', background: '#000', borderRadius: 8, overflow: 'hidden' }}>
          <video ref={video} muted playsInline style={{ width: '100%', maxHeight: 320, display: 'block' }} />
          <div
            style={{
              position: 'absolute',
              inset: '15% 25%',
              border: '3px solid rgba(255,255,255,0.85)',
              borderRadius: 8,
              pointerEvents: 'none',
            }}
          />
        </div>
      )}
      <div style={{ color: '#5f6368', fontSize: 12, marginTop: 8 }}>{t('gate.camera.hint')}</div>
    </div>
  );
}
