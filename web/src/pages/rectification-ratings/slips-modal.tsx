import { PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Typography } from 'antd';
import type { IssuedLink } from '../../api/rectification-ratings';

const SLIP_CSS = `
.rating-slip { border: 1px dashed #8c8c8c; border-radius: 6px; padding: 12px 16px; margin-bottom: 12px; display: flex; gap: 16px; align-items: center; page-break-inside: avoid; break-inside: avoid; }
.rating-slip img { width: 160px; height: 160px; flex: none; }
.rating-slip h5 { font-size: 16px; margin: 0 0 6px; }
.rating-slip .url { font-family: monospace; word-break: break-all; font-size: 13px; }
`;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Prints only the slips: they are written into a window of their own, so nothing of the app shows on paper. */
function printSlips(links: IssuedLink[], villageName: string, closesOn: string) {
  const slips = links
    .map(
      (l) =>
        `<div class="rating-slip"><img src="${esc(l.qrCode)}" alt=""><div><h5>${esc(villageName)} 整改情况群众评议</h5><div>群众代表：<strong>${esc(l.name)}</strong>（${esc(l.categoryName)}）</div><div>请用微信扫描二维码，或在浏览器中输入以下网址，逐项评议后提交。每个链接只能提交一次，${esc(closesOn)} 截止。</div><div class="url">${esc(l.url)}</div></div></div>`,
    )
    .join('');
  const w = window.open('', '_blank', 'width=800,height=900');
  if (!w) return false;
  w.document.write(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>群众代表评议凭条</title><style>body{font-family:sans-serif;margin:16px}${SLIP_CSS}</style></head><body>${slips}</body></html>`);
  w.document.close();
  w.focus();
  w.print();
  return true;
}

/**
 * The one-time links just issued, as printable slips (QR code, name, category and the typed link). The
 * server keeps only a hash of each token, so this is the only time they can be shown.
 */
export function SlipsModal({ links, villageName, closesOn, onClose }: { links: IssuedLink[]; villageName: string; closesOn: string; onClose: () => void }) {
  const { message } = App.useApp();
  return (
    <Modal
      open
      width={760}
      title="群众代表评议凭条"
      onCancel={onClose}
      mask={{ closable: false }}
      footer={[
        <Button key="print" type="primary" icon={<PrinterOutlined />} onClick={() => (printSlips(links, villageName, closesOn) ? undefined : void message.warning('浏览器阻止了打印窗口，请允许弹出窗口后重试'))}>
          打印凭条
        </Button>,
        <Button key="done" onClick={onClose}>
          我已打印或保存
        </Button>,
      ]}
      destroyOnHidden
    >
      <style>{SLIP_CSS}</style>
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
