// The proof of work every page solves before it asks for a code (ALTCHA: find n in [0, maxnumber] with
// hex(SHA-256(salt + n)) == challenge), with WebCrypto, in batches so that the promise overhead does not dominate.
// One copy for every page (/help, the check-in page, the premises owner's pages): load it before the page's script.
// Exposes window.BentengPow: solve(challenge) -> Promise of the payload to send as "pow" (rejects when unsolvable), and
// postJson(url, fields) -> Promise of the Response, which fetches a challenge, solves it, POSTs the fields with it as
// JSON, and solves a fresh challenge when the server answers 428 with one (at most three tries).
(function () {
  'use strict';

  function hex(buffer) {
    var bytes = new Uint8Array(buffer), out = '';
    for (var i = 0; i < bytes.length; i++) { out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16); }
    return out;
  }

  function solve(ch) {
    var encoder = new TextEncoder(), started = Date.now(), batch = 500;
    function from(start) {
      if (start > ch.maxnumber) { return Promise.reject(new Error('unsolvable')); }
      var jobs = [];
      for (var n = start; n < start + batch && n <= ch.maxnumber; n++) {
        jobs.push(crypto.subtle.digest('SHA-256', encoder.encode(ch.salt + n)));
      }
      return Promise.all(jobs).then(function (hashes) {
        for (var i = 0; i < hashes.length; i++) {
          if (hex(hashes[i]) === ch.challenge) {
            return btoa(JSON.stringify({ algorithm: ch.algorithm, challenge: ch.challenge, number: start + i,
                                         salt: ch.salt, signature: ch.signature, took: Date.now() - started }));
          }
        }
        return from(start + batch);
      });
    }
    return from(0);
  }

  function challenge() {
    return fetch('/api/v1/pow/challenge', { cache: 'no-store', credentials: 'omit' }).then(function (r) {
      if (r.status !== 200) { throw new Error('challenge'); }
      return r.json();
    });
  }

  function postJson(url, fields) {
    function attempt(ch, tries) {
      return solve(ch).then(function (pow) {
        var body = Object.assign({}, fields, { pow: pow });
        return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
                            body: JSON.stringify(body), credentials: 'omit', cache: 'no-store' });
      }).then(function (response) {
        if (response.status !== 428 || tries >= 2) { return response; }
        return response.clone().json().catch(function () { return {}; }).then(function (problem) {
          return problem.challenge ? attempt(problem.challenge, tries + 1) : response;
        });
      });
    }
    return challenge().then(function (ch) { return attempt(ch, 0); });
  }

  window.BentengPow = Object.freeze({ solve: solve, postJson: postJson });
})();
