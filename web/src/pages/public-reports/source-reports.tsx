import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { reportLinkKeys, reportLinksApi, type SourceReport } from '../../api/public-report-links';
import { STATUS_COLORS } from './status-colors';

/**
 * 来源：群众来件 — the public's reports (码上巡) linked to a finding or a lead: number, category, date and
 * status, never who reported or what was written; the inbox item opens for those who may see it.
 * Nothing is shown when no report is linked.
 */
export function SourceReports({ by }: { by: { findingId: string } | { leadId: string } }) {
  const q = useQuery({ queryKey: reportLinkKeys.sources(by), queryFn: () => reportLinksApi.sources(by) });
  if (!q.data || q.data.total === 0) return null;
  return (
    <Card size="small" title="来源：群众来件" style={{ marginBottom: 16 }} data-testid="source-reports">
      <Table<SourceReport>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={q.data.items}
        columns={[
          { title: '来件', key: 'label', render: (_: unknown, s) => (s.link ? <Link to={s.link}>{s.label}</Link> : s.label) },
          { title: '问题类别', dataIndex: 'categoryName' },
          { title: '收到日期', dataIndex: 'receivedOn', width: 110 },
          { title: '状态', key: 'status', width: 90, render: (_: unknown, s) => <Tag color={STATUS_COLORS[s.status]}>{s.statusName}</Tag> },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        反映人身份和反映内容不在此显示；有权限的可点击来件到码上巡收件箱查看。
      </Typography.Text>
    </Card>
  );
}
