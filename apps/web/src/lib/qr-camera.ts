type TDetector = { detect: (source: CanvasImageSource) => Promise<{ rawValue: string }[]> };
type TDetectorCtor = (new (o: { formats: string[] }) => TDetector) & { getSupportedFormats?: () => Promise<string[]> };
type TDecode = (video: HTMLVideoElement, canvas: HTMLCanvasElement) => Promise<string | null>;

export type TCameraError = 'unsupported' | 'denied' | 'none';

const SCAN_EVERY_MS = 200;
const REPEAT_MS = 3000;
/** Frames are scaled down to this width before decoding: enough for a held-up code, cheap on a weak phone. */
const DECODE_WIDTH = 480;

/** Can this browser open a camera at all (secure context, a media API)? */
export const cameraAvailable = () => typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;

/**
 * The native BarcodeDetector where the platform has one (Android, macOS, ChromeOS), else jsQR on a canvas — desktop
 * Linux Chromium, Firefox and iPhone Safari have no detector. jsQR is loaded only then.
 */
async function makeDecoder(): Promise<TDecode> {
  const Ctor = (window as unknown as { BarcodeDetector?: TDetectorCtor }).BarcodeDetector;
  if (Ctor?.getSupportedFormats && (await Ctor.getSupportedFormats()).includes('qr_code')) {
    const detector = new Ctor({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  }
  const { default: jsQR } = await import('jsqr');
  return async (video, canvas) => {
    const w = Math.min(DECODE_WIDTH, video.videoWidth);
    const h = Math.round((video.videoHeight * w) / video.videoWidth);
    if (!w || !h) return null;
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return null;
    ctx.drawImage(video, 0, 0, w, h);
    return jsQR(ctx.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

/**
 * Opens the (rear) camera into `video` and reads QR codes a few times a second, calling `onCode` with each text — the
 * same text again only after REPEAT_MS (a code held in view). Answers a stop function that frees the camera.
 */
export function startQrCamera(
  video: HTMLVideoElement,
  onCode: (text: string) => void,
  onError: (e: TCameraError) => void,
): () => void {
  const canvas = document.createElement('canvas');
  let stream: MediaStream | null = null;
  let timer: number | undefined;
  let stopped = false;
  let last = { text: '', at: 0 };
  (async () => {
    if (!cameraAvailable()) return onError('unsupported');
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: 'environment' } },
        audio: false,
      });
    } catch (e) {
      return onError(e instanceof DOMException && e.name === 'NotAllowedError' ? 'denied' : 'none');
    }
    if (stopped) {
      for (const k of stream.getTracks()) k.stop();
      return;
    }
    video.srcObject = stream;
    await video.play().catch(() => undefined);
    const decode = await makeDecoder();
    const tick = async () => {
      if (stopped) return;
      const text = await decode(video, canvas).catch(() => null);
      const now = Date.now();
      if (text && (text !== last.text || now - last.at > REPEAT_MS)) {
        last = { text, at: now };
        onCode(text);
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
}
