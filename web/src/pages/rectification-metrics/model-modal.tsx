import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { DEFAULT_EVALUATION_MODEL, type EvaluationModel } from '../../../../domain/rectification';
import { metricsApi, metricsKeys } from '../../api/rectification-metrics';
import { RefusalAlert } from '../../components/refusal-alert';

/** A key the domain accepts for a rule or indicator the office adds (letters, digits, underscore). */
const newKey = (prefix: string) => `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

/**
 * The office's 100-point model: indicators with their weights (summing to 100), each with deduction
 * rules (points per occurrence, optional cap) and the grade thresholds. The server validates it with
 * the domain's schema and answers in Chinese; saved evaluations keep the model they were scored with.
 */
export function ModelModal({ open, model, onClose }: { open: boolean; model: EvaluationModel | undefined; onClose: () => void }) {
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<EvaluationModel>();
  useEffect(() => {
    if (open && model) form.setFieldsValue(structuredClone(model));
  }, [open, model, form]);
  const save = useMutation({
    mutationFn: (m: EvaluationModel) => metricsApi.updateModel(m),
    meta: { silent: true },
    onSuccess: () => {
      message.success('评估模型已保存');
      void qc.invalidateQueries({ queryKey: metricsKeys.all });
      onClose();
    },
  });
  const indicators = Form.useWatch('indicators', form) as EvaluationModel['indicators'] | undefined;
  const total = (indicators ?? []).reduce((s, i) => s + (Number(i?.weight) || 0), 0);

  const submit = (values: EvaluationModel) =>
    save.mutate({
      ...values,
      indicators: values.indicators.map((i) => ({ ...i, rules: i.rules.map((r) => ({ ...r, maxPoints: r.maxPoints ?? null })) })),
    });

  return (
    <Modal
      open={open}
      onCancel={onClose}
      width={960}
      title="整改成效评估模型（百分制扣分）"
      okText="保存模型"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
      footer={(_orig, { OkBtn, CancelBtn }) => (
        <Flex justify="space-between">
          <Button
            onClick={() =>
              modal.confirm({
                title: '恢复默认模型？',
                content: '表单将换成默认的四项指标（组织领导 15、责任落实 15、整改任务完成 60、群众满意 10）和等次分数线，保存后生效。',
                okText: '恢复',
                cancelText: '取消',
                onOk: () => form.setFieldsValue(structuredClone(DEFAULT_EVALUATION_MODEL)),
              })
            }
          >
            恢复默认
          </Button>
          <Flex gap={8}>
            <CancelBtn />
            <OkBtn />
          </Flex>
        </Flex>
      )}
    >
      <RefusalAlert error={save.error} />
      <Form form={form} layout="vertical" onFinish={submit} data-testid="model-form">
        <Typography.Paragraph>
          各指标分值之和应为 100 分，现为{' '}
          <Typography.Text strong type={total === 100 ? 'success' : 'danger'}>
            {total}
          </Typography.Text>{' '}
          分。每个扣分项按次数扣分，单项可设扣分上限；一个指标最多扣到 0 分。
        </Typography.Paragraph>
        <Form.List name="indicators">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Card
                  key={f.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={
                    <Flex gap={8} align="center">
                      <Form.Item name={[f.name, 'key']} hidden>
                        <Input />
                      </Form.Item>
                      <Form.Item name={[f.name, 'label']} rules={[{ required: true, message: '请填写指标名称' }]} style={{ margin: 0, flex: 1 }}>
                        <Input placeholder="指标名称" maxLength={40} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'weight']} rules={[{ required: true, message: '请填写分值' }]} style={{ margin: 0 }}>
                        <InputNumber min={1} max={100} addonAfter="分" style={{ width: 120 }} />
                      </Form.Item>
                    </Flex>
                  }
                  extra={
                    fields.length > 1 && (
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)}>
                        删除指标
                      </Button>
                    )
                  }
                >
                  <Form.List name={[f.name, 'rules']}>
                    {(rules, r) => (
                      <>
                        {rules.map((rf) => (
                          <Flex key={rf.key} gap={8} align="start">
                            <Form.Item name={[rf.name, 'key']} hidden>
                              <Input />
                            </Form.Item>
                            <Form.Item name={[rf.name, 'label']} rules={[{ required: true, message: '请填写扣分项' }]} style={{ flex: 1, marginBottom: 8 }}>
                              <Input placeholder="扣分项" maxLength={200} />
                            </Form.Item>
                            <Form.Item name={[rf.name, 'points']} rules={[{ required: true, message: '每次扣分' }]} style={{ marginBottom: 8 }}>
                              <InputNumber min={0.1} max={100} step={0.5} addonBefore="每次" addonAfter="分" style={{ width: 170 }} />
                            </Form.Item>
                            <Form.Item name={[rf.name, 'maxPoints']} style={{ marginBottom: 8 }}>
                              <InputNumber min={0.1} max={100} addonBefore="上限" addonAfter="分" placeholder="不限" style={{ width: 170 }} />
                            </Form.Item>
                            <Button type="text" danger icon={<DeleteOutlined />} disabled={rules.length <= 1} onClick={() => r.remove(rf.name)} aria-label="删除扣分项" />
                          </Flex>
                        ))}
                        <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => r.add({ key: newKey('rule'), label: '', points: 1, maxPoints: null })}>
                          添加扣分项
                        </Button>
                      </>
                    )}
                  </Form.List>
                </Card>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ key: newKey('ind'), label: '', weight: 10, rules: [{ key: newKey('rule'), label: '', points: 1, maxPoints: null }] })}>
                添加指标
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          等次分数线
        </Typography.Title>
        <Flex gap={16}>
          <Form.Item name={['thresholds', 'good']} label="“好”不低于" rules={[{ required: true, message: '请填写分数线' }]}>
            <InputNumber min={0} max={100} addonAfter="分" />
          </Form.Item>
          <Form.Item name={['thresholds', 'fairlyGood']} label="“较好”不低于" rules={[{ required: true, message: '请填写分数线' }]}>
            <InputNumber min={0} max={100} addonAfter="分" />
          </Form.Item>
          <Form.Item name={['thresholds', 'average']} label="“一般”不低于（以下为“差”）" rules={[{ required: true, message: '请填写分数线' }]}>
            <InputNumber min={0} max={100} addonAfter="分" />
          </Form.Item>
        </Flex>
        <Typography.Text type="secondary">评估等次为“一般”或“差”的，须开展二次整改。</Typography.Text>
      </Form>
    </Modal>
  );
}
