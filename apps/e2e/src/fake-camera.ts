import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';

const W = 640;
const H = 480;

/**
 * A Y4M video (what Chromium's fake camera plays, --use-file-for-fake-video-capture) showing the QR code of `text`
 * in black on white, as a phone held up to the gate's camera would. Y4M is raw: a header, then per frame the Y plane
 * and the two quarter-size chroma planes (grey: 128).
 */
export function writeQrVideo(text: string): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const quiet = 4;
  const cell = Math.floor((H * 0.8) / (qr.size + 2 * quiet));
  const side = cell * (qr.size + 2 * quiet);
  const x0 = Math.floor((W - side) / 2);
  const y0 = Math.floor((H - side) / 2);
  const luma = Buffer.alloc(W * H, 235);
  for (let r = 0; r < qr.size; r++)
    for (let c = 0; c < qr.size; c++) {
      if (!qr.get(r, c)) continue;
      for (let dy = 0; dy < cell; dy++) {
        const row = (y0 + (r + quiet) * cell + dy) * W + x0 + (c + quiet) * cell;
        luma.fill(16, row, row + cell);
      }
    }
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zhilv-cam-')), 'qr.y4m');
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]));
  return file;
}
