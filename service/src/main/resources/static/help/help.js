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
  });
})();
