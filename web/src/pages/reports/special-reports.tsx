import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, List, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ReportSection } from '../../../../domain/reports/report';
import { reportKeys, reportsApi, type ReportOut } from '../../api/reports';
import { QueryError } from '../../components/query-state';
import { RefusalAlert } from '../../components/refusal-alert';
import { useAccess } from '../../session/session';
import { SectionEditor } from './section-editor';

/** 专题报告 of the round: free title and sections, on common problems. */
export function SpecialReports({ roundId }: { roundId: string }) {
  const { message } = App.useApp();
  const access = useAccess();
  const queryClient = useQueryClient();
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const [editing, setEditing] = useState<ReportOut | 'new' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const q = useQuery({ queryKey: reportKeys.specials(roundId, page), queryFn: () => reportsApi.specials(roundId, page) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['reports', roundId, 'specials'] });

  const save = useMutation({
    mutationFn: (v: { title: string; body: ReportSection[] }) =>
      editing === 'new' || editing === null ? reportsApi.createSpecial(roundId, v) : reportsApi.updateSpecial(editing.id, { ...v, version: editing.version }),
    onSuccess: () => {
      refresh();
      void message.success('专题报告已保存');
      setEditing(null);
      setError(null);
    },
    onError: setError,
  });
  const remove = useMutation({
    mutationFn: (id: string) => reportsApi.removeSpecial(id),
    onSuccess: () => {
      refresh();
      void message.success('专题报告已删除');
    },
    onError: setError,
  });

  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <div data-testid="special-reports">
      <RefusalAlert error={editing ? null : error} onClose={() => setError(null)} />
      {access.can('reports.write') && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          style={{ marginBottom: 12 }}
          onClick={() => {
            setError(null);
            setEditing('new');
          }}
        >
          新建专题报告
        </Button>
      )}
      <List
        loading={q.isPending}
        bordered
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: '暂无专题报告' }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: q.data?.total ?? 0, onChange: (p, s) => setPage({ page: p, pageSize: s }), showTotal: (n) => `共 ${n} 篇` }}
        renderItem={(r) => (
          <List.Item
            actions={
              access.can('reports.write')
                ? [
                    <Button key="edit" size="small" icon={<EditOutlined />} onClick={() => setEditing(r)}>
                      编辑
                    </Button>,
                    <Popconfirm key="del" title={`确定删除专题报告“${r.title}”吗？`} okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => remove.mutate(r.id)}>
                      <Button size="small" danger icon={<DeleteOutlined />}>
                        删除
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={r.title}
              description={
                <Space orientation="vertical" size={0}>
                  <Typography.Text type="secondary">{`${r.body.map((s) => s.heading).join('、')}${r.createdBy ? ` · 撰写：${r.createdBy}` : ''}`}</Typography.Text>
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <SectionEditor
        open={editing !== null}
        title={editing === 'new' ? '新建专题报告' : '编辑专题报告'}
        initial={editing && editing !== 'new' ? { title: editing.title, body: editing.body } : null}
        saving={save.isPending}
        error={error}
        onCancel={() => setEditing(null)}
        onSave={(v) => save.mutate(v)}
      />
    </div>
  );
}
