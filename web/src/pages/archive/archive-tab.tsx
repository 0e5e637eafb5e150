import { useQuery } from '@tanstack/react-query';
import { Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { archiveApi, archiveDownloads, archiveKeys, type ArchiveTargetRow } from '../../api/archive';
import { QueryError } from '../../components/query-state';
import { useAccess } from '../../session/session';
import { ExportButton } from './export-button';
import { TargetArchive } from './target-archive';

function CompletenessTag({ row }: { row: ArchiveTargetRow }) {
  if (row.complete) return <Tag color="success">齐全</Tag>;
  return (
    <Tooltip
      title={
        <>
          {row.missing.map((m) => (
            <div key={m}>{m}</div>
          ))}
          {row.missingCount > row.missing.length ? <div>……展开查看全部 {row.missingCount} 项</div> : null}
        </>
      }
    >
      <Tag color="warning">缺 {row.missingCount} 项</Tag>
    </Tooltip>
  );
}

/** The round's 立卷归档: per target the counts and completeness; expand a target for its file by stage; exports. */
export function ArchiveTab({ roundId }: { roundId: string }) {
  const access = useAccess();
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const q = useQuery({ queryKey: archiveKeys.targets(roundId, page), queryFn: () => archiveApi.targets(roundId, page), enabled: access.can('archive.read') });
  if (!access.can('archive.read')) return <Empty description="没有查看巡察档案的权限" />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const label = q.data?.round.label ?? '';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="archive-tab">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">按进驻、听取汇报、查阅资料、个别谈话、走访勘查、问题底稿、问题线索、巡察报告、反馈九个阶段立卷；展开巡察对象查看材料和缺少的项目。</Typography.Text>
        <ExportButton url={archiveDownloads.round(roundId)} fileName={`巡察档案-${label}.zip`} label="导出整轮档案(.zip)" testId="archive-export-round" />
      </Space>
      <Table<ArchiveTargetRow>
        rowKey="id"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: <Empty description="本轮没有您可查看的巡察对象" /> }}
        expandable={{ expandedRowRender: (row) => <TargetArchive roundId={roundId} targetId={row.id} />, expandRowByClick: false }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: q.data?.total ?? 0, onChange: (p, s) => setPage({ page: p, pageSize: s }), showTotal: (n) => `共 ${n} 个巡察对象` }}
        columns={[
          { title: '巡察对象', dataIndex: 'name', render: (name: string, row) => <>{name} <Tag>{row.kind === 'town' ? '乡镇' : '村（社区）'}</Tag></> },
          { title: '巡察组', dataIndex: 'teamName', render: (v: string | null) => v ?? '—' },
          { title: '归档文件', key: 'files', render: (_, row) => row.counts.files },
          { title: '工作记录', key: 'records', render: (_, row) => row.counts.records },
          { title: '问题底稿（已审定/全部）', key: 'findings', render: (_, row) => `${row.counts.approvedFindings}/${row.counts.findings}` },
          { title: '问题线索（已移交/全部）', key: 'leads', render: (_, row) => `${row.counts.transferredLeads}/${row.counts.leads}` },
          { title: '完整性', key: 'complete', render: (_, row) => <CompletenessTag row={row} /> },
          {
            title: '操作',
            key: 'actions',
            render: (_, row) => (
              <ExportButton
                size="small"
                url={archiveDownloads.target(roundId, row.id)}
                fileName={`巡察档案-${label}-${row.name}.zip`}
                label="导出档案(.zip)"
                disabledReason={row.counts.files === 0 ? '还没有可归档的材料' : null}
                testId={`archive-export-${row.id}`}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}
