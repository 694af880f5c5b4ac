/**
 * The page participants open on their phones (served by ./collect-server.ts): one
 * self-contained HTML document, French only, inline CSS and script allowed by their
 * SHA-256 hashes in a strict CSP, no external resource. The workshop's title and
 * questions are written into the HTML escaped; the script only fills the names list
 * (roster.json) and sends the answers as JSON.
 */
import { createHash } from 'node:crypto';

export interface PageQuestion {
  id: string;
  label: string;
  kind: 'scale' | 'text';
}

export const SCALE_MIN = 1;
export const SCALE_MAX = 5;
export const TEXT_MAX = 2000;
export const NAME_MAX = 120;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/*
 * The selected note is drawn by `input:checked + span` (not `:has()`), so phones with
 * browsers from before 2022 show it too.
 */

/**
 * French spacing, as the app's messages get it (renderer/src/i18n/format.ts): a narrow
 * no-break space before « ; : ! ? » and inside guillemets, where the text has a space.
 */
export function frenchSpacing(text: string): string {
  return text
    .replace(/[ \u00a0]([;:!?])(?=\s|$|[»)"'’,.<])/g, '\u202f$1')
    .replace(/«[ \u00a0\u202f]?/g, '«\u202f')
    .replace(/[ \u00a0\u202f]?»/g, '\u202f»');
}

const STYLE = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:18px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f6f5f1}
main{max-width:36rem;margin:0 auto;padding:1rem 1rem 3rem}
header{margin-bottom:1.25rem}
.kicker{margin:0;color:#4a5058;font-size:.95rem}
h1{font-size:1.5rem;line-height:1.25;margin:.25rem 0}
h2{font-size:1.25rem;margin:0 0 .5rem}
.when{margin:0;color:#4a5058}
fieldset{border:0;margin:0 0 1.5rem;padding:0}
legend{font-weight:700;font-size:1.1rem;margin-bottom:.5rem;padding:0}
.hint{color:#4a5058;font-size:.95rem;margin:.25rem 0 .5rem}
.choice{display:flex;align-items:center;gap:.75rem;min-height:3rem;padding:.5rem .75rem;margin:.4rem 0;background:#fff;border:2px solid #c9ccd1;border-radius:.6rem;cursor:pointer}
.choice input{width:1.4rem;height:1.4rem;margin:0;flex:none;accent-color:#1d5fbf}
.choice:has(input:checked){border-color:#1d5fbf;background:#e8f0fc}
.scale{display:grid;grid-template-columns:repeat(5,1fr);gap:.4rem}
.scale label{position:relative;display:block;cursor:pointer}
.scale input{position:absolute;opacity:0;width:1px;height:1px}
.scale span{display:flex;align-items:center;justify-content:center;min-height:3.25rem;background:#fff;border:2px solid #c9ccd1;border-radius:.6rem;font-weight:700;font-size:1.2rem}
.scale input:checked+span{background:#1d5fbf;border-color:#1d5fbf;color:#fff}
.scale input:focus-visible+span{outline:3px solid #f0a500;outline-offset:2px}
.ends{display:flex;justify-content:space-between;color:#4a5058;font-size:.9rem;margin-top:.25rem}
label.text{display:block;font-weight:700;font-size:1.1rem;margin-bottom:.4rem}
textarea,input[type=text]{width:100%;font:inherit;padding:.6rem .7rem;border:2px solid #8a9099;border-radius:.5rem;background:#fff;color:inherit}
textarea{min-height:5.5rem;resize:vertical}
textarea:focus,input[type=text]:focus{outline:3px solid #f0a500;outline-offset:1px}
button{font:inherit;font-weight:700;min-height:3.25rem;width:100%;padding:.75rem 1rem;border-radius:.6rem;border:2px solid #1d5fbf;background:#1d5fbf;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1d5fbf}
button:disabled{opacity:.6}
button:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
.error{background:#fdecea;border:2px solid #b3261e;color:#8c1d18;border-radius:.6rem;padding:.75rem;margin:0 0 1rem}
.done{background:#e7f4ea;border:2px solid #2e7d32;border-radius:.6rem;padding:1rem;margin-bottom:1rem}
.as{background:#fff;border-radius:.6rem;padding:.75rem;margin:0 0 1.5rem;border:2px solid #c9ccd1}
[hidden]{display:none!important}
`;

/** The page's behaviour. Static (its hash goes in the CSP); everything it needs is in the DOM. Its French strings get French spacing. */
const SCRIPT = `
(function(){
  "use strict";
  var form=document.getElementById("form"),names=document.getElementById("names"),loading=document.getElementById("names-loading");
  var typedField=document.getElementById("typed-field"),typed=document.getElementById("typed-name"),who=document.getElementById("who");
  var as=document.getElementById("as"),asName=document.getElementById("as-name"),error=document.getElementById("error");
  var send=document.getElementById("send"),done=document.getElementById("done"),doneText=document.getElementById("done-text"),edit=document.getElementById("edit");
  var closed=document.getElementById("closed");
  var answerId=null,revision=0,respondent=null;
  function randomId(){var b=new Uint8Array(16);crypto.getRandomValues(b);return Array.prototype.map.call(b,function(x){return(x+256).toString(16).slice(1)}).join("")}
  // A phone may reload a page left in the background: what was sent comes back, to correct it.
  var key="collect:"+location.pathname;
  function remember(answers){try{sessionStorage.setItem(key,JSON.stringify({answerId:answerId,revision:revision,respondent:respondent,answers:answers}))}catch(e){}}
  function showDone(){form.hidden=true;done.hidden=false;doneText.textContent=revision>1?"Votre réponse corrigée est enregistrée. Merci !":"Vos réponses sont enregistrées. Merci !"}
  function restore(){
    var saved;try{saved=JSON.parse(sessionStorage.getItem(key)||"null")}catch(e){saved=null}
    if(!saved||typeof saved.answerId!=="string"||!saved.respondent)return;
    answerId=saved.answerId;revision=saved.revision;respondent=saved.respondent;
    document.querySelectorAll("[data-qid]").forEach(function(el){
      var v=saved.answers[el.getAttribute("data-qid")];if(v===undefined)return;
      if(el.getAttribute("data-kind")==="scale")el.querySelectorAll("input").forEach(function(i){i.checked=Number(i.value)===Number(v)});
      else el.querySelector("textarea").value=String(v);
    });
    showDone();
  }
  function showError(text){error.textContent=text;error.hidden=false;error.focus()}
  function choice(value,label){
    var l=document.createElement("label");l.className="choice";
    var i=document.createElement("input");i.type="radio";i.name="who";i.value=value;
    l.appendChild(i);l.appendChild(document.createTextNode(label));return l}
  fetch("roster.json",{cache:"no-store"}).then(function(r){if(!r.ok)throw r;return r.json()}).then(function(data){
    data.names.forEach(function(p){names.appendChild(choice("p:"+p.id,p.name))});
    loading.hidden=true;
  }).catch(function(){loading.textContent="La liste des participants n’a pas pu être chargée : choisissez « Mon nom n’est pas dans la liste »."});
  // A message about what was missing goes once the person changes something.
  form.addEventListener("change",function(){error.hidden=true});
  who.addEventListener("change",function(){
    var c=form.querySelector("input[name=who]:checked");typedField.hidden=!(c&&c.value==="typed");
    if(c&&c.value==="typed")typed.focus();
  });
  function readRespondent(){
    var c=form.querySelector("input[name=who]:checked");
    if(!c)return{error:"Choisissez votre nom dans la liste, ou « Mon nom n’est pas dans la liste »."};
    if(c.value==="anonymous")return{kind:"anonymous",label:"sans nom"};
    if(c.value==="typed"){var n=typed.value.trim();if(!n)return{error:"Écrivez votre nom et prénom, ou choisissez-le dans la liste."};return{kind:"typed",name:n,label:n}}
    return{kind:"roster",id:c.value.slice(2),label:c.parentNode.textContent}
  }
  function readAnswers(){
    var answers={},any=false;
    document.querySelectorAll("[data-qid]").forEach(function(el){
      var id=el.getAttribute("data-qid");
      if(el.getAttribute("data-kind")==="scale"){var c=el.querySelector("input:checked");if(c){answers[id]=Number(c.value);any=true}}
      else{var v=el.querySelector("textarea").value.trim();if(v){answers[id]=v;any=true}}
    });
    return any?answers:null
  }
  form.addEventListener("submit",function(e){
    e.preventDefault();error.hidden=true;
    var r=respondent||readRespondent();
    if(r.error){showError(r.error);return}
    var answers=readAnswers();
    if(!answers){showError("Répondez à au moins une question avant d’envoyer.");return}
    if(!answerId)answerId=randomId();
    var body={answerId:answerId,revision:revision+1,respondent:r.kind==="roster"?{kind:"roster",id:r.id}:r.kind==="typed"?{kind:"typed",name:r.name}:{kind:"anonymous"},answers:answers};
    send.disabled=true;send.textContent="Envoi en cours…";
    fetch("answer",{method:"POST",headers:{"content-type":"application/json"},body:JSON.stringify(body),cache:"no-store"}).then(function(res){
      return res.json().catch(function(){return{}}).then(function(data){
        if(res.ok){
          revision=body.revision;respondent=r;remember(answers);showDone();done.focus();return
        }
        if(res.status===404||res.status===410){form.hidden=true;closed.hidden=false;closed.focus();return}
        showError(data.error||"L’envoi a été refusé. Réessayez.");
      })
    }).catch(function(){
      showError("Envoi impossible : la collecte est peut-être terminée, ou ce téléphone n’est pas sur le même réseau Wi-Fi que l’ordinateur de l’animateur. Vos réponses sont toujours là : réessayez.");
    }).then(function(){send.disabled=false;send.textContent="Envoyer mes réponses"});
  });
  restore();
  edit.addEventListener("click",function(){
    done.hidden=true;form.hidden=false;who.hidden=true;as.hidden=false;asName.textContent=respondent.label;
    send.textContent="Envoyer mes réponses";form.querySelector("[data-qid] input, [data-qid] textarea").focus();
  });
})();
`.replace(/"[^"\n]*"/g, (literal) => frenchSpacing(literal));

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The page's CSP: only its own inline style and script, requests to its own origin, nothing framed. */
export const PAGE_CSP = [
  "default-src 'none'",
  `script-src ${sha256(SCRIPT)}`,
  `style-src ${sha256(STYLE)}`,
  "connect-src 'self'",
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function questionHtml(q: PageQuestion, index: number): string {
  const label = escapeHtml(q.label);
  if (q.kind === 'scale') {
    const options = Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => i + SCALE_MIN)
      .map((n) => `<label><input type="radio" name="q${index}" value="${n}"><span>${n}</span></label>`)
      .join('');
    return `<fieldset data-qid="${escapeHtml(q.id)}" data-kind="scale" aria-describedby="q${index}-hint"><legend>${label}</legend><div class="scale">${options}</div><div class="ends" id="q${index}-hint"><span>1 : pas du tout</span><span>5 : tout à fait</span></div></fieldset>`;
  }
  return `<div class="field" data-qid="${escapeHtml(q.id)}" data-kind="text"><label class="text" for="q${index}">${label}</label><textarea id="q${index}" maxlength="${TEXT_MAX}" rows="3"></textarea></div>`;
}

export interface PageInput {
  title: string;
  sessionLabel: string;
  questions: readonly PageQuestion[];
}

export function renderPage({ title, sessionLabel, questions }: PageInput): string {
  // The style and script go in after the spacing: they are code, and their hashes are fixed.
  const [head, body] = [
    `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Évaluation : ${escapeHtml(title)}</title>
<style>`,
    `</style>
</head>
<body>
<main>
<header>
<p class="kicker">Évaluation de l’atelier</p>
<h1>${escapeHtml(title)}</h1>
${sessionLabel ? `<p class="when">${escapeHtml(sessionLabel)}</p>` : ''}
</header>
<form id="form" novalidate>
<fieldset id="who">
<legend>Qui êtes-vous ?</legend>
<div id="names"></div>
<p id="names-loading" class="hint">Chargement de la liste…</p>
<label class="choice"><input type="radio" name="who" value="typed">Mon nom n’est pas dans la liste</label>
<div id="typed-field" hidden><label class="text" for="typed-name">Votre nom et prénom</label><input type="text" id="typed-name" maxlength="${NAME_MAX}" autocomplete="name"></div>
<label class="choice"><input type="radio" name="who" value="anonymous">Répondre sans donner mon nom</label>
</fieldset>
<p id="as" class="as" hidden>Vous répondez au nom de : <strong id="as-name"></strong></p>
${questions.map(questionHtml).join('\n')}
<p id="error" class="error" role="alert" tabindex="-1" hidden></p>
<button type="submit" id="send">Envoyer mes réponses</button>
</form>
<section id="done" class="done" hidden tabindex="-1" aria-labelledby="done-title">
<h2 id="done-title">Réponse envoyée</h2>
<p id="done-text">Vos réponses sont enregistrées. Merci !</p>
<button type="button" id="edit" class="secondary">Modifier ma réponse</button>
</section>
<section id="closed" class="error" hidden tabindex="-1" aria-labelledby="closed-title">
<h2 id="closed-title">La collecte est terminée</h2>
<p>L’animateur a arrêté la collecte des réponses : vous pouvez fermer cette page.</p>
</section>
</main>
<script>`,
  ].map(frenchSpacing);
  return `${head}${STYLE}${body}${SCRIPT}</script>\n</body>\n</html>\n`;
}
