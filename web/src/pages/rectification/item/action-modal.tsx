import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { applyFieldErrors } from '../../../api/errors';
import { rectKeys } from '../../../api/rectification';
import { RefusalAlert } from '../../../components/refusal-alert';

/** One step of an item in a modal: a small form, the call, every refusal reason in place, the item's queries refreshed. */
export function ActionModal<V extends object>({
  open,
  title,
  okText,
  danger,
  initialValues,
  onClose,
  submit,
  success,
  children,
  testId,
  width = 600,
}: {
  open: boolean;
  title: string;
  okText: string;
  danger?: boolean;
  initialValues?: Partial<V>;
  onClose: () => void;
  submit: (values: V) => Promise<unknown>;
  success: string;
  children: (form: FormInstance<V>) => ReactNode;
  testId?: string;
  width?: number;
}) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<V>();
  const run = useMutation({
    mutationFn: submit,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: rectKeys.all });
      message.success(success);
      onClose();
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger, ...({ 'data-testid': testId ? `${testId}-ok` : undefined } as Record<string, unknown>) }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={run.isPending}
      destroyOnHidden
      afterOpenChange={(o) => {
        if (o) form.resetFields();
        else run.reset();
      }}
      width={width}
    >
      <div data-testid={testId}>
        <RefusalAlert error={run.error} />
        <Form<V> form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => run.mutate(v)}>
          {children(form)}
        </Form>
      </div>
    </Modal>
  );
}
