import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Drawer, Form, Input, Modal, Radio, Select, Table, Tag, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ACCESS_MODES, QUESTIONNAIRE_KINDS, type AccessMode, type QuestionnaireKind } from '../../../../domain/public-reports/questionnaires';
import { planningApi, planningKeys } from '../../api/planning';
import { questionnaireKeys, questionnairesApi, type Questionnaire, type QuestionnaireStatus } from '../../api/questionnaires';
import { applyFieldErrors, reportError } from '../../api/errors';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-state';
import { QuestionnairePanel, STATUS_COLORS } from './questionnaire-panel';

const KIND_HELP: Record<QuestionnaireKind, string> = {
  democratic_evaluation: '进驻时对村（社区）党组织班子和书记的民主测评',
  satisfaction: '巡察整改的群众满意度调查',
  team_evaluation: '被巡察单位对巡察组纪律作风和工作质量的不记名评价',
};

interface CreateForm {
  kind: QuestionnaireKind;
  from: 'default' | 'blank';
  roundId?: string;
  targetId?: string;
  accessMode: AccessMode;
  range: [Dayjs, Dayjs];
}

/** Builds a questionnaire from a built-in (or blank) one, for a round and one of its targets when chosen. */
function CreateModal({ onClose, onCreated }: { onClose: () => void; onCreated: (q: Questionnaire) => void }) {
  const [form] = Form.useForm<CreateForm>();
  const roundId = Form.useWatch('roundId', form);
  const rounds = useQuery({ queryKey: planningKeys.rounds({ page: 1, pageSize: 100 }), queryFn: () => planningApi.rounds({ page: 1, pageSize: 100 }) });
  const round = useQuery({ queryKey: planningKeys.round(roundId ?? ''), queryFn: () => planningApi.round(roundId!), enabled: Boolean(roundId) });
  const create = useMutation({
    mutationFn: (v: CreateForm) =>
      questionnairesApi.create({ kind: v.kind, from: v.from, roundId: v.roundId ?? null, targetId: v.targetId ?? null, accessMode: v.accessMode, opensOn: v.range[0].format('YYYY-MM-DD'), closesOn: v.range[1].format('YYYY-MM-DD') }),
    onSuccess: onCreated,
    onError: (e) => {
      if (!applyFieldErrors(form, e)) reportError(e);
    },
  });
  return (
    <Modal open title="新建问卷" onCancel={onClose} onOk={() => form.submit()} okText="创建" confirmLoading={create.isPending} destroyOnHidden width={640}>
      <Form<CreateForm>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'democratic_evaluation', from: 'default', accessMode: 'open', range: [dayjs(), dayjs().add(14, 'day')] }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="kind" label="问卷类型" rules={[{ required: true, message: '请选择问卷类型' }]}>
          <Radio.Group
            options={(Object.keys(QUESTIONNAIRE_KINDS) as QuestionnaireKind[]).map((k) => ({ value: k, label: QUESTIONNAIRE_KINDS[k], title: KIND_HELP[k] }))}
            optionType="button"
          />
        </Form.Item>
        <Form.Item name="from" label="从哪里开始">
          <Radio.Group options={[{ value: 'default', label: '使用内置问卷（可再修改）' }, { value: 'blank', label: '空白问卷' }]} />
        </Form.Item>
        <Form.Item name="roundId" label="巡察轮次" extra="巡察组制作问卷须选择本组参加的轮次；巡察办可不选">
          <Select
            allowClear
            placeholder="选择巡察轮次"
            loading={rounds.isPending}
            options={(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: r.label }))}
            onChange={() => form.setFieldValue('targetId', undefined)}
          />
        </Form.Item>
        <Form.Item name="targetId" label="巡察对象（可不选）">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!roundId}
            placeholder={roundId ? '选择本轮的村（社区）或镇（街道）' : '请先选择巡察轮次'}
            loading={round.isFetching}
            options={(round.data?.targets ?? []).map((t) => ({ value: t.id, label: t.townName && t.kind === 'village' ? `${t.townName} ${t.name}` : t.name }))}
          />
        </Form.Item>
        <Form.Item name="accessMode" label="作答方式">
          <Radio.Group options={(Object.keys(ACCESS_MODES) as AccessMode[]).map((m) => ({ value: m, label: ACCESS_MODES[m] }))} />
        </Form.Item>
        <Form.Item name="range" label="作答时间" rules={[{ required: true, message: '请选择作答时间' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 问卷 under 群众参与: the questionnaires in the user's scope (search, status, pages); one opens in a
 * drawer to edit its questions while a draft, publish it (QR code and link), print access codes, close
 * it, and read the results with charts or download every answer.
 */
export function QuestionnairesPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const q = params.get('q') ?? '';
  const status = (params.get('status') ?? undefined) as QuestionnaireStatus | undefined;
  const open = params.get('id');
  const filter = { q: q || undefined, status, page, pageSize };
  const list = useQuery({ queryKey: questionnaireKeys.list(filter), queryFn: () => questionnairesApi.list(filter) });

  const set = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };

  const columns: TableColumnsType<Questionnaire> = [
    { title: '问卷', dataIndex: 'title', key: 'title', render: (t: string, r) => <a onClick={() => set({ id: r.id })}>{t}</a> },
    { title: '类型', dataIndex: 'kindName', key: 'kind' },
    { title: '轮次 / 对象', key: 'round', render: (_: unknown, r) => [r.roundLabel, r.targetName].filter(Boolean).join(' · ') || '—' },
    { title: '作答时间', key: 'window', render: (_: unknown, r) => `${r.opensOn} 至 ${r.closesOn}` },
    { title: '方式', key: 'mode', render: (_: unknown, r) => (r.accessMode === 'code' ? `验证码（已用 ${r.codesUsed}/${r.codes}）` : '扫码') },
    { title: '答卷', dataIndex: 'answers', key: 'answers', align: 'right', render: (n: number) => `${n} 份` },
    { title: '状态', key: 'status', render: (_: unknown, r) => <Tag color={STATUS_COLORS[r.status]}>{r.statusName}</Tag> },
  ];

  return (
    <PageContainer
      title="问卷"
      testId="questionnaires-page"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="questionnaire-new">
          新建问卷
        </Button>
      }
    >
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label="搜索">
          <Input.Search allowClear placeholder="问卷标题或巡察对象" defaultValue={q} onSearch={(v) => set({ q: v.trim() || null, page: null })} style={{ width: 260 }} />
        </Form.Item>
        <Form.Item label="状态">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 140 }}
            value={status}
            onChange={(v?: string) => set({ status: v ?? null, page: null })}
            options={[
              { value: 'draft', label: '草稿' },
              { value: 'published', label: '作答中' },
              { value: 'closed', label: '已结束' },
            ]}
          />
        </Form.Item>
      </Form>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="middle"
          loading={list.isPending}
          columns={columns}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '暂无问卷，点击“新建问卷”从内置的民主测评、满意度调查或评价巡察组问卷开始' }}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => `共 ${n} 份问卷`, onChange: (p, s) => set({ page: String(p), pageSize: String(s) }) }}
          scroll={{ x: 900 }}
          data-testid="questionnaire-list"
        />
      )}
      {creating && (
        <CreateModal
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            void message.success('问卷已创建，可以修改题目后发布');
            void qc.invalidateQueries({ queryKey: questionnaireKeys.all });
            set({ id: created.id });
          }}
        />
      )}
      <Drawer open={Boolean(open)} size={1000} onClose={() => set({ id: null })} title="问卷" destroyOnHidden>
        {open && <QuestionnairePanel id={open} />}
      </Drawer>
    </PageContainer>
  );
}
