import { CloudUploadOutlined, ImportOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Flex, Input, Row, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useUrlFilters } from '../../../components/use-url-filters';
import { keys, registryApi, type VillageFilter } from '../../../api/endpoints';
import type { VillageRow } from '../../../api/types';
import { DivisionImportModal } from '../../../components/division-import-modal';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';
import { VillageKindTag } from '../../../components/village-kind-tag';
import { useAccess } from '../../../session/session';
import { DivisionTree } from './division-tree';

const num = (v: number | null) => (v === null ? <Typography.Text type="secondary">—</Typography.Text> : v.toLocaleString('zh-CN'));


const columns: TableColumnsType<VillageRow> = [
  {
    title: '名称',
    dataIndex: 'name',
    render: (name: string, v) => (
      <Link to={`/registry/villages/${v.code}`} onClick={(e) => e.stopPropagation()}>
        {name}
      </Link>
    ),
  },
  { title: '类型', dataIndex: 'kind', width: 80, render: (k: string | null) => <VillageKindTag kind={k} /> },
  { title: '所属乡镇（街道）', dataIndex: 'townName' },
  {
    title: '分类标签',
    dataIndex: 'tags',
    render: (tags: string[]) => (tags.length ? tags.map((t) => <Tag key={t}>{t}</Tag>) : <Typography.Text type="secondary">—</Typography.Text>),
  },
  { title: '户数', dataIndex: 'households', align: 'right', width: 90, render: num },
  { title: '党员', dataIndex: 'partyMembers', align: 'right', width: 80, render: num },
  { title: '干部', dataIndex: 'cadres', align: 'right', width: 80, render: num },
  { title: '区划代码', dataIndex: 'code', width: 130, render: (c: string) => <Typography.Text type="secondary">{c}</Typography.Text> },
];

/** 村情底数: the division tree on the left, the villages of the chosen county or town on the right. */
export function VillagesPage() {
  const access = useAccess();
  const navigate = useNavigate();
  const { params, update, clear, text, setText } = useUrlFilters<'county' | 'town' | 'q' | 'kind' | 'tag' | 'page' | 'size'>();
  const [importOpen, setImportOpen] = useState(false);

  const filter: VillageFilter = {
    county: params.get('county') ?? undefined,
    town: params.get('town') ?? undefined,
    q: params.get('q') ?? undefined,
    kind: params.get('kind') ?? undefined,
    tag: params.get('tag') ?? undefined,
    page: Number(params.get('page') ?? 1) || 1,
    pageSize: Number(params.get('size') ?? 20) || 20,
  };

  const villages = useQuery({ queryKey: keys.villages(filter), queryFn: () => registryApi.villages(filter), placeholderData: keepPreviousData });
  const tags = useQuery({ queryKey: keys.tags, queryFn: registryApi.tags });

  return (
    <PageContainer
      title="村情底数"
      subTitle="村（社区）名录：可按名称、区划代码或拼音首字母查找（如输入 sb 可找到“三坝社区”）"
      extra={
        <>
          {access.can('registry.write') && (
            <Button icon={<ImportOutlined />} onClick={() => void navigate('/registry/cadres/import')}>
              导入干部名册
            </Button>
          )}
          {access.can('registry.import') && (
            <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setImportOpen(true)} data-testid="import-divisions-button">
              导入行政区划
            </Button>
          )}
        </>
      }
    >
      <Row gutter={16}>
        <Col xs={24} lg={7} xl={6} style={{ marginBottom: 16 }}>
          <Card title="行政区划" size="small" styles={{ body: { maxHeight: 'calc(100vh - 240px)', overflow: 'auto' } }}>
            <DivisionTree value={{ county: filter.county, town: filter.town }} onChange={(v) => update({ county: v.county, town: v.town })} />
          </Card>
        </Col>
        <Col xs={24} lg={17} xl={18}>
          <Card size="small">
            <Flex gap={12} wrap style={{ marginBottom: 12 }}>
              <Input.Search
                allowClear
                placeholder="名称、代码或拼音首字母"
                value={text}
                onChange={(e) => setText(e.target.value)}
                onSearch={(v) => update({ q: v.trim() || undefined })}
                style={{ width: 300 }}
                data-testid="village-search"
              />
              <Select
                allowClear
                placeholder="类型"
                value={filter.kind}
                onChange={(v?: string) => update({ kind: v })}
                options={[
                  { value: '村', label: '村' },
                  { value: '社区', label: '社区' },
                ]}
                style={{ width: 110 }}
                data-testid="village-kind-filter"
              />
              <Select
                allowClear
                showSearch
                placeholder="分类标签"
                value={filter.tag}
                onChange={(v?: string) => update({ tag: v })}
                options={(tags.data?.items ?? []).map((t) => ({ value: t.name, label: t.name }))}
                loading={tags.isPending}
                style={{ width: 160 }}
                data-testid="village-tag-filter"
              />
              {(filter.county || filter.town || filter.q || filter.kind || filter.tag) && (
                <Button type="link" onClick={clear}>
                  清除筛选
                </Button>
              )}
              <Space style={{ marginLeft: 'auto' }}>
                <Typography.Text type="secondary" data-testid="villages-total">
                  {villages.data ? `共 ${villages.data.total} 个村（社区）` : ''}
                </Typography.Text>
              </Space>
            </Flex>
            {villages.isError ? (
              <QueryError error={villages.error} onRetry={() => void villages.refetch()} />
            ) : (
              <div data-testid="villages-table">
                <Table<VillageRow>
                  className="xc-clickable-rows"
                  rowKey="code"
                  size="middle"
                  columns={columns}
                  dataSource={villages.data?.items}
                  loading={villages.isFetching}
                  onRow={(v) => ({ onClick: () => void navigate(`/registry/villages/${v.code}`) })}
                  locale={{ emptyText: filter.q ? `没有找到与“${filter.q}”匹配的村（社区）` : '暂无村（社区）' }}
                  pagination={{
                    current: filter.page,
                    pageSize: filter.pageSize,
                    total: villages.data?.total ?? 0,
                    showSizeChanger: true,
                    pageSizeOptions: [20, 50, 100],
                    showTotal: (t) => `共 ${t} 个`,
                    onChange: (page, size) => update({ page: String(page), size: size === 20 ? undefined : String(size) }),
                  }}
                  scroll={{ x: 860 }}
                />
              </div>
            )}
          </Card>
        </Col>
      </Row>
      <DivisionImportModal open={importOpen} onClose={() => setImportOpen(false)} onImported={(s) => update({ county: s.county.code, town: undefined })} />
    </PageContainer>
  );
}
