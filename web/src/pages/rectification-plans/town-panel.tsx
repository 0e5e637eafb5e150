import { CheckOutlined, EditOutlined, PaperClipOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Flex, Form, Input, Modal, Popconfirm, Space, Table, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { PLAN_REVIEWERS } from '../../../../domain/rectification/plan';
import { formatBytes, type Attachment } from '../../api/inspections';
import { planFileUrl, planKeys, plansApi, type PlanTownDetail } from '../../api/rectification-plans';
import { QueryError } from '../../components/query-state';
import { RefusalAlert } from '../../components/refusal-alert';
import { AttachmentUpload } from '../inspections/inspection/attachments';
import { PlanStatusTag, ReportDeadlineTag, ReviewProgress } from './plan-tags';

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : '');
const pre = { whiteSpace: 'pre-wrap', marginBottom: 0 } as const;

type Dialog = { kind: 'review'; decision: 'accepted' | 'returned' } | { kind: 'report' } | { kind: 'village'; villageCode: string; villageName: string } | null;

/** The files of a plan or report, each a download link; deletable ones behind a confirmation. */
function Files({ files, onDelete }: { files: Attachment[]; onDelete?: (a: Attachment) => void }) {
  if (files.length === 0) return <Typography.Text type="secondary">无附件</Typography.Text>;
  return (
    <Flex vertical gap={2}>
      {files.map((a) => (
        <Flex key={a.id} align="center" gap={6} wrap>
          <PaperClipOutlined />
          <a href={planFileUrl(a.id)} target="_blank" rel="noreferrer" download={a.fileName}>
            {a.fileName}
          </a>
          <Typography.Text type="secondary">{formatBytes(a.size)}</Typography.Text>
          {onDelete && (
            <Popconfirm title={`删除附件“${a.fileName}”？`} okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => onDelete(a)}>
              <Button type="link" size="small" danger>
                删除
              </Button>
            </Popconfirm>
          )}
        </Flex>
      ))}
    </Flex>
  );
}

/**
 * One town of the round: the plan (written and submitted by the town; accepted or returned by 巡察办,
 * 纪委监委 and 组织部, each once per submission), the 整改情况报告 and the town's feedback to its villages.
 * Buttons follow what the server offers (`actions`, `canSubmit`, `canRecordVillageFeedback`).
 */
