import { DownloadOutlined, SettingOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Flex, Input, Modal, Select, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useUrlFilters } from '../../../components/use-url-filters';
import { ITEM_KINDS, ITEM_KIND_LIST, SIGNING_PARTIES, SIGNING_PARTY_LIST, type SigningParty } from '../../../../../domain/rectification';
import { roundOptionsQuery } from '../../../api/inspections';
import { rectApi, rectKeys, type RectItem, type RectItemFilter } from '../../../api/rectification';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';
import { RefusalAlert } from '../../../components/refusal-alert';
import { useAccess, useMe } from '../../../session/session';
import { statusTabs } from '../item-view';
import { AlertTag, ItemStatusTag } from '../item-tags';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

const columns: TableColumnsType<RectItem> = [
  { title: '编号', dataIndex: 'code', width: 140, render: (c: string, r) => <Link to={`/rectification/items/${r.id}`} onClick={(e) => e.stopPropagation()} data-testid="rect-item-link">{c}</Link> },
  { title: '镇（街道）/村（社区）', dataIndex: 'place', width: 180 },
  { title: '问题', dataIndex: 'problem', ellipsis: true },
  { title: '整改类型', dataIndex: 'kindName', width: 100 },
  { title: '责任单位', dataIndex: 'responsibleUnitName', width: 160, ellipsis: true },
  { title: '状态', dataIndex: 'status', width: 110, render: (_s, r) => <ItemStatusTag status={r.status} /> },
  {
    title: '整改期限',
    key: 'due',
    width: 170,
    render: (_v, r) =>
      r.dueOn ? (
        <Flex gap={4} align="center" wrap>
          <span>{r.dueOn}</span>
          <AlertTag level={r.alert} />
        </Flex>
      ) : r.kind === 'long_term' ? (
        '长期坚持'
      ) : (
        dash
      ),
  },
];

type Param = 'round' | 'town' | 'village' | 'status' | 'kind' | 'overdue' | 'q' | 'page' | 'size';

/** 整改台账: every rectification item the user may see, by status, with the 三清单一台账 export. */
export function RectificationItemsPage() {
  const me = useMe();
  const { can } = useAccess();
  const navigate = useNavigate();
  const { params, update, clear, text, setText } = useUrlFilters<Param>();
  const [generateOpen, setGenerateOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);

  const filter: RectItemFilter = {
    roundId: params.get('round') ?? undefined,
    townCode: params.get('town') ?? undefined,
    villageCode: params.get('village') ?? undefined,
    status: params.get('status') ?? undefined,
    kind: params.get('kind') ?? undefined,
    overdue: params.get('overdue') === '1' ? '1' : undefined,
    q: params.get('q') ?? undefined,
    page: Number(params.get('page') ?? 1) || 1,
    pageSize: Number(params.get('size') ?? 20) || 20,
  };

  const list = useQuery({ queryKey: rectKeys.list(filter), queryFn: () => rectApi.list(filter), placeholderData: keepPreviousData });
  const rounds = useQuery({ ...roundOptionsQuery, enabled: can('planning.read') });
  const places = useQuery({ queryKey: rectKeys.places(filter.roundId), queryFn: () => rectApi.places(filter.roundId) });
  const filtered = Boolean(filter.roundId || filter.townCode || filter.villageCode || filter.status || filter.kind || filter.overdue || filter.q);
  const manage = me.org.kind === 'office' && can('rectification.manage');

  return (
    <PageContainer
      title="整改台账"
      subTitle="巡察反馈的每个问题形成一项整改事项：制定措施、报告进展、核查、多方销号审核"
      extra={
        <Flex gap={8}>
          <Button icon={<DownloadOutlined />} href={rectApi.ledgerUrl({ roundId: filter.roundId, townCode: filter.townCode, villageCode: filter.villageCode })} data-testid="rect-ledger">
            导出三清单一台账
          </Button>
          {manage && (
            <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} data-testid="rect-sign-off-settings">
              销号审核单位
            </Button>
          )}
          {manage && (
            <Button type="primary" icon={<ThunderboltOutlined />} onClick={() => setGenerateOpen(true)} data-testid="rect-generate">
              生成整改事项
            </Button>
          )}
        </Flex>
      }
      testId="rect-items-page"
    >
      <Card size="small">
        <Tabs
          activeKey={filter.status ?? 'all'}
          onChange={(k) => update({ status: k === 'all' ? undefined : k })}
          items={statusTabs(list.data?.counts).map((t) => ({ key: t.key, label: t.label }))}
          data-testid="rect-status-tabs"
        />
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder="问题、措施、责任单位"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            style={{ width: 240 }}
            data-testid="rect-search"
          />
          {can('planning.read') && (
            <Select allowClear placeholder="轮次" value={filter.roundId} onChange={(v?: string) => update({ round: v })} options={rounds.data ?? []} loading={rounds.isPending} style={{ width: 180 }} />
          )}
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="镇（街道）"
            value={filter.townCode}
            onChange={(v?: string) => update({ town: v, village: undefined })}
            options={(places.data?.items ?? []).map((t) => ({ value: t.code, label: t.name }))}
            style={{ width: 160 }}
            data-testid="rect-town-filter"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="村（社区）"
            value={filter.villageCode}
            onChange={(v?: string) => update({ village: v })}
            options={(places.data?.items ?? [])
              .filter((t) => !filter.townCode || t.code === filter.townCode)
              .flatMap((t) => t.villages.map((v) => ({ value: v.code, label: filter.townCode ? v.name : `${t.name}${v.name}` })))}
            style={{ width: 200 }}
            data-testid="rect-village-filter"
          />
          <Select
            allowClear
            placeholder="整改类型"
            value={filter.kind}
            onChange={(v?: string) => update({ kind: v })}
            options={ITEM_KIND_LIST.map((k) => ({ value: k, label: ITEM_KINDS[k] }))}
            style={{ width: 130 }}
          />
          <Checkbox checked={filter.overdue === '1'} onChange={(e) => update({ overdue: e.target.checked ? '1' : undefined })} data-testid="rect-overdue">
            只看已逾期
          </Checkbox>
          {filtered && (
            <Button type="link" onClick={clear}>
              清除筛选
            </Button>
          )}
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<RectItem>
            className="xc-clickable-rows"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            onRow={(r) => ({ onClick: () => void navigate(`/rectification/items/${r.id}`) })}
            locale={{ emptyText: filtered ? '没有符合条件的整改事项' : '暂无整改事项（巡察反馈后由巡察办生成）' }}
            pagination={{
              current: filter.page,
              pageSize: filter.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (t) => `共 ${t} 项`,
              onChange: (page, size) => update({ page: String(page), size: size === 20 ? undefined : String(size) }),
            }}
            scroll={{ x: 1000 }}
            data-testid="rect-items-table"
          />
        )}
      </Card>
      {manage && <GenerateModal open={generateOpen} onClose={() => setGenerateOpen(false)} defaultRound={filter.roundId} />}
      {manage && <SignOffSettingsModal open={settingsOpen} onClose={() => setSettingsOpen(false)} />}
    </PageContainer>
  );
}

