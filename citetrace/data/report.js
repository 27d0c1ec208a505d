(function(){var marks=[],at=-1;
'use strict';
var data=JSON.parse(document.getElementById('data').textContent);
var cites=data.citations,refs=data.references;
var card=document.getElementById('card');
var current=null;
function el(tag,text,cls){var e=document.createElement(tag);if(text!=null)e.textContent=text;if(cls)e.className=cls;return e;}
function row(dl,k,v){if(v==null||v==='')return;dl.appendChild(el('dt',k));dl.appendChild(el('dd',String(v)));}
function shade(id,on){document.querySelectorAll('[data-claim]').forEach(function(s){
 if(s.getAttribute('data-claim').split(' ').indexOf(id)>=0){s.classList.toggle('shaded',on);}});}
function show(target){
 var id=target.getAttribute('data-id');var c=cites[id];if(!c)return;
 if(current&&current!==target)hide();
 current=target;card.textContent='';
 card.appendChild(el('h3',c.source));
 var dl=el('dl');
 row(dl,'date',c.date?(c.date+' ('+c.precision+')'):'— ('+(c.written||'undated')+' as written)');
 row(dl,'locator',c.locator);row(dl,'style',c.style);
 row(dl,'reference',c.reference?refs[c.reference]:'no entry in the reference list');
 if(c.match&&c.match!=='exact')row(dl,'match',c.match);
 if(c.library)row(dl,'library',c.library);
 row(dl,'line',c.line);
 card.appendChild(dl);
 if(c.quotes&&c.quotes.length){var qs=el('ul');c.quotes.forEach(function(q){
  var li=el('li',(q.verdict==='support'?'':'“…” ')+q.said+(q.where?' '+q.where:''),'quote-'+q.verdict);
  if(q.words.length){li.appendChild(document.createTextNode(': '));
   if(q.before)li.appendChild(el('span','…'+q.before+' ','context'));
   li.appendChild(document.createTextNode('“'));
   q.words.forEach(function(w,i){if(i)li.appendChild(document.createTextNode(' '));
    li.appendChild(w[1]?el('mark',w[0],w[1]):document.createTextNode(w[0]));});
   li.appendChild(document.createTextNode('”'));
   if(q.after)li.appendChild(el('span',' '+q.after+'…','context'));}
  qs.appendChild(li);});card.appendChild(qs);}
 if(c.findings.length){var ul=el('ul');c.findings.forEach(function(f){ul.appendChild(el('li',f.explained,'sev-'+f.severity));});card.appendChild(ul);}
 card.hidden=false;
 var r=target.getBoundingClientRect();
 var left=Math.min(window.scrollX+r.left,window.scrollX+document.documentElement.clientWidth-card.offsetWidth-8);
 card.style.left=Math.max(8,left)+'px';card.style.top=(window.scrollY+r.bottom+6)+'px';
 target.setAttribute('aria-expanded','true');shade(id,true);}
function hide(){if(!current)return;shade(current.getAttribute('data-id'),false);
 current.setAttribute('aria-expanded','false');current=null;card.hidden=true;}
document.querySelectorAll('.cite').forEach(function(c){
 c.setAttribute('aria-expanded','false');
 c.addEventListener('mouseenter',function(){show(c);});
 c.addEventListener('mouseleave',function(){setTimeout(function(){
  if(document.activeElement!==c&&!card.matches(':hover'))hide();},200);});
 c.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();
  if(current===c)hide();else show(c);}});
 c.addEventListener('focus',function(){show(c);});
 c.addEventListener('blur',hide);});
card.addEventListener('mouseleave',function(){if(current&&document.activeElement!==current)hide();});
function go(node){if(!node)return;var i=marks.indexOf(node);if(i>=0)at=i;node.scrollIntoView({block:'center'});
 if(!node.hasAttribute('tabindex'))node.setAttribute('tabindex','-1');
 node.focus({preventScroll:true});node.classList.remove('flash');void node.offsetWidth;node.classList.add('flash');}
function finding(id){var all=document.querySelectorAll('.doc [data-fids]');
 for(var i=0;i<all.length;i++){if(all[i].getAttribute('data-fids').split(' ').indexOf(id)>=0)return all[i];}return null;}
document.querySelectorAll('a.jump').forEach(function(a){a.addEventListener('click',function(e){
 e.preventDefault();go(finding(a.getAttribute('data-target')));});});
document.querySelectorAll('a.jump-cite').forEach(function(a){a.addEventListener('click',function(e){
 e.preventDefault();go(document.querySelector('.cite[data-id="'+a.getAttribute('data-target')+'"]'));});});
function recount(){document.querySelectorAll('details.group').forEach(function(g){
 var n=0;g.querySelectorAll('li').forEach(function(li){if(li.offsetParent!==null)n++;});
 var c=g.querySelector('.count');if(c)c.textContent=n;g.hidden=(n===0);});}
document.querySelectorAll('.filters input').forEach(function(box){box.addEventListener('change',function(){
 document.body.classList.toggle(box.getAttribute('data-hide'),!box.checked);recount();});});
function shown(m){var b=document.body.classList,sev=null,codes=[];
 m.classList.forEach(function(k){if(k.indexOf('sev-')===0)sev=k.slice(4);if(k.indexOf('r-')===0)codes.push(k.slice(2));});
 if(sev&&b.contains('hide-sev-'+sev))return false;
 return codes.some(function(k){return !b.contains('hide-'+k);});}
marks=Array.prototype.slice.call(document.querySelectorAll('.doc .f'));
document.addEventListener('keydown',function(e){
 if(e.key==='Escape'){hide();return;}
 if(e.target.tagName==='INPUT'||e.altKey||e.ctrlKey||e.metaKey||!marks.length)return;
 if(e.key==='n'||e.key==='p')step(e.key);});
function step(key){if(!marks.length)return;
 var here=marks.indexOf(document.activeElement);if(here>=0)at=here;
 var by=key==='n'?1:-1;
 for(var k=1;k<=marks.length;k++){var i=((at+by*k)%marks.length+marks.length)%marks.length;
  if(shown(marks[i])){go(marks[i]);return;}}}
document.querySelectorAll('.stepper button').forEach(function(b){b.addEventListener('click',function(){
 step(b.getAttribute('data-step'));});});
})();