export function TownPanel({ roundId, townCode }: { roundId: string; townCode: string }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = planKeys.town(roundId, townCode);
  const q = useQuery({ queryKey: key, queryFn: () => plansApi.town(roundId, townCode) });
  const [error, setError] = useState<unknown>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const [form] = Form.useForm();

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: key });
    void queryClient.invalidateQueries({ queryKey: planKeys.towns(roundId) });
  };
  const done = (text: string) => (d: PlanTownDetail) => {
    queryClient.setQueryData(key, d);
    void queryClient.invalidateQueries({ queryKey: planKeys.towns(roundId) });
    void message.success(text);
    setError(null);
    setDialog(null);
  };
  const open = (d: Dialog) => {
    setError(null);
    form.resetFields();
    setDialog(d);
  };

  const save = useMutation({ mutationFn: (content: string) => plansApi.savePlan(roundId, townCode, content), onSuccess: (d) => (setDraft(null), done('整改方案已保存')(d)), onError: setError });
  const submit = useMutation({ mutationFn: () => plansApi.submitPlan(roundId, townCode), onSuccess: done('整改方案已报送联审'), onError: setError });
  const removeFile = useMutation({
    mutationFn: (v: { which: 'plan' | 'report'; id: string }) => (v.which === 'plan' ? plansApi.deletePlanFile(roundId, townCode, v.id) : plansApi.deleteReportFile(roundId, townCode, v.id)),
    onSuccess: () => {
      refresh();
      void message.success('附件已删除');
    },
    onError: setError,
  });
  const act = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      switch (dialog?.kind) {
        case 'review':
          return plansApi.reviewPlan(roundId, townCode, { decision: dialog.decision, comment: String(v.comment ?? '') });
        case 'report':
          return plansApi.submitReport(roundId, townCode, {
            submittedOn: day(v.submittedOn as Dayjs),
            content: String(v.content ?? ''),
            leaderImplementation: String(v.leaderImplementation ?? ''),
            fileId: null,
          });
        case 'village':
          return plansApi.villageFeedback(roundId, townCode, dialog.villageCode, { feedbackOn: day(v.feedbackOn as Dayjs), attendees: String(v.attendees ?? ''), content: String(v.content ?? '') });
        default:
          throw new Error('没有要执行的操作');
      }
    },
    onSuccess: (d) =>
      done(
        dialog?.kind === 'review' ? (dialog.decision === 'accepted' ? '已审核通过' : '已退回修改') : dialog?.kind === 'report' ? '整改情况报告已报送' : '镇向村反馈已登记',
      )(d),
    onError: setError,
  });

  if (q.isPending) return <Card loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const plan = d.plan;
  const can = (a: (typeof plan.actions)[number]) => plan.actions.includes(a);
  const editing = draft !== null;
  const submitted = d.report.submitted;

  return (
    <div data-testid={`plan-town-${d.townCode}`}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {`${d.townName} · ${d.round.label}`}
      </Typography.Title>
      <RefusalAlert error={dialog ? null : error} onClose={() => setError(null)} />
      {d.blocked && <Alert type="info" showIcon title={d.blocked} style={{ marginBottom: 12 }} />}
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="巡察组反馈">{d.feedbackOn ?? '未反馈'}</Descriptions.Item>
        <Descriptions.Item label="整改情况报告期限">
          <ReportDeadlineTag deadline={d.report.deadline} />
        </Descriptions.Item>
        <Descriptions.Item label="镇向村反馈">{`${d.villages.filter((v) => v.feedback).length} / ${d.villages.length} 个村`}</Descriptions.Item>
      </Descriptions>

      <Card
        size="small"
        title={
          <Space wrap>
            <span>整改方案</span>
            <PlanStatusTag plan={plan} />
            {plan.submittedOn && <Typography.Text type="secondary">{`${plan.submittedOn}报送`}</Typography.Text>}
            {plan.acceptedOn && <Typography.Text type="secondary">{`${plan.acceptedOn}联审通过`}</Typography.Text>}
          </Space>
        }
        style={{ marginBottom: 16 }}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <ReviewProgress plan={plan} />
          {plan.status === 'returned' && (
            <Alert
              type="warning"
              showIcon
              title="整改方案被退回，请按审核意见修改后重新报送"
              description={plan.reviews.filter((r) => r.decision === 'returned').map((r) => `${r.reviewerName}：${r.comment}`).join('；')}
            />
          )}
          {editing ? (
            <Input.TextArea value={draft} onChange={(e) => setDraft(e.target.value)} autoSize={{ minRows: 8, maxRows: 24 }} maxLength={20000} showCount data-testid="plan-content-input" />
          ) : plan.content ? (
            <Typography.Paragraph style={pre} data-testid="plan-content">
              {plan.content}
            </Typography.Paragraph>
          ) : (
            <Typography.Text type="secondary">尚未填写方案正文</Typography.Text>
          )}
          <Files files={plan.attachments} onDelete={can('edit') ? (a) => removeFile.mutate({ which: 'plan', id: a.id }) : undefined} />
          {can('edit') && <AttachmentUpload upload={(f) => plansApi.uploadPlanFile(roundId, townCode, f)} onUploaded={refresh} />}
          <Space wrap>
            {can('edit') && !editing && (
              <Button icon={<EditOutlined />} onClick={() => setDraft(plan.content)} data-testid="plan-edit">
                {plan.content ? '修改方案' : '填写方案'}
              </Button>
            )}
            {editing && (
              <>
                <Button type="primary" loading={save.isPending} onClick={() => save.mutate(draft)} data-testid="plan-save">
                  保存
                </Button>
                <Button onClick={() => setDraft(null)}>取消</Button>
              </>
            )}
            {can('submit') && !editing && (
              <Popconfirm
                title={`报送后由巡察办、纪委监委、组织部联审，审核期间不能修改。确定报送${plan.submissionNo > 0 ? '修改后的' : ''}整改方案吗？`}
                okText="报送"
                cancelText="取消"
                onConfirm={() => submit.mutate()}
              >
                <Button type="primary" icon={<SendOutlined />} loading={submit.isPending} data-testid="plan-submit">
                  报送联审
                </Button>
              </Popconfirm>
            )}
            {can('accept') && (
              <Button type="primary" icon={<CheckOutlined />} onClick={() => open({ kind: 'review', decision: 'accepted' })} data-testid="plan-accept">
                {`审核通过（${plan.reviewerAs ? PLAN_REVIEWERS[plan.reviewerAs] : ''}）`}
              </Button>
            )}
            {can('return') && (
              <Button danger icon={<RollbackOutlined />} onClick={() => open({ kind: 'review', decision: 'returned' })} data-testid="plan-return">
                退回修改
              </Button>
            )}
          </Space>
          {plan.history.length > 0 && (
            <>
              <Typography.Text strong>联审记录</Typography.Text>
              <Timeline
                items={plan.history.map((r) => ({
                  color: r.decision === 'accepted' ? 'green' : 'red',
                  content: (
                    <span>
                      {`第${r.submissionNo}次报送 · ${r.reviewerName} ${r.decisionName}`}
                      <Typography.Text type="secondary">{` ${r.actorName} ${dayjs(r.at).format('YYYY-MM-DD HH:mm')}`}</Typography.Text>
                      {r.comment && <div>{`意见：${r.comment}`}</div>}
                    </span>
                  ),
                }))}
              />
            </>
          )}
        </Space>
      </Card>

      <Card
        size="small"
        title="整改情况报告"
        style={{ marginBottom: 16 }}
        extra={
          d.report.canSubmit && (
            <Button type="primary" size="small" onClick={() => open({ kind: 'report' })} data-testid="report-submit">
              {submitted ? '更正报告' : '报送报告'}
            </Button>
          )
        }
      >
        {d.report.problems.length > 0 && <Alert type="info" showIcon title={d.report.problems.join('；')} style={{ marginBottom: 8 }} />}
        {submitted ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text>{`报送日期：${submitted.submittedOn}`}</Typography.Text>
            <Typography.Paragraph style={pre}>{submitted.content}</Typography.Paragraph>
            <Typography.Text strong>主要负责人组织落实情况</Typography.Text>
            <Typography.Paragraph style={pre}>{submitted.leaderImplementation}</Typography.Paragraph>
            <Files files={submitted.attachments} onDelete={d.report.canSubmit ? (a) => removeFile.mutate({ which: 'report', id: a.id }) : undefined} />
            {d.report.canSubmit && <AttachmentUpload upload={(f) => plansApi.uploadReportFile(roundId, townCode, f)} onUploaded={refresh} />}
          </Space>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未报送" />
        )}
      </Card>

      <Card size="small" title="镇向村反馈">
        <Table
          rowKey="villageCode"
          size="small"
          pagination={d.villages.length > 20 ? { pageSize: 20 } : false}
          dataSource={d.villages}
          columns={[
            { title: '村（社区）', dataIndex: 'villageName', key: 'name' },
            { title: '反馈日期', key: 'on', render: (_: unknown, v: PlanTownDetail['villages'][number]) => v.feedback?.fedBackOn ?? <Tag>未反馈</Tag> },
            { title: '参会人员', key: 'att', render: (_: unknown, v: PlanTownDetail['villages'][number]) => v.feedback?.attendees ?? '' },
            { title: '反馈情况', key: 'content', render: (_: unknown, v: PlanTownDetail['villages'][number]) => v.feedback?.content ?? '' },
            ...(d.canRecordVillageFeedback
              ? [
                  {
                    title: '操作',
                    key: 'op',
                    render: (_: unknown, v: PlanTownDetail['villages'][number]) => (
                      <Button
                        size="small"
                        onClick={() => {
                          open({ kind: 'village', villageCode: v.villageCode, villageName: v.villageName });
                          if (v.feedback) form.setFieldsValue({ feedbackOn: dayjs(v.feedback.fedBackOn), attendees: v.feedback.attendees, content: v.feedback.content });
                        }}
                        data-testid={`village-feedback-${v.villageCode}`}
                      >
                        {v.feedback ? '修改' : '登记反馈'}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <Modal
        open={dialog !== null}
        forceRender
        title={
          dialog?.kind === 'review'
            ? dialog.decision === 'accepted'
              ? `审核通过${d.townName}的整改方案`
              : `退回${d.townName}的整改方案`
            : dialog?.kind === 'report'
              ? '报送整改情况报告'
              : dialog?.kind === 'village'
                ? `登记向${dialog.villageName}的反馈`
                : ''
        }
        okText={dialog?.kind === 'review' ? (dialog.decision === 'accepted' ? '确认通过' : '确认退回') : '保存'}
        okButtonProps={{ danger: dialog?.kind === 'review' && dialog.decision === 'returned' }}
        cancelText="取消"
        confirmLoading={act.isPending}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        width={dialog?.kind === 'report' ? 760 : 520}
      >
        <RefusalAlert error={dialog ? error : null} />
        <Form form={form} layout="vertical" onFinish={(v: Record<string, unknown>) => act.mutate(v)}>
          {dialog?.kind === 'review' && (
            <Form.Item
              name="comment"
              label="审核意见"
              rules={dialog.decision === 'returned' ? [{ required: true, whitespace: true, message: '退回须填写审核意见' }] : []}
              extra={dialog.decision === 'accepted' ? '三方均通过后方案即联审通过' : '退回后本次报送的联审结束，由镇（街道）修改后重新报送'}
            >
              <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} data-testid="review-comment" />
            </Form.Item>
          )}
          {dialog?.kind === 'report' && (
            <>
              <Form.Item name="submittedOn" label="报送日期" initialValue={dayjs()} rules={[{ required: true, message: '请选择报送日期' }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="content" label="整改情况报告" initialValue={submitted?.content} rules={[{ required: true, whitespace: true, message: '请填写整改情况报告' }]}>
                <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={50000} />
              </Form.Item>
              <Form.Item
                name="leaderImplementation"
                label="主要负责人组织落实情况"
                initialValue={submitted?.leaderImplementation}
                rules={[{ required: true, whitespace: true, message: '请填写主要负责人组织落实情况' }]}
              >
                <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={20000} />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'village' && (
            <>
              <Form.Item name="feedbackOn" label="反馈日期" initialValue={dayjs()} rules={[{ required: true, message: '请选择反馈日期' }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="attendees" label="参会人员">
                <Input maxLength={500} />
              </Form.Item>
              <Form.Item name="content" label="反馈情况" rules={[{ required: true, whitespace: true, message: '请填写反馈情况' }]}>
                <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </div>
  );
}
