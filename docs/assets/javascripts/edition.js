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

// The edition's reading aids, on top of pages that work without JavaScript:
// 1. beside every permalink (paragraph number, quotation "¶", heading "¶") a small toolbar:
//    Copy link, and on chapter pages Cite: Chicago and Cite: MLA, with today's date as the
//    access date. Links and citations give the published address (<link rel=canonical>,
//    written from site_url), also in the offline copies;
// 2. a search result opens with its first match in view.
(function () {
  "use strict";

  // The page's citation templates (tools/site/metadata.py), on chapter pages only.
  var cite = null;
  try {
    var block = document.getElementById("edition-cite");
    cite = block ? JSON.parse(block.textContent) : null;
  } catch (error) {
    cite = null;
  }

  function publishedUrl(hash) {
    var canonical = document.querySelector('link[rel="canonical"]');
    var url = new URL(canonical ? canonical.href : window.location.href);
    url.search = "";
    url.hash = hash;
    return url.href;
  }

  function today(months) {
    var d = new Date();
    return d.getDate() + " " + months[d.getMonth()] + " " + d.getFullYear();
  }

  function fill(template, values) {
    return Object.keys(values).reduce(function (text, key) {
      return text.split("{" + key + "}").join(values[key]);
    }, template);
  }

  // The paragraph number the reader sees beside the paragraph that holds the element.
  function paragraphNumber(element) {
    var paragraph = element.closest("p[id]");
    var number = paragraph && paragraph.querySelector("a.para-number");
    return number ? number.textContent.trim() : "";
  }

  function citation(style, id, element) {
    var quotation = id.indexOf("q-") === 0;
    var name = style === "mla" ? "mla" : quotation ? "chicagoQuotation" : "chicago";
    return fill(cite.templates[name], {
      n: paragraphNumber(element),
      id: id,
      speaker: (cite.speakers && cite.speakers[id]) || "",
      use: (cite.uses && cite.uses[id]) || "quoted",
      accessed: today(cite.months[style === "mla" ? "mla" : "chicago"])
    });
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
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function announce(message) {
    var region = document.getElementById("edition-live");
    if (!region) {
      region = document.createElement("div");
      region.id = "edition-live";
      region.className = "visually-hidden";
      region.setAttribute("role", "status");
      document.body.appendChild(region);
    }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = message; }, 50);
  }

  function button(label, name, what, make) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "copy-link";
    b.textContent = label;
    b.setAttribute("aria-label", name);
    b.addEventListener("click", function () {
      var text = make();
      copyText(text).then(function () {
        b.textContent = "Copied";
        announce(what + " copied: " + text);
      }, function () {
        announce("Could not copy. " + what + ": " + text);
      });
      window.setTimeout(function () { b.textContent = label; }, 2000);
    });
    return b;
  }

  // The toolbar sits beside its link, or right under it where the line has no room, always
  // touching the link (no gap for the pointer to fall into) and inside the screen.
  function place(tools, link) {
    var box = tools.parentElement.getBoundingClientRect();
    var at = link.getBoundingClientRect();
    var right = Math.min(box.right, document.documentElement.clientWidth) - 2;
    var left = at.right;
    var top = at.top + (at.height - tools.offsetHeight) / 2;
    if (left + tools.offsetWidth > right) {
      left = Math.max(2, Math.min(at.left, right - tools.offsetWidth));
      top = at.bottom;
    }
    tools.style.left = (left - box.left) + "px";
    tools.style.top = (top - box.top) + "px";
  }

  function addTools(link) {
    var hash = link.getAttribute("href");
    if (!hash || hash.charAt(0) !== "#" || (link.nextElementSibling && link.nextElementSibling.matches(".permalink-tools"))) {
      return;
    }
    var id = decodeURIComponent(hash.slice(1));
    var what = (link.getAttribute("aria-label") || link.getAttribute("title") || "this place")
      .replace(/^Link to /i, "").replace(/: link to this paragraph$/, "");
    var tools = document.createElement("span");
    tools.className = "permalink-tools";
    tools.hidden = true;
    tools.setAttribute("role", "group");
    tools.setAttribute("aria-label", "Copy " + what.toLowerCase());
    tools.appendChild(button("Copy link", "Copy link to " + what.toLowerCase(), "Link", function () {
      return publishedUrl(hash);
    }));
    if (cite && /^[pq]-/.test(id)) {
      tools.appendChild(button("Cite: Chicago", "Cite: Chicago, copy a citation of " + what.toLowerCase(), "Chicago citation", function () {
        return citation("chicago", id, link);
      }));
      tools.appendChild(button("Cite: MLA", "Cite: MLA, copy a citation of " + what.toLowerCase(), "MLA citation", function () {
        return citation("mla", id, link);
      }));
    }
    link.insertAdjacentElement("afterend", tools);
    var entry = {link: link, tools: tools, pinned: false, timer: 0, quiet: false};
    [link, tools].forEach(function (element) {
      element.addEventListener("mouseenter", function () { show(entry, false); });
      element.addEventListener("mouseleave", function () { hideSoon(entry); });
    });
    link.addEventListener("focus", function () {
      if (!entry.quiet) { show(entry, false); }
    });
    // A click or a tap follows the link and keeps its toolbar open until the reader is done.
    link.addEventListener("click", function () { show(entry, true); });
  }

  // One toolbar is open at a time.
  var open = null;

  function show(entry, pin) {
    window.clearTimeout(entry.timer);
    if (open && open !== entry) { hide(open); }
    entry.pinned = entry.pinned || pin;
    if (entry.tools.hidden) {
      entry.tools.hidden = false;
      place(entry.tools, entry.link);
    }
    open = entry;
  }

  function hide(entry) {
    window.clearTimeout(entry.timer);
    entry.tools.hidden = true;
    entry.pinned = false;
    if (open === entry) { open = null; }
  }

  function inside(entry, node) {
    return node === entry.link || entry.tools.contains(node);
  }

  // A moment's grace, so the pointer can travel from the link to its toolbar.
  function hideSoon(entry) {
    window.clearTimeout(entry.timer);
    entry.timer = window.setTimeout(function () {
      if (!entry.pinned && !inside(entry, document.activeElement)) { hide(entry); }
    }, 400);
  }

  document.addEventListener("focusin", function (event) {
    if (open && !inside(open, event.target)) { hide(open); }
  });
  document.addEventListener("pointerdown", function (event) {
    if (open && !inside(open, event.target)) { hide(open); }
  });
  // Escape closes a toolbar (WCAG 1.4.13), and returns focus to its link if it was in it.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) {
      var entry = open, within = inside(open, document.activeElement);
      hide(entry);
      if (within) {
        entry.quiet = true;  // back on its link, without opening the toolbar again
        entry.link.focus();
        entry.quiet = false;
      }
    }
  });

  // Material marks the search terms (search.highlight) once its index has loaded; the page
  // itself opens at the top, or at the section of the result. Bring the first match at or
  // after that place into view.
  function showFirstMatch() {
    if (!/[?&]h=/.test(window.location.search)) {
      return;
    }
    var article = document.querySelector("article.md-content__inner");
    var target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (!article) {
      return;
    }
    function look() {
      var marks = article.querySelectorAll("mark[data-md-highlight]");
      for (var i = 0; i < marks.length; i++) {
        if (!target || target.compareDocumentPosition(marks[i]) & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY)) {
          var box = marks[i].getBoundingClientRect();
          if (box.top < 64 || box.bottom > window.innerHeight) {
            marks[i].scrollIntoView({block: "center"});
          }
          return true;
        }
      }
      return false;
    }
    if (look()) {
      return;
    }
    var observer = new MutationObserver(function () {
      if (look()) { observer.disconnect(); }
    });
    observer.observe(article, {childList: true, subtree: true});
    window.setTimeout(function () { observer.disconnect(); }, 10000);
  }

  // Copying the chapter's text copies its words: paragraph numbers, quotation "¶" links,
  // footnote numbers and the toolbars are left out of the clipboard.
  var APPARATUS = "a.para-number, a.quote-link, sup[id^='fnref'], .permalink-tools, a.headerlink";
  document.addEventListener("copy", function (event) {
    var selection = window.getSelection();
    var article = document.querySelector("article.md-content__inner");
    if (!event.clipboardData || !article || !selection || selection.isCollapsed || selection.rangeCount === 0) {
      return;
    }
    var range = selection.getRangeAt(0);
    if (!article.contains(range.commonAncestorContainer)) {
      return;
    }
    var holder = document.createElement("div");
    holder.appendChild(range.cloneContents());
    var parts = holder.querySelectorAll(APPARATUS);
    if (parts.length === 0) {
      return;
    }
    for (var i = 0; i < parts.length; i++) {
      parts[i].parentNode.removeChild(parts[i]);
    }
    holder.className = "edition-copy md-typeset";  // laid out off screen: innerText keeps the paragraph breaks
    document.body.appendChild(holder);
    event.clipboardData.setData("text/plain", holder.innerText);
    event.clipboardData.setData("text/html", holder.innerHTML);
    document.body.removeChild(holder);
    event.preventDefault();
  });

  function init() {
    var links = document.querySelectorAll(".md-content a.permalink, .md-content a.headerlink");
    for (var i = 0; i < links.length; i++) {
      addTools(links[i]);
    }
    showFirstMatch();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
