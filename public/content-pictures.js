/*
 * Pictures in the article editor (workbench /content/:id). Progressive enhancement only: without this file the
 * upload and insert buttons post the editor's form and it comes back with the picture's line in the body (at
 * the [[图片]] marker, or at the end) and everything typed kept. With it, an upload is sent on its own (JSON
 * answer), and an uploaded or listed picture goes where the cursor was in the body or the English body, as a
 * line of its own, like insertLine in src/workbench/content/content.picture-markup.ts. A refused upload is sent
 * again the plain way, so the server's page says why, beside the field, with everything typed.
 * ES5, like enhance.js.
 */
(function () {
  'use strict';

  var panel = document.querySelector('[data-picture-panel]');
  if (!panel || !window.fetch || !window.FormData) return;
  var form = panel.closest('form');
  if (!form) return;
  var body = form.querySelector('textarea[name="body"]');
  var uploadButton = panel.querySelector('[data-picture-upload]');
  var status = panel.querySelector('[data-picture-status]');
  var list = panel.querySelector('[data-picture-list]');
  var none = panel.querySelector('[data-picture-none]');
  var altField = form.querySelector('input[name="uploadAlt"]');
  var fileField = form.querySelector('input[name="upload"]');
  var csrf = form.querySelector('input[name="_csrf"]');
  if (!body || !uploadButton || !status || !list || !altField || !fileField || !csrf) return;

  // The body the editor last wrote in (the Chinese one until he writes in the English one).
  var target = body;
  var targets = form.querySelectorAll('textarea[name="body"], textarea[name="bodyEn"]');
  for (var i = 0; i < targets.length; i++) {
    targets[i].addEventListener('focus', function (event) {
      target = event.target;
    });
  }

  function say(text) {
    status.textContent = '';
    // A fresh text node, so screen readers announce the same words again after a second insert.
    status.appendChild(document.createTextNode(text));
  }

  function insertLine(text, line, at) {
    var cut = Math.max(0, Math.min(at, text.length));
    var before = text.slice(0, cut).replace(/[ \t]+$/, '');
    var after = text.slice(cut).replace(/^[ \t]+/, '');
    var lead = before === '' ? '' : /\n\n$/.test(before) ? '' : /\n$/.test(before) ? '\n' : '\n\n';
    var tail = after === '' ? '\n' : /^\n\n/.test(after) ? '' : /^\n/.test(after) ? '\n' : '\n\n';
    var head = before + lead + line;
    return { text: head + tail + after, cursor: head.length + (after === '' ? tail.length : 0) };
  }

  function insert(line) {
    var field = target;
    // The cursor stays where it was when the field lost focus; a field never written in gets it at its end.
    var at = typeof field.selectionStart === 'number' ? field.selectionStart : field.value.length;
    var placed = insertLine(field.value, line, at);
    field.value = placed.text;
    field.focus();
    if (typeof field.setSelectionRange === 'function') field.setSelectionRange(placed.cursor, placed.cursor);
    say(panel.getAttribute('data-words-inserted') || '');
  }

  function addToList(picture) {
    var name = picture.path.replace(/^.*\//, '');
    if (list.querySelector('button[value="' + name + '"]')) return;
    var item = document.createElement('li');
    item.className = 'picture-list__item';
    var img = document.createElement('img');
    img.src = picture.path;
    img.alt = '';
    img.width = 96;
    item.appendChild(img);
    var text = document.createElement('div');
    text.className = 'picture-list__text';
    var alt = document.createElement('p');
    alt.className = 'picture-list__alt';
    alt.textContent = picture.alt;
    var path = document.createElement('code');
    path.className = 'picture-list__path';
    path.textContent = picture.path;
    var button = document.createElement('button');
    button.className = 'button button--secondary button--small';
    button.type = 'submit';
    button.name = 'insert';
    button.value = name;
    button.setAttribute('aria-label', (panel.getAttribute('data-words-insert-name') || '') + picture.alt);
    button.setAttribute('data-picture-line', picture.line);
    button.textContent = panel.getAttribute('data-words-insert') || '';
    text.appendChild(alt);
    text.appendChild(path);
    text.appendChild(button);
    item.appendChild(text);
    list.appendChild(item);
    if (none) none.hidden = true;
  }

  var plain = false;
  function sendPlainly() {
    plain = true;
    if (typeof form.requestSubmit === 'function') form.requestSubmit(uploadButton);
    else uploadButton.click();
  }

  function upload() {
    var data = new FormData();
    data.append('_csrf', csrf.value);
    data.append('uploadAlt', altField.value);
    if (fileField.files && fileField.files[0]) data.append('upload', fileField.files[0]);
    uploadButton.disabled = true;
    say(panel.getAttribute('data-words-uploading') || '');
    fetch(uploadButton.getAttribute('formaction'), {
      method: 'POST',
      body: data,
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    })
      .then(function (response) {
        if (response.status !== 201) throw new Error('refused');
        return response.json();
      })
      .then(function (picture) {
        uploadButton.disabled = false;
        addToList(picture);
        insert(picture.line);
        altField.value = '';
        fileField.value = '';
      })
      .catch(function () {
        uploadButton.disabled = false;
        sendPlainly();
      });
  }

  form.addEventListener('click', function (event) {
    var button = event.target && event.target.closest ? event.target.closest('button') : null;
    if (!button) return;
    if (button.hasAttribute('data-picture-line')) {
      event.preventDefault();
      insert(button.getAttribute('data-picture-line'));
    } else if (button === uploadButton && !plain) {
      event.preventDefault();
      upload();
    }
  });

  // Enter in the alternative text uploads the picture rather than submitting the article for review.
  altField.addEventListener('keydown', function (event) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    upload();
  });
})();
