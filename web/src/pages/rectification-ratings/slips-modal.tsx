import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Typography } from 'antd';
import type { IssuedLink } from '../../api/rectification-ratings';

/** Only the slips are printed: everything else on the page is hidden on paper. */
const PRINT_CSS = `
@media print {
  body * { visibility: hidden !important; }
  .rating-slips, .rating-slips * { visibility: visible !important; }
  .rating-slips { position: absolute; left: 0; top: 0; width: 100%; }
  .rating-slip { page-break-inside: avoid; break-inside: avoid; }
}
.rating-slip { border: 1px dashed #8c8c8c; border-radius: 6px; padding: 12px 16px; margin-bottom: 12px; display: flex; gap: 16px; align-items: center; }
.rating-slip img { width: 160px; height: 160px; flex: none; }
.rating-slip .url { font-family: monospace; word-break: break-all; font-size: 13px; }
`;

/**
 * The one-time links just issued, as printable slips (QR code, name, category and the typed link). The
 * server keeps only a hash of each token, so this is the only time they can be shown.
 */
export function SlipsModal({ links, villageName, closesOn, onClose }: { links: IssuedLink[]; villageName: string; closesOn: string; onClose: () => void }) {
  return (
    <Modal
      open
      width={760}
      title="群众代表评议凭条"
      onCancel={onClose}
      mask={{ closable: false }}
      footer={[
        <Button key="print" type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印凭条
        </Button>,
        <Button key="done" onClick={onClose}>
          我已打印或保存
        </Button>,
      ]}
      destroyOnHidden
    >
      <style>{PRINT_CSS}</style>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="评议链接只显示这一次"
        description="系统只保存链接的校验值，关闭后无法再次查看。请立即打印凭条交给群众代表本人；如有遗失，可对该代表“重新生成”链接（原链接作废）。"
      />
      <div className="rating-slips" data-testid="rating-slips">
        {links.map((l) => (
          <div className="rating-slip" key={l.representativeId} data-testid="rating-slip">
            <img src={l.qrCode} alt={`${l.name}的评议二维码`} />
            <div>
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {villageName} 整改情况群众评议
              </Typography.Title>
              <div>
                群众代表：<strong>{l.name}</strong>（{l.categoryName}）
              </div>
              <div>请用微信扫描二维码，或在浏览器中输入以下网址，逐项评议后提交。每个链接只能提交一次，{closesOn} 截止。</div>
              <div className="url">{l.url}</div>
            </div>
          </div>
        ))}
      </div>
    </Modal>
  );
}
