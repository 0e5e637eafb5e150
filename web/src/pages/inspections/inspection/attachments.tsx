import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Image, Popconfirm, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorText } from '../../../api/errors';
import { ATTACHMENT_ACCEPT, ATTACHMENT_HINT, fileUrl, formatBytes, MAX_ATTACHMENT_BYTES, type Attachment } from '../../../api/inspections';

/** Photos the browser shows in place (the server serves these inline). */
const INLINE_IMAGE = /^image\/(jpeg|png|webp|gif)$/;

/** Files of a record or entry, each a download link; deletable ones with a confirmation. */
export function AttachmentList({ attachments, onDelete }: { attachments: Attachment[]; onDelete?: (a: Attachment) => Promise<unknown> }) {
  if (attachments.length === 0) return <Typography.Text type="secondary">无附件</Typography.Text>;
  return (
    <Flex vertical gap={2} data-testid="attachment-list">
      {attachments.map((a) => (
        <Flex key={a.id} align="center" gap={6} wrap>
          {INLINE_IMAGE.test(a.mime) ? (
            <Image src={fileUrl(a.id)} alt={a.fileName} width={40} height={40} style={{ objectFit: 'cover', borderRadius: 4 }} />
          ) : (
            <PaperClipOutlined />
          )}
          <a href={fileUrl(a.id)} target="_blank" rel="noreferrer" download={a.fileName}>
            {a.fileName}
          </a>
          <Typography.Text type="secondary">{formatBytes(a.size)}</Typography.Text>
          {onDelete && (
            <Popconfirm title={`删除附件“${a.fileName}”？`} okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => onDelete(a).catch(() => undefined)}>
              <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`删除附件 ${a.fileName}`} />
            </Popconfirm>
          )}
        </Flex>
      ))}
    </Flex>
  );
}

/**
 * Upload button with the size limit shown beforehand; a file over the limit is refused before it is
 * sent, and the server's answer on the type (checked by content) is shown under the button.
 */
export function AttachmentUpload({ upload, onUploaded, disabled }: { upload: (file: File) => Promise<Attachment>; onUploaded: (a: Attachment) => void; disabled?: boolean }) {
  const { message } = App.useApp();
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(0);

  return (
    <div data-testid="attachment-upload">
      <Upload
        multiple
        accept={ATTACHMENT_ACCEPT}
        showUploadList={false}
        disabled={disabled}
        beforeUpload={(file) => {
          if (file.size > MAX_ATTACHMENT_BYTES) {
            setProblems((p) => [...p, `“${file.name}”有 ${formatBytes(file.size)}，超过单个文件 ${formatBytes(MAX_ATTACHMENT_BYTES)} 的上限，未上传`]);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          const f = file as File;
          setBusy((n) => n + 1);
          upload(f)
            .then((a) => {
              void message.success(`已上传“${a.fileName}”`);
              onUploaded(a);
              onSuccess?.(a);
            })
            .catch((e: unknown) => {
              setProblems((p) => [...p, `“${f.name}”：${errorText(e)}`]);
              onError?.(e as Error);
            })
            .finally(() => setBusy((n) => n - 1));
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy > 0} disabled={disabled} onClick={() => setProblems([])} data-testid="attachment-upload-button">
          上传附件
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
        {ATTACHMENT_HINT}
      </Typography.Text>
      {problems.map((p) => (
        <Typography.Text key={p} type="danger" style={{ display: 'block' }} data-testid="attachment-problem">
          {p}
        </Typography.Text>
      ))}
    </div>
  );
}
