import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, Button, Card, Form, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { applyFieldErrors } from '../../../api/errors';
import { keys, registryApi } from '../../../api/endpoints';
import type { Tag as TagRow } from '../../../api/types';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';

/** 分类标签: the village classes used for planning (classes are data, not code). */
export function TagsPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const tags = useQuery({ queryKey: keys.tags, queryFn: registryApi.tags });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string; category: string; description?: string }>();

  const create = useMutation({
    mutationFn: registryApi.createTag,
    onSuccess: (t) => {
      void message.success(`已添加标签“${t.name}”`);
      void queryClient.invalidateQueries({ queryKey: keys.tags });
      setOpen(false);
      form.resetFields();
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  const remove = useMutation({
    mutationFn: (t: TagRow) => registryApi.deleteTag(t.id),
    onSuccess: (_r, t) => {
      void message.success(`已删除标签“${t.name}”`);
      void queryClient.invalidateQueries({ queryKey: keys.tags });
    },
  });

  const categories = [...new Set((tags.data?.items ?? []).map((t) => t.category))];

  return (
    <PageContainer
      title="分类标签"
      subTitle="用于给村（社区）分类，制定巡察规划时按类别安排巡察方式"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="tag-create">
          新增标签
        </Button>
      }
    >
      <Card>
        {tags.isError ? (
          <QueryError error={tags.error} onRetry={() => void tags.refetch()} />
        ) : (
          <Table<TagRow>
            rowKey="id"
            loading={tags.isPending}
            dataSource={tags.data?.items}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个` }}
            columns={[
              { title: '标签', dataIndex: 'name', render: (n: string) => <Link to={`/registry/villages?tag=${encodeURIComponent(n)}`}><Tag color="volcano">{n}</Tag></Link> },
              {
                title: '类别',
                dataIndex: 'category',
                filters: categories.map((c) => ({ text: c, value: c })),
                onFilter: (v, t) => t.category === v,
              },
              { title: '说明', dataIndex: 'description', render: (d: string) => d || <Typography.Text type="secondary">—</Typography.Text> },
              { title: '来源', dataIndex: 'builtin', width: 100, render: (b: boolean) => (b ? <Tag>系统预置</Tag> : <Tag color="blue">自定义</Tag>) },
              {
                title: '操作',
                key: 'actions',
                width: 100,
                render: (_v, t) => (
                  <Popconfirm
                    title={`删除标签“${t.name}”？`}
                    description="仍有村（社区）使用的标签不能删除。"
                    okText="删除"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() => remove.mutateAsync(t)}
                  >
                    <Button type="link" danger size="small" icon={<DeleteOutlined />}>
                      删除
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Modal
        open={open}
        title="新增分类标签"
        okText="添加"
        cancelText="取消"
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => create.mutate({ name: v.name.trim(), category: v.category.trim(), description: v.description?.trim() ?? '' })}
        >
          <Form.Item name="name" label="标签名称" rules={[{ required: true, whitespace: true, message: '请输入标签名称' }, { max: 30 }]}>
            <Input placeholder="如：集体经济薄弱村" data-testid="tag-name" />
          </Form.Item>
          <Form.Item name="category" label="类别" rules={[{ required: true, whitespace: true, message: '请输入或选择类别' }, { max: 20 }]}>
            <AutoComplete options={categories.map((c) => ({ value: c }))} placeholder="如：规划分类" data-testid="tag-category" />
          </Form.Item>
          <Form.Item name="description" label="说明" rules={[{ max: 200 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
