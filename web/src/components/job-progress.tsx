/**
 * The progress of one job (an import, a model run): a bar with the handler's Chinese line, the time
 * it has taken, a 取消 button behind a confirmation while it is queued or running, and the Chinese
 * error when it failed. Polls every second (useJob) until the job has finished, then calls onDone once.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Popconfirm, Progress, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { elapsedText } from '../../../domain/jobs/states';
import { errorText } from '../api/errors';
import { jobActive, jobKeys, jobsApi, useJob, type Job } from '../api/jobs';

const STATUS_COLOURS: Record<Job['status'], string> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  cancelled: 'warning',
};

export interface JobProgressProps<R = unknown> {
  jobId: string;
  /** called once when the job has finished (succeeded, failed or cancelled) */
  onDone?: (job: Job<R>) => void;
  /** what the confirmation says a cancel does (default: stops it and discards what was not finished) */
  cancelWarning?: string;
  /** hide the 取消 button (for users who may only watch) */
  cancellable?: boolean;
}

/** Seconds tick while the job is active, so the elapsed time moves between polls. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function elapsedOf(job: Job, now: number): string {
  if (job.status === 'queued') return `已等待 ${elapsedText(now - Date.parse(job.createdAt))}`;
  const start = Date.parse(job.startedAt ?? job.createdAt);
  const end = job.finishedAt ? Date.parse(job.finishedAt) : now;
  return `${job.finishedAt ? '用时' : '已用时'} ${elapsedText(end - start)}`;
}

export function JobProgress<R = unknown>({ jobId, onDone, cancelWarning, cancellable = true }: JobProgressProps<R>) {
  const qc = useQueryClient();
  const query = useJob<R>(jobId);
  const job = query.data;
  const active = jobActive(job);
  const now = useNow(active);

  // onDone once per job, with the finished job
  const notified = useRef<string | null>(null);
  const onDoneRef = useRef(onDone);
  onDoneRef.current = onDone;
  useEffect(() => {
    if (job && !jobActive(job) && notified.current !== job.id) {
      notified.current = job.id;
      onDoneRef.current?.(job);
    }
  }, [job]);

  const cancel = useMutation({
    mutationFn: () => jobsApi.cancel(jobId),
    onSuccess: (updated) => {
      qc.setQueryData(jobKeys.one(jobId), updated);
      void qc.invalidateQueries({ queryKey: ['jobs', 'list'] });
    },
  });

  if (query.error) return <Alert type="error" showIcon title="无法读取任务进度" description={errorText(query.error)} data-testid="job-progress-error" />;
  if (!job) return <Spin size="small" description="正在读取任务…" />;

  const { percent, text } = job.progress;
  const barStatus = job.status === 'failed' ? 'exception' : job.status === 'succeeded' ? 'success' : job.status === 'cancelled' ? 'normal' : 'active';

  return (
    <div data-testid="job-progress" data-status={job.status}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Space size={8}>
          <Typography.Text strong>{job.kindLabel}</Typography.Text>
          <Tag color={STATUS_COLOURS[job.status]}>{job.cancelRequested && active ? '正在取消' : job.statusLabel}</Tag>
        </Space>
        <Space size={8}>
          <Typography.Text type="secondary" data-testid="job-elapsed">
            {elapsedOf(job, now)}
          </Typography.Text>
          {active && cancellable && (
            <Popconfirm
              title="取消任务"
              description={cancelWarning ?? '确定取消该任务吗？已完成的部分将被撤销，需要时请重新运行。'}
              okText="取消任务"
              cancelText="继续运行"
              okButtonProps={{ danger: true }}
              onConfirm={() => cancel.mutateAsync().catch(() => undefined)} // the error is shown by the mutation cache
              disabled={job.cancelRequested}
            >
              <Button size="small" danger disabled={job.cancelRequested} loading={cancel.isPending}>
                {job.cancelRequested ? '正在取消…' : '取消'}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Flex>
      {percent !== null || !active ? (
        <Progress percent={percent ?? (job.status === 'succeeded' ? 100 : 0)} status={barStatus} />
      ) : (
        <Progress percent={100} status="active" showInfo={false} strokeColor="#bfbfbf" aria-label="进度未知" />
      )}
      <Typography.Text type="secondary" data-testid="job-progress-text">
        {text ?? (job.status === 'queued' ? '排队等待运行…' : active ? '正在处理…' : '')}
      </Typography.Text>
      {job.status === 'failed' && job.error && <Alert style={{ marginTop: 8 }} type="error" showIcon title="任务失败" description={job.error.message} data-testid="job-error" />}
      {job.status === 'cancelled' && <Alert style={{ marginTop: 8 }} type="warning" showIcon title="任务已取消" />}
    </div>
  );
}
