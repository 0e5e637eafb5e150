import { PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Button, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Progress, Select, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { checklistKeys, checklistsApi, type GenerationSummary, type InspectionChecklistItem } from '../../../api/checklists';
import { applyFieldErrors, reportError } from '../../../api/errors';
import { QueryError } from '../../../components/query-state';
import type { CheckResult } from '../../../../../domain/inspections/checklist-coverage';
import { RefusalAlert } from '../../../components/refusal-alert';
import { ChecklistItemRow } from './checklist-item-row';

type ResultFilter = CheckResult | 'all';

/**
 * A village inspection's personalised supervision list (1+X), for the workspace's 监督清单 tab:
 * generated before entry from the common list and the lists the village's tags choose, with the
 * team's own items; each item marked 无问题 / 发现问题 / 未检查 with a note while on site.
 */
export function InspectionChecklistPanel({ inspectionId, onChanged }: { inspectionId: string; onChanged?: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const key = checklistKeys.inspection(inspectionId);
  const list = useQuery({ queryKey: key, queryFn: () => checklistsApi.inspectionChecklist(inspectionId) });
  const [summary, setSummary] = useState<GenerationSummary | null>(null);
  const [generating, setGenerating] = useState(false);
  const [generateError, setGenerateError] = useState<unknown>(null);
  const [addOpen, setAddOpen] = useState(false);
  const [filter, setFilter] = useState<ResultFilter>('all');
  const [q, setQ] = useState('');

  const changed = () => {
    void qc.invalidateQueries({ queryKey: key });
    onChanged?.();
  };

  const groups = useMemo(() => {
    const items = (list.data?.items ?? []).filter((i) => (filter === 'all' || i.result === filter) && (!q.trim() || `${i.aspect}${i.title}${i.manifestations.join('')}${i.note}`.includes(q.trim())));
    const out: { aspect: string; items: InspectionChecklistItem[] }[] = [];
    for (const i of items) {
      const g = out.find((x) => x.aspect === i.aspect);
      if (g) g.items.push(i);
      else out.push({ aspect: i.aspect, items: [i] });
    }
    return out;
  }, [list.data, filter, q]);

  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <Spin style={{ display: 'block', margin: '40px auto' }} />;
  const data = list.data;
  const cov = data.coverage;
  const checked = cov.total - cov.notChecked;

  const generate = async () => {
    setGenerating(true);
    setGenerateError(null);
    try {
      const r = await checklistsApi.generate(inspectionId);
      setSummary(r.summary);
      qc.setQueryData(key, r);
      onChanged?.();
      message.success(`已生成：新增 ${r.summary.added} 项${r.summary.removed ? `，替换 ${r.summary.removed} 项` : ''}${r.summary.kept ? `，保留 ${r.summary.kept} 项` : ''}`);
    } catch (e) {
      setGenerateError(e);
    } finally {
      setGenerating(false);
    }
  };

  return (
    <div data-testid="inspection-checklist-panel">
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex justify="space-between" align="center" wrap gap={16}>
          <Space size={32} wrap>
            <div style={{ width: 200 }}>
              <Typography.Text type="secondary">检查覆盖</Typography.Text>
              <Progress percent={cov.percentChecked ?? 0} format={() => `${checked}/${cov.total}`} status={cov.total > 0 && cov.notChecked === 0 ? 'success' : 'active'} />
            </div>
            <Statistic title="无问题" value={cov.noProblem} />
            <Statistic title="发现问题" value={cov.problemFound} styles={{ content: { color: cov.problemFound ? '#cf1322' : undefined } }} />
            <Statistic title="未检查" value={cov.notChecked} />
          </Space>
          {data.canEdit && (
            <Space wrap>
              {data.items.length > 0 ? (
                <Popconfirm
                  title="按最新清单重新生成？"
                  description="尚未标记的通用、个性化事项将按现行清单和村分类标签重新生成；已标记的事项和本组增加的事项保留。"
                  okText="重新生成"
                  cancelText="取消"
                  onConfirm={generate}
                >
                  <Button icon={<ThunderboltOutlined />} loading={generating} data-testid="checklist-generate">
                    重新生成
                  </Button>
                </Popconfirm>
              ) : (
                <Button type="primary" icon={<ThunderboltOutlined />} loading={generating} onClick={() => void generate()} data-testid="checklist-generate">
                  生成个性化清单
                </Button>
              )}
              <Button icon={<PlusOutlined />} onClick={() => setAddOpen(true)} data-testid="checklist-add-item">
                增加事项
              </Button>
            </Space>
          )}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          本轮当前阶段：{data.roundPhaseName}
          {data.readyAt ? ` · 清单生成于 ${new Date(data.readyAt).toLocaleString('zh-CN', { hour12: false })}` : ' · 尚未生成清单'}
        </Typography.Text>
      </Card>

      <RefusalAlert testId="checklist-refusal-reasons" error={generateError} onClose={() => setGenerateError(null)} />
      {data.locked && <Alert type="info" showIcon title="清单结构已锁定" description={data.lockedReason} style={{ marginBottom: 12 }} data-testid="checklist-locked" />}
      {!data.markable && data.markLockedReason && (
        <Alert type={data.locked ? 'warning' : 'info'} showIcon title="暂不能标记检查结果" description={data.markLockedReason} style={{ marginBottom: 12 }} />
      )}
      {summary && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setSummary(null) }}
          title="“1+X”清单来源"
          description={
            summary.catalogues.length === 0 ? (
              '没有可用的已发布清单：请先在“监督清单”中发布通用清单'
            ) : (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {summary.catalogues.map((c) => (
                  <li key={c.name}>
                    {c.name}（第 {c.version} 版，{c.source === 'common' ? '通用' : `个性化：村分类标签 ${c.matchedTags.join('、')}`}）
                  </li>
                ))}
              </ul>
            )
          }
          style={{ marginBottom: 12 }}
        />
      )}

      {data.items.length === 0 ? (
        <Card size="small">
          <Empty description={data.canEdit ? '尚未生成个性化监督清单：点击“生成个性化清单”，按通用清单和本村分类标签生成' : '该村尚未生成个性化监督清单'} />
        </Card>
      ) : (
        <>
          <Flex gap={12} wrap style={{ marginBottom: 12 }}>
            <Select<ResultFilter>
              value={filter}
              onChange={setFilter}
              style={{ width: 140 }}
              options={[
                { value: 'all', label: `全部（${cov.total}）` },
                { value: 'not_checked', label: `未检查（${cov.notChecked}）` },
                { value: 'problem_found', label: `发现问题（${cov.problemFound}）` },
                { value: 'no_problem', label: `无问题（${cov.noProblem}）` },
              ]}
            />
            <Input.Search allowClear placeholder="查找事项、问题表现或备注" onSearch={setQ} onChange={(e) => !e.target.value && setQ('')} style={{ width: 260 }} />
          </Flex>
          {groups.length === 0 && <Empty description="没有符合条件的事项" />}
          {groups.map((g) => (
            <Card
              key={g.aspect}
              size="small"
              style={{ marginBottom: 12 }}
              title={
                <Space>
                  {g.aspect}
                  <Tag>{g.items.length} 项</Tag>
                </Space>
              }
            >
              {g.items.map((item, i) => (
                <ChecklistItemRow
                  key={item.id}
                  item={item}
                  index={i}
                  markable={data.markable}
                  removable={data.canEdit && item.source === 'team'}
                  onMark={async (result, note) => {
                    await checklistsApi.mark(inspectionId, item.id, { result, note });
                    changed();
                  }}
                  onRemove={async () => {
                    try {
                      await checklistsApi.removeTeamItem(inspectionId, item.id);
                      message.success('已删除');
                      changed();
                    } catch (e) {
                      reportError(e);
                    }
                  }}
                />
              ))}
            </Card>
          ))}
        </>
      )}
      <TeamItemModal
        open={addOpen}
        aspects={[...new Set(data.items.map((i) => i.aspect))]}
        onCancel={() => setAddOpen(false)}
        onSubmit={async (body) => {
          await checklistsApi.addTeamItem(inspectionId, body);
          setAddOpen(false);
          message.success('已增加事项');
          changed();
        }}
      />
    </div>
  );
}

