/**
 * The public's pages of 码上巡, server-rendered: /p/r/<code> (the report form a poster's QR code opens)
 * and /p/receipt (status and messages by receipt). Inline CSS and a little ES5 JavaScript, no
 * framework: WeChat's in-app browser on a cheap phone over a weak rural network, well under 50 KB.
 * Big touch targets, real labels, no fixed sizes (200% zoom reflows). The typed report is kept in
 * localStorage and sent again when the network returns; the page says plainly whether it arrived and
 * shows the receipt only after the server has committed the report.
 */
import { attachmentLimitLines, METADATA_WARNING } from '../../../domain/public-reports/attachments';
import { chinaDateText } from '../../../domain/public-reports/notice';
import type { CodeView } from './intake.service';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const publicPageCsp = (nonce: string) =>
  `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:1.125rem/1.6 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f1f1f;background:#f5f5f5}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.375rem;margin:.5rem 0}
h2{font-size:1.125rem;margin:0 0 .5rem}
.card{background:#fff;border-radius:.5rem;padding:1rem;margin-bottom:1rem}
label.f{display:block;font-weight:600;margin:.75rem 0 .25rem}
input[type=text],input[type=tel],select,textarea{width:100%;min-height:3rem;font:inherit;padding:.5rem;border:2px solid #bfbfbf;border-radius:.5rem;background:#fff}
textarea{min-height:8rem}
.choices{display:flex;flex-wrap:wrap;gap:.5rem}
.choices label{flex:1 1 8rem;display:flex;align-items:center;gap:.5rem;min-height:3rem;padding:.5rem .75rem;border:2px solid #bfbfbf;border-radius:.5rem;background:#fff}
.choices input{width:1.5rem;height:1.5rem}
.hint{color:#595959;font-size:1rem;margin:.25rem 0}
.err{color:#cf1322;font-size:1rem;margin:.25rem 0 0}
button,.btn{display:block;width:100%;min-height:3.25rem;font-size:1.25rem;font-weight:700;color:#fff;background:#c41d1d;border:0;border-radius:.5rem;cursor:pointer;text-align:center;text-decoration:none;line-height:3.25rem}
button.sec{background:#fff;color:#1f1f1f;border:2px solid #8c8c8c;font-weight:600;margin-top:.5rem}
button[disabled]{opacity:.6}
.msg{padding:1rem;border-radius:.5rem;margin:1rem 0;font-size:1.125rem}
.msg.ok{background:#f6ffed;border:2px solid #52c41a}
.msg.no{background:#fff1f0;border:2px solid #cf1322}
.msg.wait{background:#fffbe6;border:2px solid #faad14}
.receipt{font:700 1.5rem/1.4 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.05rem;word-break:normal;overflow-wrap:normal;background:#fff;border:2px dashed #8c8c8c;border-radius:.5rem;padding:.75rem;margin:.5rem 0;user-select:all}
ul.files{padding-left:1.25rem}
.thread p{margin:.25rem 0}
.thread div{border-top:1px solid #e8e8e8;padding:.5rem 0}
.who{font-weight:600}
a{color:#0958d9}
`;

function shell(title: string, body: string, script: string, nonce: string) {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"><meta name="referrer" content="no-referrer"><meta name="robots" content="noindex"><title>${esc(title)}</title><style>${CSS}</style></head><body><main>${body}</main><script nonce="${nonce}">${script}</script></body></html>`;
}

// Shared helpers of both scripts: JSON over XHR, a message box.
const COMMON = `
function $(id){return document.getElementById(id);}
function say(kind,text){var b=$('msg');b.className='msg '+kind;b.textContent=text;b.hidden=false;try{b.focus();}catch(e){}}
function post(url,body,done){var x=new XMLHttpRequest();x.open('POST',url);x.setRequestHeader('content-type','application/json');x.timeout=60000;
x.onload=function(){var b=null;try{b=JSON.parse(x.responseText);}catch(e){}done(x.status,b);};
x.onerror=x.ontimeout=function(){done(0,null);};x.send(JSON.stringify(body));}
`;

