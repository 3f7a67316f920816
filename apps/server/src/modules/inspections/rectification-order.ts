import { SEVERITY_LABELS, type TSeverity } from '@zhilv/contracts';
import pdfmake from 'pdfmake';
import { AppError } from '../../platform/errors.js';
import { type TPdfFont, usePdfFont } from '../../platform/pdf.js';

export type TOrderFont = TPdfFont;

export type TOrderFacts = {
  hazardNo: string;
  businessName: string;
  businessAddress: string;
  uscc: string;
  itemText: string;
  legalBasis: string;
  description: string;
  severity: TSeverity;
  issuedAt: Date;
  dueAt: Date;
  round: number;
  inspectorName: string;
  departmentName: string;
};

/** "2026年12月1日 14:30" in the prefecture's zone. */
const zhTime = (d: Date) => {
  const l = new Date(d.getTime() + 8 * 3_600_000);
  const hh = String(l.getUTCHours()).padStart(2, '0');
  const mm = String(l.getUTCMinutes()).padStart(2, '0');
  return `${l.getUTCFullYear()}年${l.getUTCMonth() + 1}月${l.getUTCDate()}日 ${hh}:${mm}`;
};

/**
 * 整改通知书: one A4 page that serves the hazard on the business — what was found, the legal basis, the severity,
 * the deadline, and what the business must do (answer with evidence in its account before the deadline).
 */
export async function buildRectificationOrder(font: TOrderFont | null, f: TOrderFacts): Promise<Buffer> {
  if (!font) throw new AppError('pdf_font_missing', 503);
  usePdfFont(font);
  const sev = SEVERITY_LABELS[f.severity];
  const days = Math.round((f.dueAt.getTime() - f.issuedAt.getTime()) / 86_400_000);
  const doc = {
    pageSize: 'A4',
    pageMargins: [56, 48, 56, 48],
    info: { title: `整改通知书 ${f.hazardNo}`, creator: 'Zhilv' },
    defaultStyle: { font: 'Cjk', fontSize: 12, lineHeight: 1.4 },
    content: [
      { text: f.departmentName, style: 'issuer' },
      { text: '隐患整改通知书', style: 'title' },
      { text: 'Rectification order', style: 'titleEn' },
      { text: `编号 No.：${f.hazardNo}${f.round > 1 ? `（第${f.round}次限期 round ${f.round}）` : ''}`, style: 'no' },
      { text: `${f.businessName}：`, margin: [0, 12, 0, 4] },
      {
        text: `经${zhTime(f.issuedAt)}检查，你单位存在下列安全隐患，现责令你单位于${zhTime(f.dueAt)}前（${days}日内）完成整改，并在平台企业端提交整改情况及照片，逾期未整改的将依法处理。`,
      },
      {
        table: {
          widths: [110, '*'],
          body: [
            ['统一社会信用代码', f.uscc],
            ['地址 Address', f.businessAddress || '—'],
            ['检查事项 Item', f.itemText],
            ['隐患描述 Finding', f.description || '—'],
            ['隐患等级 Severity', `${sev.zh} ${sev.en}`],
            ['检查依据 Legal basis', f.legalBasis || '—'],
            ['整改期限 Deadline', `${zhTime(f.dueAt)}`],
            ['检查人员 Inspector', f.inspectorName],
          ],
        },
        margin: [0, 12, 0, 12],
      },
      {
        text: 'The business named above must remedy the finding by the deadline and answer with evidence photos in its account on the platform; the supervisor then re-inspects.',
        style: 'en',
      },
      { text: `${f.departmentName}\n${zhTime(f.issuedAt)}`, style: 'sign' },
      { text: '企业负责人签收：______________    日期：__________', margin: [0, 36, 0, 0] },
    ],
    styles: {
      issuer: { fontSize: 14, alignment: 'center' },
      title: { fontSize: 22, alignment: 'center', color: '#b71c1c', margin: [0, 8, 0, 0] },
      titleEn: { fontSize: 11, alignment: 'center', color: '#666666' },
      no: { fontSize: 10, alignment: 'right', margin: [0, 8, 0, 0] },
      en: { fontSize: 9, color: '#555555' },
      sign: { alignment: 'right', margin: [0, 24, 0, 0] },
    },
  };
  return pdfmake.createPdf(doc).getBuffer();
}
