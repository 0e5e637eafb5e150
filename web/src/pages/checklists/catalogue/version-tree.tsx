import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Input, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { checklistsApi, type CatalogueAspect, type CatalogueItem, type ItemBody, type VersionTree as Tree } from '../../../api/checklists';
import { reportError } from '../../../api/errors';
import { ItemModal } from './item-modal';

/** Moves element `i` of a list one place up or down. */
function moved<T>(list: T[], i: number, delta: -1 | 1): T[] {
  const j = i + delta;
  if (j < 0 || j >= list.length) return list;
  const next = [...list];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

const orderOf = (aspects: CatalogueAspect[]) => aspects.map((a) => ({ id: a.id, itemIds: a.items.map((i) => i.id) }));

/** The tree aspect → item → manifestations of one version; a draft can be edited in place. */
export function VersionTreeView({ catalogueId, tree, onChanged }: { catalogueId: string; tree: Tree; onChanged: (t: Tree) => void }) {
  const { modal } = App.useApp();
  const editable = tree.editable;
  const [itemModal, setItemModal] = useState<{ aspectId: string; item: CatalogueItem | null } | null>(null);
  const [newAspect, setNewAspect] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (call: () => Promise<Tree>): Promise<boolean> => {
    setBusy(true);
    try {
      onChanged(await call());
      return true;
    } catch (e) {
      reportError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const vid = tree.id;

  const renameAspect = (a: CatalogueAspect) => {
    let name = a.name;
    modal.confirm({
      title: '修改方面名称',
      content: <Input defaultValue={a.name} maxLength={100} onChange={(e) => (name = e.target.value)} />,
      okText: '保存',
      cancelText: '取消',
      onOk: () => run(() => checklistsApi.renameAspect(catalogueId, vid, a.id, name)),
    });
  };

  const reorder = (aspects: CatalogueAspect[]) => run(() => checklistsApi.reorder(catalogueId, vid, orderOf(aspects)));

  if (tree.aspects.length === 0 && !editable) return <Empty description="该版本没有内容" />;

  return (
    <div data-testid="version-tree">
      {tree.aspects.map((a, ai) => (
        <Card
          key={a.id}
          size="small"
          style={{ marginBottom: 12 }}
          title={
            <Space>
              <span>{a.name}</span>
              <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                {a.items.length} 个事项
              </Typography.Text>
            </Space>
          }
          extra={
            editable && (
              <Space size={0}>
                <Tooltip title="上移">
                  <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={ai === 0 || busy} onClick={() => void reorder(moved(tree.aspects, ai, -1))} aria-label="上移方面" />
                </Tooltip>
                <Tooltip title="下移">
                  <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={ai === tree.aspects.length - 1 || busy} onClick={() => void reorder(moved(tree.aspects, ai, 1))} aria-label="下移方面" />
                </Tooltip>
                <Button type="text" size="small" icon={<EditOutlined />} onClick={() => renameAspect(a)}>
                  改名
                </Button>
                <Button type="text" size="small" icon={<PlusOutlined />} onClick={() => setItemModal({ aspectId: a.id, item: null })} data-testid="add-item">
                  事项
                </Button>
                <Popconfirm
                  title={`删除方面“${a.name}”？`}
                  description={a.items.length ? `其下 ${a.items.length} 个事项将一并删除` : undefined}
                  okText="删除"
                  okButtonProps={{ danger: true }}
                  cancelText="取消"
                  onConfirm={() => run(() => checklistsApi.deleteAspect(catalogueId, vid, a.id))}
                >
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label="删除方面" />
                </Popconfirm>
              </Space>
            )
          }
        >
          {a.items.length === 0 && <Typography.Text type="secondary">暂无事项</Typography.Text>}
          {a.items.map((item, ii) => (
            <div key={item.id} style={{ padding: '8px 0', borderTop: ii === 0 ? undefined : '1px solid rgba(5,5,5,0.06)' }} data-testid="catalogue-item">
              <Flex justify="space-between" align="start" gap={8}>
                <div style={{ minWidth: 0 }}>
                  <Space size={4} wrap>
                    <Typography.Text strong>
                      {ii + 1}. {item.title}
                    </Typography.Text>
                    {item.powerClassName && <Tag color="cyan">小微权力·{item.powerClassName}</Tag>}
                    {item.villageTraits.map((t) => (
                      <Tag key={t}>{t}</Tag>
                    ))}
                  </Space>
                  {item.manifestations.length > 0 && (
                    <ol style={{ margin: '4px 0 0', paddingInlineStart: 22, color: 'rgba(0,0,0,0.75)' }}>
                      {item.manifestations.map((m, k) => (
                        <li key={k}>{m}</li>
                      ))}
                    </ol>
                  )}
                  {item.basis && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      依据：{item.basis}
                    </Typography.Text>
                  )}
                </div>
                {editable && (
                  <Space size={0}>
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowUpOutlined />}
                      disabled={ii === 0 || busy}
                      aria-label="上移事项"
                      onClick={() => void reorder(tree.aspects.map((x) => (x.id === a.id ? { ...x, items: moved(x.items, ii, -1) } : x)))}
                    />
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowDownOutlined />}
                      disabled={ii === a.items.length - 1 || busy}
                      aria-label="下移事项"
                      onClick={() => void reorder(tree.aspects.map((x) => (x.id === a.id ? { ...x, items: moved(x.items, ii, 1) } : x)))}
                    />
                    <Button type="text" size="small" icon={<EditOutlined />} aria-label="修改事项" onClick={() => setItemModal({ aspectId: a.id, item })} />
                    <Popconfirm
                      title={`删除事项“${item.title}”？`}
                      okText="删除"
                      okButtonProps={{ danger: true }}
                      cancelText="取消"
                      onConfirm={() => run(() => checklistsApi.deleteItem(catalogueId, vid, item.id))}
                    >
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label="删除事项" />
                    </Popconfirm>
                  </Space>
                )}
              </Flex>
            </div>
          ))}
        </Card>
      ))}
      {editable && (
        <Flex gap={8} style={{ maxWidth: 520 }}>
          <Input placeholder="新方面名称，如：十二、村级债务" value={newAspect} maxLength={100} onChange={(e) => setNewAspect(e.target.value)} onPressEnter={() => newAspect.trim() && void addAspect()} data-testid="new-aspect-input" />
          <Button icon={<PlusOutlined />} disabled={!newAspect.trim()} loading={busy} onClick={() => void addAspect()}>
            新增方面
          </Button>
        </Flex>
      )}
      <ItemModal
        open={itemModal !== null}
        item={itemModal?.item ?? null}
        aspectId={itemModal?.aspectId ?? ''}
        aspects={tree.aspects}
        onCancel={() => setItemModal(null)}
        onSubmit={async (body: ItemBody) => {
          const m = itemModal!;
          const t = m.item ? await checklistsApi.updateItem(catalogueId, vid, m.item.id, body) : await checklistsApi.addItem(catalogueId, vid, m.aspectId, body);
          onChanged(t);
          setItemModal(null);
        }}
      />
    </div>
  );

  async function addAspect() {
    const name = newAspect.trim();
    if (await run(() => checklistsApi.addAspect(catalogueId, vid, name))) setNewAspect('');
  }
}
