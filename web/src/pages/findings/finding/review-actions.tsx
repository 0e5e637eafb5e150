import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { findingKeys, findingsApi, type FindingDetail } from '../../../api/findings';
import { RefusalAlert } from '../../../components/refusal-alert';

type Dialog = { kind: 'approve' | 'return' | 'reopen' } | null;

const TITLES = { approve: '审核通过', return: '退回修改', reopen: '重新打开已审定的问题底稿' } as const;

/**
 * The buttons the server says this user may use now (detail.actions): edit, delete, submit,
 * approve/return with a comment, reopen with a reason. Every refusal is shown with all its reasons.
 */
export function ReviewActions({ finding, onEdit }: { finding: FindingDetail; onEdit: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ comment: string }>();
  const can = (a: FindingDetail['actions'][number]) => finding.actions.includes(a);
  const isDeputyStep = finding.status === 'submitted';

  const done = (text: string) => (f: FindingDetail) => {
    queryClient.setQueryData(findingKeys.one(finding.id), f);
    void queryClient.invalidateQueries({ queryKey: findingKeys.all });
    void message.success(text);
    setDialog(null);
    setError(null);
  };

  const submit = useMutation({ mutationFn: () => findingsApi.submit(finding.id), onSuccess: done('已提交副组长审核'), onError: setError });
  const remove = useMutation({
    mutationFn: () => findingsApi.remove(finding.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: findingKeys.all });
      void message.success(`已删除问题底稿${finding.numberLabel}`);
      void navigate('/findings');
    },
    onError: setError,
  });
  const decide = useMutation({
    mutationFn: ({ kind, comment }: { kind: 'approve' | 'return' | 'reopen'; comment: string }) =>
      kind === 'reopen' ? findingsApi.reopen(finding.id, comment) : findingsApi.review(finding.id, kind, comment),
    onSuccess: (f) => done(f.status === 'returned' ? '已退回撰写人修改' : f.status === 'approved' ? '已审定' : '已审核通过，待组长审定')(f),
    onError: setError,
  });

  const open = (kind: 'approve' | 'return' | 'reopen') => {
    form.resetFields();
    setError(null);
    setDialog({ kind });
  };

  return (
    <>
      <Space wrap>
        {can('edit') && (
          <Button onClick={onEdit} data-testid="finding-edit">
            修改
          </Button>
        )}
        {can('delete') && (
          <Popconfirm
            title={`删除问题底稿${finding.numberLabel}？`}
            description="草稿连同佐证材料和附件一并删除，编号不再使用。"
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => remove.mutateAsync().catch(() => undefined)}
          >
            <Button danger loading={remove.isPending} data-testid="finding-delete">
              删除草稿
            </Button>
          </Popconfirm>
        )}
        {can('submit') && (
          <Popconfirm
            title="提交副组长审核？"
            description="提交后审核期间不能修改，退回后可再修改。"
            okText="提交"
            cancelText="取消"
            onConfirm={() => submit.mutateAsync().catch(() => undefined)}
          >
            <Button type="primary" loading={submit.isPending} data-testid="finding-submit">
              提交审核
            </Button>
          </Popconfirm>
        )}
        {can('approve') && (
          <Button type="primary" onClick={() => open('approve')} data-testid="finding-approve">
            {isDeputyStep ? '审核通过' : '审定通过'}
          </Button>
        )}
        {can('return') && (
          <Button danger onClick={() => open('return')} data-testid="finding-return">
            退回修改
          </Button>
        )}
        {can('reopen') && (
          <Button onClick={() => open('reopen')} data-testid="finding-reopen">
            重新打开
          </Button>
        )}
      </Space>
      {!dialog && <div style={{ marginTop: error ? 12 : 0 }}>{error ? <RefusalAlert error={error} onClose={() => setError(null)} /> : null}</div>}
      <Modal
        open={dialog !== null}
        title={dialog ? TITLES[dialog.kind] : ''}
        okText={dialog?.kind === 'return' ? '退回' : dialog?.kind === 'reopen' ? '重新打开' : '通过'}
        okButtonProps={{ danger: dialog?.kind !== 'approve', loading: decide.isPending }}
        cancelText="取消"
        onCancel={() => setDialog(null)}
        onOk={() =>
          void form.validateFields().then(({ comment }) => {
            if (dialog) decide.mutate({ kind: dialog.kind, comment: comment ?? '' });
          })
        }
        destroyOnHidden
      >
        <RefusalAlert error={error} onClose={() => setError(null)} />
        <Form form={form} layout="vertical">
          <Form.Item
            name="comment"
            label={dialog?.kind === 'reopen' ? '重新打开的原因' : '审核意见'}
            rules={dialog?.kind === 'approve' ? [] : [{ required: true, whitespace: true, message: dialog?.kind === 'reopen' ? '重新打开须说明原因' : '退回修改须填写审核意见' }]}
            extra={dialog?.kind === 'reopen' ? '重新打开后底稿退回撰写人修改，须重新经副组长审核、组长审定' : undefined}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder={dialog?.kind === 'approve' ? '可不填' : ''} data-testid="finding-comment" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
