import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, InputNumber, Modal, Typography } from 'antd';
import type { AlertSettings } from '../../../../domain/rectification';
import { alertKeys, alertsApi } from '../../api/rectification-alerts';
import { RefusalAlert } from '../../components/refusal-alert';

/** The office's thresholds: green N days before a due date, yellow M days before (M < N); red when overdue. */
export function AlertSettingsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<AlertSettings>();
  const settings = useQuery({ queryKey: alertKeys.settings, queryFn: alertsApi.settings, enabled: open });
  const save = useMutation({
    mutationFn: alertsApi.updateSettings,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: alertKeys.all });
      message.success('已保存三色预警设置，下次运行预警时生效');
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title="三色预警设置"
      okText="保存"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      afterOpenChange={(o) => !o && save.reset()}
      destroyOnHidden
    >
      <RefusalAlert error={save.error} />
      <Typography.Paragraph type="secondary">绿色预警发给经办人；黄色预警发给经办人和责任领导；逾期后红色预警发给牵头单位及其党组织书记。</Typography.Paragraph>
      {settings.data && (
        <Form<AlertSettings> form={form} layout="inline" initialValues={settings.data} onFinish={(v) => save.mutate(v)}>
          <Form.Item name="greenDays" label="绿色预警提前" rules={[{ required: true, message: '请填写天数' }]}>
            <InputNumber min={1} max={120} precision={0} addonAfter="天" data-testid="alert-green-days" />
          </Form.Item>
          <Form.Item
            name="yellowDays"
            label="黄色预警提前"
            dependencies={['greenDays']}
            rules={[
              { required: true, message: '请填写天数' },
              ({ getFieldValue }) => ({
                validator: (_r, v: number) => (v === undefined || v === null || v < getFieldValue('greenDays') ? Promise.resolve() : Promise.reject(new Error('黄色预警的提前天数应少于绿色预警'))),
              }),
            ]}
          >
            <InputNumber min={0} max={119} precision={0} addonAfter="天" data-testid="alert-yellow-days" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
