import { useQuery } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Button, Descriptions, Drawer, Empty, Input, Radio, Space, Spin, Table, Tag, Typography } from 'antd';
import { GraphChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { graphApi, graphKeys, graphPath, subjectOfText, type EvidenceRows, type GraphData, type GraphNode, type GraphSubject, type NodeCategory } from '../../../api/analytics-graph';
import { EChart } from '../../../components/echart';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';
import { evidenceCell, nodeSize, yuanOfFen } from './format';
import { maskIdNumber } from '../../../../../domain/analytics/models/format';

use([GraphChart, LegendComponent, TooltipComponent]);

const COLORS: Record<NodeCategory, string> = {
  cadre: '#cf1322',
  relative: '#fa8c16',
  person: '#8c8c8c',
  company: '#1677ff',
  village: '#389e0d',
  contract: '#13c2c2',
  project: '#722ed1',
  benefit: '#d4b106',
  hit: '#eb2f96',
};

function GraphCanvas({ data, onPick }: { data: GraphData; onPick: (id: string) => void }) {
  const option = useMemo(() => {
    const cats = data.categories.filter((c) => data.nodes.some((n) => n.category === c.key));
    const index = new Map(cats.map((c, i) => [c.key, i]));
    const byId = new Map(data.nodes.map((n) => [n.id, n]));
    return {
      legend: [{ data: cats.map((c) => c.name), top: 0 }],
      tooltip: {
        confine: true,
        formatter: (p: { dataType?: string; data?: { id?: string; source?: string; target?: string; label?: { formatter?: string } } }) => {
          const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
          if (p.dataType === 'edge' && p.data?.source && p.data.target) {
            const e = data.edges.find((x) => x.source === p.data!.source && x.target === p.data!.target);
            return e ? `${esc(byId.get(e.source)?.name ?? '')} → ${esc(byId.get(e.target)?.name ?? '')}<br/>${esc(e.label)}` : '';
          }
          const n = p.data?.id ? byId.get(p.data.id) : undefined;
          if (!n) return '';
          const lines = [`<b>${esc(n.name)}</b>${n.subtitle ? `（${esc(n.subtitle)}）` : ''}`, ...n.details.filter((d) => d.label !== '身份证号码' && d.label !== '说明').slice(0, 5).map((d) => `${esc(d.label)}：${esc(d.value)}`)];
          if (n.amountFen > 0) lines.push(`涉及金额：${yuanOfFen(n.amountFen)}`);
          lines.push('点击查看证据');
          return lines.join('<br/>');
        },
      },
      series: [
        {
          type: 'graph',
          layout: 'force',
          roam: true,
          draggable: true,
          top: 40,
          categories: cats.map((c) => ({ name: c.name, itemStyle: { color: COLORS[c.key] } })),
          force: { repulsion: 260, edgeLength: [60, 160], gravity: 0.08 },
          label: { show: true, position: 'right', formatter: '{b}' },
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 7,
          edgeLabel: { show: data.edges.length <= 60, formatter: (p: { data?: { type?: string } }) => p.data?.type ?? '', fontSize: 10 },
          lineStyle: { color: 'source', opacity: 0.7, curveness: 0.1 },
          emphasis: { focus: 'adjacency' },
          data: data.nodes.map((n) => ({
            id: n.id,
            name: n.subtitle ? `${n.name}\n${n.subtitle}` : n.name,
            category: index.get(n.category),
            symbolSize: nodeSize(n),
            symbol: n.category === 'hit' ? 'diamond' : n.category === 'company' ? 'roundRect' : 'circle',
            itemStyle: n.subject ? { borderColor: '#000', borderWidth: 2 } : undefined,
          })),
          links: data.edges.map((e) => ({ source: e.source, target: e.target, type: e.type, lineStyle: { width: e.type === '疑点' ? 2 : 1 + Math.min(3, Math.log10(1 + e.amountFen / 100_000)), type: e.type === '疑点' ? 'dashed' : 'solid' } })),
        },
      ],
    };
  }, [data]);

  return (
    <EChart
      option={option}
      height={640}
      style={{ border: '1px solid #f0f0f0', borderRadius: 6 }}
      testId="graph-canvas"
      onClick={(p) => {
        // a node's data item carries its id (edges are `dataType: 'edge'`)
        const d = p.data as { id?: string } | null | undefined;
        if (p.dataType === 'node' && d?.id) onPick(d.id);
      }}
    />
  );
}

function EvidenceTable({ ev, datasets }: { ev: EvidenceRows; datasets: Map<string, string> }) {
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Text strong>{ev.title}</Typography.Text>
      {ev.total > ev.rows.length && <Typography.Text type="secondary">（共 {ev.total} 条，显示前 {ev.rows.length} 条）</Typography.Text>}
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        pagination={ev.rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
        scroll={{ x: 'max-content' }}
        dataSource={ev.rows}
        columns={ev.columns.map((c) => ({ title: c.label, dataIndex: c.key, key: c.key, render: (v: string | number | boolean | null) => evidenceCell(c.key, v, datasets) }))}
      />
    </div>
  );
}

function NodeDrawer({ node, data, onClose }: { node: GraphNode | null; data: GraphData; onClose: () => void }) {
  const datasets = useMemo(() => new Map(data.datasets.map((d) => [d.id, d.name])), [data]);
  const category = node ? data.categories.find((c) => c.key === node.category)?.name : '';
  const linked = node ? data.edges.filter((e) => e.source === node.id || e.target === node.id) : [];
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  return (
    <Drawer open={!!node} onClose={onClose} width={760} title={node ? `${category}：${node.name}` : ''} destroyOnClose data-testid="graph-node-drawer">
      {node && (
        <>
          <Descriptions size="small" column={1} bordered items={[...node.details.map((d, i) => ({ key: String(i), label: d.label, children: d.value })), ...(node.amountFen > 0 ? [{ key: 'amount', label: '涉及金额', children: yuanOfFen(node.amountFen) }] : [])]} />
          <Space style={{ margin: '12px 0' }} wrap>
            {node.hitId && (
              <Link to={`/analytics/hits?hit=${encodeURIComponent(node.hitId)}`} data-testid="graph-hit-link">
                在疑点列表中查看、核实
              </Link>
            )}
            {!node.subject && (node.person || node.company) && (
              <Link to={graphPath(node.person ? { person: node.person } : { company: node.company! })} onClick={onClose} data-testid="graph-recenter">
                以此为中心查看关系图谱
              </Link>
            )}
          </Space>
          {linked.length > 0 && (
            <div style={{ marginBottom: 16 }}>
              <Typography.Text strong>关系</Typography.Text>
              <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                {linked.map((e) => (
                  <li key={`${e.source}|${e.target}|${e.type}`}>
                    <Tag>{e.type}</Tag>
                    {byId.get(e.source)?.name} → {byId.get(e.target)?.name}：{e.label}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {node.evidence.map((ev, i) => (
            <EvidenceTable key={i} ev={ev} datasets={datasets} />
          ))}
          {node.evidence.length === 0 && !node.hitId && <Typography.Text type="secondary">此节点没有更多证据行</Typography.Text>}
        </>
      )}
    </Drawer>
  );
}

function SubjectSearch({ onPick }: { onPick: (s: GraphSubject) => void }) {
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(t);
  }, [text]);
  const lookup = q.length >= 1 && !subjectOfText(q);
  const suggestions = useQuery({ queryKey: graphKeys.subjects(q), queryFn: () => graphApi.subjects(q), enabled: lookup });
  const submit = (value: string) => {
    const s = subjectOfText(value);
    if (s) onPick(s);
    else if (suggestions.data?.items.length) message.info('请从下拉建议中选择要查看的人员');
    else message.warning('请输入 18 位身份证号码或统一社会信用代码，或输入村干部、亲属的姓名后从建议中选择');
  };
  return (
    <AutoComplete
      style={{ width: 420 }}
      value={text}
      onChange={setText}
      onSelect={(v: string) => {
        setText(v);
        onPick({ person: v });
      }}
      options={(lookup ? (suggestions.data?.items ?? []) : []).map((s) => ({
        value: s.idNumber,
        label: (
          <span data-testid={`graph-suggestion-${s.idNumber}`}>
            {s.name}（{s.villageName ?? '—'}，{s.role}）
          </span>
        ),
      }))}
      notFoundContent={lookup && suggestions.isFetched ? '没有匹配的村干部或亲属' : undefined}
    >
      <Input.Search placeholder="身份证号码、统一社会信用代码或姓名" enterButton="查看" onSearch={submit} data-testid="graph-search" allowClear />
    </AutoComplete>
  );
}

/**
 * 关系图谱: for a cadre or relative (ID number) or a company (credit code), the graph of relatives,
 * companies, payments, contracts, bids, benefits and the suspicion points behind them; a node opens
 * its evidence rows, a hit links to the 疑点 list, a person or company can become the centre.
 */
export function GraphPage() {
  const [params, setParams] = useSearchParams();
  const subject: GraphSubject | null = params.get('person') ? { person: params.get('person')! } : params.get('company') ? { company: params.get('company')! } : null;
  const depth = params.get('depth') === '2' ? 2 : 1;
  const [picked, setPicked] = useState<string | null>(null);
  const graph = useQuery({ queryKey: graphKeys.graph(subject ?? {}, depth), queryFn: () => graphApi.graph(subject!, depth), enabled: !!subject, retry: false });
  const data = graph.data;
  const node = data && picked ? (data.nodes.find((n) => n.id === picked) ?? null) : null;
  const go = (s: GraphSubject, d = depth) => {
    setPicked(null);
    const next = new URLSearchParams();
    if (s.person) next.set('person', s.person);
    if (s.company) next.set('company', s.company);
    if (d === 2) next.set('depth', '2');
    setParams(next);
  };

  return (
    <PageContainer
      title="关系图谱"
      subTitle="村干部及亲属、关联企业、村级付款、合同、投标、补贴与比对疑点之间的关系"
      breadcrumb={[{ title: '大数据比对' }, { title: '关系图谱' }]}
      testId="graph-page"
      extra={
        <Space wrap>
          <SubjectSearch onPick={(s) => go(s)} />
          <Radio.Group value={depth} onChange={(e) => subject && go(subject, e.target.value as number)} optionType="button" disabled={!subject} data-testid="graph-depth">
            <Radio.Button value={1}>1 层关系</Radio.Button>
            <Radio.Button value={2}>2 层关系</Radio.Button>
          </Radio.Group>
        </Space>
      }
    >
      {!subject && <Empty description="输入身份证号码、统一社会信用代码，或输入姓名从村干部及亲属中选择" style={{ marginTop: 64 }} />}
      {subject && graph.isLoading && <Spin style={{ display: 'block', margin: '96px auto' }} tip="正在读取比对数据…" />}
      {graph.isError && <QueryError error={graph.error} onRetry={() => void graph.refetch()} />}
      {data && (
        <>
          <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
            <Typography.Text data-testid="graph-summary">
              {data.subject.name ?? (data.subject.kind === 'person' ? maskIdNumber(data.subject.key) : data.subject.key)}：{data.nodes.length} 个节点、{data.edges.length} 条关系
              {data.datasets.length > 0 && <Typography.Text type="secondary">（数据：{data.datasets.map((d) => d.name).join('、')}）</Typography.Text>}
            </Typography.Text>
            {data.notes.map((n) => (
              <Alert key={n} type={data.truncated && n === data.notes[0] ? 'warning' : 'info'} showIcon message={n} data-testid="graph-note" />
            ))}
          </Space>
          <GraphCanvas data={data} onPick={setPicked} />
          <div style={{ marginTop: 8 }}>
            <Button size="small" onClick={() => setPicked(data.nodes.find((n) => n.subject)?.id ?? null)}>
              查看中心对象的证据
            </Button>
          </div>
          <NodeDrawer node={node} data={data} onClose={() => setPicked(null)} />
        </>
      )}
    </PageContainer>
  );
}
