import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { graphSubjectsOf } from '../graph/format';
import { GraphLink } from '../graph/graph-link';
import {
  DISMISS_REASON_OPTIONS,
  HIT_STATUS_OPTIONS,
  runsApi,
  runsKeys,
  yuanOf,
  type ConfirmBody,
  type DismissReason,
  type Hit,
  type HitDetail,
  type HitFilter,
  type HitStatus,
  type VillageGroup,
} from '../../../api/analytics-runs';
import { reportError } from '../../../api/errors';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';
import { useUrlFilters } from '../../../components/use-url-filters';

const statusTag = (s: HitStatus, name: string) => <Tag color={HIT_STATUS_OPTIONS.find((o) => o.value === s)?.color}>{name}</Tag>;

type Dialog = { kind: 'finding' } | { kind: 'lead' } | { kind: 'dismiss' } | { kind: 'reopen' } | { kind: 'assign' } | null;

/** The hit drawer: explanation, evidence, and the verification buttons the user may use. */
function HitDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const hit = useQuery({ queryKey: runsKeys.hit(id ?? ''), queryFn: () => runsApi.hit(id!), enabled: !!id });
  const done = (text: string) => (h: HitDetail) => {
    message.success(text);
    setDialog(null);
    form.resetFields();
    qc.setQueryData(runsKeys.hit(h.id), h);
    void qc.invalidateQueries({ queryKey: runsKeys.all });
  };
  const confirm = useMutation({ mutationFn: (body: ConfirmBody) => runsApi.confirm(id!, body), onSuccess: (h) => done(h.findingId ? '已确认，已生成问题底稿（草稿）' : '已确认，已生成问题线索')(h), onError: reportError });
  const dismiss = useMutation({ mutationFn: (body: { reason: DismissReason; text?: string }) => runsApi.dismiss(id!, body), onSuccess: done('已排除'), onError: reportError });
  const reopen = useMutation({ mutationFn: (reason: string) => runsApi.reopen(id!, reason), onSuccess: done('已重新打开，待核实'), onError: reportError });
  const assign = useMutation({ mutationFn: (roundId: string) => runsApi.assign(id!, roundId), onSuccess: (h) => done(`已分配给${h.teamName ?? '巡察组'}核实`)(h), onError: reportError });
  const rounds = useQuery({ queryKey: runsKeys.assignable(id ?? ''), queryFn: () => runsApi.assignable(id!), enabled: !!id && dialog?.kind === 'assign' });

  const submit = async () => {
    const v = await form.validateFields();
    if (dialog?.kind === 'finding') confirm.mutate({ as: 'finding', category: v.category, title: v.title || undefined, note: v.note || undefined });
    if (dialog?.kind === 'lead') confirm.mutate({ as: 'lead', authority: v.authority, otherBody: v.otherBody || null, note: v.note || undefined });
    if (dialog?.kind === 'dismiss') dismiss.mutate({ reason: v.reason, text: v.text || undefined });
    if (dialog?.kind === 'reopen') reopen.mutate(v.reason);
    if (dialog?.kind === 'assign') assign.mutate(v.roundId);
  };
  const h = hit.data;
  const titles = { finding: '确认为问题底稿', lead: '确认为问题线索', dismiss: '排除疑点', reopen: '重新打开', assign: '分配到巡察轮次' } as const;
  const noRounds = dialog?.kind === 'assign' && rounds.isSuccess && rounds.data.items.length === 0;
  return (
    <Drawer open={!!id} onClose={onClose} width={720} title={h ? `${h.modelName} · ${h.villageName ?? h.villageCode ?? '村（社区）不详'}` : '疑点详情'} destroyOnClose data-testid="hit-drawer">
      {hit.isError && <QueryError error={hit.error} onRetry={() => void hit.refetch()} />}
      {h && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Typography.Paragraph style={{ fontSize: 15 }} data-testid="hit-explanation">
            {h.explanation}
          </Typography.Paragraph>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="状态">{statusTag(h.status, h.statusName)}</Descriptions.Item>
            <Descriptions.Item label="涉及金额">{yuanOf(h.amountFen)}</Descriptions.Item>
            <Descriptions.Item label="乡镇 / 村">{`${h.townName ?? ''} ${h.villageName ?? h.villageCode ?? '—'}`}</Descriptions.Item>
            <Descriptions.Item label="巡察组">{h.teamName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="出现次数">{h.seenCount}</Descriptions.Item>
            <Descriptions.Item label="发现时间">{new Date(h.createdAt).toLocaleString('zh-CN', { hour12: false })}</Descriptions.Item>
            {h.dismissReasonName && (
              <Descriptions.Item label="排除理由" span={2}>
                {h.dismissReasonName}
                {h.dismissText ? `：${h.dismissText}` : ''}
              </Descriptions.Item>
            )}
            {(h.findingId || h.leadId) && (
              <Descriptions.Item label="已生成" span={2}>
                {h.findingId && <Link to={`/findings/${h.findingId}`}>问题底稿</Link>}
                {h.leadId && <Link to={`/leads/${h.leadId}`}>问题线索</Link>}
              </Descriptions.Item>
            )}
          </Descriptions>
          {h.modelDescription && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              核实要点：{h.modelDescription}
            </Typography.Paragraph>
          )}
          <Typography.Title level={5} style={{ margin: 0 }}>
            比对证据
          </Typography.Title>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            columns={[
              { title: '项目', dataIndex: 'label', key: 'label', width: 180 },
              { title: '内容', dataIndex: 'value', key: 'value' },
            ]}
            dataSource={h.evidence.columns.map((c) => ({ key: c.key, label: c.label, value: c.display === '' ? '—' : c.display }))}
          />
          {h.evidence.datasets.length > 0 && <Typography.Text type="secondary">数据来源：{h.evidence.datasets.map((d) => d.name).join('、')}</Typography.Text>}
          {graphSubjectsOf(h.evidence.columns, h.evidence.row).length > 0 && (
            <Space wrap data-testid="hit-graph-links">
              {graphSubjectsOf(h.evidence.columns, h.evidence.row).map((g) => (
                <GraphLink key={g.subject.person ?? g.subject.company} {...g.subject}>
                  {`${g.label}的关系图谱`}
                </GraphLink>
              ))}
            </Space>
          )}
          <Space wrap>
            {h.canAssign && (
              <Button type="primary" onClick={() => setDialog({ kind: 'assign' })} data-testid="hit-assign">
                分配到巡察轮次
              </Button>
            )}
            {h.canVerify && (
              <>
                {h.confirmAs.includes('finding') && (
                  <Button type="primary" onClick={() => setDialog({ kind: 'finding' })} data-testid="hit-confirm-finding">
                    确认为问题底稿
                  </Button>
                )}
                {h.confirmAs.includes('lead') && (
                  <Button onClick={() => setDialog({ kind: 'lead' })} data-testid="hit-confirm-lead">
                    确认为问题线索
                  </Button>
                )}
                <Button danger onClick={() => setDialog({ kind: 'dismiss' })} data-testid="hit-dismiss">
                  排除（理由）
                </Button>
              </>
            )}
            {h.canReopen && (
              <Button onClick={() => setDialog({ kind: 'reopen' })} data-testid="hit-reopen">
                重新打开
              </Button>
            )}
          </Space>
          {h.status === 'pending' && !h.confirmAs.includes('finding') && (
            <Typography.Text type="secondary" data-testid="hit-finding-by">
              问题底稿：{h.findingBy}
            </Typography.Text>
          )}
        </Space>
      )}
      <Modal
        open={dialog !== null}
        title={dialog ? titles[dialog.kind] : ''}
        okText="确定"
        cancelText="取消"
        okButtonProps={{ danger: dialog?.kind === 'dismiss', disabled: noRounds }}
        confirmLoading={confirm.isPending || dismiss.isPending || reopen.isPending || assign.isPending}
        onOk={() => void submit()}
        onCancel={() => setDialog(null)}
        destroyOnClose
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ category: 'strict_governance', reason: undefined, authority: 'discipline' }}>
          {dialog?.kind === 'finding' && (
            <>
              <Typography.Paragraph type="secondary">将以疑点说明为问题描述，在本组该村的村级巡察中生成问题底稿（草稿），比对证据作为佐证材料（.xlsx）附上。</Typography.Paragraph>
              <Form.Item name="category" label="问题类别" rules={[{ required: true, message: '请选择问题类别' }]}>
                <Select
                  options={[
                    { value: 'leadership', label: '党的领导弱化' },
                    { value: 'party_building', label: '党的建设缺失' },
                    { value: 'strict_governance', label: '全面从严治党不力' },
                  ]}
                />
              </Form.Item>
              <Form.Item name="title" label="问题名称" extra={`不填则为“${h?.modelName ?? ''}”`}>
                <Input maxLength={100} />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'lead' && (
            <>
              <Typography.Paragraph type="secondary">将以疑点说明为线索摘要，在本组该村生成问题线索，比对证据作为附件（.xlsx）。</Typography.Paragraph>
              <Form.Item name="authority" label="移交方向" rules={[{ required: true, message: '请选择移交方向' }]}>
                <Radio.Group
                  options={[
                    { value: 'discipline', label: '纪委监委' },
                    { value: 'organization', label: '组织部' },
                    { value: 'other', label: '其他机关' },
                  ]}
                />
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a.authority !== b.authority}>
                {({ getFieldValue }) =>
                  getFieldValue('authority') === 'other' && (
                    <Form.Item name="otherBody" label="其他机关名称" rules={[{ required: true, message: '请填写机关名称' }]}>
                      <Input maxLength={100} />
                    </Form.Item>
                  )
                }
              </Form.Item>
            </>
          )}
          {(dialog?.kind === 'finding' || dialog?.kind === 'lead') && (
            <Form.Item name="note" label="核实情况（可不填）">
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          )}
          {dialog?.kind === 'dismiss' && (
            <>
              <Form.Item name="reason" label="排除理由" rules={[{ required: true, message: '请选择排除理由' }]}>
                <Radio.Group options={DISMISS_REASON_OPTIONS} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a.reason !== b.reason}>
                {({ getFieldValue }) => (
                  <Form.Item
                    name="text"
                    label="说明"
                    rules={getFieldValue('reason') === 'other' ? [{ required: true, min: 2, message: '选择“其他”时请写明排除理由' }] : []}
                  >
                    <Input.TextArea rows={3} maxLength={1000} />
                  </Form.Item>
                )}
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'assign' && (
            <>
              <Typography.Paragraph type="secondary">
                临时比对的疑点没有巡察组。分配到该村（社区）为巡察对象的进行中轮次后，由负责该村的巡察组核实，确认为问题底稿或问题线索，或写明理由排除。
              </Typography.Paragraph>
              {rounds.isError && <QueryError error={rounds.error} onRetry={() => void rounds.refetch()} />}
              {noRounds ? (
                <Alert type="warning" showIcon data-testid="hit-assign-none" message="该村（社区）不是任何进行中巡察轮次（准备至报告阶段）的巡察对象，无法分配；请先在巡察计划中把它列为巡察对象。" />
              ) : (
                <Form.Item name="roundId" label="巡察轮次" rules={[{ required: true, message: '请选择巡察轮次' }]}>
                  <Radio.Group data-testid="hit-assign-rounds">
                    <Space direction="vertical">
                      {(rounds.data?.items ?? []).map((r) => (
                        <Radio key={r.roundId} value={r.roundId}>
                          {`${r.roundName}（${r.phaseName}阶段）· ${r.teamName}`}
                        </Radio>
                      ))}
                    </Space>
                  </Radio.Group>
                </Form.Item>
              )}
            </>
          )}
          {dialog?.kind === 'reopen' && (
            <Form.Item name="reason" label="重新打开的原因" rules={[{ required: true, min: 2, message: '请写明重新打开的原因' }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Drawer>
  );
}

/**
 * 疑点: the suspicion points the user may see (a team its villages', the office its scope), grouped
 * by village with counts and money, filtered by model, town, village, status and run, searchable;
 * a row opens the drawer with the evidence and the verification buttons; 导出 gives the .xlsx.
 */
export function HitsPage() {
  const { params, update, text, setText } = useUrlFilters<'model' | 'status' | 'villageCode' | 'townCode' | 'runId' | 'roundId' | 'teamId' | 'pageSize'>();
  const [open, setOpen] = useState<string | null>(params.get('hit'));
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const filter: HitFilter = {
    model: params.get('model') || undefined,
    status: (params.get('status') || undefined) as HitStatus | undefined,
    villageCode: params.get('villageCode') || undefined,
    townCode: params.get('townCode') || undefined,
    runId: params.get('runId') || undefined,
    roundId: params.get('roundId') || undefined,
    teamId: params.get('teamId') || undefined,
    q: params.get('q') || undefined,
  };
  const models = useQuery({ queryKey: runsKeys.models(), queryFn: () => runsApi.models() });
  const hits = useQuery({ queryKey: runsKeys.hits(filter, page, pageSize), queryFn: () => runsApi.hits(filter, page, pageSize) });
  const groups = useQuery({ queryKey: runsKeys.groups({ ...filter, villageCode: undefined }), queryFn: () => runsApi.groups({ ...filter, villageCode: undefined }) });
  const exporting = useMutation({ mutationFn: () => runsApi.exportHits(filter), onError: reportError });

  const groupColumns: TableColumnsType<VillageGroup> = [
    {
      title: '村（社区）',
      key: 'village',
      render: (_: unknown, g) =>
        g.villageCode ? (
          <a onClick={() => update({ villageCode: filter.villageCode === g.villageCode ? undefined : (g.villageCode ?? undefined) })}>
            {g.townName} {g.villageName ?? g.villageCode}
          </a>
        ) : (
          '村（社区）不详'
        ),
    },
    { title: '巡察组', dataIndex: 'teamName', key: 'team', render: (v: string | null) => v ?? '—' },
    { title: '疑点', dataIndex: 'total', key: 'total', align: 'right' },
    { title: '待核实', dataIndex: 'pending', key: 'pending', align: 'right' },
    { title: '已确认', dataIndex: 'confirmed', key: 'confirmed', align: 'right' },
    { title: '已排除', dataIndex: 'dismissed', key: 'dismissed', align: 'right' },
    { title: '涉及金额', key: 'amount', align: 'right', render: (_: unknown, g) => yuanOf(g.amountFen) },
  ];
  const columns: TableColumnsType<Hit> = [
    { title: '村（社区）', key: 'village', width: 160, render: (_: unknown, h) => `${h.townName ?? ''} ${h.villageName ?? h.villageCode ?? '—'}` },
    { title: '模型', dataIndex: 'modelName', key: 'model', width: 200 },
    {
      title: '疑点说明',
      key: 'explanation',
      render: (_: unknown, h) => (
        <a onClick={() => setOpen(h.id)} data-testid={`hit-${h.id}`}>
          {h.explanation}
        </a>
      ),
    },
    { title: '金额', key: 'amount', align: 'right', width: 130, render: (_: unknown, h) => yuanOf(h.amountFen) },
    { title: '状态', key: 'status', width: 90, render: (_: unknown, h) => statusTag(h.status, h.statusName) },
    { title: '巡察组', dataIndex: 'teamName', key: 'team', width: 110, render: (v: string | null, h) => v ?? (h.status === 'pending' ? <Tag>未分配</Tag> : '—') },
  ];

  return (
    <PageContainer
      title="疑点"
      subTitle="大数据比对发现的疑点，按村汇总；核实后确认为问题底稿或问题线索，或写明理由排除"
      testId="hits-page"
      extra={
        <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="hits-export">
          导出 .xlsx
        </Button>
      }
    >
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label="搜索">
          <Input.Search allowClear placeholder="姓名、说明或村名" value={text} onChange={(e) => setText(e.target.value)} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item label="模型">
          <Select allowClear placeholder="全部" style={{ width: 240 }} value={filter.model} options={(models.data?.items ?? []).map((m) => ({ value: m.key, label: m.name }))} onChange={(v?: string) => update({ model: v })} />
        </Form.Item>
        <Form.Item label="状态">
          <Select allowClear placeholder="全部" style={{ width: 110 }} value={filter.status} options={HIT_STATUS_OPTIONS} onChange={(v?: string) => update({ status: v })} />
        </Form.Item>
        {(filter.villageCode || filter.runId || filter.townCode) && (
          <Form.Item>
            <Button onClick={() => update({ villageCode: undefined, runId: undefined, townCode: undefined })}>清除村、乡镇和运行筛选</Button>
          </Form.Item>
        )}
      </Form>
      {groups.isError ? (
        <QueryError error={groups.error} onRetry={() => void groups.refetch()} />
      ) : (
        <Table<VillageGroup>
          rowKey={(g) => g.villageCode ?? 'none'}
          size="small"
          style={{ marginBottom: 16 }}
          loading={groups.isPending}
          columns={groupColumns}
          dataSource={groups.data?.items ?? []}
          rowClassName={(g) => (g.villageCode === filter.villageCode ? 'ant-table-row-selected' : '')}
          pagination={{ pageSize: 10, showTotal: (n) => `${n} 个村（社区）` }}
        />
      )}
      {hits.isError ? (
        <QueryError error={hits.error} onRetry={() => void hits.refetch()} />
      ) : (
        <Table<Hit>
          rowKey="id"
          size="middle"
          loading={hits.isPending}
          columns={columns}
          dataSource={hits.data?.items ?? []}
          pagination={{
            current: page,
            pageSize,
            total: hits.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => `共 ${n} 条疑点`,
            onChange: (p, s) => update({ page: p === 1 ? undefined : String(p), pageSize: s === 20 ? undefined : String(s) }),
          }}
        />
      )}
      <HitDrawer id={open} onClose={() => setOpen(null)} />
    </PageContainer>
  );
}
