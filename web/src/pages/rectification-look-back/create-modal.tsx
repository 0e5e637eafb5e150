import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { LOOK_BACK_DEFAULT_THEME } from '../../../../domain/rectification/look-back';
import { applyFieldErrors } from '../../api/errors';
import { planningApi, planningKeys } from '../../api/planning';
import { lookBackApi, lookBackKeys, type Candidate, type LookBackCreated } from '../../api/rectification-look-back';
import { RefusalAlert } from '../../components/refusal-alert';

interface Values {
  mode: 'new' | 'existing';
  year: number;
  number: number;
  theme: string;
  dates: [Dayjs, Dayjs];
  existingRoundId?: string;
}

const PREPARATION = { phase: 'preparation', page: 1, pageSize: 100 };

/** 创建回头看轮次: a new round (number, theme, dates) or one still in 准备, confirmed before anything is written. */
export function CreateLookBackModal({
  sourceRoundId,
  sourceRoundLabel,
  villages,
  onClose,
  onDone,
}: {
  sourceRoundId: string | null;
  sourceRoundLabel: string | null;
  villages: Candidate[];
  onClose: () => void;
  onDone: (r: LookBackCreated) => void;
}) {
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form) ?? 'new';
  const preparing = useQuery({ queryKey: planningKeys.rounds(PREPARATION), queryFn: () => planningApi.rounds(PREPARATION) });
  const items = villages.reduce((n, v) => n + v.itemCount, 0);
  const save = useMutation({
    mutationFn: (v: Values) =>
      lookBackApi.create({
        sourceRoundId,
        villageCodes: villages.map((c) => c.villageCode),
        ...(v.mode === 'new'
          ? { round: { year: v.year, number: v.number, theme: v.theme, startDate: v.dates[0].format('YYYY-MM-DD'), endDate: v.dates[1].format('YYYY-MM-DD') } }
          : { existingRoundId: v.existingRoundId! }),
      }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: lookBackKeys.all });
      void qc.invalidateQueries({ queryKey: ['planning'] });
      message.success(`已在${r.roundLabel}创建 ${r.targets.length} 个回头看对象`);
      onDone(r);
    },
    onError: (e) => applyFieldErrors(form, e, { 'round.year': 'year', 'round.number': 'number', 'round.theme': 'theme', 'round.endDate': 'dates', 'round.startDate': 'dates' }),
  });
  const submit = (v: Values) => {
    const round = v.mode === 'new' ? `新建的${v.year}年第${v.number}轮` : (preparing.data?.items.find((r) => r.id === v.existingRoundId)?.label ?? '所选轮次');
    modal.confirm({
      title: '确认创建回头看？',
      content: `将在${round}为 ${villages.length} 个村（社区）各建一个“回头看”巡察对象，关联原整改事项 ${items} 项。创建后可在轮次中安排巡察组。`,
      okText: '创建',
      cancelText: '取消',
      onOk: () => save.mutateAsync(v).catch(() => undefined),
    });
  };
  const year = dayjs().year();
  return (
    <Modal open title="创建回头看轮次" okText="创建" cancelText="取消" onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending} width={640} destroyOnHidden>
      <div data-testid="look-back-create-modal">
        <RefusalAlert error={save.error} />
        <Typography.Paragraph>
          {`回头看对象：${villages.map((v) => `${v.townName}${v.villageName}`).join('、')}（共 ${villages.length} 个村，关联原整改事项 ${items} 项${sourceRoundLabel ? `，来源：${sourceRoundLabel}` : '，来源：全部轮次'}）`}
        </Typography.Paragraph>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ mode: 'new', year, number: 1, theme: LOOK_BACK_DEFAULT_THEME, dates: [dayjs().add(7, 'day'), dayjs().add(37, 'day')] }}
          onFinish={submit}
        >
          <Form.Item name="mode" label="轮次">
            <Radio.Group
              options={[
                { value: 'new', label: '新建回头看轮次' },
                { value: 'existing', label: '加入准备阶段的已有轮次' },
              ]}
            />
          </Form.Item>
          {mode === 'new' ? (
            <>
              <Space wrap>
                <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
                  <InputNumber min={2000} max={2100} precision={0} />
                </Form.Item>
                <Form.Item name="number" label="轮次编号" rules={[{ required: true, message: '请填写轮次编号' }]} extra="同一年度内不能重复">
                  <InputNumber min={1} max={999} precision={0} addonBefore="第" addonAfter="轮" />
                </Form.Item>
              </Space>
              <Form.Item name="theme" label="主题" rules={[{ max: 200, message: '主题不超过 200 个字' }]}>
                <Input />
              </Form.Item>
              <Form.Item name="dates" label="起止日期" rules={[{ required: true, message: '请选择起止日期' }]}>
                <DatePicker.RangePicker style={{ width: '100%' }} />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="existingRoundId" label="准备阶段的轮次" rules={[{ required: true, message: '请选择轮次' }]}>
              <Select
                loading={preparing.isPending}
                placeholder="选择轮次"
                options={(preparing.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.label}${r.theme ? ` ${r.theme}` : ''}` }))}
                notFoundContent="没有处于准备阶段的轮次"
              />
            </Form.Item>
          )}
        </Form>
      </div>
    </Modal>
  );
}
