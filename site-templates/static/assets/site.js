/* Status labels that stay true after the build day, and remembered reading aids.
   Everything here is an enhancement: without JavaScript the page shows the status as of
   its build day, and the reading-aid checkboxes still work (CSS :has). */
(function () {
  'use strict';

  // The bureau's civil date (China is UTC+8 all year). `?now=YYYY-MM-DD` shows the page as
  // of another day, for checking and testing; the page then says so next to each label.
  // A demonstration site is shown as of its build day (`data-pinned-today`, from `[demo]` in
  // site.toml), so that its notices and calls stay open whenever it is looked at.
  var forced = /[?&]now=(\d{4}-\d{2}-\d{2})(?:&|$)/.exec(location.search);
  var pinned = document.documentElement.getAttribute('data-pinned-today');
  var today = forced ? forced[1]
    : pinned || new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  var LABELS = {
    notice: { upcoming: '未开始', open: '公示中', ended: '已结束' },
    call: { upcoming: '未开始', open: '征集中', ended: '已截止' }
  };

  var phases = document.querySelectorAll('.phase[data-start][data-end]');
  for (var i = 0; i < phases.length; i++) {
    var el = phases[i];
    var phase = today < el.getAttribute('data-start') ? 'upcoming'
      : today <= el.getAttribute('data-end') ? 'open' : 'ended';
    var labels = LABELS[el.getAttribute('data-kind')] || LABELS.notice;
    el.textContent = labels[phase] + (forced ? '（按' + today + '显示）' : '');
    el.className = 'phase phase-' + phase;
    el.setAttribute('data-phase', phase);
  }

  // A notice page built while its period was open stops inviting objections once it is
  // over. (What followed, the outcome, appears with the next build.)
  var noticeLabel = document.querySelector('article.notice .period-box .phase');
  if (noticeLabel && noticeLabel.getAttribute('data-phase') === 'ended') {
    var invite = document.querySelector('.objection-invite');
    var closed = document.querySelector('.objection-closed');
    if (invite) invite.hidden = true;
    if (closed) closed.hidden = false;
  }

  // Archived instances withdraw a notice's names once its period is over, even on a page
  // built while it was still open.
  var article = document.querySelector('article[data-withdraw="after-end"]');
  if (article) {
    var label = article.querySelector('.period-box .phase');
    if (label && label.getAttribute('data-phase') === 'ended') {
      var list = article.querySelector('.proposed');
      if (list) list.parentNode.removeChild(list);
      var note = article.querySelector('.withdrawn');
      if (note) note.hidden = false;
    }
  }

  ['aid-large', 'aid-contrast'].forEach(function (id) {
    var box = document.getElementById(id);
    if (!box) return;
    try {
      if (localStorage.getItem('expertpool.' + id) === '1') box.checked = true;
      box.addEventListener('change', function () {
        localStorage.setItem('expertpool.' + id, box.checked ? '1' : '0');
      });
    } catch (e) { /* storage disabled: the aid still works on this page */ }
  });
})();