/** The office generates the items of a round after confirming; the answer says how many were new. */
function GenerateModal({ open, onClose, defaultRound }: { open: boolean; onClose: () => void; defaultRound?: string }) {
  const { modal } = App.useApp();
  const qc = useQueryClient();
  const rounds = useQuery({ ...roundOptionsQuery, enabled: open });
  const [roundId, setRoundId] = useState<string | undefined>(defaultRound);
  const run = useMutation({
    mutationFn: (id: string) => rectApi.generate(id),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: rectKeys.all });
      onClose();
      modal.success({
        title: '已生成整改事项',
        content: `新生成 ${r.created} 项，已存在 ${r.existing} 项（共 ${r.eligible} 个已审定且已反馈的问题）。`,
      });
    },
  });
  return (
    <Modal
      open={open}
      title="生成整改事项"
      okText="生成"
      okButtonProps={{ disabled: !roundId, ...({ 'data-testid': 'rect-generate-ok' } as Record<string, unknown>) }}
      onOk={() => roundId && run.mutate(roundId)}
      onCancel={onClose}
      confirmLoading={run.isPending}
      afterOpenChange={(o) => !o && run.reset()}
      destroyOnHidden
    >
      <RefusalAlert error={run.error} />
      <Typography.Paragraph>
        为所选轮次中<Typography.Text strong>已审定且已反馈</Typography.Text>的每个问题生成一项整改事项：立行立改的问题生成“立行立改”，其余为“限期整改”；责任单位默认为镇（街道）党（工）委，第一责任人为其书记（村情底数中有记录时）。已生成过的不会重复生成。
      </Typography.Paragraph>
      <Select placeholder="选择轮次" value={roundId} onChange={setRoundId} options={rounds.data ?? []} loading={rounds.isPending} style={{ width: '100%' }} data-testid="rect-generate-round" />
      <Tag style={{ marginTop: 12 }}>尚未反馈的问题待反馈后再次生成即可</Tag>
    </Modal>
  );
}

/** The office chooses which parties must approve before an item is closed (by default all four). */
function SignOffSettingsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: rectKeys.signOffSettings, queryFn: rectApi.signOffSettings, enabled: open });
  const [parties, setParties] = useState<SigningParty[] | null>(null);
  const chosen = parties ?? settings.data?.requiredParties ?? [];
  const save = useMutation({
    mutationFn: () => rectApi.updateSignOffSettings({ requiredParties: chosen, ratingRequired: settings.data?.ratingRequired ?? false }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: rectKeys.all });
      message.success('已保存：此后核查通过的整改事项按新设置审核');
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title="销号审核单位"
      okText="保存"
      onOk={() => save.mutate()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      afterOpenChange={(o) => {
        if (!o) {
          setParties(null);
          save.reset();
        }
      }}
      destroyOnHidden
    >
      <RefusalAlert error={save.error} />
      <Typography.Paragraph type="secondary">整改事项须经以下每个单位审核通过（针对同一版佐证材料）方可销号。正在审核中的事项保持原设置。</Typography.Paragraph>
      <Checkbox.Group value={chosen} onChange={(v) => setParties(v as SigningParty[])} options={SIGNING_PARTY_LIST.map((p) => ({ value: p, label: SIGNING_PARTIES[p] }))} data-testid="rect-parties" />
    </Modal>
  );
}
