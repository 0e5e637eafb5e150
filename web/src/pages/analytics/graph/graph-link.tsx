import { ShareAltOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { graphPath } from '../../../api/analytics-graph';

/**
 * A link to the 关系图谱 of a person (18-digit ID number) or a company (credit code), e.g. from a
 * hit's evidence. Renders nothing without a key.
 */
export function GraphLink({ person, company, children }: { person?: string | null; company?: string | null; children?: ReactNode }) {
  if (!person && !company) return null;
  const to = graphPath(person ? { person } : { company: company! });
  return (
    <Link to={to} data-testid="graph-link">
      <ShareAltOutlined /> {children ?? '关系图谱'}
    </Link>
  );
}
