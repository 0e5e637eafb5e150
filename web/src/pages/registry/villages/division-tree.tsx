import { useQueries, useQuery } from '@tanstack/react-query';
import { Empty, Spin, Tree, Typography, type TreeDataNode as DataNode } from 'antd';
import { useEffect, useState } from 'react';
import { keys, registryApi } from '../../../api/endpoints';
import { QueryError } from '../../../components/query-state';

export interface DivisionSelection {
  county?: string;
  town?: string;
}

const countyKey = (code: string) => `c:${code}`;
const townKey = (code: string) => `t:${code}`;

function NodeTitle({ name, count }: { name: string; count: number }) {
  return (
    <span>
      {name} <Typography.Text type="secondary">{count}</Typography.Text>
    </span>
  );
}

/** Counties (imported) and their towns, loaded when a county is opened. */
export function DivisionTree({ value, onChange }: { value: DivisionSelection; onChange: (v: DivisionSelection) => void }) {
  const counties = useQuery({ queryKey: keys.counties, queryFn: registryApi.counties });
  const [expanded, setExpanded] = useState<string[]>([]);
  const [initialised, setInitialised] = useState(false);

  // Open the selected county, and every county when there are only a few.
  useEffect(() => {
    if (initialised || !counties.data) return;
    const codes = counties.data.items.map((c) => c.code);
    const open = codes.length <= 3 ? codes : [];
    const selectedCounty = value.county ?? value.town?.slice(0, 6);
    if (selectedCounty && !open.includes(selectedCounty)) open.push(selectedCounty);
    setExpanded(open);
    setInitialised(true);
  }, [counties.data, initialised, value.county, value.town]);

  const towns = useQueries({
    queries: expanded.map((county) => ({ queryKey: keys.towns(county), queryFn: () => registryApi.towns(county) })),
  });

  if (counties.isPending) return <Spin style={{ display: 'block', padding: 24 }} />;
  if (counties.isError) return <QueryError error={counties.error} onRetry={() => void counties.refetch()} />;
  if (counties.data.items.length === 0) return <Empty description="尚未导入行政区划" image={Empty.PRESENTED_IMAGE_SIMPLE} />;

  const treeData: DataNode[] = counties.data.items.map((c) => {
    const i = expanded.indexOf(c.code);
    const q = i >= 0 ? towns[i] : undefined;
    let children: DataNode[];
    if (q?.data) {
      children = q.data.items.map((t) => ({ key: townKey(t.code), title: <NodeTitle name={t.name} count={t.villages} />, isLeaf: true }));
    } else if (q?.isError) {
      children = [{ key: `err:${c.code}`, title: <Typography.Text type="danger">乡镇加载失败</Typography.Text>, isLeaf: true, selectable: false }];
    } else {
      children = [{ key: `loading:${c.code}`, title: <Typography.Text type="secondary">加载中…</Typography.Text>, isLeaf: true, selectable: false }];
    }
    return { key: countyKey(c.code), title: <NodeTitle name={c.name} count={c.villages} />, children };
  });

  const selectedKeys = value.town ? [townKey(value.town)] : value.county ? [countyKey(value.county)] : [];

  return (
    <div data-testid="division-tree">
      <Tree
        blockNode
        showLine
        treeData={treeData}
        expandedKeys={expanded.map(countyKey)}
        onExpand={(keys) => setExpanded(keys.map(String).filter((k) => k.startsWith('c:')).map((k) => k.slice(2)))}
        selectedKeys={selectedKeys}
        onSelect={(keys) => {
          const k = String(keys[0] ?? '');
          if (k.startsWith('t:')) onChange({ county: k.slice(2, 8), town: k.slice(2) });
          else if (k.startsWith('c:')) {
            onChange({ county: k.slice(2) });
            if (!expanded.includes(k.slice(2))) setExpanded([...expanded, k.slice(2)]);
          } else onChange({});
        }}
      />
    </div>
  );
}
