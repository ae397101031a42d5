// The /help form: solves the ALTCHA proof of work with WebCrypto (SHA-256 of salt + number until it matches the
// challenge), then posts the ticket as JSON. Same origin only; nothing here is inline, so the page's CSP holds.
(function () {
  'use strict';

  function hex(buffer) {
    return Array.from(new Uint8Array(buffer), function (b) { return b.toString(16).padStart(2, '0'); }).join('');
  }

  async function solve(challenge) {
    var encoder = new TextEncoder();
    var batch = 1000;
    for (var start = 0; start <= challenge.maxnumber; start += batch) {
      var end = Math.min(start + batch, challenge.maxnumber + 1);
      var digests = [];
      for (var n = start; n < end; n++) {
        digests.push(crypto.subtle.digest('SHA-256', encoder.encode(challenge.salt + n)));
      }
      var done = await Promise.all(digests);
      for (var i = 0; i < done.length; i++) {
        if (hex(done[i]) === challenge.challenge) {
          return start + i;
        }
      }
    }
    return null;
  }

  function payload(challenge, number) {
    return btoa(JSON.stringify({
      algorithm: challenge.algorithm, challenge: challenge.challenge, number: number,
      salt: challenge.salt, signature: challenge.signature
    }));
  }

  // a verification token for exactly the contact that was verified; changing the contact forgets it
  var verification = null;

  async function solved(response) {
    var challenge = await response.json();
    var number = await solve(challenge);
    return number === null ? null : payload(challenge, number);
  }

  /** POSTs JSON with a solved proof of work, solving a fresh challenge when the server asks for one (428). */
  async function withPow(url, fields) {
    var pow = await solved(await fetch('/api/v1/pow/challenge', { cache: 'no-store' }));
    for (var attempt = 0; attempt < 3; attempt++) {
      var body = Object.assign({}, fields, { pow: pow });
      var response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      if (response.status !== 428) {
        return response;
      }
      var problem = await response.json();
      if (!problem.challenge) {
        return response;
      }
      var number = await solve(problem.challenge);
      pow = number === null ? null : payload(problem.challenge, number);
    }
    return response;
  }

  async function explain(response) {
    var problem = {};
    try { problem = await response.json(); } catch (ignored) { /* not JSON: keep the generic text */ }
    var fields = (problem.errors || []).map(function (e) { return e.field + ' ' + e.rule; }).join('; ');
    say((problem.title || 'Error') + (problem.detail ? ': ' + problem.detail : '') + (fields ? ' (' + fields + ')' : ''));
  }

  function channelOf(contact) {
    return /^[+0-9]/.test(contact.trim()) ? 'SMS' : 'EMAIL';
  }

  async function sendCode() {
    var contact = document.getElementById('contact').value.trim();
    var button = document.getElementById('verify');
    button.disabled = true;
    try {
      say('Menghantar kod… / Sending a code…');
      var response = await withPow('/api/v1/otp/requests',
        { channel: channelOf(contact), destination: contact, purpose: 'CONTACT_VERIFICATION' });
      if (response.status !== 202) {
        await explain(response);
        return;
      }
      var issued = await response.json();
      var step = document.getElementById('verify-step');
      step.dataset.requestId = issued.requestId;
      step.dataset.contact = contact;
      step.hidden = false;
      say('Masukkan kod / Enter the code.');
    } catch (e) {
      say('Rangkaian bermasalah / Network problem; please try again.');
    } finally {
      button.disabled = false;
    }
  }

  async function confirmCode() {
    var step = document.getElementById('verify-step');
    var code = document.getElementById('code').value.trim();
    try {
      var response = await fetch('/api/v1/otp/requests/' + encodeURIComponent(step.dataset.requestId) + '/verify', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: code })
      });
      if (response.status !== 200) {
        await explain(response);
        return;
      }
      var verified = await response.json();
      verification = { contact: step.dataset.contact, token: verified.verificationToken };
      step.hidden = true;
      document.getElementById('verified').hidden = false;
      say('Disahkan / Verified.');
    } catch (e) {
      say('Rangkaian bermasalah / Network problem; please try again.');
    }
  }

  function say(text) {
    document.getElementById('status').textContent = text;
  }

  async function submit(event) {
    event.preventDefault();
    var form = event.target;
    var button = document.getElementById('submit');
    button.disabled = true;
    document.getElementById('result').hidden = true;
    try {
      say('Menyemak… / Checking…');
      var response = await fetch('/api/v1/pow/challenge', { cache: 'no-store' });
      var challenge = await response.json();
      for (var attempt = 0; attempt < 3; attempt++) {
        var number = await solve(challenge);
        if (number === null) {
          say('Sila cuba lagi / Please try again.');
          return;
        }
        var body = {
          category: form.category.value, subject: form.subject.value, message: form.message.value,
          contact: form.contact.value, pow: payload(challenge, number)
        };
        if (verification && verification.contact === form.contact.value.trim()) {
          body.verificationToken = verification.token;
        }
        response = await fetch('/api/v1/helpdesk/tickets', {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
        });
        if (response.status === 202) {
          var accepted = await response.json();
          // textContent, never innerHTML: nothing the server or the user wrote can become markup
          document.getElementById('reference').textContent = accepted.reference;
          document.getElementById('result').hidden = false;
          say('Diterima / Received.');
          form.reset();
          verification = null; // a token is single use
          document.getElementById('verified').hidden = true;
          return;
        }
        var problem = {};
        try { problem = await response.json(); } catch (ignored) { /* not JSON: keep the generic text */ }
        if (response.status === 428 && problem.challenge) {
          challenge = problem.challenge;
          continue;
        }
        var fields = (problem.errors || []).map(function (e) { return e.field + ' ' + e.rule; }).join('; ');
        say((problem.title || 'Error') + (problem.detail ? ': ' + problem.detail : '') + (fields ? ' (' + fields + ')' : ''));
        return;
      }
      say('Sila cuba lagi / Please try again.');
    } catch (e) {
      say('Rangkaian bermasalah / Network problem; please try again.');
    } finally {
      button.disabled = false;
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('ticket-form').addEventListener('submit', submit);
    // the button starts disabled: without this script the form must not fall back to sending the text anywhere
    document.getElementById('submit').disabled = false;
    document.getElementById('verify').addEventListener('click', sendCode);
    document.getElementById('confirm').addEventListener('click', confirmCode);
    document.getElementById('contact').addEventListener('input', function () {
      document.getElementById('verified').hidden = !(verification && verification.contact === this.value.trim());
    });
  });
})();
