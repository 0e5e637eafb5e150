import { ArrowLeftOutlined, ArrowRightOutlined, CopyOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Descriptions, Flex, Form, Input, Modal, Row, Steps, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { INSPECTION_STEP_LIST, INSPECTION_STEPS, STEP_REQUIREMENTS } from '../../../../../domain/inspections/steps';
import { ROUND_PHASE_LIST, ROUND_PHASES, type RoundPhase } from '../../../../../domain/planning/round';
import { planningApi, planningKeys, type RoundDetail } from '../../../api/planning';
import { RefusalAlert } from '../../../components/refusal-alert';
import { CopyRoundModal, RoundModal } from '../rounds/round-modals';

/** 基本信息与阶段: the phase bar, moves with every refusal reason, milestones, the round's fields. */
export function PhaseTab({ round }: { round: RoundDetail }) {
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [refusal, setRefusal] = useState<unknown>(null);
  const [backTo, setBackTo] = useState<RoundPhase | null>(null);
  const [reason, setReason] = useState('');
  const [editing, setEditing] = useState(false);
  const [copying, setCopying] = useState(false);

  const move = useMutation({
    mutationFn: (body: { to: RoundPhase; reason?: string }) => planningApi.movePhase(round.id, body),
    meta: { silent: true },
    onSuccess: (saved) => {
      setRefusal(null);
      setBackTo(null);
      setReason('');
      queryClient.setQueryData(planningKeys.round(round.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['planning', 'rounds'] });
      void message.success(`已转入“${saved.phaseName}”阶段`);
    },
    onError: (e) => {
      setRefusal(e);
      setBackTo(null);
    },
  });

  const current = ROUND_PHASE_LIST.indexOf(round.phase);
  const forward = round.nextPhases.filter((p) => !p.backward);
  const backward = round.nextPhases.filter((p) => p.backward);

  return (
    <>
      <Card size="small" title="阶段" style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={current}
          items={ROUND_PHASE_LIST.map((p) => ({ title: ROUND_PHASES[p] }))}
          style={{ marginBottom: 16 }}
          data-testid="round-phase-steps"
        />
        <RefusalAlert error={refusal} onClose={() => setRefusal(null)} />
        {round.canWrite && (
          <Flex gap={8} wrap>
            {forward.map((p) => (
              <Button
                key={p.phase}
                type="primary"
                icon={<ArrowRightOutlined />}
                loading={move.isPending}
                data-testid={`phase-to-${p.phase}`}
                onClick={() =>
                  modal.confirm({
                    title: `转入“${p.name}”阶段？`,
                    content: '系统将检查进入该阶段的条件，不满足时列出全部原因。',
                    okText: '转入',
                    onOk: () => move.mutate({ to: p.phase }),
                  })
                }
              >
                转入“{p.name}”
              </Button>
            ))}
            {backward.map((p) => (
              <Button key={p.phase} danger icon={<ArrowLeftOutlined />} onClick={() => setBackTo(p.phase)} data-testid={`phase-back-${p.phase}`}>
                退回“{p.name}”
              </Button>
            ))}
            {round.nextPhases.length === 0 && <Typography.Text type="secondary">本轮已立卷归档</Typography.Text>}
          </Flex>
        )}
      </Card>

      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title="基本信息"
            style={{ marginBottom: 16 }}
            extra={
              round.canWrite && (
                <Flex gap={8}>
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                    编辑
                  </Button>
                  <Button size="small" icon={<CopyOutlined />} onClick={() => setCopying(true)}>
                    复制新建
                  </Button>
                </Flex>
              )
            }
          >
            <Descriptions column={1} size="small">
              <Descriptions.Item label="轮次">{round.label}</Descriptions.Item>
              <Descriptions.Item label="主题">{round.theme || '—'}</Descriptions.Item>
              <Descriptions.Item label="起止日期">
                {round.startDate} 至 {round.endDate}
              </Descriptions.Item>
              <Descriptions.Item label="最少驻点工作日">
                重点村（社区）{round.onSitePolicy.key} 个，一般村（社区）{round.onSitePolicy.ordinary} 个（按法定工作日计算）
              </Descriptions.Item>
              <Descriptions.Item label="必经环节">
                {INSPECTION_STEP_LIST.filter((s) => round.steps[s] === 'mandatory')
                  .map((s) => INSPECTION_STEPS[s])
                  .join('、')}
              </Descriptions.Item>
              <Descriptions.Item label="可选环节">
                {INSPECTION_STEP_LIST.filter((s) => round.steps[s] === 'optional')
                  .map((s) => INSPECTION_STEPS[s])
                  .join('、') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label="说明">{`环节分为${Object.values(STEP_REQUIREMENTS).join('、')}，在“环节设置”中调整`}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <MilestonesCard round={round} />
        </Col>
      </Row>

      <Modal
        open={backTo !== null}
        title={backTo ? `退回“${ROUND_PHASES[backTo]}”阶段` : ''}
        okText="退回"
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        confirmLoading={move.isPending}
        onOk={() => backTo && move.mutate({ to: backTo, reason: reason.trim() })}
        onCancel={() => setBackTo(null)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">退回之前的阶段须说明原因，原因记入审计日志。</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} showCount value={reason} onChange={(e) => setReason(e.target.value)} placeholder="如：领导小组要求补充了解有关情况" data-testid="phase-back-reason" />
      </Modal>
      <RoundModal open={editing} round={round} onClose={() => setEditing(false)} />
      <CopyRoundModal open={copying} from={round} onClose={() => setCopying(false)} />
    </>
  );
}

interface MilestoneValues {
  reportApprovedOn?: Dayjs | null;
  reportNote?: string;
  evaluationDoneOn?: Dayjs | null;
}

function MilestonesCard({ round }: { round: RoundDetail }) {
  const [form] = Form.useForm<MilestoneValues>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  useEffect(() => {
    form.setFieldsValue({
      reportApprovedOn: round.reportApprovedOn ? dayjs(round.reportApprovedOn) : null,
      reportNote: round.reportNote,
      evaluationDoneOn: round.evaluationDoneOn ? dayjs(round.evaluationDoneOn) : null,
    });
  }, [round, form]);
  const save = useMutation({
    mutationFn: (v: MilestoneValues) =>
      planningApi.milestones(round.id, {
        reportApprovedOn: v.reportApprovedOn ? v.reportApprovedOn.format('YYYY-MM-DD') : null,
        reportNote: v.reportNote?.trim() ?? '',
        evaluationDoneOn: v.evaluationDoneOn ? v.evaluationDoneOn.format('YYYY-MM-DD') : null,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(planningKeys.round(round.id), saved);
      void message.success('已记录');
    },
  });
  return (
    <Card size="small" title="关键节点" style={{ marginBottom: 16 }}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} disabled={!round.canWrite}>
        <Form.Item name="reportApprovedOn" label="巡察报告审定日期" extra="领导小组听取汇报、书记专题会研究后填写；进入反馈阶段须已审定">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reportNote" label="审定说明">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="evaluationDoneOn" label="整改成效评估完成日期" extra="立卷归档前须完成">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {round.canWrite && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
        )}
      </Form>
    </Card>
  );
}
