import { CREDIT_GRADE_LABELS, type TCreditGrade } from '@zhilv/contracts';
import { Tag } from 'antd-mobile';
import { useLabels } from '../../lib/labels';

const COLOR: Record<string, string> = { A: 'success', B: 'primary', C: 'warning', D: 'danger', ungraded: 'default' };

/** The credit grade as the credit module answers it (A–D, or not graded yet), in the reader's language. */
export function CreditGradeTag({ grade }: { grade: string }) {
  const { label } = useLabels();
  return (
    <Tag color={COLOR[grade] ?? 'default'} fill="outline" data-testid="credit-grade-tag">
      {label(CREDIT_GRADE_LABELS, grade as TCreditGrade)}
    </Tag>
  );
}
