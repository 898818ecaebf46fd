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

// The edition's reading aids, on top of pages that work without JavaScript: notes and names' cards
// in place, a permalink's toolbar (Copy link, Cite, Report a problem), a link to a selected phrase,
// QR codes full screen, and copying without the apparatus. A first view loads this file only: what
// must answer at once, or before any use, is here (copying, which acts at the copy event itself;
// a call landed on from the notes; whether a link opens something, aria-expanded; the QR codes'
// buttons). The aids themselves are in edition-tools.js, which loads on the reader's first use of
// one (issue 20: every page's first view stays light; tests/browser/test_lazy_tools.py), as
// search.js loads search-results.js: a press, a key or focus on a link that opens something starts
// the load; the click, tap or Enter that asked is done as soon as the file has run, and from then
// on edition-tools.js listens itself. Without it (a network gone), a link does what it does
// without JavaScript.
(function () {
  "use strict";

  const article = document.querySelector("article.md-content__inner");
  const script = document.currentScript.src;
  // What edition-tools.js takes over (whether the last input was a key) and adds (its functions).
  const reading = window.editionReading = {byKey: false};
  const INVOKERS = "a.fn-ref, a.person[data-card], .md-content a.permalink, .md-content a.headerlink";

  let ready = false;   // edition-tools.js has run
  let loading = null;  // its script element, while it loads
  let asked = null;    // what the reader last asked of it meanwhile: {go, otherwise, on: the element}

  function load() {
    if (ready || loading) { return; }
    loading = document.createElement("script");
    loading.src = new URL("edition-tools.js", script).href;
    loading.onload = loading.onerror = (event) => {
      ready = event.type === "load";
      if (!ready) { loading.remove(); }  // the next use asks again
      loading = null;
      const {go, otherwise} = asked || {};
      asked = null;
      if (ready && go) { go(); } else if (otherwise) { otherwise(); }
      // A selection made while it loaded is offered its link whatever else was asked meanwhile:
      // a double click selects a word before its second click, which takes back what was asked.
      if (ready) { reading.select(); }
    };
    document.head.appendChild(loading);
  }

  function use(on, go, otherwise) {
    if (ready) { go(); return; }
    asked = {go: go, otherwise: otherwise, on: on};
    load();
  }

  function expand(invoker, id) {
    invoker.setAttribute("aria-expanded", id ? "true" : "false");
    if (id) { invoker.setAttribute("aria-controls", id); } else { invoker.removeAttribute("aria-controls"); }
  }

  // Whatever opens something says so (aria-expanded), if what it opens is on the page.
  function opens(link) {
    const id = link.matches(".fn-ref") ? decodeURIComponent(link.hash.slice(1)) : link.getAttribute("data-card");
    return !id || Boolean(document.getElementById(id));
  }

  // Until edition-tools.js has run: a press, a key or focus on what it acts on loads it; a click,
  // a tap or Enter there is held, and done once it has (the link followed if it never comes).
  function soon(event) {
    if (event.target instanceof Element && event.target.closest(INVOKERS + ", button.qr-full")) { load(); }
  }
  document.addEventListener("pointerdown", (event) => {
    reading.byKey = false;
    soon(event);
  });
  document.addEventListener("keydown", (event) => {
    reading.byKey = true;
    if (event.key === "Escape") { asked = null; }  // (what it asked would have opened and closed)
    soon(event);
  });
  document.addEventListener("focusin", (event) => {
    // Focus moved on by a key (Tab past it): what was asked is taken back, as edition-tools.js
    // closes what is open then.
    if (reading.byKey && asked && asked.on !== event.target) { asked = null; }
    soon(event);
  });

  document.addEventListener("click", (event) => {
    if (ready || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    const link = event.target.closest(INVOKERS);
    if (link && opens(link)) {
      event.preventDefault();
      const follow = () => window.location.assign(link.href);
      use(link, () => { if (!reading.invoke(link)) { follow(); } }, follow);
    } else if (!event.target.closest("button.qr-full")) {
      asked = null;  // a click elsewhere: what was asked is no longer wanted
    }
  });

  // A selection in the article is offered a link to it.
  document.addEventListener("selectionchange", () => {
    const selection = window.getSelection();
    if (!ready && article && selection.rangeCount && !selection.isCollapsed && article.contains(selection.anchorNode)) {
      use(null, () => reading.select());
    }
  });

  // A back-link from the list lands on its call; the quotation the call ends must show
  // whole below the sticky header (edition.css gives the call a scroll margin for the same
  // without JavaScript).
  function landOnCall() {
    const call = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (!call || !call.matches("a.fn-ref")) { return; }
    const quotation = call.previousElementSibling && call.previousElementSibling.matches(".quotation") ? call.previousElementSibling : call;
    const header = document.querySelector(".md-header");
    const gap = quotation.getBoundingClientRect().top - (header ? header.getBoundingClientRect().bottom : 0) - 8;
    if (gap < 0) { window.scrollBy(0, gap); }
  }
  window.addEventListener("hashchange", landOnCall);
  window.addEventListener("load", landOnCall);

  // Copying the chapter's text copies its words: paragraph numbers, quotation "¶" links,
  // footnote numbers, toolbars and pop-ups are left out of the clipboard. (Here, not in
  // edition-tools.js: it acts at the copy event itself.)
  const APPARATUS = "a.para-number, a.quote-link, a.fn-ref, sup[id^='fnref'], .permalink-tools, .ed-pop, .ed-phrase, a.headerlink";
  document.addEventListener("copy", (event) => {
    const selection = window.getSelection();
    if (!event.clipboardData || !article || !selection || selection.isCollapsed || selection.rangeCount === 0) {
      return;
    }
    const range = selection.getRangeAt(0);
    if (!article.contains(range.commonAncestorContainer)) {
      return;
    }
    const holder = document.createElement("div");
    holder.appendChild(range.cloneContents());
    const parts = holder.querySelectorAll(APPARATUS);
    if (parts.length === 0) {
      return;
    }
    parts.forEach((part) => part.remove());
    // Laid out off screen: innerText keeps the paragraph breaks.
    holder.className = "edition-copy md-typeset";
    document.body.appendChild(holder);
    event.clipboardData.setData("text/plain", holder.innerText);
    event.clipboardData.setData("text/html", holder.innerHTML);
    holder.remove();
    event.preventDefault();
  });

  // A QR code on the teachers' page gets a button that shows it full screen (on a projector).
  function qrButtons() {
    document.querySelectorAll(".md-content svg.qr").forEach((svg) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "qr-full";
      button.textContent = "Full screen";
      button.setAttribute("aria-label", "Full screen " + (svg.getAttribute("aria-label") || "QR code"));
      button.addEventListener("click", () => use(button, () => reading.qr(svg, button)));
      svg.after(button);
    });
  }

  function init() {
    document.querySelectorAll(INVOKERS).forEach((link) => { if (opens(link)) { expand(link, null); } });
    qrButtons();
    landOnCall();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
