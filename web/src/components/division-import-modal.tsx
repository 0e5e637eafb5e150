import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Modal, Result, Tabs, Typography, Upload } from 'antd';
import { useState } from 'react';
import { registryApi, keys } from '../api/endpoints';
import type { DivisionImportSummary } from '../api/types';

interface Props {
  open: boolean;
  onClose: () => void;
  /** after a successful import, e.g. to show the imported county */
  onImported?: (summary: DivisionImportSummary) => void;
}

const EXAMPLES = [
  { code: '510181', name: '四川省都江堰市' },
  { code: '320481', name: '江苏省溧阳市' },
  { code: '411330', name: '河南省桐柏县' },
];

/** Imports a county's towns and villages: from the national divisions by code, or from a file. */
export function DivisionImportModal({ open, onClose, onImported }: Props) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ county: string }>();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<DivisionImportSummary | null>(null);

  const done = (summary: DivisionImportSummary) => {
    setResult(summary);
    void queryClient.invalidateQueries({ queryKey: keys.registry });
    void queryClient.invalidateQueries({ queryKey: keys.status });
    onImported?.(summary);
  };
  const byCode = useMutation({ mutationFn: (county: string) => registryApi.importCounty(county), onSuccess: done });
  const byFile = useMutation({ mutationFn: (f: File) => registryApi.importDivisionFile(f), onSuccess: done });
  const busy = byCode.isPending || byFile.isPending;

  const close = () => {
    if (busy) return;
    setResult(null);
    setFile(null);
    form.resetFields();
    byCode.reset();
    byFile.reset();
    onClose();
  };

  return (
    <Modal open={open} title="导入行政区划" onCancel={close} footer={null} width={620} destroyOnHidden mask={{ closable: !busy }}>
      {result ? (
        <div data-testid="division-import-result">
          <Result
            status="success"
            title={`已导入 ${result.county.name}（${result.county.code}）`}
            subTitle="已有的区划只更新名称，不会重复或删除。"
            style={{ padding: '16px 0' }}
          />
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              {
                key: 'towns',
                label: '乡镇（街道）',
                children: (
                  <span data-testid="import-towns-total">
                    共 {result.towns.total} 个（新增 {result.towns.created}，更新 {result.towns.updated}）
                  </span>
                ),
              },
              {
                key: 'villages',
                label: '村（社区）',
                children: (
                  <span data-testid="import-villages-total">
                    共 {result.villages.total} 个（新增 {result.villages.created}，更新 {result.villages.updated}）
                  </span>
                ),
              },
            ]}
          />
          <div style={{ textAlign: 'right', marginTop: 16 }}>
            <Button type="primary" onClick={close} data-testid="division-import-close">
              完成
            </Button>
          </div>
        </div>
      ) : (
        <Tabs
          items={[
            {
              key: 'code',
              label: '按区县代码导入',
              children: (
                <Form form={form} layout="vertical" onFinish={(v) => byCode.mutate(v.county.trim())} disabled={busy}>
                  <Typography.Paragraph type="secondary">
                    从国家统计用区划代码导入一个区县的全部乡镇（街道）和村（社区）。区县代码为 6 位数字，例如：
                    {EXAMPLES.map((e, i) => (
                      <span key={e.code}>
                        {i > 0 && '、'}
                        <Typography.Link onClick={() => form.setFieldsValue({ county: e.code })}>
                          {e.code}
                        </Typography.Link>
                        （{e.name}）
                      </span>
                    ))}
                    。
                  </Typography.Paragraph>
                  <Form.Item
                    name="county"
                    label="区县代码"
                    rules={[
                      { required: true, message: '请输入区县代码' },
                      { pattern: /^\s*\d{6}\s*$/, message: '区县代码应为 6 位数字' },
                    ]}
                  >
                    <Input placeholder="如 510181" maxLength={6} inputMode="numeric" data-testid="division-import-county" autoFocus />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={byCode.isPending} data-testid="division-import-submit" block>
                    导入
                  </Button>
                </Form>
              ),
            },
            {
              key: 'file',
              label: '上传区划文件',
              children: (
                <>
                  <Alert
                    type="info"
                    showIcon
                    style={{ marginBottom: 12 }}
                    title="CSV 或 Excel 文件，须含“区划代码”“名称”两列"
                    description="包含区县（6 位）、乡镇（街道，9 位）和村（社区，12 位）代码的行；可以有标题行。"
                  />
                  <Upload.Dragger
                    accept=".csv,.xlsx"
                    maxCount={1}
                    beforeUpload={(f) => {
                      setFile(f);
                      return false;
                    }}
                    onRemove={() => setFile(null)}
                    fileList={file ? [{ uid: 'f', name: file.name, status: 'done' }] : []}
                    disabled={busy}
                  >
                    <p className="ant-upload-drag-icon">
                      <InboxOutlined />
                    </p>
                    <p className="ant-upload-text">点击或拖动文件到此处</p>
                  </Upload.Dragger>
                  <Button
                    type="primary"
                    block
                    style={{ marginTop: 16 }}
                    disabled={!file}
                    loading={byFile.isPending}
                    onClick={() => file && byFile.mutate(file)}
                  >
                    上传并导入
                  </Button>
                </>
              ),
            },
          ]}
        />
      )}
    </Modal>
  );
}
