import { BUSINESS_BADGE_LABELS, BUSINESS_KIND_LABELS, type TBusinessBadge } from '@zhilv/contracts';
import { Rate, Space, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../lib/labels';
import { CreditGradeTag } from './CreditGradeTag';

type TGraded = {
  kind: keyof typeof BUSINESS_KIND_LABELS;
  aLevel: number | null;
  stars: number | null;
  grade: string | null;
  creditGrade?: string;
};

const HOMESTAY_EN: Record<string, string> = { 甲级: 'Class A', 乙级: 'Class B', 丙级: 'Class C' };

/** "5A", "四星级 / 4-star", "甲级 / Class A": the grade a business holds, or null. */
export function useGradeText() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (b: TGraded) => {
    if (b.aLevel) return t('portal.dir.aLevel', { n: b.aLevel });
    if (b.stars) return t('portal.dir.stars', { n: b.stars });
    if (b.grade) return en ? (HOMESTAY_EN[b.grade] ?? b.grade) : b.grade;
    return null;
  };
}

/** Kind, grade and badges as tags. */
export function BusinessTags({ b, badges }: { b: TGraded; badges: string[] }) {
  const { label } = useLabels();
  const grade = useGradeText()(b);
  return (
    <Space wrap style={{ '--gap': '4px' }}>
      <Tag color="primary" fill="outline">
        {label(BUSINESS_KIND_LABELS, b.kind)}
      </Tag>
      {grade && (
        <Tag color="warning" data-testid="grade-tag">
          {grade}
        </Tag>
      )}
      {b.creditGrade && b.creditGrade !== 'ungraded' && <CreditGradeTag grade={b.creditGrade} />}
      {badges.map((code) => (
        <Tag key={code} color="danger" fill="outline" data-testid="badge-tag">
          {label(BUSINESS_BADGE_LABELS, code as TBusinessBadge)}
        </Tag>
      ))}
    </Space>
  );
}

/** ★★★★☆ 4.5 · 12 条评价, or "暂无评价". */
export function RatingLine({ rating }: { rating: { average: number | null; count: number } }) {
  const { t } = useTranslation();
  if (!rating.count || rating.average === null)
    return (
      <span className="zlp-muted" data-testid="rating">
        {t('portal.dir.noRating')}
      </span>
    );
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }} data-testid="rating">
      <Rate readOnly allowHalf value={rating.average} style={{ '--star-size': '12px' }} />
      <span style={{ color: '#b35900', fontWeight: 600 }}>{rating.average.toFixed(1)}</span>
      <span className="zlp-muted">{t('portal.dir.ratingCount', { n: rating.count })}</span>
    </span>
  );
}
