// Shows the cart's item count in the header, and gives the add-to-cart forms of cached pages their
// CSRF token. Cached pages hold no user data (DESIGN.md §1), so the count comes from the small
// `cart_count` cookie the app sets, and the token from the `yt_csrf` cookie (or, the first time,
// from /csrf-token, which also sets that cookie). Without this script the badge is missing and the
// add-to-cart form is refused with a page that says to reload.
(function () {
  'use strict';

  function readCount() {
    var match = /(?:^|;\s*)cart_count=(\d{1,6})(?:;|$)/.exec(document.cookie);
    return match ? parseInt(match[1], 10) : 0;
  }

  function show() {
    var count = readCount();
    var badges = document.querySelectorAll('[data-cart-count]');
    for (var i = 0; i < badges.length; i++) {
      if (count > 0) {
        badges[i].textContent = String(count);
        badges[i].removeAttribute('hidden');
      } else {
        badges[i].textContent = '';
        badges[i].setAttribute('hidden', '');
      }
    }
  }

  function readToken() {
    var match = /(?:^|;\s*)yt_csrf=([A-Za-z0-9_-]{43})(?:;|$)/.exec(document.cookie);
    return match ? match[1] : null;
  }

  // A form on a cached page waits for its token: its buttons are disabled until it is filled in.
  function fillTokens() {
    var fields = document.querySelectorAll('input[data-csrf]');
    if (fields.length === 0) return;
    var buttons = [];
    for (var i = 0; i < fields.length; i++) {
      var found = fields[i].form ? fields[i].form.querySelectorAll('button') : [];
      for (var j = 0; j < found.length; j++) buttons.push(found[j]);
    }
    var fill = function (token) {
      for (var k = 0; k < fields.length; k++) fields[k].value = token;
      for (var b = 0; b < buttons.length; b++) buttons[b].disabled = !token;
    };
    var token = readToken();
    if (token) return fill(token);
    fill('');
    fetch('/csrf-token', { credentials: 'same-origin' })
      .then(function (response) {
        return response.ok ? response.text() : '';
      })
      .then(fill, function () {
        // Offline or refused: let the shopper try; the server explains if the form is refused.
        for (var b = 0; b < buttons.length; b++) buttons[b].disabled = false;
      });
  }

  show();
  fillTokens();
  // A page restored from the back/forward cache may show a count that has changed since.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) show();
  });
})();
