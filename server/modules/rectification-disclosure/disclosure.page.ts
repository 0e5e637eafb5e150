/**
 * The public page at /p/disclosure/<slug>: server-rendered HTML from the approved snapshot, inline CSS,
 * no script at all (anyone may open it on a cheap phone inside WeChat). Every text is escaped.
 */
import type { PublicDisclosure } from './disclosure.service';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.7 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f1f1f;background:#f5f5f5}
main{max-width:48rem;margin:0 auto;padding:1rem}
h1{font-size:1.375rem;margin:.5rem 0;color:#a8071a;text-align:center}
.intro{background:#fff;border-radius:.5rem;padding:1rem;margin-bottom:1rem}
h2{font-size:1.1875rem;margin:1.5rem 0 .5rem;padding-left:.5rem;border-left:4px solid #c41d1d}
h3{font-size:1.0625rem;margin:1rem 0 .5rem}
.card{background:#fff;border-radius:.5rem;padding:.75rem 1rem;margin-bottom:.75rem}
.card p{margin:.25rem 0}
.k{color:#595959}
.tag{display:inline-block;font-size:.875rem;padding:0 .5rem;border-radius:.25rem;background:#f6ffed;border:1px solid #b7eb8f;color:#389e0d;margin-left:.25rem}
.msg{padding:1rem;border-radius:.5rem;margin:1rem 0;background:#fff1f0;border:2px solid #cf1322}
.hint{color:#595959;font-size:.9375rem}
@media print{body{background:#fff}.card{border:1px solid #d9d9d9}}
`;

function shell(title: string, body: string) {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"><meta name="referrer" content="no-referrer"><title>${esc(title)}</title><style>${CSS}</style></head><body><main>${body}</main></body></html>`;
}

const chinaDay = (isoAt: string) => new Date(new Date(isoAt).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export function disclosurePage(d: PublicDisclosure): string {
  const towns = d.towns
    .map(
      (t) =>
        `<section><h2>${esc(t.name)}</h2>${t.places
          .map(
            (p) =>
              `<h3>${esc(p.name)}（${p.items.length} 项）</h3>${p.items
                .map(
                  (i) => `<div class="card"><p><strong>${esc(i.problem)}</strong><span class="tag">${esc(i.kindName)}</span></p>
<p><span class="k">问题类别：</span>${esc(i.categoryName)}</p>
<p><span class="k">整改措施：</span>${esc(i.measures)}</p>
<p><span class="k">整改结果：</span>${esc(i.result)}</p></div>`,
                )
                .join('')}`,
          )
          .join('')}</section>`,
    )
    .join('');
  const body = `<h1>${esc(d.title)}</h1>
<div class="intro"><p>根据巡察整改工作要求，现将${esc(d.areaName)}${esc(d.roundLabel)}村级巡察反馈问题中已完成整改的 ${d.itemCount} 项问题及整改结果，按镇（街道）、村（社区）公开如下，接受党员群众监督。</p>
<p class="hint">发布日期：${esc(chinaDay(d.publishedAt))}（第 ${d.version} 版）。依照规定不宜公开的事项未列入。</p></div>${towns}`;
  return shell(d.title, body);
}

export function disclosureErrorPage(message: string): string {
  return shell('整改情况公开', `<h1>整改情况公开</h1><div class="msg" role="alert">${esc(message)}</div><p class="hint">请核对链接，或向镇（街道）、巡察机构咨询。</p>`);
}

/** No script on the page at all. */
export const DISCLOSURE_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
