import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { applyFieldErrors } from '../../../api/errors';
import { planningApi, planningKeys, type TermPlan, type TermPlanBody } from '../../../api/planning';
import { CountySelect, useNeedsCounty } from '../shared/county-select';

interface Values {
  countyCode?: string;
  name: string;
  range: [Dayjs, Dayjs];
  everyVillagePerTerm: boolean;
  minAnnualPercent: number;
}

/** Create or edit a term plan: the term's dates and the pace rules (data, defaults 每届全覆盖 and 每年 ≥20%). */
export function TermPlanModal({ open, plan, onClose, onSaved }: { open: boolean; plan: TermPlan | null; onClose: () => void; onSaved?: (p: TermPlan) => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const needsCounty = useNeedsCounty() && !plan;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      plan
        ? { name: plan.name, range: [dayjs(plan.startDate), dayjs(plan.endDate)], everyVillagePerTerm: plan.pace.everyVillagePerTerm, minAnnualPercent: plan.pace.minAnnualPercent }
        : { everyVillagePerTerm: true, minAnnualPercent: 20 },
    );
  }, [open, plan, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: TermPlanBody = {
        ...(v.countyCode ? { countyCode: v.countyCode } : {}),
        name: v.name.trim(),
        startDate: v.range[0].format('YYYY-MM-DD'),
        endDate: v.range[1].format('YYYY-MM-DD'),
        pace: { everyVillagePerTerm: v.everyVillagePerTerm, minAnnualPercent: v.minAnnualPercent },
      };
      return plan ? planningApi.updateTermPlan(plan.id, body) : planningApi.createTermPlan(body);
    },
    onSuccess: (saved) => {
      void message.success(plan ? '规划已保存' : '规划已新建');
      void queryClient.invalidateQueries({ queryKey: planningKeys.termPlans });
      onSaved?.(saved);
      onClose();
    },
    onError: (e) => applyFieldErrors(form, e, { startDate: 'range', endDate: 'range', pace: 'minAnnualPercent' }),
  });

  return (
    <Modal
      open={open}
      title={plan ? `编辑规划：${plan.name}` : '新建巡察规划'}
      okText="保存"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="term-plan-form">
        {needsCounty && (
          <Form.Item name="countyCode" label="区县" rules={[{ required: true, message: '请选择区县' }]}>
            <CountySelect />
          </Form.Item>
        )}
        <Form.Item name="name" label="规划名称" rules={[{ required: true, whitespace: true, message: '请填写规划名称' }, { max: 100 }]}>
          <Input placeholder="如：十四届县委巡察工作规划（2022—2026年）" />
        </Form.Item>
        <Form.Item name="range" label="规划期（一届）" rules={[{ required: true, message: '请选择规划期' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="everyVillagePerTerm" valuePropName="checked">
          <Checkbox>一届任期内对所有村（社区）巡察全覆盖</Checkbox>
        </Form.Item>
        <Form.Item name="minAnnualPercent" label="每年至少巡察村（社区）的比例" rules={[{ required: true, message: '请填写比例' }]}>
          <InputNumber min={1} max={100} suffix="%" style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
