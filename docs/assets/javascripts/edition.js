// Copy-link buttons beside every permalink (paragraph numbers, quotation "¶", headings).
// Progressive enhancement: without JavaScript each permalink is still a plain link.
(function () {
  "use strict";

  function absoluteUrl(hash) {
    var url = new URL(window.location.href);
    url.hash = hash;
    return url.href;
  }

  // navigator.clipboard needs a secure context; file:// and old browsers get the textarea way.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand && document.execCommand("copy");
      document.body.removeChild(area);
      ok ? resolve() : reject(new Error("copy failed"));
    });
  }

  function announce(message) {
    var region = document.getElementById("edition-live");
    if (!region) {
      region = document.createElement("div");
      region.id = "edition-live";
      region.className = "visually-hidden";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = message; }, 50);
  }

  function addButton(link) {
    var hash = link.getAttribute("href");
    if (!hash || hash.charAt(0) !== "#" || link.nextElementSibling && link.nextElementSibling.classList.contains("copy-link")) {
      return;
    }
    var what = link.getAttribute("aria-label") || link.getAttribute("title") || "this place";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-link";
    button.setAttribute("aria-label", "Copy link: " + what.replace(/^Link to /i, "").replace(/: link to this paragraph$/, ""));
    button.title = "Copy link";
    button.textContent = "Copy link";
    button.addEventListener("click", function () {
      var url = absoluteUrl(hash);
      copyText(url).then(function () {
        button.textContent = "Copied";
        announce("Link copied: " + url);
      }, function () {
        announce("Could not copy; the link is " + url);
      });
      window.setTimeout(function () { button.textContent = "Copy link"; }, 2000);
    });
    link.insertAdjacentElement("afterend", button);
  }

  function init() {
    var links = document.querySelectorAll(".md-content a.permalink, .md-content a.headerlink");
    for (var i = 0; i < links.length; i++) {
      addButton(links[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
