/* Directory search: filters the compact index (search-index.json) in memory and shows the
   results as a labelled table, one page at a time. The query matches names, employers,
   specialty names and pinyin initials (computed at build time). Filter state, page
   included, lives in the query string, so a result page can be bookmarked and shared.
   Which statuses each scope (在库, 聘期届满, …) covers comes from the index. */
(function () {
  'use strict';
  var form = document.getElementById('search');
  if (!form) return;
  var root = form.getAttribute('data-root');
  var countEl = document.getElementById('count');
  var table = document.getElementById('results');
  var body = table.tBodies[0] || table.createTBody();
  var pagesEl = document.getElementById('pages');
  var PAGE = parseInt(form.getAttribute('data-page-size'), 10) || 50;
  var controls = {
    q: form.elements.q, pool: form.elements.pool, spec: form.elements.spec,
    level: form.elements.level, kind: form.elements.kind, status: form.elements.status
  };
  var page = 1;

  countEl.textContent = '正在加载专家名录……';
  fetch(form.getAttribute('data-index'))
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(init)
    .catch(function () { countEl.textContent = '专家名录加载失败，请刷新页面重试。'; });

  function option(select, value, label) {
    var o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }

  function init(ix) {
    var F = {};
    ix.fields.forEach(function (f, i) { F[f] = i; });
    var rows = ix.experts;
    var usedLevels = {}, usedKinds = {};
    var hay = new Array(rows.length);
    var initials = new Array(rows.length);
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var specs = r[F.specialties].map(function (s) { return ix.specialties[s][1]; }).join('\u0000');
      hay[i] = (r[F.name] + '\u0000' + r[F.employer] + '\u0000' + specs).toLowerCase();
      initials[i] = r[F.initials] ? r[F.initials].split(' ') : [];
      r[F.levels].forEach(function (l) { usedLevels[l] = true; });
      usedKinds[r[F.kind]] = true;
    }
    ix.pools.forEach(function (p) { option(controls.pool, p[0], p[1]); });
    ix.specialties.forEach(function (s) { option(controls.spec, s[0], s[1]); });
    ix.levels.forEach(function (l, i) { if (usedLevels[i]) option(controls.level, l, l); });
    ix.kinds.forEach(function (k, i) { if (usedKinds[i]) option(controls.kind, k, k); });
    ix.scopes.forEach(function (s) { option(controls.status, s[0], s[1]); });

    var params = new URLSearchParams(location.search);
    Object.keys(controls).forEach(function (name) {
      var v = params.get(name);
      if (v !== null) controls[name].value = v;
    });
    page = Math.max(1, parseInt(params.get('page'), 10) || 1);

    function indexOf(list, value, pick) {
      if (!value) return -1;
      for (var i = 0; i < list.length; i++) if ((pick ? list[i][0] : list[i]) === value) return i;
      return -2; // a value not in the index matches nothing
    }

    function scopeOf(code) {
      for (var i = 0; i < ix.scopes.length; i++) if (ix.scopes[i][0] === code) return ix.scopes[i][2];
      return ix.scopes[0][2];
    }

    // Pinyin initials are matched from the start of the name: `zs` finds 张三, not 李张森.
    function initialsMatch(list, q) {
      for (var k = 0; k < list.length; k++) if (list[k].indexOf(q) === 0) return true;
      return false;
    }

    function run(keepPage) {
      if (!keepPage) page = 1;
      var q = controls.q.value.trim().toLowerCase();
      var latin = /^[a-z]+$/.test(q);
      var pool = indexOf(ix.pools, controls.pool.value, true);
      var spec = indexOf(ix.specialties, controls.spec.value, true);
      var level = indexOf(ix.levels, controls.level.value, false);
      var kind = indexOf(ix.kinds, controls.kind.value, false);
      var statuses = scopeOf(controls.status.value);
      var found = [];
      for (var i = 0; i < rows.length; i++) {
        var r = rows[i];
        if (statuses.indexOf(r[F.status]) < 0) continue;
        if (pool !== -1 && r[F.pool] !== pool) continue;
        if (kind !== -1 && r[F.kind] !== kind) continue;
        if (level !== -1 && r[F.levels].indexOf(level) < 0) continue;
        if (spec !== -1 && r[F.specialties].indexOf(spec) < 0) continue;
        if (q && hay[i].indexOf(q) < 0 && !(latin && initialsMatch(initials[i], q))) continue;
        found.push(r);
      }
      var total = Math.max(1, Math.ceil(found.length / PAGE));
      if (page > total) page = total;
      var frag = document.createDocumentFragment();
      found.slice((page - 1) * PAGE, page * PAGE).forEach(function (r) { frag.appendChild(item(r)); });
      body.textContent = '';
      body.appendChild(frag);
      table.hidden = found.length === 0;
      countEl.textContent = '共找到 ' + found.length + ' 名专家' + (total > 1 ? '，第 ' + page + '/' + total + ' 页' : '');
      countEl.setAttribute('data-count', String(found.length));
      pager(total);
      var state = new URLSearchParams();
      Object.keys(controls).forEach(function (name) {
        var v = controls[name].value.trim();
        if (v) state.set(name, v);
      });
      if (page > 1) state.set('page', String(page));
      var query = state.toString();
      history.replaceState(null, '', query ? '?' + query : location.pathname);
    }

    function pager(total) {
      pagesEl.textContent = '';
      pagesEl.hidden = total <= 1;
      if (total <= 1) return;
      var ul = document.createElement('ul');
      function add(n, label, rel) {
        var li = document.createElement('li');
        if (n === page && !rel) {
          var span = document.createElement('span');
          span.setAttribute('aria-current', 'page');
          span.textContent = label;
          li.appendChild(span);
        } else {
          var b = document.createElement('button');
          b.type = 'button';
          b.textContent = label;
          b.setAttribute('data-page', String(n));
          if (rel) b.setAttribute('rel', rel);
          b.addEventListener('click', function () { page = n; run(true); table.scrollIntoView(); });
          li.appendChild(b);
        }
        ul.appendChild(li);
      }
      if (page > 1) add(page - 1, '上一页', 'prev');
      for (var n = 1; n <= total; n++) {
        if (n === 1 || n === total || Math.abs(n - page) <= 2) add(n, String(n));
      }
      if (page < total) add(page + 1, '下一页', 'next');
      pagesEl.appendChild(ul);
    }

    function cell(tag, label, text) {
      var c = document.createElement(tag);
      c.setAttribute('data-label', label);
      if (tag === 'th') c.setAttribute('scope', 'row');
      if (typeof text === 'string') c.textContent = text || '—'; else c.appendChild(text);
      return c;
    }

    function item(r) {
      var tr = document.createElement('tr');
      var a = document.createElement('a');
      a.href = root + 'pools/' + ix.pools[r[F.pool]][0] + '/experts/' + r[F.id] + '/';
      a.textContent = r[F.name];
      tr.appendChild(cell('th', '姓名', a));
      tr.appendChild(cell('td', '专家库', ix.pools[r[F.pool]][1]));
      tr.appendChild(cell('td', '工作单位', r[F.employer]));
      tr.appendChild(cell('td', '职称/技能等级', r[F.level_label]));
      tr.appendChild(cell('td', '专业类别', r[F.specialties].map(function (s) { return ix.specialties[s][1]; }).join('、')));
      var status = document.createElement('span');
      var serving = ix.scopes[0][2].indexOf(r[F.status]) >= 0;
      status.className = 'status' + (serving ? '' : ' status-inactive');
      status.textContent = ix.statuses[r[F.status]];
      tr.appendChild(cell('td', '状态', status));
      return tr;
    }

    form.addEventListener('input', function () { run(false); });
    form.addEventListener('change', function () { run(false); });
    form.addEventListener('submit', function (e) { e.preventDefault(); run(false); });
    run(true);
  }
})();
