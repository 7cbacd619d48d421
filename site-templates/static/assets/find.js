/* Site-wide search: the header's search box submits here (?q=…). Notices, calls and policy
   pages come from site-index.json, experts from the directory's search-index.json; both are
   searched in the browser, so the query never leaves it. */
(function () {
  'use strict';
  var form = document.getElementById('find');
  if (!form) return;
  var root = form.getAttribute('data-root');
  var input = form.elements.q;
  var countEl = document.getElementById('find-count');
  var out = document.getElementById('find-results');
  var EXPERTS_SHOWN = 20;
  var q0 = new URLSearchParams(location.search).get('q') || '';
  input.value = q0;
  var header = document.getElementById('site-q');
  if (header) header.value = q0;

  function load(url) {
    if (!url) return Promise.resolve(null);
    return fetch(url).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
  }

  countEl.textContent = '正在加载搜索索引……';
  Promise.all([load(form.getAttribute('data-site-index')), load(form.getAttribute('data-experts'))])
    .then(function (both) { init(both[0], both[1]); })
    .catch(function () { countEl.textContent = '搜索索引加载失败，请刷新页面重试。'; });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function init(site, ix) {
    var docs = site.documents.map(function (d) {
      return { kind: d[0], title: d[1], url: d[2], date: d[3], hay: (d[1] + ' ' + d[4]).toLowerCase() };
    });
    var kinds = site.kinds;
    var experts = [];
    if (ix) {
      var F = {};
      ix.fields.forEach(function (f, i) { F[f] = i; });
      var serving = ix.scopes[0][2];
      ix.experts.forEach(function (r) {
        if (serving.indexOf(r[F.status]) < 0) return;
        var specs = r[F.specialties].map(function (s) { return ix.specialties[s][1]; }).join('、');
        experts.push({
          name: r[F.name], employer: r[F.employer], specs: specs,
          url: 'pools/' + ix.pools[r[F.pool]][0] + '/experts/' + r[F.id] + '/',
          hay: (r[F.name] + ' ' + r[F.employer] + ' ' + specs).toLowerCase(),
          initials: r[F.initials] ? r[F.initials].split(' ') : []
        });
      });
    }

    function run() {
      var q = input.value.trim().toLowerCase();
      out.textContent = '';
      if (!q) { countEl.textContent = '请输入要搜索的内容。'; countEl.setAttribute('data-count', '0'); return; }
      var latin = /^[a-z]+$/.test(q);
      var total = 0;
      kinds.forEach(function (k) {
        var hits = docs.filter(function (d) { return d.kind === k[0] && d.hay.indexOf(q) >= 0; });
        if (!hits.length) return;
        total += hits.length;
        var section = el('section');
        section.setAttribute('data-kind', k[0]);
        section.appendChild(el('h2', k[1] + '（' + hits.length + '）'));
        var ul = el('ul', '', 'item-list');
        hits.forEach(function (d) {
          var li = el('li');
          var a = el('a', d.title, 'item-title');
          a.href = root + d.url;
          li.appendChild(a);
          li.appendChild(el('p', '发布日期：' + d.date, 'item-meta'));
          ul.appendChild(li);
        });
        section.appendChild(ul);
        out.appendChild(section);
      });
      var people = experts.filter(function (e) {
        if (e.hay.indexOf(q) >= 0) return true;
        if (!latin) return false;
        for (var k = 0; k < e.initials.length; k++) if (e.initials[k].indexOf(q) === 0) return true;
        return false;
      });
      if (people.length) {
        total += people.length;
        var section = el('section');
        section.setAttribute('data-kind', 'expert');
        section.appendChild(el('h2', '在库专家（' + people.length + '）'));
        var ul = el('ul', '', 'item-list');
        people.slice(0, EXPERTS_SHOWN).forEach(function (e) {
          var li = el('li');
          var a = el('a', e.name, 'item-title');
          a.href = root + e.url;
          li.appendChild(a);
          li.appendChild(el('p', e.employer + (e.specs ? '　' + e.specs : ''), 'item-meta'));
          ul.appendChild(li);
        });
        section.appendChild(ul);
        var more = el('p');
        var link = el('a', people.length > EXPERTS_SHOWN ? '在专家名录中查看全部 ' + people.length + ' 名' : '在专家名录中检索');
        link.href = root + 'search/?q=' + encodeURIComponent(input.value.trim());
        more.appendChild(link);
        section.appendChild(more);
        out.appendChild(section);
      }
      countEl.textContent = total ? '共找到 ' + total + ' 条结果' : '没有找到与“' + input.value.trim() + '”相关的内容。';
      countEl.setAttribute('data-count', String(total));
      history.replaceState(null, '', '?q=' + encodeURIComponent(input.value.trim()));
    }

    form.addEventListener('submit', function (e) { e.preventDefault(); run(); });
    input.addEventListener('input', run);
    run();
  }
})();