const REPORT_SCRIPT = `
(function(){
${COMMON}
var form=$('f');if(!form)return;
var code=form.getAttribute('data-code'),key='xuncha-report:'+code,btn=$('go'),files=[],sending=false,finished=false,retry=null;
function uuid(){var b=new Uint8Array(16),c=window.crypto||window.msCrypto;if(c&&c.getRandomValues)c.getRandomValues(b);else for(var i=0;i<16;i++)b[i]=Math.floor(Math.random()*256);
b[6]=b[6]&15|64;b[8]=b[8]&63|128;var h='';for(var j=0;j<16;j++){h+=(b[j]+256).toString(16).slice(1);if(j==3||j==5||j==7||j==9)h+='-';}return h;}
function val(n){var e=form.elements[n];return e?e.value:'';}
function anon(){var a=form.querySelector('input[name=anon]:checked');return !a||a.value==='1';}
function data(){return{targetId:val('target')||undefined,report:{submissionId:state.sid,anonymous:anon(),identity:anon()?undefined:{name:val('name'),phone:val('phone'),idNumber:val('idn')},category:val('category'),description:val('desc'),attachments:files}};}
var state={sid:uuid(),pending:false};
function store(){try{state.form={anon:anon()?'1':'0',target:val('target'),category:val('category'),desc:val('desc'),name:val('name'),phone:val('phone'),idn:val('idn')};state.files=files;localStorage.setItem(key,JSON.stringify(state));}catch(e){}}
function named(){$('who').hidden=anon();}
function paintFiles(){var l=$('files');l.innerHTML='';for(var i=0;i<files.length;i++){var li=document.createElement('li');li.textContent=files[i].fileName+'（已上传）';l.appendChild(li);}}
try{var s=JSON.parse(localStorage.getItem(key)||'null');if(s&&s.sid){state=s;files=s.files||[];var f=s.form||{};
var r=form.querySelector('input[name=anon][value="'+(f.anon||'1')+'"]');if(r)r.checked=true;
['target','category','desc','name','phone','idn'].forEach(function(n){if(f[n]&&form.elements[n])form.elements[n].value=f[n];});paintFiles();
if(s.pending){say('wait','您上次填写的反映尚未确认送达，正在重新发送……');setTimeout(send,500);}}}catch(e){}
named();
form.addEventListener('change',function(){named();store();});
form.addEventListener('input',store);
$('file').addEventListener('change',function(){var inp=this,list=inp.files;if(!list||!list.length)return;var i=0;
function next(){if(i>=list.length){inp.value='';store();return;}var f=list[i++],fd=new FormData();fd.append('file',f,f.name);$('up').textContent='正在上传“'+f.name+'”……';
var x=new XMLHttpRequest();x.open('POST','/api/public/reports/uploads');x.timeout=600000;
x.onload=function(){var b=null;try{b=JSON.parse(x.responseText);}catch(e){}if(x.status===201&&b){files.push(b);paintFiles();$('up').textContent='';}else{$('up').textContent=(b&&b.message)||'上传失败，请重试';}next();};
x.onerror=x.ontimeout=function(){$('up').textContent='网络中断，“'+f.name+'”未上传，请网络恢复后重新选择';next();};x.send(fd);}
next();});
function done(receipt,day,again){finished=true;state.pending=false;try{localStorage.removeItem(key);}catch(e){}if(retry){clearInterval(retry);retry=null;}
form.hidden=true;$('done').hidden=false;$('rc').textContent=receipt;$('rday').textContent=day;
say('ok',(again?'已确认：您的反映此前已经送达。':'已收到：您的反映已经送达并保存。')+'请立即记下或复制下面的回执码，它只显示这一次。');}
function send(){if(sending||finished)return;var errs=form.querySelectorAll('.err');for(var i=0;i<errs.length;i++)errs[i].textContent='';
sending=true;state.pending=true;store();btn.disabled=true;btn.textContent='正在发送……';
post('/api/public/reports/codes/'+encodeURIComponent(code),data(),function(st,b){sending=false;btn.disabled=false;btn.textContent='提交反映';
if(st===200&&b){done(b.receipt,b.receivedOn,b.repeated);return;}
if(st===0||st>=500){say('no','未送达：网络中断或服务器暂时无法访问。您填写的内容已保存在本机，网络恢复后会自动重新发送，也可稍后再点“提交反映”。');
if(!retry)retry=setInterval(function(){if(navigator.onLine!==false)send();},20000);return;}
state.pending=false;store();
var m=(b&&b.message)||'提交失败';if(b&&b.details&&b.details.length){for(var k=0;k<b.details.length;k++){var p=String(b.details[k].path||''),e=$('e-'+p.split('.').pop());if(e)e.textContent=b.details[k].message;}}
say('no','未送达：'+m);});}
window.addEventListener('online',function(){if(state.pending)send();});
form.addEventListener('submit',function(ev){ev.preventDefault();if(val('desc').replace(/\\s/g,'').length<10){$('e-description').textContent='请把问题说具体些：至少 10 个字';say('no','未送达：请先补充问题描述。');return;}send();});
$('copy').addEventListener('click',function(){var t=$('rc').textContent,ok=false;try{var a=document.createElement('textarea');a.value=t;document.body.appendChild(a);a.select();ok=document.execCommand('copy');document.body.removeChild(a);}catch(e){}
if(navigator.clipboard&&!ok){navigator.clipboard.writeText(t).then(function(){$('copied').textContent='已复制';});return;}$('copied').textContent=ok?'已复制':'请长按回执码手动复制';});
})();
`;

