// The /help form: checks the fields, has the shared /assets/pow.js solve the proof of work, then posts the ticket as
// JSON. Same origin only; nothing here is inline, so the page's CSP
// holds. Every word shown comes from the page (data-* on the form, rendered in the visitor's language) and is set with
// textContent: nothing the visitor typed or the server answered becomes markup.
(function () {
  'use strict';

  var form, words;

  // a verification token for exactly the contact that was verified; changing the contact forgets it
  var verification = null;

  /** POSTs JSON with a solved proof of work (the shared /assets/pow.js, loaded before this script). */
  function withPow(url, fields) {
    return window.BentengPow.postJson(url, fields);
  }

  // ---- errors: a summary at the top linking to each field, the message again above the field (GOV.UK pattern) ----

  var FIELDS = ['category', 'subject', 'message', 'contact', 'code'];

  function clearErrors() {
    FIELDS.forEach(function (f) {
      var message = document.getElementById(f + '-error');
      var input = document.getElementById(f);
      message.hidden = true;
      message.textContent = '';
      input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', (input.getAttribute('aria-describedby') || '').replace(/\s*\S+-error/g, '').trim());
      if (!input.getAttribute('aria-describedby')) {
        input.removeAttribute('aria-describedby');
      }
      var group = document.getElementById(f + '-group');
      if (group) {
        group.classList.remove('has-error');
      }
    });
    document.getElementById('error-list').textContent = '';
    document.getElementById('error-summary').hidden = true;
  }

  /** Shows errors: a list of {field, text}; field may be null for an error of the whole form. */
  function showErrors(errors) {
    clearErrors();
    var list = document.getElementById('error-list');
    errors.forEach(function (e) {
      var item = document.createElement('li');
      if (e.field) {
        var link = document.createElement('a');
        link.href = '#' + e.field;
        link.textContent = e.text;
        link.addEventListener('click', function (event) {
          event.preventDefault();
          document.getElementById(e.field).focus();
        });
        item.appendChild(link);
        var message = document.getElementById(e.field + '-error');
        message.textContent = e.text;
        message.hidden = false;
        var input = document.getElementById(e.field);
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', ((input.getAttribute('aria-describedby') || '') + ' ' + e.field + '-error').trim());
        var group = document.getElementById(e.field + '-group');
        if (group) {
          group.classList.add('has-error');
        }
      } else {
        item.textContent = e.text;
      }
      list.appendChild(item);
    });
    var summary = document.getElementById('error-summary');
    summary.hidden = false;
    summary.focus();
    say('');
  }

  /** The words for a refused field, by the field and the rule the API names (never the API's own text). */
  function fieldError(field, rule) {
    rule = rule || '';
    if (field === 'destination') {
      field = 'contact';
    }
    if (field === 'category') {
      return { field: 'category', text: words.errCategory };
    }
    if (field === 'subject' || field === 'message') {
      var which = field === 'subject' ? 'Subject' : 'Message';
      var kind = /required/.test(rule) ? 'Required' : /at most|too long/.test(rule) ? 'Long' : 'Chars';
      return { field: field, text: words['err' + which + kind] };
    }
    if (field === 'contact') {
      return { field: 'contact', text: /required/.test(rule) ? words.errContactRequired : words.errContactInvalid };
    }
    if (field === 'code') {
      return { field: 'code', text: words.errCodeWrong };
    }
    return null;
  }

  /** Turns a refused response into words a person understands. */
  async function explain(response, codeStep) {
    var problem = {};
    try { problem = await response.json(); } catch (ignored) { /* not JSON: the status decides */ }
    var type = typeof problem.type === 'string' ? problem.type : '';
    var errors = [];
    (Array.isArray(problem.errors) ? problem.errors : []).forEach(function (e) {
      var mapped = fieldError(String(e.field || ''), String(e.rule || ''));
      if (mapped) {
        errors.push(mapped);
      }
    });
    if (errors.length === 0) {
      if (codeStep && response.status >= 400 && response.status < 500 && response.status !== 429) {
        errors.push({ field: 'code', text: words.errCodeWrong });
      } else if (/invalid-verification$/.test(type)) {
        verification = null;
        document.getElementById('verified').hidden = true;
        errors.push({ field: 'contact', text: words.errVerification });
      } else if (response.status === 429 || response.status === 503) {
        errors.push({ field: null, text: words.errBusy });
      } else if (response.status >= 500) {
        errors.push({ field: null, text: words.errUnknown });
      } else {
        errors.push({ field: null, text: words.errRefused });
      }
    }
    showErrors(errors);
  }

  function say(text) {
    document.getElementById('status').textContent = text;
  }

  function channelOf(contact) {
    return /^[+0-9]/.test(contact) ? 'SMS' : 'EMAIL';
  }

  function missing() {
    var errors = [];
    if (!form.subject.value.trim()) {
      errors.push({ field: 'subject', text: words.errSubjectRequired });
    }
    if (!form.message.value.trim()) {
      errors.push({ field: 'message', text: words.errMessageRequired });
    }
    if (!form.contact.value.trim()) {
      errors.push({ field: 'contact', text: words.errContactRequired });
    }
    return errors;
  }

  async function sendCode() {
    var contact = form.contact.value.trim();
    if (!contact) {
      showErrors([{ field: 'contact', text: words.errContactRequired }]);
      return;
    }
    var button = document.getElementById('verify');
    button.disabled = true;
    try {
      say(words.saySendingCode);
      var response = await withPow('/api/v1/otp/requests',
        { channel: channelOf(contact), destination: contact, purpose: 'CONTACT_VERIFICATION' });
      if (response.status !== 202) {
        await explain(response, false);
        return;
      }
      clearErrors();
      var issued = await response.json();
      var step = document.getElementById('verify-step');
      step.dataset.requestId = issued.requestId;
      step.dataset.contact = contact;
      step.hidden = false;
      say(words.sayEnterCode);
      document.getElementById('code').focus();
    } catch (e) {
      showErrors([{ field: null, text: words.errNetwork }]);
    } finally {
      button.disabled = false;
    }
  }

  async function confirmCode() {
    var step = document.getElementById('verify-step');
    var code = document.getElementById('code').value.trim();
    if (!code) {
      showErrors([{ field: 'code', text: words.errCodeRequired }]);
      return;
    }
    try {
      var response = await fetch('/api/v1/otp/requests/' + encodeURIComponent(step.dataset.requestId) + '/verify', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: code })
      });
      if (response.status !== 200) {
        await explain(response, true);
        return;
      }
      clearErrors();
      var verified = await response.json();
      verification = { contact: step.dataset.contact, token: verified.verificationToken };
      step.hidden = true;
      document.getElementById('verified').hidden = false;
      say(words.sayVerified);
    } catch (e) {
      showErrors([{ field: null, text: words.errNetwork }]);
    }
  }

  async function submit(event) {
    event.preventDefault();
    document.getElementById('result').hidden = true;
    var errors = missing();
    if (errors.length > 0) {
      showErrors(errors);
      return;
    }
    clearErrors();
    var button = document.getElementById('submit');
    button.disabled = true;
    try {
      say(words.sayChecking);
      var fields = { category: form.category.value, subject: form.subject.value, message: form.message.value, contact: form.contact.value };
      if (verification && verification.contact === form.contact.value.trim()) {
        fields.verificationToken = verification.token;
      }
      var response = await withPow('/api/v1/helpdesk/tickets', fields);
      if (response.status === 202) {
        var accepted = await response.json();
        document.getElementById('reference').textContent = accepted.reference;
        var result = document.getElementById('result');
        result.hidden = false;
        result.focus();
        say(words.sayReceived);
        form.reset();
        verification = null; // a token is single use
        document.getElementById('verified').hidden = true;
        document.getElementById('verify-step').hidden = true;
        return;
      }
      await explain(response, false);
    } catch (e) {
      showErrors([{ field: null, text: words.errNetwork }]);
    } finally {
      button.disabled = false;
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    form = document.getElementById('ticket-form');
    words = form.dataset;
    form.addEventListener('submit', submit);
    // the button starts disabled: without this script the form must not fall back to sending the text anywhere
    document.getElementById('submit').disabled = false;
    document.getElementById('verify').addEventListener('click', sendCode);
    document.getElementById('confirm').addEventListener('click', confirmCode);
    form.contact.addEventListener('input', function () {
      document.getElementById('verified').hidden = !(verification && verification.contact === this.value.trim());
    });
  });
})();
