// Shows the cart's item count in the header. Cached pages hold no user data (DESIGN.md §1), so the
// count comes from the small `cart_count` cookie the app sets; without this script the page works
// the same, only without the badge.
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

  show();
  // A page restored from the back/forward cache may show a count that has changed since.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) show();
  });
})();