export function reportPage(view: CodeView, nonce: string): string {
  const targets =
    view.targets.length === 1
      ? `<p>反映的村（社区）：<strong>${esc(view.targets[0]!.name)}</strong></p><input type="hidden" name="target" value="${esc(view.targets[0]!.id)}">`
      : `<label class="f" for="target">反映的村（社区）</label><select id="target" name="target" required><option value="">请选择</option>${view.targets.map((t) => `<option value="${esc(t.id)}">${esc(t.name)}</option>`).join('')}</select><p class="err" id="e-targetId"></p>`;
  const categories = `<label class="f" for="category">问题类别</label><select id="category" name="category" required>${view.categories.map((c) => `<option value="${esc(c.id)}"${c.id === 'other' && view.categories.length === 1 ? ' selected' : ''}>${esc(c.name)}</option>`).join('')}</select><p class="err" id="e-category"></p>`;
  const identity = view.namedAllowed
    ? `<div id="who" hidden><p class="hint">身份信息加密保存，只有巡察办经说明理由并留痕后才能查看。</p>
<label class="f" for="name">姓名</label><input type="text" id="name" name="name" autocomplete="name" maxlength="30"><p class="err" id="e-name"></p>
<label class="f" for="phone">联系电话</label><input type="tel" id="phone" name="phone" autocomplete="tel" maxlength="20"><p class="err" id="e-phone"></p>
<label class="f" for="idn">身份证号码（可不填）</label><input type="text" id="idn" name="idn" maxlength="18"><p class="err" id="e-idNumber"></p></div>`
    : `<div id="who" hidden><p class="err">暂不能实名反映（巡察办尚未设置身份信息加密），请选择匿名，或通过巡察公告上的电话、信箱反映。</p></div>`;
  const n = view.notice;
  // the 巡察公告's other channels and the cut-off; after it a report goes to the office
  const notice = n
    ? `<p class="hint">也可拨打举报电话 <a href="tel:${esc(n.phone)}">${esc(n.phone)}</a>，或写信寄至${esc(n.mailbox)}。</p><p${n.cutoffPassed ? ' class="err"' : ''}>信访受理截止日期：<strong>${esc(chinaDateText(n.petitionCutoff))}</strong>${n.cutoffPassed ? '。已过信访受理截止日期，现在提交的反映由巡察办受理。' : ''}</p>`
    : '';
  const body = `<h1>码上巡 · 向巡察组反映问题</h1>
<div class="card"><p>${esc(view.roundLabel)}${view.teamName ? ` · ${esc(view.teamName)}` : ''}</p><p class="hint">扫码编号：${esc(view.codeShown)}。无需注册，可匿名反映。提交后会显示回执码，凭回执码可查看办理情况、补充材料。</p>${notice}</div>
<div id="msg" class="msg" role="status" tabindex="-1" hidden></div>
<form id="f" class="card" data-code="${esc(view.code)}" novalidate>
${targets}
${categories}
<label class="f" for="desc">反映的问题</label><p class="hint" id="dh">${esc(view.descriptionHint)}</p>
<textarea id="desc" name="desc" aria-describedby="dh" maxlength="5000" required></textarea><p class="err" id="e-description"></p>
<fieldset class="choices" style="border:0;padding:0;margin:.75rem 0 0"><legend class="f" style="font-weight:600">是否留下姓名</legend>
<label><input type="radio" name="anon" value="1" checked>匿名反映</label><label><input type="radio" name="anon" value="0">实名反映</label></fieldset>
${identity}
<label class="f" for="file">附件（照片、视频、文档，可不传）</label><ul class="hint">${view.attachmentLimits.map((l) => `<li>${esc(l)}</li>`).join('')}</ul><p class="hint">${esc(view.metadataWarning)}</p>
<input type="file" id="file" multiple accept="image/*,video/*,.pdf,.doc,.docx,.xls,.xlsx"><p class="hint" id="up" role="status"></p><ul class="files" id="files"></ul><p class="err" id="e-attachments"></p>
<button id="go" type="submit">提交反映</button>
</form>
<div id="done" class="card" hidden><h2>回执码</h2><p class="receipt" id="rc"></p><p class="hint">收到日期：<span id="rday"></span></p>
<button type="button" class="sec" id="copy">复制回执码</button><p class="hint" id="copied" role="status"></p>
<p>请截图或抄下回执码。回执码只显示这一次，遗失后无法找回，也无法查询办理情况。</p><p><a href="/p/receipt">凭回执码查看办理情况</a></p></div>
<p class="hint"><a href="/p/receipt">已有回执码？查看办理情况</a></p>`;
  return shell('码上巡 · 反映问题', body, REPORT_SCRIPT, nonce);
}

