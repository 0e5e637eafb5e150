import { SettingOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Empty, Form, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { planKeys, plansApi, type PlanTownRow } from '../../api/rectification-plans';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-state';
import { RefusalAlert } from '../../components/refusal-alert';
import { useMe } from '../../session/session';
import { PlanStatusTag, ReportDeadlineTag, ReviewProgress } from './plan-tags';
import { TownPanel } from './town-panel';

/**
 * 整改方案与报告 of a round: every town of the round's targets (a town user sees its own) with the plan's
 * status and joint-review progress, the 整改情况报告 due date with 即将到期/已逾期, and the town's feedback
 * to its villages; a town opens in a drawer to write, review, report and record feedback.
 */
export function RectificationPlansPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const rounds = useQuery({ queryKey: planKeys.rounds(), queryFn: plansApi.rounds });
  const roundId = params.get('round') ?? rounds.data?.items[0]?.id ?? '';
  const townCode = params.get('town');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const towns = useQuery({ queryKey: planKeys.townsPage(roundId, page.page, page.pageSize), queryFn: () => plansApi.towns(roundId, page), enabled: Boolean(roundId) });
  const [settingsOpen, setSettingsOpen] = useState(false);
  const canManage = me.org.kind === 'office' && me.permissions.includes('rectification.manage');

  const set = (next: { round?: string; town?: string | null }) => {
    const p = new URLSearchParams(params);
    if (next.round !== undefined) {
      p.set('round', next.round);
      p.delete('town');
      setPage((x) => ({ ...x, page: 1 }));
    }
    if (next.town !== undefined) {
      if (next.town) p.set('town', next.town);
      else p.delete('town');
    }
    setParams(p, { replace: true });
  };

  const columns = [
    { title: '镇（街道）', dataIndex: 'townName', key: 'town', render: (v: string, r: PlanTownRow) => <a onClick={() => set({ town: r.townCode })}>{v}</a> },
    { title: '巡察反馈', dataIndex: 'feedbackOn', key: 'feedback', render: (v: string | null) => v ?? <Typography.Text type="secondary">未反馈</Typography.Text> },
    { title: '整改方案', key: 'plan', render: (_: unknown, r: PlanTownRow) => <PlanStatusTag plan={r.plan} /> },
    { title: '联审进度（本次报送）', key: 'reviews', render: (_: unknown, r: PlanTownRow) => <ReviewProgress plan={r.plan} /> },
    { title: `整改情况报告期限`, key: 'report', render: (_: unknown, r: PlanTownRow) => <ReportDeadlineTag deadline={r.report} /> },
    { title: '镇向村反馈', key: 'villages', render: (_: unknown, r: PlanTownRow) => `${r.villages.fedBack} / ${r.villages.total} 个村` },
    {
      title: '操作',
      key: 'op',
      render: (_: unknown, r: PlanTownRow) => {
        const works = r.townWorks || r.plan.actions.length > 0;
        return (
          <Button size="small" type={works ? 'primary' : 'default'} onClick={() => set({ town: r.townCode })} data-testid={`plans-open-${r.townCode}`}>
            {works ? '办理' : '查看'}
          </Button>
        );
      },
    },
  ];

  return (
    <PageContainer
      title="整改方案与报告"
      testId="rectification-plans-page"
      extra={
        <Space wrap>
          <Select
            style={{ minWidth: 180 }}
            placeholder="选择巡察轮次"
            loading={rounds.isPending}
            value={roundId || undefined}
            options={(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: r.label }))}
            onChange={(v: string) => set({ round: v })}
            data-testid="plans-round-picker"
          />
          {canManage && (
            <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)}>
              报告期限设置
            </Button>
          )}
        </Space>
      }
    >
      {rounds.isError && <QueryError error={rounds.error} onRetry={() => void rounds.refetch()} />}
      {rounds.data && rounds.data.items.length === 0 && <Empty description="暂无可办理整改方案的巡察轮次" />}
      {towns.isError && <QueryError error={towns.error} onRetry={() => void towns.refetch()} />}
      {roundId && !towns.isError && (
        <>
          {towns.data && (
            <Typography.Paragraph type="secondary">
              {`整改情况报告应在巡察组反馈后 ${towns.data.reportMonths} 个月内报送；整改方案须经巡察办、纪委监委、组织部联审通过。`}
            </Typography.Paragraph>
          )}
          <Table
            rowKey="townCode"
            size="middle"
            loading={towns.isPending}
            columns={columns}
            dataSource={towns.data?.items ?? []}
            scroll={{ x: 900 }}
            pagination={{
              current: page.page,
              pageSize: page.pageSize,
              total: towns.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (n) => `共 ${n} 个镇（街道）`,
              onChange: (p, s) => setPage({ page: p, pageSize: s }),
            }}
            data-testid="plans-town-table"
          />
        </>
      )}
      <Drawer open={Boolean(roundId && townCode)} width={920} onClose={() => set({ town: null })} title="整改方案与报告" destroyOnHidden>
        {roundId && townCode && <TownPanel roundId={roundId} townCode={townCode} />}
      </Drawer>
      {settingsOpen && <SettingsModal onClose={() => setSettingsOpen(false)} />}
    </PageContainer>
  );
}

function SettingsModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reportMonths: number }>();
  const q = useQuery({ queryKey: planKeys.settings(), queryFn: plansApi.settings });
  const save = useMutation({
    mutationFn: (v: { reportMonths: number }) => plansApi.saveSettings(v),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['rectification-plans'] });
      void message.success('报告期限已保存');
      onClose();
    },
  });
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data);
  }, [q.data, form]);
  return (
    <Modal open title="整改情况报告期限" okText="保存" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <RefusalAlert error={save.error} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="reportMonths" label="反馈后几个月内报送" rules={[{ required: true, message: '请填写月数' }]} extra="《巡察工作条例》为 2 个月，地方可定为 3 个月">
          <InputNumber min={1} max={12} precision={0} addonAfter="个月" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
