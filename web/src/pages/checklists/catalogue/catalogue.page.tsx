import { CloudUploadOutlined, CopyOutlined, DownloadOutlined, EditOutlined, FileAddOutlined, SendOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Input, Popconfirm, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { checklistKeys, checklistsApi, type CatalogueDetail, type VersionSummary, type VersionTree } from '../../../api/checklists';
import { reportError } from '../../../api/errors';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';
import { useAccess } from '../../../session/session';
import { CatalogueMetaModal } from '../shared/catalogue-meta-modal';
import { ChecklistImportModal } from '../shared/import-modal';
import { BuiltinBadge, KindTag, VersionStatusTag } from '../shared/labels';
import { VersionTreeView } from './version-tree';

const fmt = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—');

/** The version to show: the one in the URL, else the draft, else the one in force, else the newest. */
function chosenVersion(c: CatalogueDetail, wanted: string | null): VersionSummary | null {
  return c.versions.find((v) => v.id === wanted) ?? c.draftVersion ?? c.publishedVersion ?? c.latestVersion;
}

/** One catalogue: its versions, the tree of the chosen one, editing of the draft, publish, export. */
export function CataloguePage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const access = useAccess();
  const [metaOpen, setMetaOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);

  const catalogue = useQuery({ queryKey: checklistKeys.catalogue(id), queryFn: () => checklistsApi.catalogue(id) });
  const c = catalogue.data;
  const current = c ? chosenVersion(c, params.get('version')) : null;
  const tree = useQuery({
    queryKey: checklistKeys.version(id, current?.id ?? ''),
    queryFn: () => checklistsApi.version(id, current!.id),
    enabled: !!current,
  });

  const showVersion = (versionId: string) => setParams({ version: versionId }, { replace: true });
  const refresh = () => void qc.invalidateQueries({ queryKey: checklistKeys.all });
  const treeChanged = (t: VersionTree) => {
    qc.setQueryData(checklistKeys.version(id, t.id), t);
    void qc.invalidateQueries({ queryKey: checklistKeys.catalogue(id) });
  };

  if (catalogue.isError) return <QueryError error={catalogue.error} onRetry={() => void catalogue.refetch()} />;
  if (!c) return <Spin style={{ display: 'block', margin: '80px auto' }} />;

  const canWrite = access.can('checklists.write');
  const act = async (call: () => Promise<unknown>, ok: string) => {
    try {
      await call();
      message.success(ok);
      refresh();
    } catch (e) {
      reportError(e);
    }
  };

  const publish = (v: VersionSummary) => {
    let note = '';
    modal.confirm({
      title: `发布第 ${v.version} 版？`,
      content: (
        <div>
          <Typography.Paragraph>
            发布后该版本内容不能再修改；{c.publishedVersion ? `现行的第 ${c.publishedVersion.version} 版将停用。` : ''}此后进驻前生成的村级清单使用新版本，已生成的村级清单不受影响（可在准备阶段重新生成）。
          </Typography.Paragraph>
          <Input.TextArea rows={2} maxLength={500} placeholder="发布说明（可选），如：根据本轮巡察重点调整" onChange={(e) => (note = e.target.value)} />
        </div>
      ),
      okText: '发布',
      cancelText: '取消',
      onOk: async () => {
        try {
          const t = await checklistsApi.publish(id, v.id, note.trim() || undefined);
          treeChanged(t);
          message.success(`第 ${v.version} 版已发布`);
        } catch (e) {
          reportError(e);
        }
      },
    });
  };

  const newDraft = async () => {
    try {
      const t = await checklistsApi.newDraft(id);
      treeChanged(t);
      showVersion(t.id);
      message.success(`已新建第 ${t.version} 版草稿，修改后发布生效`);
    } catch (e) {
      reportError(e);
    }
  };

  return (
    <PageContainer
      title={
        <Space wrap>
          {c.name}
          <KindTag kind={c.kind} name={c.kindName} />
          {c.builtin && <BuiltinBadge />}
          {c.archived && <Tag>已停用</Tag>}
        </Space>
      }
      documentTitle={c.name}
      breadcrumb={[{ title: '监督清单', to: '/checklists/catalogues' }, { title: c.name }]}
      testId="checklist-catalogue-page"
      extra={
        <>
          {current && (
            <Button icon={<DownloadOutlined />} href={checklistsApi.exportUrl(id, current.id)} download data-testid="export-xlsx">
              导出 .xlsx
            </Button>
          )}
          {c.editable && (
            <>
              <Button icon={<EditOutlined />} onClick={() => setMetaOpen(true)}>
                编辑信息
              </Button>
              <Button icon={<CloudUploadOutlined />} onClick={() => setImportOpen(true)}>
                导入到草稿
              </Button>
              {!c.draftVersion && (
                <Button icon={<FileAddOutlined />} onClick={() => void newDraft()} data-testid="new-draft">
                  新建草稿
                </Button>
              )}
              <Popconfirm
                title={c.archived ? '恢复使用该清单？' : '停用该清单？'}
                description={c.archived ? undefined : '停用后不再用于生成村级监督清单，已生成的不受影响'}
                okText={c.archived ? '恢复' : '停用'}
                cancelText="取消"
                onConfirm={() => act(() => checklistsApi.archive(id, !c.archived), c.archived ? '已恢复' : '已停用')}
              >
                <Button icon={c.archived ? <UndoOutlined /> : <StopOutlined />}>{c.archived ? '恢复' : '停用'}</Button>
              </Popconfirm>
            </>
          )}
          {canWrite && (
            <Popconfirm
              title="复制为本单位的清单？"
              description="复制为草稿；发布后，在本辖区生成村级清单时代替原清单"
              okText="复制"
              cancelText="取消"
              onConfirm={async () => {
                try {
                  const copy = await checklistsApi.copy(id);
                  refresh();
                  message.success('已复制为本单位清单（草稿）');
                  void navigate(`/checklists/catalogues/${copy.id}`);
                } catch (e) {
                  reportError(e);
                }
              }}
            >
              <Button icon={<CopyOutlined />}>复制为本地清单</Button>
            </Popconfirm>
          )}
        </>
      }
    >
      <Row gutter={16}>
        <Col xs={24} xl={17}>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Space wrap style={{ marginBottom: 8 }}>
              <span>版本：</span>
              <Select
                value={current?.id}
                onChange={showVersion}
                style={{ width: 260 }}
                options={c.versions.map((v) => ({ value: v.id, label: `第 ${v.version} 版 · ${v.statusName}（${v.itemCount} 个事项）` }))}
                data-testid="version-select"
              />
              {current && <VersionStatusTag status={current.status} name={current.statusName} />}
              {current?.status === 'draft' && c.editable && (
                <Button type="primary" icon={<SendOutlined />} onClick={() => publish(current)} data-testid="publish-version">
                  发布
                </Button>
              )}
            </Space>
            {current?.status === 'draft' && (
              <Alert type="info" showIcon title="草稿：可以增删改方面和事项、调整顺序；发布后生效，已发布的版本不能再修改。" style={{ marginBottom: 8 }} />
            )}
            {current && current.status !== 'draft' && c.editable && (
              <Alert
                type="warning"
                showIcon
                title={`第 ${current.version} 版${current.statusName}，内容不能修改。${c.draftVersion ? `请到第 ${c.draftVersion.version} 版草稿中修改。` : '如需修改，请“新建草稿”。'}`}
                style={{ marginBottom: 8 }}
              />
            )}
          </Card>
          {tree.isError ? (
            <QueryError error={tree.error} onRetry={() => void tree.refetch()} />
          ) : tree.data ? (
            <VersionTreeView catalogueId={id} tree={tree.data} onChanged={treeChanged} />
          ) : (
            <Spin style={{ display: 'block', margin: '40px auto' }} />
          )}
        </Col>
        <Col xs={24} xl={7}>
          <Card size="small" title="清单信息" style={{ marginBottom: 12 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label="类型">{c.kindName}</Descriptions.Item>
              <Descriptions.Item label="适用村分类标签">{c.kind === 'common' ? '所有村（社区）' : c.matchTags.map((t) => <Tag key={t}>{t}</Tag>)}</Descriptions.Item>
              <Descriptions.Item label="维护单位">{c.scopeCode === '' ? '系统预置' : c.scopeCode}</Descriptions.Item>
              <Descriptions.Item label="说明">{c.description || '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title="版本记录">
            <Table<VersionSummary>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={c.versions}
              onRow={(v) => ({ onClick: () => showVersion(v.id), style: { cursor: 'pointer', background: v.id === current?.id ? 'rgba(22,119,255,0.06)' : undefined } })}
              columns={[
                { title: '版本', dataIndex: 'version', width: 60, render: (n: number) => `第 ${n} 版` },
                { title: '状态', dataIndex: 'status', width: 80, render: (_: string, v) => <VersionStatusTag status={v.status} name={v.statusName} /> },
                {
                  title: '发布',
                  key: 'published',
                  render: (_, v) =>
                    v.publishedAt ? (
                      <Typography.Text style={{ fontSize: 12 }}>
                        {fmt(v.publishedAt)}
                        <br />
                        {v.publishedByName ?? '系统'}
                        {v.note ? `：${v.note}` : ''}
                      </Typography.Text>
                    ) : (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {v.note || '—'}
                      </Typography.Text>
                    ),
                },
              ]}
              data-testid="version-history"
            />
          </Card>
        </Col>
      </Row>
      <CatalogueMetaModal
        open={metaOpen}
        title="编辑清单信息"
        initial={{ name: c.name, kind: c.kind, matchTags: c.matchTags, description: c.description }}
        onCancel={() => setMetaOpen(false)}
        onSubmit={async (meta) => {
          await checklistsApi.update(id, meta);
          setMetaOpen(false);
          refresh();
          message.success('已保存');
        }}
      />
      <ChecklistImportModal
        open={importOpen}
        catalogueId={id}
        catalogueName={c.name}
        onClose={() => setImportOpen(false)}
        onImported={(r) => {
          setImportOpen(false);
          refresh();
          showVersion(r.versionId);
          message.success(`已导入 ${r.aspects} 个方面、${r.items} 个事项到草稿`);
        }}
      />
    </PageContainer>
  );
}
