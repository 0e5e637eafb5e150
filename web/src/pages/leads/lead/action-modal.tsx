import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { applyFieldErrors } from '../../../api/errors';
import { leadKeys } from '../../../api/leads';
import { RefusalAlert } from '../../../components/refusal-alert';

/**
 * One step of a lead in a modal: a small form, the call, every refusal reason shown in place, and the
 * lead's queries refreshed on success.
 */
export function ActionModal<V extends object>({
  open,
  title,
  okText,
  danger,
  initialValues,
  onClose,
  submit,
  success,
  onDone,
  children,
  testId,
}: {
  open: boolean;
  title: string;
  okText: string;
  danger?: boolean;
  initialValues?: Partial<V>;
  onClose: () => void;
  submit: (values: V) => Promise<unknown>;
  success: string;
  /** after success and closing, e.g. leave a page the user no longer sees */
  onDone?: () => void;
  children: (form: FormInstance<V>) => ReactNode;
  testId?: string;
}) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<V>();
  const run = useMutation({
    mutationFn: submit,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: leadKeys.all });
      message.success(success);
      onClose();
      onDone?.();
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
      width={600}
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
