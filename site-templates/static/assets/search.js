/* Directory search: filters the compact index (search-index.json) in memory. Filter state
   lives in the query string, so a filtered list can be bookmarked and shared. */
(function () {
  'use strict';
  var form = document.getElementById('search');
  if (!form) return;
  var root = form.getAttribute('data-root');
  var countEl = document.getElementById('count');
  var list = document.getElementById('results');
  var more = document.getElementById('more');
  var LIMIT = 100;
  var controls = {
    q: form.elements.q, pool: form.elements.pool, spec: form.elements.spec,
    level: form.elements.level, kind: form.elements.kind
  };

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
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      hay[i] = (r[F.name] + '\u0000' + r[F.employer]).toLowerCase();
      r[F.levels].forEach(function (l) { usedLevels[l] = true; });
      usedKinds[r[F.kind]] = true;
    }
    ix.pools.forEach(function (p) { option(controls.pool, p[0], p[1]); });
    ix.specialties.forEach(function (s) { option(controls.spec, s[0], s[1]); });
    ix.levels.forEach(function (l, i) { if (usedLevels[i]) option(controls.level, l, l); });
    ix.kinds.forEach(function (k, i) { if (usedKinds[i]) option(controls.kind, k, k); });

    var params = new URLSearchParams(location.search);
    Object.keys(controls).forEach(function (name) {
      var v = params.get(name);
      if (v !== null) controls[name].value = v;
    });

    function indexOf(list, value, pick) {
      if (!value) return -1;
      for (var i = 0; i < list.length; i++) if ((pick ? list[i][0] : list[i]) === value) return i;
      return -2; // a value not in the index matches nothing
    }

    function run() {
      var q = controls.q.value.trim().toLowerCase();
      var pool = indexOf(ix.pools, controls.pool.value, true);
      var spec = indexOf(ix.specialties, controls.spec.value, true);
      var level = indexOf(ix.levels, controls.level.value, false);
      var kind = indexOf(ix.kinds, controls.kind.value, false);
      var found = 0;
      var frag = document.createDocumentFragment();
      for (var i = 0; i < rows.length; i++) {
        var r = rows[i];
        if (pool !== -1 && r[F.pool] !== pool) continue;
        if (kind !== -1 && r[F.kind] !== kind) continue;
        if (level !== -1 && r[F.levels].indexOf(level) < 0) continue;
        if (spec !== -1 && r[F.specialties].indexOf(spec) < 0) continue;
        if (q && hay[i].indexOf(q) < 0) continue;
        found++;
        if (found <= LIMIT) frag.appendChild(item(r));
      }
      list.textContent = '';
      list.appendChild(frag);
      countEl.textContent = '共找到 ' + found + ' 名专家';
      countEl.setAttribute('data-count', String(found));
      more.hidden = found <= LIMIT;
      more.textContent = found > LIMIT ? '仅列出前 ' + LIMIT + ' 名，请输入更多条件缩小范围。' : '';
      var state = new URLSearchParams();
      Object.keys(controls).forEach(function (name) {
        var v = controls[name].value.trim();
        if (v) state.set(name, v);
      });
      var query = state.toString();
      history.replaceState(null, '', query ? '?' + query : location.pathname);
    }

    function item(r) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = root + 'pools/' + ix.pools[r[F.pool]][0] + '/experts/' + r[F.id] + '/';
      a.textContent = r[F.name];
      li.appendChild(a);
      [ix.pools[r[F.pool]][1], r[F.employer], r[F.level_label], ix.specialties.length ? r[F.specialties].map(function (s) { return ix.specialties[s][1]; }).join('、') : '', ix.statuses[r[F.status]]]
        .forEach(function (text) {
          if (!text) return;
          var span = document.createElement('span');
          span.textContent = text;
          li.appendChild(span);
        });
      return li;
    }

    form.addEventListener('input', run);
    form.addEventListener('change', run);
    form.addEventListener('submit', function (e) { e.preventDefault(); run(); });
    run();
  }
})();
