(function(){
'use strict';
var data=JSON.parse(document.getElementById('data').textContent);
var card=document.getElementById('card');
var current=null;
function el(tag,text,cls){var e=document.createElement(tag);if(text!=null)e.textContent=text;if(cls)e.className=cls;return e;}
function row(dl,k,v){if(v==null||v==='')return;dl.appendChild(el('dt',k));dl.appendChild(el('dd',String(v)));}
function shade(id,on){document.querySelectorAll('[data-claim]').forEach(function(s){
 if(s.getAttribute('data-claim').split(' ').indexOf(id)>=0){s.classList.toggle('shaded',on);}});}
function show(target){
 var id=target.getAttribute('data-id');var c=data[id];if(!c)return;
 if(current&&current!==target)hide();
 current=target;card.textContent='';
 card.appendChild(el('h3',c.source));
 var dl=el('dl');
 row(dl,'date',c.date?(c.date+' ('+c.precision+')'):'— ('+(c.written||'undated')+' as written)');
 row(dl,'locator',c.locator);row(dl,'style',c.style);
 row(dl,'reference',c.reference?c.reference:'no entry in the reference list');
 if(c.match&&c.match!=='exact')row(dl,'match',c.match);
 row(dl,'line',c.line);
 card.appendChild(dl);
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
 c.addEventListener('mouseleave',function(){if(document.activeElement!==c)hide();});
 c.addEventListener('focus',function(){show(c);});
 c.addEventListener('blur',hide);});
function go(node){if(!node)return;node.scrollIntoView({block:'center'});
 if(!node.hasAttribute('tabindex'))node.setAttribute('tabindex','-1');
 node.focus({preventScroll:true});node.classList.remove('flash');void node.offsetWidth;node.classList.add('flash');}
function finding(id){var all=document.querySelectorAll('.doc [data-fids]');
 for(var i=0;i<all.length;i++){if(all[i].getAttribute('data-fids').split(' ').indexOf(id)>=0)return all[i];}return null;}
document.querySelectorAll('a.jump').forEach(function(a){a.addEventListener('click',function(e){
 e.preventDefault();go(finding(a.getAttribute('data-target')));});});
document.querySelectorAll('a.jump-cite').forEach(function(a){a.addEventListener('click',function(e){
 e.preventDefault();go(document.querySelector('.cite[data-id="'+a.getAttribute('data-target')+'"]'));});});
document.querySelectorAll('.filters input').forEach(function(box){box.addEventListener('change',function(){
 document.body.classList.toggle(box.getAttribute('data-hide'),!box.checked);});});
var marks=Array.prototype.slice.call(document.querySelectorAll('.doc .f'));var at=-1;
document.addEventListener('keydown',function(e){
 if(e.key==='Escape'){hide();return;}
 if(e.target.tagName==='INPUT'||e.altKey||e.ctrlKey||e.metaKey||!marks.length)return;
 if(e.key==='n'||e.key==='p'){at=(at+(e.key==='n'?1:-1)+marks.length)%marks.length;go(marks[at]);}});
})();
