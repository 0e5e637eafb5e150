import { CloudUploadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { checklistKeys, checklistsApi, type Catalogue, type CatalogueFilter } from '../../../api/checklists';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';
import { useAccess } from '../../../session/session';
import type { CatalogueKind } from '../../../../../domain/checklists/catalogue';
import { CatalogueMetaModal } from '../shared/catalogue-meta-modal';
import { ChecklistImportModal } from '../shared/import-modal';
import { BuiltinBadge, KindTag, VersionStatusTag } from '../shared/labels';

const none = <Typography.Text type="secondary">—</Typography.Text>;

const columns: TableColumnsType<Catalogue> = [
  {
    title: '清单名称',
    dataIndex: 'name',
    render: (name: string, c) => (
      <Space size={4} wrap>
        <Link to={`/checklists/catalogues/${c.id}`}>{name}</Link>
        {c.builtin && <BuiltinBadge />}
        {c.archived && <Tag>已停用</Tag>}
      </Space>
    ),
  },
  { title: '类型', dataIndex: 'kind', width: 110, render: (k: string, c) => <KindTag kind={k} name={c.kindName} /> },
  {
    title: '适用村分类标签',
    dataIndex: 'matchTags',
    render: (tags: string[], c) => (c.kind === 'common' ? <Typography.Text type="secondary">所有村（社区）</Typography.Text> : tags.map((t) => <Tag key={t}>{t}</Tag>)),
  },
  {
    title: '现行版本',
    key: 'published',
    width: 170,
    render: (_, c) => (c.publishedVersion ? <VersionStatusTag status="published" name={`${c.publishedVersion.itemCount} 个事项`} version={c.publishedVersion.version} /> : none),
  },
  {
    title: '最新版本',
    key: 'latest',
    width: 150,
    render: (_, c) => (c.latestVersion ? <VersionStatusTag status={c.latestVersion.status} name={c.latestVersion.statusName} version={c.latestVersion.version} /> : none),
  },
  { title: '维护单位', dataIndex: 'scopeCode', width: 110, render: (s: string) => (s === '' ? '系统' : <Typography.Text type="secondary">{s}</Typography.Text>) },
];

/** 监督清单: the catalogues this office uses — built-in defaults and its own — with create and import. */
export function CataloguesPage() {
  const access = useAccess();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [createOpen, setCreateOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const canWrite = access.can('checklists.write');

  const filter: CatalogueFilter = {
    q: params.get('q') ?? undefined,
    kind: (params.get('kind') as CatalogueKind | null) ?? undefined,
    archived: params.get('archived') === 'all' ? undefined : params.get('archived') === 'true',
    page: Number(params.get('page') ?? 1) || 1,
    pageSize: Number(params.get('size') ?? 20) || 20,
  };
  const update = (patch: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        if (!('page' in patch)) next.delete('page');
        return next;
      },
      { replace: true },
    );

  const list = useQuery({ queryKey: checklistKeys.catalogues(filter), queryFn: () => checklistsApi.catalogues(filter), placeholderData: keepPreviousData });

  return (
    <PageContainer
      title="监督清单"
      subTitle="“1+X”：一张通用清单，加上按村分类标签选用的个性化清单；进驻前为每个村生成个性化监督清单"
      testId="checklist-catalogues-page"
      extra={
        canWrite && (
          <>
            <Button icon={<CloudUploadOutlined />} onClick={() => setImportOpen(true)} data-testid="catalogue-import-button">
              导入 .xlsx
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)} data-testid="catalogue-create-button">
              新建清单
            </Button>
          </>
        )
      }
    >
      <Card size="small">
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <Input.Search allowClear placeholder="清单名称或说明" defaultValue={filter.q} onSearch={(v) => update({ q: v.trim() || undefined })} style={{ width: 260 }} />
          <Select
            allowClear
            placeholder="清单类型"
            value={filter.kind}
            onChange={(v?: string) => update({ kind: v })}
            options={[
              { value: 'common', label: '通用清单' },
              { value: 'personalised', label: '个性化清单' },
            ]}
            style={{ width: 140 }}
          />
          <Select
            value={params.get('archived') ?? 'false'}
            onChange={(v: string) => update({ archived: v === 'false' ? undefined : v })}
            options={[
              { value: 'false', label: '使用中' },
              { value: 'true', label: '已停用' },
              { value: 'all', label: '全部' },
            ]}
            style={{ width: 110 }}
          />
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Catalogue>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            onRow={(c) => ({ onDoubleClick: () => void navigate(`/checklists/catalogues/${c.id}`) })}
            pagination={{
              current: filter.page,
              pageSize: filter.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (n) => `共 ${n} 张清单`,
              onChange: (page, size) => update({ page: String(page), size: String(size) }),
            }}
            data-testid="catalogue-table"
          />
        )}
      </Card>
      <CatalogueMetaModal
        open={createOpen}
        title="新建监督清单"
        onCancel={() => setCreateOpen(false)}
        onSubmit={async (meta) => {
          const c = await checklistsApi.create(meta);
          setCreateOpen(false);
          void qc.invalidateQueries({ queryKey: checklistKeys.all });
          message.success('已新建清单，请在草稿中添加方面和事项');
          void navigate(`/checklists/catalogues/${c.id}`);
        }}
      />
      <ChecklistImportModal
        open={importOpen}
        onClose={() => setImportOpen(false)}
        onImported={(r) => {
          setImportOpen(false);
          void qc.invalidateQueries({ queryKey: checklistKeys.all });
          message.success(`已导入 ${r.aspects} 个方面、${r.items} 个事项（草稿，发布后生效）`);
          void navigate(`/checklists/catalogues/${r.catalogue.id}?version=${r.versionId}`);
        }}
      />
    </PageContainer>
  );
}
