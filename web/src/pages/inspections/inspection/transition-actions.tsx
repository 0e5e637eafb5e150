import { CheckCircleOutlined, PlayCircleOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { DEFAULT_COMPLETION_POLICY, meaningfulLength, overrideReasonProblems } from '../../../../../domain/inspections/completion';
import { checklistKeys } from '../../../api/checklists';
import { isApiError } from '../../../api/client';
import { reportError } from '../../../api/errors';
import { inspectionKeys, inspectionsApi, type TransitionBody, type Workspace } from '../../../api/inspections';
import { useAccess } from '../../../session/session';
import { refusalReasons } from './workspace-state';

const OVERRIDE_MIN = DEFAULT_COMPLETION_POLICY.overrideReasonMinLength;

/**
 * The primary actions of the header: 开始巡察, 完成本村巡察 (asks the server; a refusal lists every
 * missing condition, and the office may finish anyway with a reason), 重新打开 (with a reason).
 */
export function TransitionActions({ ws }: { ws: Workspace }) {
  const { message, modal } = App.useApp();
  const access = useAccess();
  const queryClient = useQueryClient();
  const id = ws.inspection.id;
  const [refusal, setRefusal] = useState<string[] | null>(null);
  const [overrideForm] = Form.useForm<{ reason: string }>();
  const [reopenOpen, setReopenOpen] = useState(false);
  const [reopenForm] = Form.useForm<{ reason: string }>();

  const done = (next: Workspace) => {
    queryClient.setQueryData(inspectionKeys.workspace(id), next);
    void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
    // finishing locks the checklist marks and reopening unlocks them: the panel must ask again
    void queryClient.invalidateQueries({ queryKey: checklistKeys.inspection(id) });
  };

  const transition = useMutation({
    mutationFn: (body: TransitionBody) => inspectionsApi.transition(id, body),
    meta: { silent: true },
    onSuccess: (next, body) => {
      done(next);
      setRefusal(null);
      setReopenOpen(false);
      if (body.to === 'in_progress') void message.success(ws.inspection.status === 'completed' ? '已重新打开本村巡察' : '已开始本村巡察');
      else if (body.to === 'completed') void message.success('本村巡察已完成');
    },
    onError: (e, body) => {
      if (body.to === 'completed' && isApiError(e) && e.code === 'INSPECTION_NOT_COMPLETABLE') {
        setRefusal(refusalReasons(e));
        void queryClient.invalidateQueries({ queryKey: inspectionKeys.workspace(id) });
        return;
      }
      if (isApiError(e) && e.code === 'INSPECTION_OVERRIDE_REASON_INVALID') {
        // the message says what is wrong with the reason; details.reasons are the conditions it overrides
        overrideForm.setFields([{ name: 'reason', errors: [e.message] }]);
        return;
      }
      reportError(e);
    },
  });

  const confirmOverride = async () => {
    const { reason } = await overrideForm.validateFields();
    modal.confirm({
      title: '确认特批完成本村巡察？',
      content: `以下 ${refusal?.length ?? 0} 项条件尚未满足，特批理由和这些条件将记入审计记录。`,
      okText: '确认特批完成',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => transition.mutateAsync({ to: 'completed', override: { reason: reason.trim() } }).catch(() => undefined),
    });
  };

  const status = ws.inspection.status;
  // canWork is false on a completed inspection; reopening needs the right to work it and an open round
  if (!access.can('inspections.work')) return null;
  const roundClosed = !ws.round.onSiteWorkAllowed;
  const closedHint = roundClosed ? `本轮巡察处于“${ws.round.phaseName}”阶段，只有进驻或了解阶段可以开展村级巡察工作` : undefined;

  return (
    <>
      {status === 'not_started' && (
        <Popconfirm
          title="开始本村巡察？"
          description="开始后即可登记工作环节和工作记录。"
          okText="开始巡察"
          cancelText="取消"
          onConfirm={() => transition.mutateAsync({ to: 'in_progress' }).catch(() => undefined)}
          disabled={roundClosed}
        >
          <Button type="primary" icon={<PlayCircleOutlined />} loading={transition.isPending} disabled={roundClosed} title={closedHint} data-testid="start-inspection">
            开始巡察
          </Button>
        </Popconfirm>
      )}
      {status === 'in_progress' && (
        <Popconfirm
          title="完成本村巡察？"
          description="系统将核对各项完成条件；完成后工作记录不能再修改。"
          okText="完成"
          cancelText="取消"
          onConfirm={() => transition.mutateAsync({ to: 'completed' }).catch(() => undefined)}
        >
          <Button type="primary" icon={<CheckCircleOutlined />} loading={transition.isPending} disabled={roundClosed} title={closedHint} data-testid="complete-inspection">
            完成本村巡察
          </Button>
        </Popconfirm>
      )}
      {status === 'completed' && (
        <Button icon={<RollbackOutlined />} onClick={() => setReopenOpen(true)} disabled={roundClosed} title={closedHint} data-testid="reopen-inspection">
          重新打开
        </Button>
      )}

      <Modal
        open={refusal !== null}
        title="暂不能完成本村巡察"
        onCancel={() => setRefusal(null)}
        destroyOnHidden
        afterClose={() => overrideForm.resetFields()}
        footer={[
          <Button key="close" onClick={() => setRefusal(null)} type={ws.canOverride ? 'default' : 'primary'}>
            知道了
          </Button>,
          ws.canOverride && (
            <Button key="override" danger loading={transition.isPending} onClick={() => void confirmOverride().catch(() => undefined)} data-testid="override-submit">
              特批完成
            </Button>
          ),
        ]}
        data-testid="refusal-modal"
      >
        <Typography.Paragraph>以下 {refusal?.length ?? 0} 项条件尚未满足：</Typography.Paragraph>
        <ul data-testid="refusal-reasons" style={{ paddingLeft: 20 }}>
          {(refusal ?? []).map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        {ws.canOverride ? (
          <Form form={overrideForm} layout="vertical" preserve={false}>
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="巡察办可以特批完成：须写明理由，理由和未满足的条件将一并记录。" />
            <Form.Item
              name="reason"
              label="特批理由"
              rules={[
                {
                  validator: async (_r, v: string | undefined) => {
                    const problems = overrideReasonProblems(v);
                    if (problems.length) throw new Error(problems.join('；'));
                  },
                },
              ]}
              extra={<OverrideCount form={overrideForm} />}
            >
              <Input.TextArea rows={3} maxLength={500} placeholder={`不少于 ${OVERRIDE_MIN} 个字，标点和空格不计`} data-testid="override-reason" />
            </Form.Item>
          </Form>
        ) : (
          <Typography.Text type="secondary">请补齐以上条件后再完成；确有特殊情况的，请联系巡察办特批。</Typography.Text>
        )}
      </Modal>

      <Modal
        open={reopenOpen}
        title="重新打开本村巡察"
        okText="重新打开"
        cancelText="取消"
        confirmLoading={transition.isPending}
        onCancel={() => setReopenOpen(false)}
        destroyOnHidden
        onOk={() =>
          void reopenForm
            .validateFields()
            .then((v) => transition.mutate({ to: 'in_progress', reason: v.reason.trim() }))
            .catch(() => undefined)
        }
        data-testid="reopen-modal"
      >
        <Typography.Paragraph type="secondary">重新打开后巡察组可继续补充工作记录，原因将记入审计记录。</Typography.Paragraph>
        <Form form={reopenForm} layout="vertical" preserve={false}>
          <Form.Item name="reason" label="重新打开的原因" rules={[{ required: true, whitespace: true, message: '请说明重新打开的原因' }, { max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} placeholder="如：巡察报告退回，需补充了解情况" data-testid="reopen-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function OverrideCount({ form }: { form: ReturnType<typeof Form.useForm<{ reason: string }>>[0] }) {
  const reason = Form.useWatch('reason', form) ?? '';
  const n = meaningfulLength(reason);
  return <Typography.Text type={n >= OVERRIDE_MIN ? 'success' : 'secondary'}>已填写 {n} 个字（不少于 {OVERRIDE_MIN} 个字，标点和空格不计）</Typography.Text>;
}
