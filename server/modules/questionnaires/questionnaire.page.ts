/**
 * The public's questionnaire page at /p/q/<slug>: server-rendered HTML, inline CSS and a little ES5
 * JavaScript (no framework; WeChat's in-app browser on a cheap phone, weak network). Real labels, big
 * touch targets, no fixed sizes so 200% zoom reflows. A random device token is kept in localStorage
 * (the server stores only its peppered hash); typed answers are kept there too until accepted.
 */
import type { PublicQuestionnaire } from './questionnaires.service';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:1.125rem/1.6 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f1f1f;background:#f5f5f5}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.375rem;margin:.5rem 0}
h2{font-size:1.2rem;margin:1.25rem 0 .5rem}
.intro,.card{background:#fff;border-radius:.5rem;padding:1rem;margin-bottom:1rem;border:2px solid transparent}
.card.bad{border-color:#cf1322}
fieldset{border:0;padding:0;margin:0}
legend,.q{font-weight:600;padding:0}
.req{color:#cf1322}
.help,.hint{color:#595959;font-size:1rem}
.opt{display:flex;align-items:center;gap:.75rem;min-height:3rem;padding:.5rem .75rem;margin-top:.5rem;border:2px solid #bfbfbf;border-radius:.5rem;cursor:pointer;background:#fff}
.opt input{width:1.4rem;height:1.4rem;flex:none}
.scale{display:flex;flex-wrap:wrap;gap:.4rem;margin-top:.5rem}
.scale label{flex:1 1 2.75rem;display:flex;flex-direction:column;align-items:center;min-height:3rem;padding:.35rem;border:2px solid #bfbfbf;border-radius:.5rem;cursor:pointer}
.ends{display:flex;justify-content:space-between;color:#595959;font-size:.95rem}
textarea,input.code{width:100%;font:inherit;padding:.6rem;border:2px solid #bfbfbf;border-radius:.5rem;margin-top:.25rem}
textarea{min-height:5rem}
input.code{letter-spacing:.15em;text-transform:uppercase}
.err{color:#cf1322;font-size:1rem;margin:.25rem 0 0}
button{width:100%;min-height:3.25rem;font-size:1.25rem;font-weight:700;color:#fff;background:#c41d1d;border:0;border-radius:.5rem;cursor:pointer}
button[disabled]{opacity:.6}
.msg{padding:1rem;border-radius:.5rem;margin:1rem 0}
.msg.ok{background:#f6ffed;border:2px solid #52c41a}
.msg.no{background:#fff1f0;border:2px solid #cf1322}
`;

const SCRIPT = `
(function(){
var form=document.getElementById('f');if(!form)return;
var slug=form.getAttribute('data-slug'),key='xuncha-q:'+slug,box=document.getElementById('msg'),btn=document.getElementById('go');
var cards=form.querySelectorAll('.card[data-q]');
function tok(){var t=null;try{t=localStorage.getItem('xuncha-device');if(!t){var a=new Uint8Array(18);(window.crypto||window.msCrypto).getRandomValues(a);t='';for(var i=0;i<a.length;i++)t+=('0'+a[i].toString(16)).slice(-2);localStorage.setItem('xuncha-device',t);}}catch(e){}return t;}
function collect(){var out={};for(var i=0;i<cards.length;i++){var c=cards[i],id=c.getAttribute('data-q'),ty=c.getAttribute('data-type');
if(ty==='text'){var v=c.querySelector('textarea').value;if(v.replace(/\\s/g,''))out[id]=v;}
else if(ty==='multiple'){var l=[],bs=c.querySelectorAll('input:checked');for(var j=0;j<bs.length;j++)l.push(bs[j].value);if(l.length)out[id]=l;}
else{var p=c.querySelector('input:checked');if(p)out[id]=ty==='rating'?parseInt(p.value,10):p.value;}}return out;}
function store(){try{localStorage.setItem(key,JSON.stringify(collect()));}catch(e){}}
try{var saved=JSON.parse(localStorage.getItem(key)||'null');if(saved){for(var i=0;i<cards.length;i++){var c=cards[i],v=saved[c.getAttribute('data-q')];if(v===undefined)continue;
if(c.getAttribute('data-type')==='text')c.querySelector('textarea').value=v;else{var vs=[].concat(v);for(var j=0;j<vs.length;j++){var r=c.querySelector('input[value="'+vs[j]+'"]');if(r)r.checked=true;}}}}}catch(e){}
form.addEventListener('change',store);form.addEventListener('input',store);
function show(kind,text){box.className='msg '+kind;box.textContent=text;box.hidden=false;box.focus();}
form.addEventListener('submit',function(ev){ev.preventDefault();
var a=collect(),first=null;
for(var i=0;i<cards.length;i++){var c=cards[i],e=c.querySelector('.err'),m='';if(c.getAttribute('data-required')==='1'&&a[c.getAttribute('data-q')]===undefined)m='本题为必答题';
e.textContent=m;c.className=m?'card bad':'card';if(m&&!first)first=c;}
if(first){show('no','还有必答题未作答，请查看标红的题目。');first.scrollIntoView();return;}
var body={answers:a},ci=document.getElementById('code');
if(ci){if(!ci.value.replace(/\\s/g,'')){show('no','请输入纸质问卷上的验证码');ci.focus();return;}body.accessCode=ci.value;}else{var t=tok();if(!t){show('no','无法识别本设备：请允许浏览器保存网站数据（不要使用无痕模式）后重试');return;}body.deviceToken=t;}
btn.disabled=true;btn.textContent='正在提交……';
var x=new XMLHttpRequest();x.open('POST','/api/public/questionnaires/'+encodeURIComponent(slug));x.setRequestHeader('content-type','application/json');x.timeout=30000;
function fail(t){btn.disabled=false;btn.textContent='提交';show('no',t);}
x.onload=function(){var b=null;try{b=JSON.parse(x.responseText);}catch(e){}
if(x.status===200){try{localStorage.removeItem(key);}catch(e){}form.hidden=true;show('ok','已提交，感谢您的参与！');return;}
if(x.status===409&&!ci){try{localStorage.removeItem(key);}catch(e){}form.hidden=true;}
fail((b&&b.message?b.message:'提交失败')+(x.status>=500?'。您填写的内容已保存，请稍后再次点击“提交”。':''));};
x.onerror=x.ontimeout=function(){fail('网络连接失败，您填写的内容已保存在本机，请检查网络后再次点击“提交”。');};
x.send(JSON.stringify(body));});
})();
`;

function shell(title: string, body: string, nonce: string) {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"><meta name="referrer" content="no-referrer"><meta name="robots" content="noindex"><title>${esc(title)}</title><style>${CSS}</style></head><body><main>${body}</main><script nonce="${nonce}">${SCRIPT}</script></body></html>`;
}

type Q = PublicQuestionnaire['sections'][number]['questions'][number];

function question(q: Q, n: number): string {
  const name = `q${n}`;
  const req = q.required ? ' <span class="req">*</span><span class="hint">（必答）</span>' : '';
  const help = q.help ? `<p class="help">${esc(q.help)}</p>` : '';
  const attrs = `class="card" data-q="${esc(q.id)}" data-type="${q.type}" data-required="${q.required ? 1 : 0}"`;
  const err = '<p class="err" role="alert"></p>';
  switch (q.type) {
    case 'single':
    case 'multiple': {
      const type = q.type === 'single' ? 'radio' : 'checkbox';
      const hint = q.type === 'multiple' ? `<span class="hint">（多选${q.max ? `，最多 ${q.max} 项` : ''}${q.min > 1 ? `，至少 ${q.min} 项` : ''}）</span>` : '';
      const opts = q.options.map((o) => `<label class="opt"><input type="${type}" name="${name}" value="${esc(o.id)}"><span>${esc(o.label)}</span></label>`).join('');
      return `<div ${attrs}><fieldset><legend>${n}. ${esc(q.text)}${req}${hint}</legend>${help}${opts}</fieldset>${err}</div>`;
    }
    case 'rating': {
      const opts = Array.from({ length: q.scale }, (_, i) => `<label><input type="radio" name="${name}" value="${i + 1}"><span>${i + 1}</span></label>`).join('');
      return `<div ${attrs}><fieldset><legend>${n}. ${esc(q.text)}${req}</legend>${help}<div class="scale">${opts}</div><div class="ends"><span>1 = ${esc(q.lowLabel)}</span><span>${q.scale} = ${esc(q.highLabel)}</span></div></fieldset>${err}</div>`;
    }
    case 'text':
      return `<div ${attrs}><label class="q" for="${name}">${n}. ${esc(q.text)}${req}</label>${help}<textarea id="${name}" maxlength="${q.maxLength}"></textarea>${err}</div>`;
  }
}

export function questionnairePage(slug: string, v: PublicQuestionnaire, nonce: string): string {
  let n = 0;
  const sections = v.sections
    .map((s) => `<section><h2>${esc(s.title)}</h2>${s.description ? `<p class="hint">${esc(s.description)}</p>` : ''}${s.questions.map((q) => question(q, ++n)).join('')}</section>`)
    .join('');
  const code =
    v.accessMode === 'code'
      ? `<div class="card"><label class="q" for="code">验证码 <span class="req">*</span></label><p class="help">请输入纸质问卷上印的验证码（8 位，不区分大小写）。每个验证码只能作答一次。</p><input id="code" class="code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="20"></div>`
      : '';
  const head = `<h1>${esc(v.title)}</h1><div class="intro">${v.targetName ? `<p>${esc(v.targetName)} · ${esc(v.kindName)}</p>` : `<p>${esc(v.kindName)}</p>`}${v.intro ? `<p>${esc(v.intro)}</p>` : ''}<p class="hint">作答时间：${esc(v.opensOn)} 至 ${esc(v.closesOn)}。不记名，不收集您的姓名、电话和位置。</p></div>`;
  if (v.refusal) return shell(v.title, `${head}<div class="msg no" role="alert">${esc(v.refusal)}</div>`, nonce);
  const body = `${head}<div id="msg" class="msg" hidden tabindex="-1" role="status"></div>
<noscript><p class="msg no">请在浏览器设置中启用 JavaScript 后再作答。</p></noscript>
<form id="f" data-slug="${esc(slug)}" novalidate>${code}${sections}<button type="submit" id="go">提交</button></form>`;
  return shell(v.title, body, nonce);
}

export function questionnaireErrorPage(message: string, nonce: string): string {
  return shell('问卷', `<h1>问卷</h1><div class="msg no" role="alert">${esc(message)}</div>`, nonce);
}