function TeamItemModal({
  open,
  aspects,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  aspects: string[];
  onCancel: () => void;
  onSubmit: (body: { aspect: string; title: string; manifestations: string[] }) => Promise<unknown>;
}) {
  const [form] = Form.useForm<{ aspect: string; title: string; manifestationsText?: string }>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await onSubmit({
        aspect: v.aspect.trim(),
        title: v.title.trim(),
        manifestations: (v.manifestationsText ?? '')
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
      });
      form.resetFields();
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={open} title="巡察组增加清单事项" onCancel={onCancel} onOk={() => void submit()} okText="增加" cancelText="取消" confirmLoading={saving} destroyOnHidden>
      <Typography.Paragraph type="secondary">结合巡前收集的信访举报、审计结果等，为本村增加需要重点检查的事项（进驻前）。</Typography.Paragraph>
      <RefusalAlert testId="checklist-refusal-reasons" error={error} />
      <Form form={form} layout="vertical" initialValues={{ aspect: '巡前线索' }}>
        <Form.Item name="aspect" label="方面" rules={[{ required: true, whitespace: true, message: '请填写方面' }]}>
          <AutoComplete options={[...new Set(['巡前线索', ...aspects])].map((a) => ({ value: a }))} filterOption={(input, o) => String(o?.value ?? '').includes(input)} placeholder="选择已有方面或输入新方面" />
        </Form.Item>
        <Form.Item name="title" label="事项" rules={[{ required: true, whitespace: true, message: '请填写事项' }]}>
          <Input maxLength={200} placeholder="如：信访反映的鱼塘发包问题" />
        </Form.Item>
        <Form.Item name="manifestationsText" label="问题表现（每行一条，可选）">
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
