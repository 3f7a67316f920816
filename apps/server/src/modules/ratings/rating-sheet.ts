import pdfmake from 'pdfmake';
import QRCode from 'qrcode';
import { AppError } from '../../platform/errors.js';
import { type TPdfFont, usePdfFont } from '../../platform/pdf.js';

export type TSheetFont = TPdfFont;

export type TSheetTarget = {
  code: string;
  url: string;
  name: string;
  nameEn: string | null;
  kind: { zh: string; en: string };
};

const PLATFORM = { zh: '智旅 · 旅游服务与监管平台', en: 'Zhilv tourism service platform' };

async function page(t: TSheetTarget, last: boolean) {
  // Error correction Q: the code still scans with a quarter of it scratched or covered by tape.
  const qr = await QRCode.toDataURL(t.url, { errorCorrectionLevel: 'Q', margin: 2, width: 720 });
  return [
    { text: PLATFORM.zh, style: 'platform' },
    { text: PLATFORM.en, style: 'platformEn' },
    { text: `${t.kind.zh} · ${t.kind.en}`, style: 'kind' },
    { text: t.name, style: 'name' },
    ...(t.nameEn ? [{ text: t.nameEn, style: 'nameEn' }] : []),
    { image: qr, width: 260, alignment: 'center', margin: [0, 10, 0, 4] },
    { text: '扫码评价', style: 'scan' },
    { text: 'Scan to rate', style: 'scanEn' },
    {
      ul: [
        '用手机微信或相机扫描上方二维码，为服务打分并留言，可附照片。',
        '每位游客每天可对同一地点评价一次；2 星及以下可一键转为投诉。',
        'Scan the code with your phone camera, give stars and a comment, photos optional.',
        'One rating per visitor per place per day; a rating of 2 stars or less can become a complaint.',
      ],
      style: 'steps',
    },
    { text: `评价码 Code：${t.code}`, style: 'code' },
    { text: t.url, style: 'url', ...(last ? {} : { pageBreak: 'after' }) },
  ];
}

/** One A4 page per target: place name (zh + en), a big QR code, 扫码评价 / Scan to rate, steps, the code. */
export async function buildRatingSheets(font: TSheetFont | null, targets: TSheetTarget[]): Promise<Buffer> {
  if (!font) throw new AppError('pdf_font_missing', 503);
  usePdfFont(font);
  const content = [];
  for (const [i, t] of targets.entries()) content.push(...(await page(t, i === targets.length - 1)));
  const doc = {
    pageSize: 'A4',
    pageMargins: [48, 40, 48, 36],
    info: { title: `服务评价二维码 Rating codes (${targets.length})`, creator: 'Zhilv' },
    defaultStyle: { font: 'Cjk', fontSize: 12, lineHeight: 1.25 },
    content,
    styles: {
      platform: { fontSize: 14, alignment: 'center', color: '#b71c1c' },
      platformEn: { fontSize: 10, alignment: 'center', color: '#666666', margin: [0, 0, 0, 12] },
      kind: { fontSize: 12, alignment: 'center', color: '#444444' },
      name: { fontSize: 28, alignment: 'center', margin: [0, 6, 0, 0] },
      nameEn: { fontSize: 14, alignment: 'center', color: '#444444' },
      scan: { fontSize: 30, alignment: 'center', color: '#b71c1c' },
      scanEn: { fontSize: 16, alignment: 'center', color: '#b71c1c', margin: [0, 0, 0, 10] },
      steps: { fontSize: 10, color: '#333333', margin: [24, 0, 24, 10] },
      code: { fontSize: 16, alignment: 'center' },
      url: { fontSize: 9, alignment: 'center', color: '#666666' },
    },
  };
  return pdfmake.createPdf(doc).getBuffer();
}
