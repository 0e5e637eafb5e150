import { DeleteOutlined, EditOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Flex, Popconfirm, Segmented, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { PERSON_ROLES, WORK_RECORD_KIND_LIST, WORK_RECORD_KIND_NAMES, WORK_RECORD_KINDS, type PersonRole, type WorkRecordKind } from '../../../../../domain/inspections/work-records';
import { inspectionKeys, inspectionsApi, type Workspace, type WorkRecordView } from '../../../api/inspections';
import { QueryError } from '../../../components/query-state';
import { AttachmentList } from './attachments';
import { kindLabel, RecordDrawer } from './record-drawer';

const dash = <Typography.Text type="secondary">—</Typography.Text>;
const KIND_COLORS: Record<WorkRecordKind, string> = {
  publicity: 'magenta',
  briefing: 'blue',
  talk: 'red',
  visit: 'orange',
  review: 'geekblue',
  survey: 'green',
  fix: 'purple',
};

function RoleTags({ roles }: { roles: PersonRole[] }) {
  return (
    <>
      {roles.map((r) => (
        <Tag key={r} style={{ marginInlineEnd: 4 }}>
          {PERSON_ROLES[r] ?? r}
        </Tag>
      ))}
    </>
  );
}

/** Whom a record is about, in one cell: households for a visit, people otherwise. */
function Subjects({ r }: { r: WorkRecordView }) {
  if (r.kind === 'visit') {
    const heads = r.households.map((h) => h.head);
    return <span>{`${r.households.length} 户：${heads.slice(0, 4).join('、')}${heads.length > 4 ? '等' : ''}`}</span>;
  }
  if (r.people.length === 0) return dash;
  return (
    <Flex gap={4} wrap>
      {r.people.slice(0, 4).map((p, i) => (
        <span key={`${p.name}-${i}`}>
          {p.name}
          {p.roles.length > 0 && <Typography.Text type="secondary">（{p.roles.map((x) => PERSON_ROLES[x] ?? x).join('、')}）</Typography.Text>}
        </span>
      ))}
      {r.people.length > 4 && <span>等 {r.people.length} 人</span>}
    </Flex>
  );
}

function RecordDetail({ r, inspectionId, editable }: { r: WorkRecordView; inspectionId: string; editable: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const removeAttachment = useMutation({
    mutationFn: (attachmentId: string) => inspectionsApi.deleteRecordAttachment(inspectionId, r.id, attachmentId),
    onSuccess: () => {
      void message.success('已删除附件');
      void queryClient.invalidateQueries({ queryKey: inspectionKeys.recordsOf(inspectionId) });
    },
  });
  return (
    <Descriptions size="small" column={1} bordered style={{ maxWidth: 960 }}>
      <Descriptions.Item label="情况记录">
        {r.notes ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.notes}</Typography.Paragraph> : dash}
      </Descriptions.Item>
      {r.households.length > 0 && (
        <Descriptions.Item label="走访农户">
          <Flex vertical gap={2}>
            {r.households.map((h, i) => (
              <span key={`${h.head}-${i}`}>
                {h.head}
                {h.address && <Typography.Text type="secondary"> · {h.address}</Typography.Text>} <RoleTags roles={h.roles} />
              </span>
            ))}
          </Flex>
        </Descriptions.Item>
      )}
      {r.people.length > 0 && (
        <Descriptions.Item label={r.kind === 'talk' ? '谈话对象' : '相关人员'}>
          <Flex vertical gap={2}>
            {r.people.map((p, i) => (
              <span key={`${p.name}-${i}`}>
                {p.name}
                {p.position && <Typography.Text type="secondary"> · {p.position}</Typography.Text>} <RoleTags roles={p.roles} />
              </span>
            ))}
          </Flex>
        </Descriptions.Item>
      )}
      <Descriptions.Item label="附件">
        <AttachmentList attachments={r.attachments} onDelete={editable ? (a) => removeAttachment.mutateAsync(a.id) : undefined} />
      </Descriptions.Item>
      <Descriptions.Item label="记录人">
        {r.createdByName ?? '—'} · {new Date(r.createdAt).toLocaleString('zh-CN')}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** 工作记录: the team's records by kind (宣听谈访看勘改), paged, with add / edit / delete. */
export function RecordsTab({ ws, editable }: { ws: Workspace; editable: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const id = ws.inspection.id;
  const [kind, setKind] = useState<WorkRecordKind | 'all'>('all');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [drawer, setDrawer] = useState<{ open: boolean; record: WorkRecordView | null }>({ open: false, record: null });

  const q = { kind: kind === 'all' ? undefined : kind, page, pageSize };
  const records = useQuery({
    queryKey: inspectionKeys.records(id, q.kind, page, pageSize),
    queryFn: () => inspectionsApi.records(id, q),
    placeholderData: keepPreviousData,
  });

  const remove = useMutation({
    mutationFn: (r: WorkRecordView) => inspectionsApi.deleteRecord(id, r.id),
    onSuccess: (_x, r) => {
      void message.success(`已删除 ${r.date} 的${r.kindName}记录`);
      void queryClient.invalidateQueries({ queryKey: inspectionKeys.one(id) });
    },
  });

  const total = WORK_RECORD_KIND_LIST.reduce((n, k) => n + (ws.recordCounts[k] ?? 0), 0);

  const columns: TableColumnsType<WorkRecordView> = [
    { title: '日期', dataIndex: 'date', width: 110 },
    {
      title: '类别',
      dataIndex: 'kind',
      width: 120,
      render: (k: WorkRecordKind, r) => <Tag color={KIND_COLORS[k]}>{`${WORK_RECORD_KINDS[k]} · ${r.kindName || WORK_RECORD_KIND_NAMES[k]}`}</Tag>,
    },
    { title: '对象', key: 'subjects', width: 240, render: (_v, r) => <Subjects r={r} /> },
    { title: '地点', dataIndex: 'place', width: 140, render: (p: string) => p || dash },
    {
      title: '附件',
      key: 'attachments',
      width: 70,
      align: 'center',
      render: (_v, r) => (r.attachments.length ? <span><PaperClipOutlined /> {r.attachments.length}</span> : dash),
    },
    { title: '记录人', dataIndex: 'createdByName', width: 90, render: (n: string | null) => n ?? dash },
  ];
  if (editable) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 130,
      fixed: 'right',
      render: (_v, r) => (
        // clicks here (and in the confirmation, a portal of this cell) must not toggle the row
        <Space size={0} onClick={(e) => e.stopPropagation()}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDrawer({ open: true, record: r })} data-testid="record-edit">
            编辑
          </Button>
          <Popconfirm
            title={`删除 ${r.date} 的${r.kindName}记录？`}
            description="记录及其附件将一并删除。"
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => remove.mutateAsync(r).catch(() => undefined)}
          >
            <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="record-delete">
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
          <Segmented<WorkRecordKind | 'all'>
            value={kind}
            onChange={(k) => {
              setKind(k);
              setPage(1);
            }}
            options={[
              { value: 'all', label: `全部 ${total}` },
              ...WORK_RECORD_KIND_LIST.map((k) => ({ value: k, label: `${WORK_RECORD_KINDS[k]} ${ws.recordCounts[k] ?? 0}`, title: WORK_RECORD_KIND_NAMES[k] })),
            ]}
            data-testid="record-kind-filter"
          />
        </div>
        {editable && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            style={{ marginLeft: 'auto' }}
            onClick={() => setDrawer({ open: true, record: null })}
            data-testid="record-add"
          >
            新增{kind === 'all' ? '工作记录' : `${WORK_RECORD_KIND_NAMES[kind]}记录`}
          </Button>
        )}
      </Flex>
      {records.isError ? (
        <QueryError error={records.error} onRetry={() => void records.refetch()} />
      ) : (
        <Table<WorkRecordView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={records.data?.items}
          loading={records.isFetching}
          expandable={{ expandedRowRender: (r) => <RecordDetail r={r} inspectionId={id} editable={editable} />, expandRowByClick: true }}
          locale={{ emptyText: kind === 'all' ? '暂无工作记录' : `暂无${kindLabel(kind)}记录` }}
          pagination={{
            current: page,
            pageSize,
            total: records.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p, s) => {
              setPage(s === pageSize ? p : 1);
              setPageSize(s);
            },
          }}
          scroll={{ x: 900 }}
          data-testid="records-table"
        />
      )}
      <RecordDrawer
        open={drawer.open}
        inspectionId={id}
        record={drawer.record}
        defaultKind={kind === 'all' ? undefined : kind}
        onClose={() => setDrawer({ open: false, record: null })}
      />
    </>
  );
}
