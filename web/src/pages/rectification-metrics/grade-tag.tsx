import { Tag } from 'antd';
import { EVALUATION_GRADES, type EvaluationGrade } from '../../../../domain/rectification';

const GRADE_COLORS: Record<EvaluationGrade, string> = { good: 'green', fairly_good: 'blue', average: 'orange', poor: 'red' };

/** 好 / 较好 / 一般 / 差 in the colours of the evaluation list. */
export function GradeTag({ grade }: { grade: EvaluationGrade }) {
  return (
    <Tag color={GRADE_COLORS[grade]} data-testid="grade-tag">
      {EVALUATION_GRADES[grade]}
    </Tag>
  );
}
