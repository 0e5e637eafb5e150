import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Drawer, Flex, Progress, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { JOB_STATUSES, JOB_STATUS_LIST, elapsedText } from '../../../../../domain/jobs/states';
import { jobActive, jobKeys, jobsApi, JOB_POLL_MS, type Job, type JobFilter, type JobStatus } from '../../../api/jobs';
import { JobProgress } from '../../../components/job-progress';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';

const STATUS_COLOURS: Record<JobStatus, string> = { queued: 'default', running: 'processing', succeeded: 'success', failed: 'error', cancelled: 'warning' };

function took(j: Job): string {
  if (!j.startedAt) return '—';
  return elapsedText((j.finishedAt ? Date.parse(j.finishedAt) : Date.now()) - Date.parse(j.startedAt));
}

/**
 * 任务: the long work (imports, model runs) the user may see in its scope, newest first; the list
 * refreshes while any job on the page is queued or running; a row opens its progress with 取消.
 */
export function JobsPage() {
  const qc = useQueryClient();
  const [filter, setFilter] = useState<JobFilter>({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: jobKeys.list(filter),
    queryFn: () => jobsApi.list(filter),
    placeholderData: keepPreviousData,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.items.some(jobActive) ? JOB_POLL_MS * 2 : false),
  });

  return (
    <PageContainer title="任务" subTitle="数据导入、比对运行等耗时工作在后台运行，可在此查看进度、结果和错误">
      <Card>
        <Flex gap={8} style={{ marginBottom: 16 }}>
          <Select<JobStatus>
            allowClear
            placeholder="状态"
            style={{ width: 140 }}
            value={filter.status}
            onChange={(status) => setFilter((f) => ({ ...f, page: 1, status }))}
            options={JOB_STATUS_LIST.map((value) => ({ value, label: JOB_STATUSES[value] }))}
            data-testid="jobs-status-filter"
          />
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <div data-testid="jobs-table">
            <Table<Job>
              rowKey="id"
              size="middle"
              loading={list.isFetching && !list.data}
              dataSource={list.data?.items}
              className="xc-clickable-rows"
              onRow={(j) => ({ onClick: () => setOpen(j.id) })}
              locale={{ emptyText: '暂无任务' }}
              pagination={{
                current: filter.page,
                pageSize: filter.pageSize,
                total: list.data?.total ?? 0,
                showSizeChanger: true,
                showTotal: (t) => `共 ${t} 个`,
                onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
              }}
              columns={[
                { title: '任务', dataIndex: 'kindLabel' },
                { title: '状态', dataIndex: 'status', width: 110, render: (s: JobStatus, j) => <Tag color={STATUS_COLOURS[s]}>{j.cancelRequested && jobActive(j) ? '正在取消' : j.statusLabel}</Tag> },
                {
                  title: '进度',
                  key: 'progress',
                  width: 320,
                  render: (_v, j) =>
                    j.status === 'failed' ? (
                      <Typography.Text type="danger">{j.error?.message}</Typography.Text>
                    ) : (
                      <div>
                        {j.progress.percent !== null && <Progress size="small" percent={j.progress.percent} status={j.status === 'succeeded' ? 'success' : jobActive(j) ? 'active' : 'normal'} />}
                        <Typography.Text type="secondary">{j.progress.text ?? ''}</Typography.Text>
                      </div>
                    ),
                },
                { title: '创建人', key: 'by', width: 110, render: (_v, j) => j.createdBy?.name ?? '系统' },
                { title: '创建时间', dataIndex: 'createdAt', width: 170, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
                { title: '用时', key: 'took', width: 120, render: (_v, j) => took(j) },
              ]}
            />
          </div>
        )}
      </Card>
      <Drawer open={open !== null} onClose={() => setOpen(null)} title="任务进度" size="large" destroyOnHidden>
        {open && <JobProgress jobId={open} onDone={() => void qc.invalidateQueries({ queryKey: ['jobs', 'list'] })} />}
      </Drawer>
    </PageContainer>
  );
}
