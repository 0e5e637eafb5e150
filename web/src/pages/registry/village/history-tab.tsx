import { useQuery } from '@tanstack/react-query';
import { Collapse, Empty, Pagination, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { keys, registryApi } from '../../../api/endpoints';
import type { AuditEntry } from '../../../api/types';
import { AuditDiff } from '../../../components/audit-diff/audit-diff';
import { QueryError } from '../../../components/query-state';
import { ACTION_COLORS, actionLabel, entityLabel } from '../../../lib/labels';

const PAGE_SIZE = 10;

function subject(e: AuditEntry): string {
  const rec = (e.after ?? e.before) as Record<string, unknown> | null;
  if (e.entity === 'registry.cadre' && rec && typeof rec.name === 'string') return `村干部 ${rec.name}`;
  return entityLabel(e.entity);
}

/** 修改记录: who changed what in this village's records, read from the audit log. */
export function HistoryTab({ code }: { code: string }) {
  const [page, setPage] = useState(1);
  const history = useQuery({ queryKey: keys.history(code, page), queryFn: () => registryApi.history(code, page, PAGE_SIZE) });
  if (history.isPending) return <Spin style={{ display: 'block', padding: 32 }} />;
  if (history.isError) return <QueryError error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.total === 0) return <Empty description="暂无修改记录" />;
  return (
    <div data-testid="history-tab">
      <Collapse
        defaultActiveKey={page === 1 ? [String(history.data.items[0]?.seq)] : []}
        items={history.data.items.map((e) => ({
          key: String(e.seq),
          label: (
            <Space wrap>
              <Typography.Text type="secondary">{dayjs(e.at).format('YYYY-MM-DD HH:mm:ss')}</Typography.Text>
              <Typography.Text strong>{e.actorName}</Typography.Text>
              <Tag color={ACTION_COLORS[e.action]}>{actionLabel(e.action)}</Tag>
              <span>{subject(e)}</span>
            </Space>
          ),
          children: <AuditDiff entity={e.entity} before={e.before} after={e.after} />,
        }))}
      />
      <Pagination
        style={{ marginTop: 16, textAlign: 'right' }}
        current={page}
        pageSize={PAGE_SIZE}
        total={history.data.total}
        onChange={setPage}
        showTotal={(t) => `共 ${t} 条`}
        showSizeChanger={false}
      />
    </div>
  );
}
