import { Select, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { AMOUNT_UNITS, AREA_UNITS, datasetKind, type DatasetKindKey, type StandardField, type Unit } from '../../../../../domain/analytics/dataset-kinds';
import { columnLetter, type ColumnMapping, type FieldSuggestion } from '../../../../../domain/analytics/mapping';

interface Props {
  kind: DatasetKindKey;
  headers: string[];
  mapping: ColumnMapping;
  suggestions: FieldSuggestion[];
  onChange: (mapping: ColumnMapping) => void;
  /** field key → problem, from validateMapping */
  problems: Record<string, string>;
}

const UNITS_OF = (field: StandardField): readonly Unit[] => (field.type === 'amount' ? AMOUNT_UNITS : field.type === 'area' ? AREA_UNITS : []);

/**
 * One row per standard field of the kind: which source column feeds it (the suggestion preselected,
 * with how sure it is), and for amounts and areas the unit the column is written in.
 */
export function MappingEditor({ kind, headers, mapping, suggestions, onChange, problems }: Props) {
  const fields = datasetKind(kind).fields;
  const bySuggestion = new Map(suggestions.map((s) => [s.key, s]));
  const columnOptions = headers.map((h, i) => ({ value: i, label: `${columnLetter(i)} 列：${h}` }));
  const used = new Map<number, string>();
  for (const [key, m] of Object.entries(mapping)) used.set(m.column, key);

  const setColumn = (field: StandardField, column: number | undefined) => {
    const next = { ...mapping };
    if (column === undefined) delete next[field.key];
    else {
      const units = UNITS_OF(field);
      const unit = mapping[field.key]?.unit ?? bySuggestion.get(field.key)?.unit ?? (units.length > 0 ? (field.type === 'amount' ? '元' : (field.areaUnit ?? '亩')) : undefined);
      next[field.key] = unit === undefined || units.length === 0 ? { column } : { column, unit };
    }
    onChange(next);
  };
  const setUnit = (field: StandardField, unit: Unit) => {
    const current = mapping[field.key];
    if (current) onChange({ ...mapping, [field.key]: { ...current, unit } });
  };

  const columns: TableColumnsType<StandardField> = [
    {
      title: '标准字段',
      key: 'field',
      width: 200,
      render: (_: unknown, f) => (
        <Tooltip title={f.description}>
          <span>
            {f.required && <Typography.Text type="danger">* </Typography.Text>}
            {f.label}
          </span>
        </Tooltip>
      ),
    },
    {
      title: '对应文件中的列',
      key: 'column',
      render: (_: unknown, f) => (
        <div>
          <Select<number>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={f.required ? '请选择（必填）' : '不导入'}
            style={{ width: '100%', maxWidth: 360 }}
            value={mapping[f.key]?.column}
            status={problems[f.key] ? 'error' : undefined}
            options={columnOptions.map((o) => ({ ...o, disabled: used.has(o.value) && used.get(o.value) !== f.key }))}
            onChange={(v) => setColumn(f, v)}
            data-testid={`mapping-${f.key}`}
          />
          {problems[f.key] && (
            <div>
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {problems[f.key]}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: '单位',
      key: 'unit',
      width: 130,
      render: (_: unknown, f) => {
        const units = UNITS_OF(f);
        if (units.length === 0) return null;
        return (
          <Select<Unit>
            style={{ width: 110 }}
            disabled={mapping[f.key] === undefined}
            value={mapping[f.key]?.unit}
            options={units.map((u) => ({ value: u, label: u }))}
            onChange={(u) => setUnit(f, u)}
            data-testid={`unit-${f.key}`}
          />
        );
      },
    },
    {
      title: '识别',
      key: 'confidence',
      width: 110,
      render: (_: unknown, f) => {
        const s = bySuggestion.get(f.key);
        const m = mapping[f.key];
        if (!s || s.column === null || !m) return null;
        if (m.column !== s.column) return <Tag>已手工调整</Tag>;
        return s.confidence >= 0.9 ? <Tag color="success">名称一致</Tag> : s.confidence >= 0.6 ? <Tag color="processing">近似</Tag> : <Tag color="warning">请核对</Tag>;
      },
    },
  ];
  return <Table<StandardField> rowKey="key" size="small" pagination={false} columns={columns} dataSource={[...fields]} />;
}