const RECEIPT_SCRIPT = `
(function(){
${COMMON}
var q=$('q'),t=$('t'),receipt='',files=[];
function paint(){var l=$('files');l.innerHTML='';for(var i=0;i<files.length;i++){var li=document.createElement('li');li.textContent=files[i].fileName+'（已上传）';l.appendChild(li);}}
$('file').addEventListener('change',function(){var inp=this,list=inp.files;if(!list||!list.length)return;var i=0;
function next(){if(i>=list.length){inp.value='';return;}var f=list[i++],fd=new FormData();fd.append('file',f,f.name);$('up').textContent='正在上传“'+f.name+'”……';
var x=new XMLHttpRequest();x.open('POST','/api/public/reports/uploads');x.timeout=600000;
x.onload=function(){var b=null;try{b=JSON.parse(x.responseText);}catch(e){}if(x.status===201&&b){files.push(b);paint();$('up').textContent='';}else{$('up').textContent=(b&&b.message)||'上传失败，请重试';}next();};
x.onerror=x.ontimeout=function(){$('up').textContent='网络中断，“'+f.name+'”未上传，请网络恢复后重新选择';next();};x.send(fd);}
next();});
function esc(s){return String(s).replace(/[&<>"']/g,function(c){return{'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c];});}
function show(v){var h='<h2>办理情况</h2><p><strong>'+esc(v.status)+'</strong></p><p class="hint">'+esc(v.roundLabel)+' · '+esc(v.targetName)+' · '+esc(v.categoryName)+' · 收到日期 '+esc(v.receivedOn)+'</p><p>'+esc(v.description)+'</p><h2>留言</h2><div class="thread">';
if(!v.messages.length)h+='<p class="hint">暂无留言。</p>';
for(var i=0;i<v.messages.length;i++){var m=v.messages[i];h+='<div><p class="who">'+esc(m.author)+' · '+esc(m.on)+'</p><p>'+esc(m.body).replace(/\\n/g,'<br>')+'</p></div>';}
h+='</div>';$('v').innerHTML=h;$('v').hidden=false;t.hidden=!v.canPost;$('tn').hidden=v.canPost;$('tn').textContent=v.postRefusal||'';}
q.addEventListener('submit',function(ev){ev.preventDefault();receipt=q.elements.r.value;$('go').disabled=true;
post('/api/public/reports/receipt',{receipt:receipt},function(st,b){$('go').disabled=false;
if(st===200&&b){$('msg').hidden=true;show(b);return;}$('v').hidden=true;t.hidden=true;say('no',st===0?'网络中断，请检查网络后重试。':((b&&b.message)||'查询失败'));});});
t.addEventListener('submit',function(ev){ev.preventDefault();var body=t.elements.b.value;if(!body.replace(/\\s/g,'')&&!files.length){say('no','请填写留言内容或添加附件');return;}$('send').disabled=true;
post('/api/public/reports/receipt/messages',{receipt:receipt,message:{body:body,attachments:files}},function(st,b){$('send').disabled=false;
if(st===200&&b){t.elements.b.value='';files=[];paint();say('ok','留言已送达。');show(b);return;}say('no','留言未送达：'+(st===0?'网络中断，请网络恢复后再点“发送留言”。':((b&&b.message)||'发送失败')));});});
})();
`;

