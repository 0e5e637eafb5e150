import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { applyFieldErrors } from '../../../api/errors';
import { planningApi, planningKeys, type RoundSummary } from '../../../api/planning';
import { CountySelect, useNeedsCounty } from '../shared/county-select';

interface Values {
  countyCode?: string;
  termPlanId?: string | null;
  number: number;
  year: number;
  theme?: string;
  range: [Dayjs, Dayjs];
  key: number;
  ordinary: number;
}

const rename = { startDate: 'range', endDate: 'range', onSitePolicy: 'key' };

/** A new round, or the basic fields of one (number, dates and days only while it is in 准备). */
export function RoundModal({ open, round, onClose }: { open: boolean; round: RoundSummary | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const needsCounty = useNeedsCounty() && !round;
  const plans = useQuery({ queryKey: planningKeys.termPlans, queryFn: planningApi.termPlans, enabled: open });
  const locked = !!round && round.phase !== 'preparation';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      round
        ? {
            termPlanId: round.termPlanId,
            number: round.number,
            year: round.year,
            theme: round.theme,
            range: [dayjs(round.startDate), dayjs(round.endDate)],
            key: round.onSitePolicy.key,
            ordinary: round.onSitePolicy.ordinary,
          }
        : { year: dayjs().year(), key: 10, ordinary: 3, termPlanId: null },
    );
  }, [open, round, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        termPlanId: v.termPlanId ?? null,
        number: v.number,
        year: v.year,
        theme: v.theme?.trim() ?? '',
        startDate: v.range[0].format('YYYY-MM-DD'),
        endDate: v.range[1].format('YYYY-MM-DD'),
        onSitePolicy: { key: v.key, ordinary: v.ordinary },
      };
      return round ? planningApi.updateRound(round.id, { ...body, steps: round.steps, completionPolicy: round.completionPolicy }) : planningApi.createRound({ ...body, ...(v.countyCode ? { countyCode: v.countyCode } : {}) });
    },
    onSuccess: (saved) => {
      void message.success(round ? '已保存' : `已新建${saved.label}`);
      void queryClient.invalidateQueries({ queryKey: ['planning', 'rounds'] });
      queryClient.setQueryData(planningKeys.round(saved.id), saved);
      onClose();
      if (!round) void navigate(`/planning/rounds/${saved.id}`);
    },
    onError: (e) => applyFieldErrors(form, e, rename),
  });

  return (
    <Modal open={open} title={round ? `编辑${round.label}` : '新建巡察轮次'} okText="保存" onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending} destroyOnHidden width={620}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="round-form">
        {needsCounty && (
          <Form.Item name="countyCode" label="区县" rules={[{ required: true, message: '请选择区县' }]}>
            <CountySelect />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} disabled={locked} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="number" label="轮次编号" rules={[{ required: true, message: '请填写轮次编号' }]}>
              <InputNumber min={1} max={999} prefix="第" suffix="轮" style={{ width: '100%' }} disabled={locked} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="termPlanId" label="所属规划">
              <Select allowClear placeholder="可不选" options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="theme" label="巡察主题" rules={[{ max: 200 }]}>
          <Input placeholder="如：聚焦村级“三资”管理和惠农补贴落实" />
        </Form.Item>
        <Form.Item name="range" label="起止日期" rules={[{ required: true, message: '请选择起止日期' }]} extra={locked ? '轮次已离开准备阶段：编号、日期和驻点天数不能再修改' : undefined}>
          <DatePicker.RangePicker style={{ width: '100%' }} disabled={locked} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="key" label="重点村（社区）最少驻点工作日" rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={1} max={120} suffix="个工作日" style={{ width: '100%' }} disabled={locked} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="ordinary" label="一般村（社区）最少驻点工作日" rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={1} max={120} suffix="个工作日" style={{ width: '100%' }} disabled={locked} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

interface CopyValues {
  number: number;
  year: number;
  theme?: string;
  range: [Dayjs, Dayjs];
  keepTeams: boolean;
  asRevisit: boolean;
}

/** A new round started from a previous one: decisions carry over, progress and authorisations start again. */
export function CopyRoundModal({ open, from, onClose }: { open: boolean; from: RoundSummary | null; onClose: () => void }) {
  const [form] = Form.useForm<CopyValues>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!open || !from) return;
    form.resetFields();
    form.setFieldsValue({ year: from.year, number: from.number + 1, theme: from.theme, keepTeams: true, asRevisit: false });
  }, [open, from, form]);

  const copy = useMutation({
    mutationFn: (v: CopyValues) =>
      planningApi.copyRound(from!.id, {
        number: v.number,
        year: v.year,
        theme: v.theme?.trim(),
        startDate: v.range[0].format('YYYY-MM-DD'),
        endDate: v.range[1].format('YYYY-MM-DD'),
        keepTeams: v.keepTeams,
        asRevisit: v.asRevisit,
      }),
    onSuccess: (saved) => {
      void message.success(`已以${from!.label}为基础新建${saved.label}`);
      void queryClient.invalidateQueries({ queryKey: ['planning', 'rounds'] });
      onClose();
      void navigate(`/planning/rounds/${saved.id}`);
    },
    onError: (e) => applyFieldErrors(form, e, rename),
  });

  return (
    <Modal open={open} title={from ? `以${from.label}为基础新建一轮` : ''} okText="新建" onOk={() => form.submit()} onCancel={onClose} confirmLoading={copy.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => copy.mutate(v)} data-testid="copy-round-form">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="number" label="轮次编号" rules={[{ required: true, message: '请填写轮次编号' }]}>
              <InputNumber min={1} max={999} prefix="第" suffix="轮" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="theme" label="巡察主题">
          <Input />
        </Form.Item>
        <Form.Item name="range" label="起止日期" rules={[{ required: true, message: '请选择起止日期' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="keepTeams" valuePropName="checked" extra="保留巡察组及组员；组长授权须按“一次一授权”重新办理">
          <Checkbox>沿用巡察组</Checkbox>
        </Form.Item>
        <Form.Item name="asRevisit" valuePropName="checked" extra="所有巡察对象改为“回头看”（职能部门仍为巡部门带村）">
          <Checkbox>作为回头看轮次</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
