import { InboxOutlined } from '@ant-design/icons';
import { Alert, Descriptions, Input, Modal, Radio, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { checklistsApi, type ImportResult } from '../../../api/checklists';
import type { CatalogueKind } from '../../../../../domain/checklists/catalogue';
import { RefusalAlert } from '../../../components/refusal-alert';

/**
 * Imports a .xlsx catalogue in two steps: the file is checked first (every bad cell listed by row and
 * column, nothing written), then imported all at once. With `catalogueId` it replaces that
 * catalogue's draft.
 */
export function ChecklistImportModal({
  open,
  catalogueId,
  catalogueName,
  onClose,
  onImported,
}: {
  open: boolean;
  catalogueId?: string;
  catalogueName?: string;
  onClose: () => void;
  onImported: (r: Extract<ImportResult, { dryRun: false }>) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<CatalogueKind | undefined>(undefined);
  const [preview, setPreview] = useState<Extract<ImportResult, { dryRun: true }> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) {
      setFile(null);
      setName('');
      setKind(undefined);
      setPreview(null);
      setError(null);
    }
  }, [open]);

  const opts = () => ({ catalogueId, name: catalogueId ? undefined : name.trim() || undefined, kind: catalogueId ? undefined : kind });

  const check = async (f: File) => {
    setBusy(true);
    setError(null);
    setPreview(null);
    try {
      const r = await checklistsApi.importFile(f, { ...opts(), dryRun: true });
      if (r.dryRun) setPreview(r);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const r = await checklistsApi.importFile(file, opts());
      if (!r.dryRun) onImported(r);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={catalogueId ? `导入到“${catalogueName ?? ''}”的草稿` : '导入监督清单（.xlsx）'}
      onCancel={onClose}
      onOk={() => void confirm()}
      okText="确认导入"
      cancelText="取消"
      okButtonProps={{ disabled: !preview, loading: busy }}
      width={640}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        表头：方面、事项、小微权力类别、适用村情、问题表现（每行一条，或用；分隔）、依据。“方面”留空或合并单元格时沿用上一行。可先导出一份清单作为模板。
        {catalogueId ? '导入内容将替换该清单当前草稿的全部内容（没有草稿时新建草稿），已发布版本不受影响。' : ''}
      </Typography.Paragraph>
      {!catalogueId && (
        <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
          <Descriptions.Item label="清单名称">
            <Input value={name} onChange={(e) => setName(e.target.value)} placeholder="留空则取文件“清单信息”页或文件名" maxLength={60} />
          </Descriptions.Item>
          <Descriptions.Item label="清单类型">
            <Radio.Group
              value={kind}
              onChange={(e) => setKind(e.target.value as CatalogueKind)}
              options={[
                { value: 'common', label: '通用清单' },
                { value: 'personalised', label: '个性化清单' },
              ]}
            />
            <Typography.Text type="secondary">（不选则取文件中的设置）</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        maxCount={1}
        showUploadList={file ? { showRemoveIcon: false } : false}
        fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
        beforeUpload={(f) => {
          setFile(f);
          void check(f);
          return false;
        }}
        data-testid="checklist-import-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>点击或拖入 .xlsx 文件，先检查后导入</p>
      </Upload.Dragger>
      <div style={{ marginTop: 12 }}>
        <RefusalAlert testId="checklist-refusal-reasons" error={error} />
        {preview && (
          <Alert
            type="success"
            showIcon
            title={`检查通过：“${preview.name}”共 ${preview.aspects} 个方面、${preview.items} 个事项`}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 200, overflow: 'auto' }}>
                {preview.content.map((a) => (
                  <li key={a.name}>
                    {a.name}（{a.items.length} 项）
                  </li>
                ))}
              </ul>
            }
            data-testid="import-preview"
          />
        )}
      </div>
    </Modal>
  );
}
