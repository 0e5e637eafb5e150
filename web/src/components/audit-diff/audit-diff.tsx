import { Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { fieldLabel } from '../../lib/labels';
import { diffKind, diffRecords, formatValue, type DiffRow } from './diff';

const { Text } = Typography;

interface Props {
  entity: string;
  before: unknown;
  after: unknown;
  /** start with only the changed fields shown (updates) */
  changedOnly?: boolean;
}

/** Before/after of an audit record as a field table with the changed fields highlighted. */
export function AuditDiff({ entity, before, after, changedOnly = true }: Props) {
  const kind = diffKind(before, after);
  const [onlyChanged, setOnlyChanged] = useState(changedOnly);
  if (kind === 'none') return <Text type="secondary">此记录没有保存字段内容</Text>;
  const all = diffRecords(before, after);
  const rows = kind === 'update' && onlyChanged ? all.filter((r) => r.changed) : all;

  const columns = [
    { title: '字段', dataIndex: 'key', width: 160, render: (k: string) => (k ? fieldLabel(entity, k) : '值') },
    ...(kind !== 'create'
      ? [
          {
            title: kind === 'delete' ? '删除前' : '修改前',
            dataIndex: 'before',
            render: (v: unknown, r: DiffRow) => (
              <Text delete={kind === 'update' && r.changed} type={kind === 'update' && r.changed ? 'danger' : undefined} style={{ whiteSpace: 'pre-wrap' }}>
                {formatValue(v)}
              </Text>
            ),
          },
        ]
      : []),
    ...(kind !== 'delete'
      ? [
          {
            title: kind === 'create' ? '新建内容' : '修改后',
            dataIndex: 'after',
            render: (v: unknown, r: DiffRow) => (
              <Text type={kind === 'update' && r.changed ? 'success' : undefined} strong={kind === 'update' && r.changed} style={{ whiteSpace: 'pre-wrap' }}>
                {formatValue(v)}
              </Text>
            ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="audit-diff">
      {kind === 'update' && (
        <div style={{ marginBottom: 8 }}>
          <Switch size="small" checked={onlyChanged} onChange={setOnlyChanged} /> <Text type="secondary">只看改动的字段（{all.filter((r) => r.changed).length} 项）</Text>
        </div>
      )}
      <Table<DiffRow>
        size="small"
        rowKey="key"
        pagination={false}
        columns={columns}
        dataSource={rows}
        rowClassName={(r) => (kind === 'update' && r.changed ? 'xc-diff-changed' : '')}
        locale={{ emptyText: '没有字段变化' }}
      />
    </div>
  );
}