export function receiptPage(nonce: string): string {
  const limits = `${attachmentLimitLines().join('；')}。${METADATA_WARNING}`;
  const body = `<h1>码上巡 · 查看办理情况</h1>
<form id="q" class="card" novalidate><label class="f" for="r">回执码</label><p class="hint" id="rh">20 位，字母和数字，不区分大小写，可不输入“-”。</p>
<input type="text" id="r" name="r" autocomplete="off" autocapitalize="characters" spellcheck="false" aria-describedby="rh" maxlength="40" required>
<button id="go" type="submit" style="margin-top:1rem">查询</button></form>
<div id="msg" class="msg" role="status" tabindex="-1" hidden></div>
<section id="v" class="card" hidden aria-live="polite"></section>
<form id="t" class="card" hidden novalidate><label class="f" for="b">回复巡察组或补充情况</label><textarea id="b" name="b" maxlength="2000"></textarea>
<label class="f" for="file">补充材料（照片、视频、文档，可不传）</label><p class="hint">${esc(limits)}</p><input type="file" id="file" multiple accept="image/*,video/*,.pdf,.doc,.docx,.xls,.xlsx"><p class="hint" id="up" role="status"></p><ul class="files" id="files"></ul>
<button id="send" type="submit" style="margin-top:.75rem">发送留言</button></form><p class="hint" id="tn" hidden></p>`;
  return shell('码上巡 · 查看办理情况', body, RECEIPT_SCRIPT, nonce);
}

export function errorPage(message: string, nonce: string): string {
  return shell('码上巡', `<h1>码上巡</h1><div class="msg no" role="alert">${esc(message)}</div><p><a href="/p/receipt">凭回执码查看办理情况</a></p>`, '', nonce);
}
