import { SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Flex, Form, Input, Select, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { accessApi, keys, type AuditFilter } from '../../../api/endpoints';
import type { AuditEntry } from '../../../api/types';
import { AuditDiff } from '../../../components/audit-diff/audit-diff';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';
import { ACTION_COLORS, ACTION_LABELS, actionLabel, ENTITY_LABELS, entityLabel } from '../../../lib/labels';

interface FilterValues {
  entity?: string;
  action?: string;
  actor?: string;
  entityId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function subject(e: AuditEntry): string {
  const rec = (e.after ?? e.before) as Record<string, unknown> | null;
  if (rec && typeof rec === 'object') {
    for (const k of ['name', 'display_name', 'displayName', 'username', 'short_name']) {
      if (typeof rec[k] === 'string') return rec[k] as string;
    }
  }
  return e.entityId ?? '';
}

/** 审计日志: every write, who and when, with before/after; the hash chain can be verified. */
export function AuditPage() {
  const [form] = Form.useForm<FilterValues>();
  const [filter, setFilter] = useState<AuditFilter>({ page: 1, pageSize: 20 });
  const audit = useQuery({ queryKey: keys.audit(filter), queryFn: () => accessApi.audit(filter), placeholderData: keepPreviousData });
  const verify = useMutation({ mutationFn: accessApi.verifyAudit });

  const apply = (v: FilterValues) => {
    const [from, to] = v.range ?? [null, null];
    setFilter({
      page: 1,
      pageSize: filter.pageSize,
      entity: v.entity,
      action: v.action,
      actor: v.actor?.trim() || undefined,
      entityId: v.entityId?.trim() || undefined,
      from: from ? from.startOf('day').toISOString() : undefined,
      to: to ? to.add(1, 'day').startOf('day').toISOString() : undefined,
    });
  };

  return (
    <PageContainer
      title="审计日志"
      subTitle="系统中每一次写入都有记录，记录之间以哈希链相连，任何篡改都能被发现"
      extra={
        <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="audit-verify">
          校验日志完整性
        </Button>
      }
    >
      {verify.data && (
        <div data-testid="audit-verify-result">
          <Alert
            style={{ marginBottom: 16 }}
            showIcon
            closable={{ onClose: () => verify.reset() }}
            type={verify.data.ok ? 'success' : 'error'}
            title={verify.data.ok ? `校验通过：共 ${verify.data.checked} 条记录，哈希链完整` : `校验未通过：第 ${verify.data.brokenAt ?? '?'} 条记录起链条断开`}
            description={verify.data.ok ? undefined : `${verify.data.problem ?? ''}（已校验 ${verify.data.checked} 条）。请立即报告系统管理员并保全数据库。`}
          />
        </div>
      )}
      <Card>
        <Form form={form} layout="inline" onFinish={apply} style={{ marginBottom: 16, rowGap: 8 }}>
          <Form.Item name="entity">
            <Select allowClear placeholder="对象类型" style={{ width: 140 }} options={Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="action">
            <Select allowClear placeholder="操作" style={{ width: 150 }} options={Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="actor">
            <Input allowClear placeholder="操作人" style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="entityId">
            <Input allowClear placeholder="对象编号/代码" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilter({ page: 1, pageSize: filter.pageSize });
              }}
            >
              重置
            </Button>
          </Flex>
        </Form>
        {audit.isError ? (
          <QueryError error={audit.error} onRetry={() => void audit.refetch()} />
        ) : (
          <div data-testid="audit-table">
            <Table<AuditEntry>
              rowKey="seq"
              size="middle"
              loading={audit.isFetching}
              dataSource={audit.data?.items}
              expandable={{
                expandedRowRender: (e) => <AuditDiff entity={e.entity} before={e.before} after={e.after} />,
                expandRowByClick: true,
              }}
              className="xc-clickable-rows"
              pagination={{
                current: filter.page,
                pageSize: filter.pageSize,
                total: audit.data?.total ?? 0,
                showSizeChanger: true,
                showTotal: (t) => `共 ${t} 条`,
                onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
              }}
              columns={[
                { title: '序号', dataIndex: 'seq', width: 80 },
                { title: '时间', dataIndex: 'at', width: 170, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
                { title: '操作人', dataIndex: 'actorName', width: 130 },
                { title: '操作', dataIndex: 'action', width: 120, render: (a: string) => <Tag color={ACTION_COLORS[a]}>{actionLabel(a)}</Tag> },
                { title: '对象', dataIndex: 'entity', width: 110, render: entityLabel },
                { title: '名称', key: 'subject', render: (_v, e) => subject(e) },
                {
                  title: '范围',
                  dataIndex: 'scopeCode',
                  width: 130,
                  render: (c?: string) => (c ? <Typography.Text type="secondary">{c}</Typography.Text> : <Typography.Text type="secondary">全局</Typography.Text>),
                },
              ]}
            />
          </div>
        )}
      </Card>
    </PageContainer>
  );
}
