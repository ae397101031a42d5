// The "prove your mobile number" step of a form (templates/phone-code.html): the number, a code sent by SMS once the
// shared /assets/pow.js has solved the proof of work, the code checked, and the verification token it gives put into
// the form's hidden field verificationToken. Listeners sit on the document and the state lives in the DOM, so the step
// keeps working when htmx swaps the form. Every word comes from the page (data-* on #phone-code) and is set with
// textContent: nothing typed or answered becomes markup.
(function () {
  'use strict';

  function $(id) { return document.getElementById(id); }
  function words() { return $('phone-code').dataset; }

  function say(text) { $('phone-status').textContent = text || ''; }

  function clearError(field) {
    var message = $(field + '-error'), input = $(field), group = $(field + '-group');
    message.hidden = true;
    message.textContent = '';
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', field + '-hint');
    group.classList.remove('has-error');
  }

  function fieldError(field, text) {
    var message = $(field + '-error'), input = $(field), group = $(field + '-group');
    message.textContent = text;
    message.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', field + '-hint ' + field + '-error');
    group.classList.add('has-error');
    say('');
    input.focus();
  }

  function show(step) {
    $('phone-group').hidden = step !== 'phone';
    $('code-group').hidden = step !== 'code';
    $('phone-verified').hidden = step !== 'verified';
  }

  function sendCode() {
    var w = words(), phone = $('phone').value.trim(), button = $('send-code');
    clearError('phone');
    if (!phone) { fieldError('phone', w.errRequired); return; }
    if (phone.length > 20 || !/^[+0-9 ()-]+$/.test(phone)) { fieldError('phone', w.errInvalid); return; }
    button.disabled = true;
    say(w.saySending);
    window.BentengPow.postJson('/api/v1/otp/requests', { channel: 'SMS', destination: phone, purpose: $('phone-code').dataset.purpose })
      .then(function (r) {
        if (r.status === 202) {
          return r.json().then(function (issued) {
            $('phone-code').dataset.requestId = issued.requestId;
            $('code').value = '';
            clearError('code');
            show('code');
            say(w.sayEnterCode);
            $('code').focus();
          });
        }
        fieldError('phone', r.status === 400 || r.status === 422 ? w.errInvalid
          : r.status === 429 || r.status === 503 ? w.errBusy : w.errRefused);
      })
      .catch(function () { fieldError('phone', w.errNetwork); })
      .finally(function () { button.disabled = false; });
  }

  function checkCode() {
    var w = words(), code = $('code').value.trim(), requestId = $('phone-code').dataset.requestId || '';
    clearError('code');
    if (!/^[0-9]{6,8}$/.test(code)) { fieldError('code', w.errCodeFormat); return; }
    $('check-code').disabled = true;
    fetch('/api/v1/otp/requests/' + encodeURIComponent(requestId) + '/verify', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify({ code: code }), credentials: 'omit', cache: 'no-store'
    }).then(function (r) {
      if (r.status !== 200) {
        fieldError('code', r.status === 429 || r.status === 503 ? w.errBusy : w.errCodeWrong);
        return;
      }
      return r.json().then(function (verified) {
        $('verification-token').value = verified.verificationToken;
        show('verified');
        say(w.sayVerified);
        if (w.autoSubmit === 'true') {
          $('verification-token').form.requestSubmit();
        }
      });
    }).catch(function () { fieldError('code', w.errNetwork); })
      .finally(function () { $('check-code').disabled = false; });
  }

  function changePhone() {
    $('verification-token').value = '';
    delete $('phone-code').dataset.requestId;
    show('phone');
    say('');
    $('phone').focus();
  }

  document.addEventListener('click', function (event) {
    if (!$('phone-code') || !(event.target instanceof Element)) { return; }
    if (event.target.closest('#send-code')) { sendCode(); }
    else if (event.target.closest('#check-code')) { checkCode(); }
    else if (event.target.closest('.change-phone')) { changePhone(); }
  });

  // Enter in the number or code field acts on that step instead of submitting the whole form
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Enter' || !(event.target instanceof Element)) { return; }
    if (event.target.id === 'phone') { event.preventDefault(); sendCode(); }
    else if (event.target.id === 'code') { event.preventDefault(); checkCode(); }
  });

  function enable() {
    var button = $('send-code');
    if (button) { button.disabled = false; }
  }
  document.addEventListener('DOMContentLoaded', enable);
  document.addEventListener('htmx:load', enable);
})();
