/**
 * The representative's page at /p/rate/<token>: server-rendered HTML, inline CSS and a little ES5
 * JavaScript (no framework; WeChat's in-app browser on a cheap phone, weak network). Big touch
 * targets, real labels, no fixed sizes so that 200% zoom reflows. Typed answers are kept in
 * localStorage under the token, so a dropped network loses nothing and 提交 can be pressed again.
 */
import type { PublicRating } from './ratings.service';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:1.125rem/1.6 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f1f1f;background:#f5f5f5}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.375rem;margin:.5rem 0}
.intro{background:#fff;border-radius:.5rem;padding:1rem;margin-bottom:1rem}
.card{background:#fff;border-radius:.5rem;padding:1rem;margin-bottom:1rem;border:2px solid transparent}
.card.bad{border-color:#cf1322}
.card h2{font-size:1.125rem;margin:0 0 .5rem}
.meta{color:#595959;font-size:1rem;margin:.25rem 0}
fieldset{border:0;padding:0;margin:.75rem 0 0}
legend{font-weight:600;padding:0}
.choices{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.5rem}
.choices label{flex:1 1 6.5rem;display:flex;align-items:center;justify-content:center;min-height:3rem;padding:.5rem;border:2px solid #bfbfbf;border-radius:.5rem;font-size:1.125rem;cursor:pointer;background:#fff}
.choices input{position:absolute;opacity:0;width:1px;height:1px}
.choices input:focus-visible+span{outline:3px solid #1677ff;outline-offset:4px}
.choices label.on{border-color:#1677ff;background:#e6f4ff;font-weight:700}
.choices label.on.u{border-color:#cf1322;background:#fff1f0}
textarea{width:100%;min-height:4.5rem;font:inherit;padding:.5rem;border:2px solid #bfbfbf;border-radius:.5rem;margin-top:.25rem}
.err{color:#cf1322;font-size:1rem;margin:.25rem 0 0}
button{width:100%;min-height:3.25rem;font-size:1.25rem;font-weight:700;color:#fff;background:#c41d1d;border:0;border-radius:.5rem;cursor:pointer}
button[disabled]{opacity:.6}
.msg{padding:1rem;border-radius:.5rem;margin:1rem 0;font-size:1.125rem}
.msg.ok{background:#f6ffed;border:2px solid #52c41a}
.msg.no{background:#fff1f0;border:2px solid #cf1322}
.hint{color:#595959;font-size:1rem}
`;

const SCRIPT = `
(function(){
var form=document.getElementById('f');if(!form)return;
var token=form.getAttribute('data-token'),key='xuncha-rate:'+token,box=document.getElementById('msg'),btn=document.getElementById('go');
var cards=form.querySelectorAll('.card');
function store(){try{var s={};for(var i=0;i<cards.length;i++){var c=cards[i],id=c.getAttribute('data-id'),p=c.querySelector('input:checked');s[id]={a:p?p.value:'',c:c.querySelector('textarea').value};}localStorage.setItem(key,JSON.stringify(s));}catch(e){}}
function paint(){for(var i=0;i<cards.length;i++){var ls=cards[i].querySelectorAll('.choices label');for(var j=0;j<ls.length;j++){var inp=ls[j].querySelector('input');ls[j].className=inp.checked?('on'+(inp.value==='unsatisfied'?' u':'')):'';}}}
try{var saved=JSON.parse(localStorage.getItem(key)||'null');if(saved){for(var i=0;i<cards.length;i++){var c=cards[i],v=saved[c.getAttribute('data-id')];if(!v)continue;if(v.a){var r=c.querySelector('input[value="'+v.a+'"]');if(r)r.checked=true;}c.querySelector('textarea').value=v.c||'';}}}catch(e){}
paint();
form.addEventListener('change',function(){paint();store();});
form.addEventListener('input',store);
function show(kind,text){box.className='msg '+kind;box.textContent=text;box.hidden=false;box.focus();}
form.addEventListener('submit',function(ev){
ev.preventDefault();var answers=[],first=null;
for(var i=0;i<cards.length;i++){var c=cards[i],p=c.querySelector('input:checked'),t=c.querySelector('textarea').value.trim(),e=c.querySelector('.err'),m='';
if(!p)m='请选择满意、基本满意或不满意';else if(p.value==='unsatisfied'&&!t)m='选择“不满意”时请写明意见';
e.textContent=m;c.className=m?'card bad':'card';if(m&&!first)first=c;
if(p)answers.push({itemId:c.getAttribute('data-id'),answer:p.value,comment:t});}
if(first){show('no','还有整改事项未评议完整，请查看标红的事项。');first.scrollIntoView();return;}
btn.disabled=true;btn.textContent='正在提交……';
var x=new XMLHttpRequest();x.open('POST','/api/public/rating/'+encodeURIComponent(token));x.setRequestHeader('content-type','application/json');x.timeout=30000;
function fail(t){btn.disabled=false;btn.textContent='提交';show('no',t);}
x.onload=function(){var b=null;try{b=JSON.parse(x.responseText);}catch(e){}
if(x.status===200){try{localStorage.removeItem(key);}catch(e){}form.hidden=true;show('ok','已提交，感谢您的评议！');return;}
// a lost answer to a submission that did arrive comes back as 409 on the retry: say so
if(x.status===409){try{localStorage.removeItem(key);}catch(e){}form.hidden=true;show('no',(b&&b.message?b.message:'该评议链接已使用')+'。如果您刚才已点击过“提交”，您的评议已经收到，谢谢。');return;}
fail((b&&b.message?b.message:'提交失败')+(x.status>=500?'。您填写的内容已保存，请稍后再次点击“提交”。':''));};
x.onerror=x.ontimeout=function(){fail('网络连接失败，您填写的内容已保存在本机，请检查网络后再次点击“提交”。');};
x.send(JSON.stringify({answers:answers}));});
})();
`;

function shell(title: string, body: string, nonce: string) {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"><meta name="referrer" content="no-referrer"><meta name="robots" content="noindex"><title>${esc(title)}</title><style>${CSS}</style></head><body><main>${body}</main><script nonce="${nonce}">${SCRIPT}</script></body></html>`;
}

export function ratingPage(token: string, view: PublicRating, nonce: string): string {
  const cards = view.items
    .map((it, n) => {
      const name = `a${n}`;
      const choice = (value: string, label: string) => `<label><input type="radio" name="${name}" value="${value}"><span>${label}</span></label>`;
      return `<section class="card" data-id="${esc(it.id)}" aria-labelledby="t${n}">
<h2 id="t${n}">${n + 1}. ${esc(it.title)}</h2>
<p class="meta">整改措施：${esc(it.measures || '（尚未填写）')}</p>
<p class="meta">整改情况：${esc(it.statusName)}${it.closedOn ? `（${esc(it.closedOn)} 销号）` : ''}</p>
<fieldset><legend>您对这项整改是否满意？</legend><div class="choices">${choice('satisfied', '满意')}${choice('basically_satisfied', '基本满意')}${choice('unsatisfied', '不满意')}</div></fieldset>
<label for="c${n}" class="meta">意见（选择“不满意”时必填）</label><textarea id="c${n}" maxlength="500"></textarea>
<p class="err" role="alert"></p></section>`;
    })
    .join('');
  const body = `<h1>${esc(view.townName)}${esc(view.villageName)} 整改情况群众评议</h1>
<div class="intro"><p>${esc(view.representativeName)}（${esc(view.categoryName)}）您好！请对下列 ${view.items.length} 项巡察整改事项逐项评议，全部选择后点击“提交”。每个链接只能提交一次，评议截止 ${esc(view.closesOn)}。</p><p class="hint">您的评议只用于了解整改效果。</p></div>
<div id="msg" class="msg" hidden tabindex="-1" role="status"></div>
<noscript><p class="msg no">请在浏览器设置中启用 JavaScript 后再评议。</p></noscript>
<form id="f" data-token="${esc(token)}" novalidate>${cards}<button type="submit" id="go">提交</button></form>`;
  return shell('群众评议', body, nonce);
}

export function ratingErrorPage(message: string, nonce: string): string {
  return shell('群众评议', `<h1>整改情况群众评议</h1><div class="msg no" role="alert">${esc(message)}</div><p class="hint">如有疑问，请联系镇（街道）或巡察组。</p>`, nonce);
}

/** 'unsafe-inline' only for old in-app browsers without nonces (CSP 1); browsers that know nonces ignore it. */
export function ratingPageCsp(nonce: string): string {
  return `default-src 'none'; script-src 'nonce-${nonce}' 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;
}
