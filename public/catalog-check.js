/*
 * Live publication check for the service-guide editor (workbench /catalog/:id/edit).
 * Progressive enhancement only: without this file the editor still saves and shows the same check after
 * every save. With it, the check panel follows the typing: the form is posted (nothing is saved) to
 * /catalog/:id/check a moment after the editor stops typing, and the panel is redrawn from the answer.
 * ES5, like enhance.js.
 */
(function () {
  'use strict';

  var form = document.querySelector('form.catalog-editor');
  var panel = document.querySelector('[data-catalog-check]');
  if (!form || !panel || !window.fetch || !window.URLSearchParams || !window.FormData) return;
  var status = panel.querySelector('[data-catalog-check-status]');
  var list = panel.querySelector('[data-catalog-check-list]');
  if (!status || !list) return;

  var url = form.getAttribute('action').replace(/\/edit$/, '/check');
  var lang = document.documentElement.lang === 'en' ? 'en' : 'zh';
  var timer = null;
  var latest = 0;

  function words(n) {
    if (n === 0) return lang === 'en' ? 'All rules pass; ready for review' : '全部通过，可以提交审核';
    return lang === 'en'
      ? n + ' problem(s) to fix before review'
      : '发现 ' + n + ' 个问题，须全部解决后才能提交审核';
  }

  function draw(result) {
    var problems = result.problems || [];
    var tag = document.createElement('strong');
    tag.className = 'tag tag--' + (problems.length === 0 ? 'green' : 'red');
    tag.textContent = words(problems.length);
    status.textContent = '';
    status.appendChild(tag);
    list.textContent = '';
    if (problems.length === 0) return;
    var ul = document.createElement('ul');
    ul.className = 'error-summary-list';
    for (var i = 0; i < problems.length; i++) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      // A problem in a repeatable part links to its own field when the page has one (steps[1].name).
      var path = problems[i].path;
      a.href = '#field-' + (path && document.getElementById('field-' + path) ? path : problems[i].field);
      a.textContent = problems[i].message;
      li.appendChild(a);
      ul.appendChild(li);
    }
    list.appendChild(ul);
  }

  function check() {
    var data = new FormData(form);
    var token = data.get('_csrf');
    var body = new URLSearchParams();
    data.forEach(function (value, key) {
      if (typeof value === 'string' && key !== '_csrf') body.append(key, value);
    });
    var ticket = ++latest;
    fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
        'x-csrf-token': String(token || ''),
      },
      body: body.toString(),
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (result) {
        // An older answer arriving after a newer one must not overwrite it.
        if (result && ticket === latest) draw(result);
      })
      .catch(function () {
        /* The check after saving still works; nothing to do. */
      });
  }

  function later() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, 700);
  }

  form.addEventListener('input', later);
  form.addEventListener('change', later);
})();
