/*
 * OpenPSB progressive enhancement. Loaded with `defer` from /static (CSP script-src 'self').
 * Every page works without this file; it only improves focus handling, prevents
 * accidental double submits and offers voice reading (MIIT elder-friendly rule).
 * Written in ES5 on purpose: older phones used by elderly people must not choke on it.
 */
(function () {
  'use strict';

  // Screen-reader and keyboard users land on the list of problems first (GOV.UK pattern).
  var summary = document.querySelector('[data-error-summary]');
  if (summary && typeof summary.focus === 'function') {
    summary.focus();
  }

  document.addEventListener('click', function (event) {
    var target = event.target;
    if (!target || typeof target.closest !== 'function') return;

    // An error link scrolls to the field's label or legend, not just the input,
    // so the question is visible above the field it belongs to.
    var link = target.closest('.error-summary a[href^="#"]');
    if (link) {
      var field = document.getElementById(link.getAttribute('href').slice(1));
      if (!field) return;
      var fieldset = field.closest('fieldset');
      var caption = fieldset
        ? fieldset.querySelector('legend')
        : document.querySelector('label[for="' + field.id.replace(/["\\]/g, '\\$&') + '"]');
      event.preventDefault();
      (caption || field).scrollIntoView();
      field.focus({ preventScroll: true });
      return;
    }

    // A second click within a second is almost always an accidental double tap.
    var button = target.closest('button[data-prevent-double-click]');
    if (button) {
      var now = Date.now();
      var last = Number(button.getAttribute('data-last-click')) || 0;
      if (now - last < 1000) {
        event.preventDefault();
        return;
      }
      button.setAttribute('data-last-click', String(now));
    }
  });

  // Voice reading (语音阅读) of the elements marked data-readable. The toggle is
  // rendered hidden and shown only where the browser can actually speak.
  var toggle = document.querySelector('[data-voice-toggle]');
  var readable = document.querySelectorAll('[data-readable]');
  var synth = window.speechSynthesis;
  if (!toggle || !readable.length || !synth || typeof window.SpeechSynthesisUtterance !== 'function') return;

  var item = toggle.closest('.voice-item');
  var label = toggle.querySelector('.voice-label') || toggle;
  var speaking = false;

  function setSpeaking(on) {
    speaking = on;
    label.textContent = toggle.getAttribute(on ? 'data-label-stop' : 'data-label-start');
  }

  function paragraphs() {
    var parts = [];
    for (var i = 0; i < readable.length; i++) {
      var text = readable[i].innerText || readable[i].textContent || '';
      var lines = text.split(/\n+/);
      for (var j = 0; j < lines.length; j++) {
        var line = lines[j].replace(/\s+/g, ' ').trim();
        if (line) parts.push(line);
      }
    }
    return parts;
  }

  toggle.addEventListener('click', function () {
    synth.cancel();
    if (speaking) {
      setSpeaking(false);
      return;
    }
    // One utterance per paragraph: some engines silently stop long single utterances.
    var parts = paragraphs();
    if (!parts.length) return;
    var lang = document.documentElement.getAttribute('lang') || 'zh-CN';
    var slow = document.body.classList.contains('elder');
    for (var i = 0; i < parts.length; i++) {
      var u = new window.SpeechSynthesisUtterance(parts[i]);
      u.lang = lang;
      u.rate = slow ? 0.85 : 1;
      if (i === parts.length - 1)
        u.onend = function () {
          setSpeaking(false);
        };
      u.onerror = function () {
        setSpeaking(false);
      };
      synth.speak(u);
    }
    setSpeaking(true);
  });

  window.addEventListener('pagehide', function () {
    synth.cancel();
  });

  if (item) item.hidden = false;
})();

/*
 * Idle-timeout warning (WCAG 2.2.1 Timing Adjustable). Two minutes before the server ends an idle session, the
 * hidden notice at the top of the page appears with a countdown and a button that keeps the session alive.
 * When time runs out it says so and offers to sign in again, back to this page. Nothing here is modal.
 */
(function () {
  'use strict';

  var box = document.querySelector('.session-timeout');
  if (!box || !window.XMLHttpRequest) return;
  var WARN_MS = 120000;
  var countdown = box.querySelector('[data-session-countdown]');
  var warning = box.querySelector('[data-session-warning]');
  var ended = box.querySelector('[data-session-ended]');
  var keep = box.querySelector('[data-session-continue]');
  var relogin = box.querySelector('[data-session-relogin]');
  var deadline = 0;
  var timer = 0;
  // The longest time left the server has reported: the length of an idle spell.
  var idleMs = 0;
  var typedSince = 0;

  function pad(n) {
    return n < 10 ? '0' + n : String(n);
  }

  function hide() {
    box.hidden = true;
    box.removeAttribute('role');
  }

  function show(left) {
    var seconds = Math.ceil(left / 1000);
    countdown.textContent = Math.floor(seconds / 60) + ':' + pad(seconds % 60);
    if (box.hidden) {
      // Announced once when it appears; the ticking countdown itself is not re-read every second.
      box.setAttribute('role', 'alert');
      box.hidden = false;
      countdown.setAttribute('aria-hidden', 'false');
      setTimeout(function () {
        countdown.setAttribute('aria-hidden', 'true');
      }, 1500);
    }
  }

  function end() {
    clearTimeout(timer);
    warning.hidden = true;
    keep.hidden = true;
    ended.hidden = false;
    var next = window.location.pathname + window.location.search;
    relogin.setAttribute(
      'href',
      box.getAttribute('data-session-login') + '?next=' + encodeURIComponent(next) + '&expired=1',
    );
    relogin.hidden = false;
    box.setAttribute('role', 'alert');
    box.hidden = false;
  }

  function tick() {
    var left = deadline - Date.now();
    if (left <= 0) return end();
    // Someone typing into a long form is not idle, though the server has not heard from them: the session is
    // extended quietly instead of interrupting them with the warning.
    if (left <= WARN_MS && typedSince > deadline - idleMs && box.hidden) return keepAlive();
    if (left <= WARN_MS) {
      show(left);
      timer = setTimeout(tick, 1000);
    } else {
      timer = setTimeout(tick, Math.min(left - WARN_MS, 60000));
    }
  }

  function schedule(remaining) {
    clearTimeout(timer);
    idleMs = Math.max(idleMs, remaining);
    deadline = Date.now() + remaining;
    hide();
    tick();
  }

  function keepAlive() {
    var xhr = new XMLHttpRequest();
    xhr.open('POST', '/session/keepalive');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-csrf-token', box.getAttribute('data-session-csrf') || '');
    xhr.onload = function () {
      if (xhr.status !== 200) return end();
      var answer = JSON.parse(xhr.responseText);
      schedule(Number(answer.remainingMs) || 0);
    };
    xhr.onerror = end;
    xhr.send();
  }

  keep.addEventListener('click', keepAlive);
  document.addEventListener('input', function () {
    typedSince = Date.now();
  });

  schedule(Number(box.getAttribute('data-session-remaining')) || 0);
})();

// "Nearest to me": where the browser can tell its position (and the visitor allows it), a button fills the
// place with coordinates and sends the form; without it, the typed place does the same job.
(function () {
  'use strict';
  var button = document.querySelector('button[data-geolocate]');
  if (!button || !navigator.geolocation) return;
  var field = document.getElementById('field-' + button.getAttribute('data-geolocate'));
  if (!field || !field.form) return;
  button.hidden = false;
  button.addEventListener('click', function () {
    navigator.geolocation.getCurrentPosition(
      function (position) {
        field.value = position.coords.latitude.toFixed(5) + ', ' + position.coords.longitude.toFixed(5);
        field.form.submit();
      },
      function () {
        // Refused or unknown: the typed place is still there to use.
        button.hidden = true;
        field.focus();
      },
      { timeout: 10000, maximumAge: 60000 },
    );
  });
})();
