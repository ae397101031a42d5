/*
 * Check-in page (GET /c/{token}). Same-origin, no libraries. Without a session: phone number -> proof of work
 * (ALTCHA, solved by the shared /assets/pow.js) -> one-time code (purpose LOGIN, identical for new and known numbers) ->
 * POST /api/v1/citizen-sessions, which asks for a name only when the verified number has no account yet.
 * Then POST /api/v1/checkins and the confirmation. Everything from the server is put in with textContent only.
 */
(function () {
  'use strict';
  var app = document.getElementById('app');
  if (!app) { return; }
  var qr = app.getAttribute('data-qr');
  // The session token is kept in localStorage so that the next scan needs no new SMS (each code costs money and
  // passes the shield). It is safe enough because the CSP allows only this origin's scripts (no inline, no third
  // party) and the page writes server data with textContent only; the token expires and idles out on the server,
  // and "Not you? Sign out" revokes it on a shared phone.
  var KEY = 'benteng.citizenSession';
  var requestId = null;
  var verificationToken = null;
  var clockTimer = null;

  function $(id) { return document.getElementById(id); }
  var steps = ['step-working', 'step-phone', 'step-code', 'step-name', 'step-done'];
  function show(step) {
    steps.forEach(function (s) { $(s).hidden = s !== step; });
    $('sign-out').hidden = !(step === 'step-done' && session());
    var focus = { 'step-phone': 'phone', 'step-code': 'code', 'step-name': 'name' }[step];
    if (focus) { $(focus).focus(); }
  }
  function say(text) { $('message').textContent = text || ''; }

  function session() {
    try {
      var s = JSON.parse(window.localStorage.getItem(KEY));
      if (s && typeof s.token === 'string' && Date.parse(s.expiresAt) > Date.now()) { return s.token; }
    } catch (e) { /* unreadable: treat as none */ }
    forget();
    return null;
  }
  function remember(body) {
    try { window.localStorage.setItem(KEY, JSON.stringify({ token: body.sessionToken, expiresAt: body.expiresAt })); } catch (e) { /* private mode */ }
    memory = body.sessionToken;
  }
  var memory = null;
  function forget() { try { window.localStorage.removeItem(KEY); } catch (e) { /* ignore */ } }
  function bearer() { return session() || memory; }

  function api(method, path, body, token) {
    var headers = { 'Accept': 'application/json' };
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    if (token) { headers['Authorization'] = 'Bearer ' + token; }
    return fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body),
                         credentials: 'omit', cache: 'no-store' })
      .then(function (r) {
        return r.text().then(function (t) {
          var json = null;
          try { json = t ? JSON.parse(t) : null; } catch (e) { json = null; }
          return { status: r.status, body: json || {}, retryAfter: r.headers.get('Retry-After') };
        });
      });
  }

  // the proof of work is solved by the shared /assets/pow.js (loaded before this script)
  var solve = window.BentengPow.solve;

  function waitText(r) {
    var s = parseInt(r.retryAfter, 10);
    return isFinite(s) && s > 0 ? ' Cuba lagi dalam ' + s + ' saat. · Try again in ' + s + ' s.' : '';
  }

  function requestCode(phone, challenge, tries) {
    return (challenge ? Promise.resolve(challenge) : api('GET', '/api/v1/pow/challenge').then(function (r) {
      if (r.status !== 200) { throw new Error('challenge'); }
      return r.body;
    })).then(solve).then(function (pow) {
      return api('POST', '/api/v1/otp/requests', { channel: 'SMS', destination: phone, purpose: 'LOGIN', pow: pow });
    }).then(function (r) {
      if (r.status === 428 && r.body.challenge && tries < 3) { return requestCode(phone, r.body.challenge, tries + 1); }
      return r;
    });
  }

  function onPhone(event) {
    event.preventDefault();
    var phone = $('phone').value.trim();
    if (!phone || phone.length > 20) { say('Masukkan nombor telefon bimbit. · Enter a mobile number.'); return; }
    $('send-code').disabled = true;
    say('Menyediakan… · Preparing…');
    requestCode(phone, null, 0).then(function (r) {
      if (r.status === 202) {
        requestId = r.body.requestId;
        say('');
        $('code').value = '';
        show('step-code');
      } else if (r.status === 422 || r.status === 400) {
        say('Nombor ini tidak boleh menerima kod. · This number cannot receive codes.');
      } else if (r.status === 429) {
        say('Terlalu banyak permintaan. · Too many requests.' + waitText(r));
      } else {
        say('Kod tidak dapat dihantar sekarang. · The code cannot be sent now.' + waitText(r));
      }
    }).catch(function () {
      say('Ralat rangkaian. · Network error.');
    }).then(function () { $('send-code').disabled = false; });
  }

  function onCode(event) {
    event.preventDefault();
    var code = $('code').value.trim();
    if (!/^[0-9]{6,8}$/.test(code)) { say('Kod ialah 6 digit. · The code has 6 digits.'); return; }
    $('verify-code').disabled = true;
    api('POST', '/api/v1/otp/requests/' + encodeURIComponent(requestId) + '/verify', { code: code }).then(function (r) {
      if (r.status === 200) {
        verificationToken = r.body.verificationToken;
        say('');
        return enter(null);
      } else if (r.status === 400) {
        say('Kod salah. · Wrong code.');
      } else if (r.status === 410) {
        say('Kod telah tamat tempoh. Minta kod baharu. · The code expired. Ask for a new one.');
        show('step-phone');
      } else if (r.status === 429) {
        say('Terlalu banyak cubaan. · Too many tries.' + waitText(r));
      } else {
        say('Tidak dapat mengesahkan sekarang. · Cannot verify now.');
      }
    }).catch(function () {
      say('Ralat rangkaian. · Network error.');
    }).then(function () { $('verify-code').disabled = false; });
  }

  function enter(name) {
    var body = { verificationToken: verificationToken };
    if (name !== null) { body.name = name; }
    return api('POST', '/api/v1/citizen-sessions', body).then(function (r) {
      if (r.status === 200 || r.status === 201) {
        verificationToken = null;
        remember(r.body);
        return checkIn();
      } else if (r.status === 422) {
        show('step-name');
      } else if (r.status === 400) {
        say('Nama hanya boleh mengandungi huruf, ruang dan \' . - @ /. · A name may contain only letters, spaces and \' . - @ /.');
      } else {
        verificationToken = null;
        say('Pengesahan gagal. Minta kod baharu. · Verification failed. Ask for a new code.');
        show('step-phone');
      }
    });
  }

  function onName(event) {
    event.preventDefault();
    var name = $('name').value.trim();
    if (!name) { say('Masukkan nama anda. · Enter your name.'); return; }
    $('create-account').disabled = true;
    enter(name).catch(function () { say('Ralat rangkaian. · Network error.'); })
      .then(function () { $('create-account').disabled = false; });
  }

  var checkinId = null;
  function checkIn() {
    show('step-working');
    return api('POST', '/api/v1/checkins', { qr: qr }, bearer()).then(function (r) {
      if (r.status === 201 || r.status === 200) {
        checkinId = r.body.checkinId;
        confirm(r.body);
      } else if (r.status === 401 || r.status === 403) {
        forget();
        memory = null;
        show('step-phone');
      } else if (r.status === 400) {
        show('step-working');
        say('Kod QR ini tidak sah lagi. · This QR code is no longer valid.');
      } else {
        show('step-working');
        say('Daftar masuk gagal. Cuba lagi. · Check-in failed. Try again.');
      }
    });
  }

  var kl = { timeZone: 'Asia/Kuala_Lumpur', hour12: false };
  function time(d) { return d.toLocaleTimeString('en-GB', kl); }
  function date(d) { return d.toLocaleDateString('en-GB', Object.assign({ day: 'numeric', month: 'short', year: 'numeric' }, kl)); }

  function confirm(body) {
    var at = new Date(body.checkedInAt);
    $('done-premises').textContent = body.premisesName;
    $('done-time').textContent = time(at) + ' · ' + date(at);
    var tick = function () { $('live-clock').textContent = time(new Date()); };
    tick();
    if (clockTimer) { clearInterval(clockTimer); }
    clockTimer = setInterval(tick, 1000);
    say('');
    show('step-done');
  }

  function onCheckOut() {
    $('check-out').disabled = true;
    api('POST', '/api/v1/checkins/' + encodeURIComponent(checkinId) + '/checkout', undefined, bearer()).then(function (r) {
      if (r.status === 200) { $('check-out').hidden = true; $('checked-out').hidden = false; }
      else { say('Daftar keluar gagal. · Check-out failed.'); $('check-out').disabled = false; }
    }).catch(function () { say('Ralat rangkaian. · Network error.'); $('check-out').disabled = false; });
  }

  function onSignOut() {
    var token = bearer();
    forget();
    memory = null;
    if (token) { api('DELETE', '/api/v1/sessions/current', undefined, token).catch(function () { /* gone anyway */ }); }
    $('sign-out').hidden = true;
    say('');
    show('step-phone');
  }

  $('step-phone').addEventListener('submit', onPhone);
  $('step-code').addEventListener('submit', onCode);
  $('step-name').addEventListener('submit', onName);
  $('change-phone').addEventListener('click', function () { say(''); show('step-phone'); });
  $('check-out').addEventListener('click', onCheckOut);
  $('sign-out').addEventListener('click', onSignOut);

  if (!window.crypto || !window.crypto.subtle) {
    say('Pelayar ini tidak disokong (perlukan HTTPS). · This browser is not supported (needs HTTPS).');
  }
  if (session()) {
    checkIn().catch(function () { say('Ralat rangkaian. · Network error.'); show('step-phone'); });
  } else {
    show('step-phone');
  }
}());
