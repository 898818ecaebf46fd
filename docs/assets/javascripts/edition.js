// Keyboard use of two header controls that Material 9.8.2 leaves mouse-only or half-keyboard-
// operable (checked by tests/browser/test_accessibility.py). A file, not an inline script in
// overrides/main.html, so that the pages' Content-Security-Policy needs no hash for it.
(function () {
  "use strict";
  // 0. Firefox restores a checkbox's state on reload unless it has autocomplete="off", which
  // HTML forbids on checkboxes (the hook strips it from Material's two hidden toggles so
  // pages validate). Start with the drawer and the search closed, as Material intends.
  ["__drawer", "__search"].forEach(function (id) {
    var toggle = document.getElementById(id);
    if (toggle && toggle.checked) { toggle.click(); }
  });
  // 1. The palette toggle is a pair of radio buttons. Material's script switches the scheme
  // on Enter, but Space does nothing on a radio that is already checked. Make Space act
  // like Enter (Material listens for keydown "Enter" on the form).
  var palette = document.querySelector("form[data-md-component=palette]");
  if (palette) {
    palette.addEventListener("keydown", function (event) {
      if (event.key === " " && event.target.classList.contains("md-option")) {
        event.preventDefault();
        event.target.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true}));
      }
    });
  }
  // 2. The menu button that opens the navigation drawer on narrow screens is a <label> for
  // a hidden checkbox, which Tab never reaches (and a label may not take role=button).
  // Replace it by a real <button> with the same look: Enter and Space press it. It says
  // whether the drawer is open, and Escape closes the drawer and returns focus to it.
  // Without JavaScript the label stays and still works with a pointer. (edition.css
  // hides the closed, off-canvas drawer from Tab, and hides .edition-menu where the
  // navigation is a sidebar, as Material does for the label.)
  var drawer = document.getElementById("__drawer");
  var label = document.querySelector(".md-header label.md-header__button[for=__drawer]");
  if (drawer && label) {
    var menu = document.createElement("button");
    menu.type = "button";
    menu.className = label.className + " edition-menu";
    menu.setAttribute("aria-label", "Navigation menu");
    while (label.firstChild) { menu.appendChild(label.firstChild); }
    label.replaceWith(menu);
    var expanded = function () { menu.setAttribute("aria-expanded", drawer.checked ? "true" : "false"); };
    expanded();
    drawer.addEventListener("change", expanded);
    menu.addEventListener("click", function () { drawer.click(); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) {
        drawer.click();
        if (menu.offsetParent !== null) { menu.focus(); }
      }
    });
  }
})();

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
