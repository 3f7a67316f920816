import { Alert } from 'antd';
import jsQR from 'jsqr';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type TProps = {
  /** Called with each decoded text; the same text is not repeated within REPEAT_MS (a ticket held in view). */
  onCode: (text: string) => void;
};

type TDetector = { detect: (source: CanvasImageSource) => Promise<{ rawValue: string }[]> };
type TDetectorCtor = new (o: { formats: string[] }) => TDetector;

const SCAN_EVERY_MS = 200;
const REPEAT_MS = 3000;
/** Frames are scaled down to this width before decoding: enough for a phone-held ticket, cheap on a weak phone. */
const DECODE_WIDTH = 480;

/**
 * The native BarcodeDetector where the platform has one (Android, macOS, ChromeOS), else jsQR on a canvas — desktop
 * Linux Chromium and Firefox have no detector.
 */
async function makeDecoder(): Promise<(video: HTMLVideoElement, canvas: HTMLCanvasElement) => Promise<string | null>> {
  const Ctor = (
    window as unknown as { BarcodeDetector?: TDetectorCtor & { getSupportedFormats?: () => Promise<string[]> } }
  ).BarcodeDetector;
  if (Ctor?.getSupportedFormats && (await Ctor.getSupportedFormats()).includes('qr_code')) {
    const detector = new Ctor({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  }
  return async (video, canvas) => {
    const w = Math.min(DECODE_WIDTH, video.videoWidth);
    const h = Math.round((video.videoHeight * w) / video.videoWidth);
    if (!w || !h) return null;
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return null;
    ctx.drawImage(video, 0, 0, w, h);
    const img = ctx.getImageData(0, 0, w, h);
    return jsQR(img.data, w, h, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

/** 扫码检票: the gate phone's (rear) camera, decoded a few times a second until the page closes it. */
export default function CameraScanner({ onCode }: TProps) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const emit = useRef(onCode);
  emit.current = onCode;
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let stopped = false;
    let last = { text: '', at: 0 };
    (async () => {
      if (!navigator.mediaDevices?.getUserMedia) return setError(t('gate.camera.unsupported'));
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: { ideal: 'environment' } },
          audio: false,
        });
      } catch (e) {
        const denied = e instanceof DOMException && e.name === 'NotAllowedError';
        return setError(t(denied ? 'gate.camera.denied' : 'gate.camera.none'));
      }
      if (stopped || !video.current) {
        for (const k of stream.getTracks()) k.stop();
        return;
      }
      video.current.srcObject = stream;
      await video.current.play().catch(() => undefined);
      const decode = await makeDecoder();
      const tick = async () => {
        if (stopped || !video.current || !canvas.current) return;
        const text = await decode(video.current, canvas.current).catch(() => null);
        const now = Date.now();
        if (text && (text !== last.text || now - last.at > REPEAT_MS)) {
          last = { text, at: now };
          emit.current(text);
        }
        timer = window.setTimeout(tick, SCAN_EVERY_MS);
      };
      tick();
    })();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      for (const k of stream?.getTracks() ?? []) k.stop();
    };
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
      <canvas ref={canvas} hidden />
      <div style={{ color: '#888', fontSize: 12, marginTop: 8 }}>{t('gate.camera.hint')}</div>
    </div>
  );
}
