import { DISHONEST_TIER_LABELS } from '@zhilv/contracts';
import pdfmake from 'pdfmake';
import { AppError } from '../../platform/errors.js';
import { type TPdfFont, usePdfFont } from '../../platform/pdf.js';

export type TNoticeFont = TPdfFont;

export type TNoticeFacts = {
  entryId: string;
  businessName: string;
  uscc: string;
  address: string;
  tier: 'serious' | 'minor';
  reason: string;
  legalBasis: string;
  decisionNo: string;
  departmentName: string;
  noticedAt: Date;
  objectionDueAt: Date;
  /** the window's length in working days, counted on the calendar */
  workingDays: number;
  /** the management period if listed, in months */
  periodMonths: number;
  /** the listing rule's points on the credit file */
  points: number | null;
};

/** "2026年12月1日" (and the time when asked) in the prefecture's zone. */
export const zhDate = (d: Date, withTime = false) => {
  const l = new Date(d.getTime() + 8 * 3_600_000);
  const day = `${l.getUTCFullYear()}年${l.getUTCMonth() + 1}月${l.getUTCDate()}日`;
  if (!withTime) return day;
  return `${day} ${String(l.getUTCHours()).padStart(2, '0')}:${String(l.getUTCMinutes()).padStart(2, '0')}`;
};

/** The measures a listing brings (the notice must name them), in order. */
export function listingMeasures(f: Pick<TNoticeFacts, 'periodMonths' | 'points'>): string[] {
  return [
    `在本平台信用信息公示栏和失信名单中公示，公示期（管理期）为列入之日起${f.periodMonths}个月；`,
    ...(f.points !== null ? [`在信用档案中记录失信信息，信用分${f.points >= 0 ? '+' : ''}${f.points}分；`] : []),
    '撤销“诚信经营示范门店”“示范商户”“党员管理示范户”等示范称号，管理期内不得参加评选；',
    '在“双随机、一公开”监管中提高抽查比例和频次；',
    '列入满最短公示期后，可提交整改证明、在线签署信用承诺并完成信用修复培训，申请信用修复。',
  ];
}

/**
 * 失信惩戒告知书: served on the business before listing — who, the proposed list, the facts and the legal basis, the
 * measures, the objection window with its end date in working days, how to object, and the department.
 */
export async function buildNoticePdf(font: TNoticeFont | null, f: TNoticeFacts): Promise<Buffer> {
  if (!font) throw new AppError('pdf_font_missing', 503);
  usePdfFont(font);
  const tier = DISHONEST_TIER_LABELS[f.tier];
  const doc = {
    pageSize: 'A4',
    pageMargins: [56, 48, 56, 48],
    info: { title: `失信惩戒告知书 ${f.decisionNo}`, creator: 'Zhilv' },
    defaultStyle: { font: 'Cjk', fontSize: 11, lineHeight: 1.4 },
    content: [
      { text: f.departmentName, style: 'issuer' },
      { text: '拟列入失信主体名单告知书', style: 'title' },
      { text: 'Notice of a proposed dishonest-list entry', style: 'titleEn' },
      { text: `文号 No.：${f.decisionNo}`, style: 'no' },
      { text: `${f.businessName}：`, margin: [0, 12, 0, 4] },
      {
        text: `经查，你单位存在下列失信行为。依据${f.legalBasis}，本机关拟将你单位列入${tier.zh}。现将有关事项告知如下：`,
      },
      {
        table: {
          widths: [120, '*'],
          body: [
            ['当事人 Party', f.businessName],
            ['统一社会信用代码 USCC', f.uscc],
            ['地址 Address', f.address || '—'],
            ['拟列入名单 Proposed list', `${tier.zh} ${tier.en}`],
            ['失信事实 Facts', f.reason],
            ['法律依据 Legal basis', f.legalBasis],
            ['告知日期 Served on', zhDate(f.noticedAt, true)],
            [
              '陈述申辩期限 Objection window',
              `${f.workingDays}个工作日，至${zhDate(f.objectionDueAt, true)}止 (${f.workingDays} working days)`,
            ],
          ],
        },
        margin: [0, 12, 0, 8],
      },
      { text: '列入后的惩戒措施 Measures', style: 'h' },
      { ol: listingMeasures(f) },
      { text: '陈述申辩 How to object', style: 'h' },
      {
        text: `你单位如对上述事实、理由和依据有异议，可在${zhDate(f.objectionDueAt, true)}前通过本平台企业端“失信名单”页面提交陈述申辩意见及证据，或向${f.departmentName}提交书面陈述申辩材料。本机关将对你单位提出的事实、理由和证据进行复核；逾期未提出的，视为放弃陈述申辩权利，本机关将依法作出列入决定。`,
      },
      {
        text: `Within the window above the business may object — with its reasons and evidence — on the platform (business console, dishonest list) or in writing to ${f.departmentName}. Without an objection by the end of the window the entry is listed.`,
        style: 'en',
      },
      { text: `${f.departmentName}\n${zhDate(f.noticedAt)}`, style: 'sign' },
      { text: `Notice ${f.entryId} · Zhilv 智旅`, fontSize: 8, color: '#666666', margin: [0, 24, 0, 0] },
    ],
    styles: {
      issuer: { fontSize: 14, alignment: 'center' },
      title: { fontSize: 20, alignment: 'center', color: '#b71c1c', margin: [0, 8, 0, 0] },
      titleEn: { fontSize: 11, alignment: 'center', color: '#666666' },
      no: { fontSize: 10, alignment: 'right', margin: [0, 8, 0, 0] },
      h: { fontSize: 12, margin: [0, 8, 0, 4] },
      en: { fontSize: 9, color: '#555555', margin: [0, 4, 0, 0] },
      sign: { alignment: 'right', margin: [0, 24, 0, 0] },
    },
  };
  return pdfmake.createPdf(doc).getBuffer();
}
