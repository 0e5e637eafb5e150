import { DeleteOutlined, EditOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Flex, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { keys, registryApi } from '../../../api/endpoints';
import type { Cadre, Relative, Village } from '../../../api/types';
import { QueryError } from '../../../components/query-state';
import { CadreDrawer } from './cadre-drawer';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

function RelativesTable({ relatives }: { relatives: Relative[] }) {
  if (relatives.length === 0) return <Typography.Text type="secondary">未登记亲属</Typography.Text>;
  return (
    <Table<Relative>
      size="small"
      rowKey="id"
      pagination={false}
      style={{ maxWidth: 640 }}
      dataSource={relatives}
      columns={[
        { title: '亲属姓名', dataIndex: 'name' },
        { title: '与本人关系', dataIndex: 'relation' },
        { title: '身份证号码', dataIndex: 'idNumber', render: (v: string | null) => v ?? dash },
      ]}
    />
  );
}

/** 干部名册: the village's two committees, relatives in an expandable row. */
export function CadresTab({ village }: { village: Village }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const cadres = useQuery({ queryKey: keys.cadres(village.code), queryFn: () => registryApi.cadres(village.code) });
  const [drawer, setDrawer] = useState<{ open: boolean; cadre: Cadre | null }>({ open: false, cadre: null });

  const remove = useMutation({
    mutationFn: (c: Cadre) => registryApi.deleteCadre(c.id),
    onSuccess: (_r, c) => {
      void message.success(`已删除干部 ${c.name}`);
      void queryClient.invalidateQueries({ queryKey: keys.village(village.code) });
      void queryClient.invalidateQueries({ queryKey: ['registry', 'villages'] });
    },
  });

  const columns: TableColumnsType<Cadre> = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 170,
      render: (name: string, c) => (
        <Space style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text strong>{name}</Typography.Text>
          {c.oneShoulder && <Badge count="一肩挑" style={{ background: '#cf1322' }} />}
        </Space>
      ),
    },
    { title: '性别', dataIndex: 'gender', width: 60, render: (g: string | null) => g ?? dash },
    { title: '出生日期', dataIndex: 'birthDate', width: 110, render: (d: string | null) => d ?? dash },
    {
      title: '职务',
      dataIndex: 'positions',
      render: (ps: string[]) => ps.map((p) => <Tag key={p} color={p === '书记' ? 'red' : p === '主任' ? 'orange' : undefined}>{p}</Tag>),
    },
    {
      title: '任期',
      key: 'term',
      width: 220,
      render: (_v, c) => (c.termStart || c.termEnd ? <span style={{ whiteSpace: 'nowrap' }}>{`${c.termStart ?? '?'} 至 ${c.termEnd ?? '?'}`}</span> : dash),
    },
    { title: '联系电话', dataIndex: 'phone', width: 130, render: (p: string | null) => p ?? dash },
    { title: '身份证号码', dataIndex: 'idNumber', width: 200, render: (v: string) => <span style={{ whiteSpace: 'nowrap', fontFamily: 'monospace' }}>{v}</span> },
    { title: '亲属', key: 'rel', width: 70, align: 'right', render: (_v, c) => `${c.relatives.length} 人` },
    ...(village.canEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 150,
            fixed: 'right' as const,
            render: (_v: unknown, c: Cadre) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDrawer({ open: true, cadre: c })}>
                  编辑
                </Button>
                <Popconfirm
                  title={`删除干部“${c.name}”？`}
                  description="其亲属信息一并删除；删除记录保留在修改记录中。"
                  okText="删除"
                  okButtonProps={{ danger: true }}
                  cancelText="取消"
                  onConfirm={() => remove.mutateAsync(c)}
                >
                  <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="cadres-tab">
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} wrap gap={8}>
        <Typography.Text type="secondary">
          {cadres.data ? `共 ${cadres.data.total} 名干部，亲属 ${cadres.data.items.reduce((n, c) => n + c.relatives.length, 0)} 人` : ''}
        </Typography.Text>
        {village.canEdit && (
          <Space>
            <Button icon={<ImportOutlined />} onClick={() => void navigate(`/registry/cadres/import?village=${village.code}`)} data-testid="village-import-cadres">
              导入干部名册
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true, cadre: null })} data-testid="add-cadre">
              新增干部
            </Button>
          </Space>
        )}
      </Flex>
      {cadres.isError ? (
        <QueryError error={cadres.error} onRetry={() => void cadres.refetch()} />
      ) : (
        <div data-testid="cadres-table">
          <Table<Cadre>
            rowKey="id"
            size="middle"
            loading={cadres.isPending}
            dataSource={cadres.data?.items}
            columns={columns}
            pagination={(cadres.data?.total ?? 0) > 20 ? { pageSize: 20, showTotal: (t) => `共 ${t} 名` } : false}
            expandable={{
              expandedRowRender: (c) => <RelativesTable relatives={c.relatives} />,
              rowExpandable: () => true,
            }}
            locale={{ emptyText: '尚未登记干部：可逐个新增，或导入干部名册' }}
            scroll={{ x: 1240 }}
          />
        </div>
      )}
      <CadreDrawer open={drawer.open} cadre={drawer.cadre} villageCode={village.code} onClose={() => setDrawer({ open: false, cadre: null })} />
    </div>
  );
}
