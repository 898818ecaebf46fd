// A moved page (tools/publish/anchors.py writes one per redirect in anchors.yml) forwards to its
// new page and keeps the #fragment, which the page's meta refresh would drop. The target is the
// page's own <meta name="edition-redirect">: a plain page name, checked by the checker; a file
// of its own, because the site's Content-Security-Policy runs no inline script.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="edition-redirect"]');
  var target = meta && meta.getAttribute("content");
  if (target && /^(\.\.\/)*[A-Za-z0-9_][A-Za-z0-9_.\/-]*\.html$/.test(target)) {
    location.replace(target + location.hash);
  }
})();
