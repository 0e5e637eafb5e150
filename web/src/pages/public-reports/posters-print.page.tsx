import { PrinterOutlined, DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { chinaDateText } from '../../../../domain/public-reports/notice';
import { isApiError } from '../../api/client';
import { errorText } from '../../api/errors';
import { noticeKeys, noticesApi, type PosterPage } from '../../api/public-reports';
import { APP_TITLE } from '../../components/page-container';
import { QueryError } from '../../components/query-state';

/**
 * Print CSS: A4 with the official margins (37/26/35/28 mm), one poster per sheet, and nothing of the
 * app (header, menu, toolbar) on paper. On screen the sheets are shown at their real size.
 */
const PRINT_CSS = `
.xc-posters{display:flex;flex-direction:column;align-items:center;gap:24px}
.xc-poster{box-sizing:border-box;width:210mm;min-height:297mm;padding:37mm 26mm 35mm 28mm;background:#fff;color:#000;box-shadow:0 2px 12px rgba(0,0,0,.15);
  font-family:"仿宋_GB2312","FangSong","STFangsong","Noto Serif CJK SC","Noto Serif SC",serif;font-size:16pt;line-height:28.95pt}
.xc-poster h1{font-family:"方正小标宋简体","FZXiaoBiaoSong-B05S","STZhongsong","Noto Serif CJK SC",serif;font-size:22pt;line-height:28.95pt;font-weight:normal;text-align:center;margin:0 0 28.95pt}
.xc-poster p{margin:0;text-indent:2em;text-align:justify}
.xc-poster .contacts{list-style:none;margin:0;padding:0 0 0 2em;font-size:14pt;line-height:20pt}
.xc-poster .contacts b{font-family:"黑体","SimHei","Noto Sans CJK SC",sans-serif;font-weight:normal}
.xc-poster .scan{display:flex;align-items:center;gap:4mm;font-size:14pt;line-height:20pt}
.xc-poster .scan p{word-break:break-all}
.xc-poster .qr{flex:none;width:42mm;text-align:center}
.xc-poster .qr img{display:block;width:34mm;height:34mm;margin:0 auto}
.xc-poster .qr strong{white-space:nowrap}
.xc-poster .sign{text-align:right;text-indent:0;margin-top:57.9pt;padding-right:4em}
@page{size:A4;margin:0}
@media print{
  body{background:#fff}
  .ant-layout-header,.ant-layout-sider,.xc-no-print{display:none!important}
  .ant-layout,.ant-layout-content{padding:0!important;margin:0!important;background:#fff!important;min-height:0!important}
  .xc-posters{display:block}
  .xc-poster{box-shadow:none;page-break-after:always;break-after:page;height:297mm;overflow:hidden}
  .xc-poster:last-child{page-break-after:auto;break-after:auto}
}
`;

function Poster({ p }: { p: PosterPage }) {
  const t = p.text;
  return (
    <section className="xc-poster" data-testid="poster-sheet" aria-label={`${p.targetName}巡察公告`}>
      <h1>
        {t.title.split('\n').map((line) => (
          <div key={line}>{line}</div>
        ))}
      </h1>
      {t.paragraphs.map((para) => (
        <p key={para}>{para}</p>
      ))}
      <ul className="contacts">
        {t.contacts.map(([label, value]) => (
          <li key={label}>
            <b>{label}：</b>
            {label === '信访受理截止日期' ? <strong>{value}</strong> : value}
          </li>
        ))}
      </ul>
      <div className="scan">
        <div>
          {t.scanLines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
        <div className="qr">
          <img src={p.qrCode} alt={`${p.targetName}的码上巡二维码`} />
          <strong>{p.codeShown}</strong>
        </div>
      </div>
      <p className="sign">
        {t.issuer}
        <br />
        {chinaDateText(t.date)}
      </p>
    </section>
  );
}

/**
 * 巡察公告 ready to print: one target (`?roundId=…&targetId=…`) or every target of the round, one A4
 * sheet each. 打印 opens the browser's print dialog, which also saves as PDF.
 */
export function PosterPrintPage() {
  const [params] = useSearchParams();
  const roundId = params.get('roundId') ?? '';
  const targetId = params.get('targetId') ?? undefined;
  const posters = useQuery({ queryKey: noticeKeys.posters(roundId, targetId), queryFn: () => noticesApi.posters(roundId, targetId), enabled: Boolean(roundId), retry: false });
  useEffect(() => {
    document.title = `巡察公告打印 - ${APP_TITLE}`;
  }, []);
  const back = `/public/reports?tab=notices&noticesRound=${encodeURIComponent(roundId)}`;
  return (
    <div data-testid="poster-print-page">
      <style>{PRINT_CSS}</style>
      <Space className="xc-no-print" wrap style={{ marginBottom: 16 }}>
        <Link to={back}>← 返回巡察公告</Link>
        <Typography.Text strong>{posters.data ? `${posters.data.roundLabel} · 共 ${posters.data.total} 份巡察公告` : '巡察公告'}</Typography.Text>
        <Button type="primary" icon={<PrinterOutlined />} disabled={!posters.data} onClick={() => window.print()} data-testid="poster-print">
          打印
        </Button>
        {posters.data && (
          <Button icon={<DownloadOutlined />} href={targetId ? noticesApi.targetDocxUrl(targetId) : noticesApi.roundDocxUrl(roundId)}>
            下载 Word 版
          </Button>
        )}
        <Typography.Text type="secondary">打印时请选择 A4 纸、无页眉页脚、缩放 100%；“另存为 PDF”可保存电子版。</Typography.Text>
      </Space>
      {!roundId ? (
        <Alert className="xc-no-print" type="info" showIcon title="请从“码上巡 → 巡察公告”选择轮次后打开打印页。" />
      ) : posters.isPending ? (
        <Spin />
      ) : posters.isError ? (
        <div className="xc-no-print">
          {isApiError(posters.error) && posters.error.status === 409 ? (
            // a notice or a code is missing: say what, and where to fill it in
            <Alert type="warning" showIcon title={errorText(posters.error)} description={<Link to={back}>去填写巡察公告</Link>} data-testid="posters-missing" />
          ) : (
            <QueryError error={posters.error} onRetry={() => void posters.refetch()} />
          )}
        </div>
      ) : (
        <div className="xc-posters">
          {posters.data.items.map((p) => (
            <Poster key={p.targetId} p={p} />
          ))}
        </div>
      )}
    </div>
  );
}
