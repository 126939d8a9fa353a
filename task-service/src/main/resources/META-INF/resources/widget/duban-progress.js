/*
 * <duban-progress>: a plan's public progress (督办进度) for a portal page. No build step, no dependencies.
 *
 *   <script src="https://duban.example.gov.cn/widget/duban-progress.js" defer></script>
 *   <duban-progress plan="PLAN-UUID"></duban-progress>
 *
 * It reads GET /api/v1/public/plans/{plan} from the server the script came from (or from the `api`
 * attribute, e.g. api="https://duban.example.gov.cn"), which answers portals on other origins (CORS).
 * Attributes: plan (required), api (optional), refresh (seconds between reloads, default 300, 0 = never).
 */
(function () {
  'use strict';
  var scriptOrigin = (function () {
    try { return new URL(document.currentScript.src).origin; } catch (e) { return ''; }
  })();
  var LIGHTS = { GREEN: '#2e9d4f', YELLOW: '#e0a800', RED: '#d64541' };
  var STATES = { ASSIGNED: '待签收', IN_PROGRESS: '办理中', COMPLETED: '已办结' };
  var CSS = [
    ':host{display:block;font:14px/1.5 "Microsoft YaHei","PingFang SC",sans-serif;color:#222;max-width:960px}',
    'h2{font-size:18px;margin:0 0 4px}',
    '.meta{color:#666;font-size:12px;margin-bottom:12px}',
    '.section{margin:10px 0;padding:8px 10px;border:1px solid #e3e3e3;border-radius:6px}',
    '.row{display:flex;align-items:center;gap:8px}',
    '.title{flex:1;font-weight:600}',
    '.bar{height:10px;background:#eee;border-radius:5px;overflow:hidden;margin:6px 0}',
    '.fill{height:100%;background:#2e9d4f}',
    '.overdue{color:#d64541;font-weight:600}',
    'details summary{cursor:pointer;color:#555;font-size:13px}',
    'ul{margin:4px 0 0;padding-left:18px}',
    '.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:6px;vertical-align:middle}',
    '.error{color:#d64541}'
  ].join('');

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); }
    if (text != null) { e.textContent = text; }
    return e;
  }

  function pct(rate) { return rate == null ? 0 : Math.round(rate * 1000) / 10; }

  class DubanProgress extends HTMLElement {
    static get observedAttributes() { return ['plan', 'api']; }

    constructor() {
      super();
      this.attachShadow({ mode: 'open' });
      this._timer = null;
    }

    connectedCallback() { this.load(); this.schedule(); }
    disconnectedCallback() { clearInterval(this._timer); }
    attributeChangedCallback() { if (this.isConnected) { this.load(); } }

    schedule() {
      clearInterval(this._timer);
      var s = parseInt(this.getAttribute('refresh') || '300', 10);
      if (s > 0) { var self = this; this._timer = setInterval(function () { self.load(); }, s * 1000); }
    }

    load() {
      var plan = this.getAttribute('plan');
      if (!plan) { return; }
      var base = (this.getAttribute('api') || scriptOrigin).replace(/\/$/, '');
      var self = this;
      // the browser's HTTP cache revalidates with the ETag (304) after Cache-Control's max-age
      fetch(base + '/api/v1/public/plans/' + encodeURIComponent(plan), { mode: 'cors' })
        .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
        .then(function (p) { self.render(p); })
        .catch(function (e) { self.renderError(e); });
    }

    renderError(e) {
      var root = this.shadowRoot;
      root.innerHTML = '';
      root.appendChild(el('style', null, CSS));
      root.appendChild(el('div', { 'class': 'error', part: 'error' }, '督办进度暂时无法加载（' + e.message + '）'));
    }

    render(p) {
      var root = this.shadowRoot;
      root.innerHTML = '';
      root.appendChild(el('style', null, CSS));
      root.appendChild(el('h2', { part: 'title' }, p.title));
      root.appendChild(el('div', { 'class': 'meta' }, p.documentNumber + ' · 分工任务' + p.counts.assigned + '项 · 已办结'
        + p.counts.completed + '项（' + pct(p.counts.completionRate) + '%）· 逾期' + p.counts.overdue + '项 · 数据截至' + p.asOf));
      p.sections.forEach(function (s) {
        var box = el('div', { 'class': 'section', part: 'section' });
        var row = el('div', { 'class': 'row' });
        row.appendChild(el('span', { 'class': 'title' }, s.title));
        row.appendChild(el('span', null, s.counts.completed + '/' + s.counts.assigned + '（' + pct(s.counts.completionRate) + '%）'));
        if (s.counts.overdue > 0) { row.appendChild(el('span', { 'class': 'overdue' }, '逾期' + s.counts.overdue)); }
        box.appendChild(row);
        var bar = el('div', { 'class': 'bar', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100',
          'aria-valuenow': String(pct(s.counts.completionRate)) });
        var fill = el('div', { 'class': 'fill' });
        fill.style.width = pct(s.counts.completionRate) + '%';
        bar.appendChild(fill);
        box.appendChild(bar);
        var d = el('details');
        d.appendChild(el('summary', null, s.tasks.length + '项任务'));
        var ul = el('ul');
        s.tasks.forEach(function (t) {
          var li = el('li');
          var dot = el('span', { 'class': 'dot', title: t.light || '' });
          dot.style.background = LIGHTS[t.light] || '#bbb';
          li.appendChild(dot);
          li.appendChild(document.createTextNode(t.title + '（' + (STATES[t.state] || t.state) + '）'));
          ul.appendChild(li);
        });
        d.appendChild(ul);
        box.appendChild(d);
        root.appendChild(box);
      });
    }
  }

  if (!customElements.get('duban-progress')) {
    customElements.define('duban-progress', DubanProgress);
  }
})();
