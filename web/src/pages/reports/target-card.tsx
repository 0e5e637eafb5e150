import { CheckOutlined, EditOutlined, FileWordOutlined, ReloadOutlined, SoundOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Alert, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Popconfirm, Space, Steps, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { ReportSection, ReportStatus } from '../../../../domain/reports/report';
import { reportDocuments, reportKeys, reportsApi, type TargetReportDetail } from '../../api/reports';
import { QueryError } from '../../components/query-state';
import { RefusalAlert } from '../../components/refusal-alert';
import { SectionEditor } from './section-editor';
import { isoDay, yuanText } from './sections';

export const REPORT_STATUS_COLORS: Record<ReportStatus, string> = { draft: 'default', heard: 'blue', approved: 'green' };

type Dialog = { kind: 'edit' } | { kind: 'hear' } | { kind: 'approve' } | { kind: 'reopen' } | { kind: 'feedback'; villageCode: string | null; unit: string } | null;

/**
 * One target of the round: its 巡察报告 (assemble from approved findings, edit, the leading group's hearing,
 * approval, reopen, .docx), the feedback in order (the target first, then each village, with the reasons
 * a step cannot be recorded yet), and the 问题清单 of each village.
 */
export function TargetCard({ roundId, targetId }: { roundId: string; targetId: string }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: reportKeys.target(roundId, targetId), queryFn: () => reportsApi.target(roundId, targetId) });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ date: Dayjs; note?: string; reason?: string; opinion?: string; attendees?: string }>();

  const done = (text: string) => (d: TargetReportDetail) => {
    queryClient.setQueryData(reportKeys.target(roundId, targetId), d);
    void queryClient.invalidateQueries({ queryKey: ['reports', roundId, 'targets'] });
    void message.success(text);
    setDialog(null);
    setError(null);
  };
  const open = (d: Dialog) => {
    setError(null);
    setDialog(d);
  };

  const assemble = useMutation({ mutationFn: () => reportsApi.assemble(roundId, targetId), onSuccess: done('已由已审定的问题底稿汇总生成报告'), onError: setError });
  const edit = useMutation({
    mutationFn: (v: { title: string; body: ReportSection[] }) =>
      reportsApi.edit(roundId, targetId, { ...v, version: q.data!.report!.version }),
    onSuccess: done('报告已保存'),
    onError: setError,
  });
  const act = useMutation({
    mutationFn: async (v: { date: Dayjs; note?: string; reason?: string; opinion?: string; attendees?: string }) => {
      const date = isoDay(v.date);
      switch (dialog?.kind) {
        case 'hear':
          return reportsApi.hear(roundId, targetId, { heardOn: date, note: v.note ?? '' });
        case 'approve':
          return reportsApi.approve(roundId, targetId, date);
        case 'reopen':
          return reportsApi.reopen(roundId, targetId, v.reason ?? '');
        case 'feedback':
          return reportsApi.feedback(roundId, targetId, { villageCode: dialog.villageCode, fedBackOn: date, opinion: v.opinion ?? '', attendees: v.attendees ?? '' });
        default:
          throw new Error('没有要执行的操作');
      }
    },
    onSuccess: (d) => done({ hear: '已登记领导小组听取汇报', approve: '报告已审定', reopen: '报告已重新打开', feedback: '反馈已登记' }[dialog?.kind as 'hear'] ?? '已保存')(d),
    onError: setError,
  });

  if (q.isPending) return <Card loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const report = d.report;
  const can = (a: NonNullable<typeof report>['actions'][number]) => Boolean(report?.actions.includes(a));
  const fedSteps = d.feedback.filter((s) => s.feedback).length;

  return (
    <Card
      data-testid={`report-target-${d.target.id}`}
      title={
        <Space wrap>
          <span>{d.target.name}</span>
          <Tag>{d.target.kind === 'town' ? '乡镇' : '村（社区）'}</Tag>
          {d.target.teamName && <Typography.Text type="secondary">{d.target.teamName}</Typography.Text>}
          {report ? <Tag color={REPORT_STATUS_COLORS[report.status]}>{report.statusName}</Tag> : <Tag>报告未起草</Tag>}
        </Space>
      }
      style={{ marginBottom: 16 }}
    >
      <RefusalAlert error={dialog ? null : error} onClose={() => setError(null)} />
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="已审定问题">
          {d.summary.count}个{d.summary.immediate > 0 ? `（立行立改${d.summary.immediate}个）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="涉及金额">
          <span style={{ whiteSpace: 'nowrap' }}>{yuanText(d.summary.amount)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="按类别">{d.summary.groups.map((g) => `${g.categoryName}${g.count}个`).join('，') || '无'}</Descriptions.Item>
        {report?.heardOn && <Descriptions.Item label="领导小组听取">{`${report.heardOn}${report.heardNote ? `：${report.heardNote}` : ''}`}</Descriptions.Item>}
        {report?.approvedOn && <Descriptions.Item label="审定">{`${report.approvedOn}${report.approvedBy ? `（${report.approvedBy}）` : ''}`}</Descriptions.Item>}
      </Descriptions>

      <Space wrap style={{ marginBottom: 16 }}>
        {d.canWrite && !report && (
          <Button type="primary" icon={<ReloadOutlined />} loading={assemble.isPending} onClick={() => assemble.mutate()}>
            汇总生成巡察报告
          </Button>
        )}
        {can('assemble') && (
          <Popconfirm title="重新汇总将以已审定的问题底稿覆盖当前报告正文，并需重新听取汇报，确定吗？" okText="重新汇总" cancelText="取消" onConfirm={() => assemble.mutate()}>
            <Button icon={<ReloadOutlined />} loading={assemble.isPending}>
              重新汇总
            </Button>
          </Popconfirm>
        )}
        {can('edit') && (
          <Button icon={<EditOutlined />} onClick={() => open({ kind: 'edit' })}>
            编辑报告
          </Button>
        )}
        {can('hear') && (
          <Button icon={<SoundOutlined />} onClick={() => open({ kind: 'hear' })}>
            登记领导小组听取汇报
          </Button>
        )}
        {can('approve') && (
          <Button type="primary" icon={<CheckOutlined />} onClick={() => open({ kind: 'approve' })}>
            审定报告
          </Button>
        )}
        {can('reopen') && (
          <Button danger icon={<UndoOutlined />} onClick={() => open({ kind: 'reopen' })}>
            重新打开
          </Button>
        )}
        {report && (
          <Button icon={<FileWordOutlined />} href={reportDocuments.report(roundId, targetId)}>
            下载巡察报告{report.status === 'approved' ? '' : '（未审定稿）'}
          </Button>
        )}
      </Space>

      {report && (
        <details style={{ marginBottom: 16 }}>
          <summary>
            <Typography.Text strong>{report.title}</Typography.Text>（共{report.body.length}节，点击展开）
          </summary>
          {report.body.map((s, i) => (
            <div key={`${i}-${s.heading}`} style={{ marginTop: 8 }}>
              <Typography.Text strong>{s.heading}</Typography.Text>
              {s.paragraphs.map((p, j) => (
                <Typography.Paragraph key={j} style={{ textIndent: '2em', marginBottom: 4 }}>
                  {p}
                </Typography.Paragraph>
              ))}
            </div>
          ))}
        </details>
      )}

      <Typography.Title level={5}>反馈（先向{d.target.kind === 'town' ? '乡镇党委' : '村（社区）党组织'}，再向各村）</Typography.Title>
      <Steps
        orientation="vertical"
        size="small"
        current={fedSteps}
        items={d.feedback.map((s) => ({
          title: (
            <Space wrap>
              <span>{s.unit}</span>
              <Typography.Text type="secondary">已审定问题{s.approvedFindings}个</Typography.Text>
              {s.villageCode && (
                <Button size="small" icon={<FileWordOutlined />} href={reportDocuments.problemList(roundId, targetId, s.villageCode)}>
                  问题清单
                </Button>
              )}
              {!s.villageCode && d.target.kind !== 'town' && (
                <Button size="small" icon={<FileWordOutlined />} href={reportDocuments.problemList(roundId, targetId, d.target.code)}>
                  问题清单
                </Button>
              )}
              {!s.villageCode && report?.status === 'approved' && (
                <Button size="small" icon={<FileWordOutlined />} href={reportDocuments.feedback(roundId, targetId)}>
                  反馈意见
                </Button>
              )}
            </Space>
          ),
          status: s.feedback ? 'finish' : s.problems.length ? 'wait' : 'process',
          description: s.feedback ? (
            <div>
              <div>反馈日期：{s.feedback.fedBackOn}{s.feedback.attendees ? `；参加人员：${s.feedback.attendees}` : ''}</div>
              <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: '展开' }} style={{ marginBottom: 0 }}>
                {s.feedback.opinion}
              </Typography.Paragraph>
            </div>
          ) : (
            <div>
              {s.problems.length > 0 && (
                <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="feedback-problems">
                  {s.problems.map((p) => (
                    <li key={p}>
                      <Typography.Text type="warning">{p}</Typography.Text>
                    </li>
                  ))}
                </ul>
              )}
              {d.canWrite && (
                <Button size="small" type={s.problems.length ? 'default' : 'primary'} onClick={() => open({ kind: 'feedback', villageCode: s.villageCode, unit: s.unit })}>
                  登记反馈
                </Button>
              )}
            </div>
          ),
        }))}
      />

      <SectionEditor
        open={dialog?.kind === 'edit'}
        title="编辑巡察报告"
        initial={report ? { title: report.title, body: report.body } : null}
        saving={edit.isPending}
        error={error}
        onCancel={() => setDialog(null)}
        onSave={(v) => edit.mutate(v)}
      />

      <Modal
        open={dialog !== null && dialog.kind !== 'edit'}
        title={
          dialog?.kind === 'hear'
            ? '登记领导小组听取汇报'
            : dialog?.kind === 'approve'
              ? '审定巡察报告'
              : dialog?.kind === 'reopen'
                ? '重新打开已审定的巡察报告'
                : dialog?.kind === 'feedback'
                  ? `登记对${dialog.unit}的反馈`
                  : ''
        }
        okText={dialog?.kind === 'approve' ? '确认审定' : dialog?.kind === 'reopen' ? '重新打开' : '保存'}
        okButtonProps={{ danger: dialog?.kind === 'reopen' }}
        cancelText="取消"
        confirmLoading={act.isPending}
        onCancel={() => setDialog(null)}
        onOk={() => void form.validateFields().then((v) => act.mutate(v))}
        destroyOnHidden
      >
        <RefusalAlert error={error} />
        {dialog?.kind === 'approve' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="审定后报告不能再修改，只有巡察办可说明原因后重新打开。" />}
        <Form form={form} layout="vertical" preserve={false} initialValues={{ date: dayjs() }}>
          {dialog?.kind !== 'reopen' && (
            <Form.Item name="date" label={dialog?.kind === 'hear' ? '听取汇报日期' : dialog?.kind === 'approve' ? '审定日期' : '反馈日期'} rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          )}
          {dialog?.kind === 'hear' && (
            <Form.Item name="note" label="领导小组意见">
              <Input.TextArea autoSize={{ minRows: 3 }} maxLength={4000} />
            </Form.Item>
          )}
          {dialog?.kind === 'reopen' && (
            <Form.Item name="reason" label="重新打开的原因" rules={[{ required: true, whitespace: true, message: '请说明原因' }]}>
              <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
            </Form.Item>
          )}
          {dialog?.kind === 'feedback' && (
            <>
              <Form.Item name="opinion" label="反馈意见" rules={[{ required: true, whitespace: true, message: '请填写反馈意见' }]}>
                <Input.TextArea autoSize={{ minRows: 4 }} maxLength={8000} />
              </Form.Item>
              <Form.Item name="attendees" label="参加人员">
                <Input maxLength={1000} placeholder="如：镇党委书记、县纪委监委、县委组织部有关同志" />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
