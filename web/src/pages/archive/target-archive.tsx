import { useQuery } from '@tanstack/react-query';
import { Alert, Collapse, Empty, Space, Table, Tag, Typography } from 'antd';
import { archiveDownloads, archiveKeys, archiveApi, type ArchiveEntry } from '../../api/archive';
import { formatBytes } from '../../api/inspections';
import { QueryError } from '../../components/query-state';
import { ExportButton } from './export-button';

const TYPE_COLORS: Record<string, string> = { document: 'blue', register: 'geekblue', material: 'purple', lead_file: 'magenta', pre_file: 'cyan', record_file: 'default' };

/** What the file still lacks, in warning colour; or that it is complete. */
export function MissingList({ missing }: { missing: string[] }) {
  if (missing.length === 0) return <Alert type="success" showIcon title="档案齐全：各阶段材料均已归档" data-testid="archive-complete" />;
  return (
    <Alert
      type="warning"
      showIcon
      title={`档案尚不齐全，缺少 ${missing.length} 项`}
      data-testid="archive-missing"
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {missing.map((m) => (
            <li key={m}>
              <Typography.Text type="warning">{m}</Typography.Text>
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** One target's case file: what is missing, then each stage's materials with their download links. */
export function TargetArchive({ roundId, targetId }: { roundId: string; targetId: string }) {
  const q = useQuery({ queryKey: archiveKeys.target(roundId, targetId), queryFn: () => archiveApi.target(roundId, targetId) });
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Table loading dataSource={[]} />;
  const d = q.data;
  const files = d.stages.reduce((n, s) => n + s.entries.length, 0);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={`archive-target-${targetId}`}>
      <MissingList missing={d.missing} />
      <Space wrap>
        <ExportButton
          url={archiveDownloads.target(roundId, targetId)}
          fileName={`巡察档案-${d.round.label}-${d.target.name}.zip`}
          label="导出档案(.zip)"
          disabledReason={files === 0 ? '还没有可归档的材料' : null}
        />
        <Typography.Text type="secondary">共 {files} 个文件；压缩包按阶段分文件夹，并附目录.xlsx（序号、题名、日期、大小和 SHA-256 校验值）。</Typography.Text>
      </Space>
      <Collapse
        defaultActiveKey={d.stages.filter((s) => s.entries.length > 0).map((s) => s.stage)}
        items={d.stages.map((s) => ({
          key: s.stage,
          label: (
            <span>
              {s.folder} <Tag>{s.entries.length} 个文件</Tag>
            </span>
          ),
          children:
            s.entries.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本阶段没有归档材料" />
            ) : (
              <Table<ArchiveEntry>
                size="small"
                rowKey="seq"
                pagination={false}
                dataSource={s.entries}
                columns={[
                  { title: '序号', dataIndex: 'seq', width: 64 },
                  { title: '题名', dataIndex: 'title' },
                  {
                    title: '文件名',
                    dataIndex: 'fileName',
                    render: (name: string, e) => (
                      <a href={e.download} target="_blank" rel="noreferrer" download={name}>
                        {name}
                      </a>
                    ),
                  },
                  { title: '日期', dataIndex: 'date', width: 110, render: (v: string | null) => v ?? '—' },
                  { title: '责任者/来源', dataIndex: 'responsible', width: 140 },
                  { title: '类型', dataIndex: 'typeName', width: 120, render: (v: string, e) => <Tag color={TYPE_COLORS[e.type]}>{v}</Tag> },
                  { title: '大小', dataIndex: 'size', width: 100, render: (v: number | null) => (v === null ? '导出时生成' : formatBytes(v)) },
                ]}
              />
            ),
        }))}
      />
    </Space>
  );
}
