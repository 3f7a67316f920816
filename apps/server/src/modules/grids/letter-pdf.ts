import pdfmake from 'pdfmake';
import { AppError } from '../../platform/errors.js';
import { type TPdfFont, usePdfFont } from '../../platform/pdf.js';
import type { TLetterRow } from './letters.store.js';

export type { TPdfFont };

const local = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The signed letter: its exact text, then the signature block with the time and the text's SHA-256. */
export async function buildLetterPdf(font: TPdfFont | null, l: TLetterRow, businessName: string): Promise<Buffer> {
  if (!font) throw new AppError('pdf_font_missing', 503);
  usePdfFont(font);
  const [title, ...rest] = l.text.split('\n');
  const signed = l.status === 'signed' && l.signedAt;
  const doc = {
    pageSize: 'A4',
    pageMargins: [56, 48, 56, 48],
    info: { title: `${l.title} ${businessName}`, creator: 'Zhilv' },
    defaultStyle: { font: 'Cjk', fontSize: 11, lineHeight: 1.4 },
    content: [
      { text: title, fontSize: 20, alignment: 'center', margin: [0, 0, 0, 16] },
      ...rest.map((line) => ({ text: line || ' ', margin: [0, 0, 0, 2] })),
      { text: ' ', margin: [0, 12, 0, 0] },
      {
        columns: [
          { text: `甲方：${l.partyAName}\n（盖章）`, width: '*' },
          {
            text: signed
              ? `乙方签署：${l.signedName}\n签署时间：${local(l.signedAt!)}\n方式：${l.signedVia === 'scan' ? '纸质签署扫描件' : '在线签署'}`
              : '乙方：（未签署 not signed）',
            width: '*',
          },
        ],
      },
      {
        text: `文本 SHA-256：${l.textSha256}`,
        fontSize: 8,
        color: '#666666',
        margin: [0, 24, 0, 0],
      },
      { text: `Responsibility letter ${l.id} · Zhilv 智旅`, fontSize: 8, color: '#666666' },
    ],
  };
  return pdfmake.createPdf(doc).getBuffer();
}
