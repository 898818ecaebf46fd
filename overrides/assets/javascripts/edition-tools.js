// The edition's reading aids, loaded by edition.js on the reader's first use of one (issue 20:
// a first view loads only what it needs; tests/browser/test_lazy_tools.py), as search.js loads
// search-results.js. The markup they read is the build's (DESIGN.md, "HTML contract of a built
// chapter page"). Nothing here turns text into markup: notes, cards and citations are copies
// (cloneNode) of the page's own elements.
//  1. a footnote call (a.fn-ref) shows its note beside it; a name (a.person[data-card]) its card;
//  2. a permalink (paragraph number, quotation ¶, editor's note ¶, heading ¶) opens a toolbar in
//     the text flow, under its line, so it never covers the words: Copy link, Cite (from
//     <template id=cite-…>), Report a problem (to <meta name=edition-contact>);
//  3. a selection offers a link to the phrase (a text fragment), with its paragraph as fallback;
//  4. a QR code on the teachers' page can fill the screen (edition.js gives it its button).
// What stays in edition.js: a call landed on, copying without the apparatus, whether a link opens
// something (aria-expanded), and what asks for this file; what a reader did meanwhile is handed
// over by window.editionReading (the end of this file), and from then on the listeners are these.
// Links and citations give the published address (<link rel=canonical>), also offline.
(function () {
  "use strict";

  const article = document.querySelector("article.md-content__inner");
  const reading = window.editionReading;  // edition.js's: what it hands over, and what it calls
  // The last input was a key: only then does focus moving elsewhere close what is open (a
  // click closes it on its own, and must not move the text under the pointer mid-click).
  let byKey = reading.byKey;
  let pop = null;    // the open note or card: {box, invoker}
  let tools = null;  // the open toolbar: {box, link}

  function publishedUrl(hash) {
    const canonical = document.querySelector('link[rel="canonical"]');
    const url = new URL(canonical ? canonical.href : window.location.href);
    url.search = "";
    url.hash = "";
    return url.href + hash;
  }

  function make(tag, className, text) {
    const element = document.createElement(tag);
    if (className) { element.className = className; }
    if (text) { element.textContent = text; }
    if (tag === "button") { element.type = "button"; }
    return element;
  }

  function squash(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  // The live region is held here, never looked up by an id: a page's own element could carry that id
  // (an editors' heading #edition-live once received every "Link copied" in place of its words).
  let region = null;

  function announce(message) {
    if (!region) {
      region = make("div", "visually-hidden");
      region.id = "edition-live";  // named, for whoever reads the page; found by this reference only
      region.setAttribute("role", "status");
      document.body.appendChild(region);
    }
    region.textContent = "";
    window.setTimeout(() => { region.textContent = message; }, 50);
  }

  // A copy event that sets the clipboard itself: the way where the Clipboard API is missing or
  // refused (file:// is no secure context in every browser), and it still gives both types.
  function copyByEvent(text, html) {
    const fill = (event) => {
      event.clipboardData.setData("text/plain", text);
      if (html) { event.clipboardData.setData("text/html", html); }
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    document.addEventListener("copy", fill, true);
    let done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    document.removeEventListener("copy", fill, true);
    return done ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  // Rich text (titles in italics) and plain text together; plain text alone where the browser
  // takes no ClipboardItem.
  function copy(text, html) {
    const clipboard = window.isSecureContext && navigator.clipboard;
    if (!clipboard) { return copyByEvent(text, html); }
    const plain = () => clipboard.writeText(text);
    const both = html && window.ClipboardItem ? clipboard.write([new ClipboardItem({
      "text/html": new Blob([html], {type: "text/html"}),
      "text/plain": new Blob([text], {type: "text/plain"})
    })]) : plain();
    return both.catch(html ? plain : () => Promise.reject(new Error("copy failed")))
      .catch(() => copyByEvent(text, html));
  }

  // A copy of page content for a pop-up: ids would be duplicates, so they go.
  function copyOf(node) {
    const clone = node.cloneNode(true);
    if (clone.removeAttribute) { clone.removeAttribute("id"); }
    if (clone.querySelectorAll) { clone.querySelectorAll("[id]").forEach((e) => e.removeAttribute("id")); }
    return clone;
  }

  function headerBottom() {
    const header = document.querySelector(".md-header");
    return header ? header.getBoundingClientRect().bottom : 0;
  }

  function expand(invoker, id) {
    invoker.setAttribute("aria-expanded", id ? "true" : "false");
    if (id) { invoker.setAttribute("aria-controls", id); } else { invoker.removeAttribute("aria-controls"); }
  }

  // ------------------------------------------------------------ 1. notes and cards in place

  // Below the call's line, or above it where only that side has room; a note longer than
  // either side gets the larger one and scrolls inside, so the reader never has to scroll
  // the page to read it. The pop-up is absolutely placed in the top layer: it scrolls with the
  // text it belongs to.
  function place(box, invoker) {
    const at = invoker.getClientRects()[0] || invoker.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    const below = window.innerHeight - at.bottom - 12, above = at.top - headerBottom() - 12;
    box.style.maxHeight = "";
    const up = box.offsetHeight > below && (box.offsetHeight <= above || above > below);
    if (box.offsetHeight > Math.max(below, above)) { box.style.maxHeight = Math.max(below, above, 120) + "px"; }
    const left = Math.max(8, Math.min(at.left - 12, width - box.offsetWidth - 8));
    const top = up ? at.top - 4 - box.offsetHeight : at.bottom + 4;
    // In the top layer, "absolute" is relative to the document; without popovers (older
    // browsers), to the positioned paragraph.
    const origin = box.popover || !box.offsetParent ? {left: -window.scrollX, top: -window.scrollY} : box.offsetParent.getBoundingClientRect();
    box.style.left = left - origin.left + "px";
    box.style.top = top - origin.top + "px";
  }

  // A non-modal dialog named by its title and described by its text, so a screen reader reads
  // both when focus moves in. It follows its call in the DOM: Tab goes from the call into the
  // note and on into the rest of the paragraph.
  function openPop(invoker, title, nodes, more) {
    closeAll();
    const box = make("div", "ed-pop");
    box.id = "edition-pop";
    box.tabIndex = -1;
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-labelledby", "edition-pop-title");
    box.setAttribute("aria-describedby", "edition-pop-body");
    const heading = make("p", "ed-pop__title", title);
    heading.id = "edition-pop-title";
    const body = make("div", "ed-pop__body");
    body.id = "edition-pop-body";
    nodes.forEach((node) => body.appendChild(copyOf(node)));
    if (more) { body.appendChild(more); }
    const close = make("button", "ed-pop__close", "×");
    close.setAttribute("aria-label", "Close");
    box.append(heading, body, close);
    invoker.after(box);
    if (box.showPopover) {
      box.popover = "manual";
      box.showPopover();
    }
    place(box, invoker);
    expand(invoker, box.id);
    pop = {box: box, invoker: invoker};
    box.focus({preventScroll: true});
  }

  function closePop(refocus) {
    if (!pop) { return; }
    const {box, invoker} = pop;
    pop = null;
    box.remove();
    expand(invoker, null);
    if (refocus) { invoker.focus({preventScroll: true}); }
  }

  function showNote(call) {
    const note = document.getElementById(decodeURIComponent(call.hash.slice(1)));
    if (!note) { return false; }
    const nodes = [...note.childNodes].filter((node) => !(node.matches && node.matches(".fn-back")));
    // The list is one tap away, for the reader who asks for it; so is a report on the note.
    const more = make("p", "ed-pop__more");
    const list = make("a", "", "All notes");
    list.href = call.hash;
    more.appendChild(list);
    const title = call.getAttribute("aria-label") || "Note " + call.textContent;
    const report = reportLink(note.id, passage(call, note.id), title.toLowerCase(), "");
    if (report) { more.append(" · ", report); }
    openPop(call, title, nodes, more);
    return true;
  }

  function showCard(name) {
    const card = document.getElementById(name.getAttribute("data-card"));
    if (!card) { return false; }
    openPop(name, squash(name.textContent), [...card.childNodes]);
    return true;
  }

  // -------------------------------------------------------- 2. the toolbar of a permalink

  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  // Today, as the access date of a citation: <span data-accessed="long|mla|dmy"> in a template.
  function today(style) {
    const d = new Date(), month = MONTHS[d.getMonth()];
    if (style === "mla") {
      const short = month.length > 4 ? month.slice(0, month === "September" ? 4 : 3) + "." : month;
      return d.getDate() + " " + short + " " + d.getFullYear();
    }
    return style === "dmy" ? d.getDate() + " " + month + " " + d.getFullYear() : month + " " + d.getDate() + ", " + d.getFullYear();
  }

  function citation(form) {
    const filled = form.cloneNode(true);
    filled.querySelectorAll("[data-accessed]").forEach((slot) => {
      slot.textContent = today(slot.getAttribute("data-accessed"));
    });
    return {text: squash(filled.textContent), html: filled.innerHTML};
  }

  // What a report names: the paragraph number, the quotation (and its paragraph), the
  // apparatus entry or the section, by id.
  function passage(link, id) {
    const number = link.closest("p[id]") && link.closest("p[id]").querySelector("a.para-number");
    const paragraph = number ? "¶ " + number.textContent.trim() : "";
    if (link.matches(".para-number")) { return paragraph; }
    const kind = /^q-/.test(id) ? "quotation " : /^fn-/.test(id) ? "note " : link.closest("aside") ? "editor’s note "
      : link.closest(".entry") ? "entry " : "section ";
    return kind + id + (paragraph ? " in " + paragraph : "");
  }

  // The edition's contact, written by the build: an e-mail address (mailto: or bare) or an
  // issue tracker's address. Anything else, or none, and there is no Report action.
  function reportHref(id, what) {
    const meta = document.querySelector('meta[name="edition-contact"]');
    const contact = meta ? meta.content.trim() : "";
    const page = document.title.split(" - ")[0];
    const subject = "Problem: " + page + ", " + what;
    const body = ["Page: " + page, "Passage: " + what, "Address: " + publishedUrl("#" + id), "",
      "What is wrong (and your source, if you have one):", ""];
    if (/^https?:\/\//i.test(contact)) {
      const url = new URL(contact);
      const gitlab = url.pathname.indexOf("/-/issues") !== -1;
      if (/\/issues\/?$/.test(url.pathname)) { url.pathname = url.pathname.replace(/\/?$/, "/new"); }
      url.searchParams.set(gitlab ? "issue[title]" : "title", subject);
      url.searchParams.set(gitlab ? "issue[description]" : "body", body.join("\n"));
      return url.href;
    }
    const address = contact.replace(/^mailto:/i, "");
    if (!/^[^\s@?&]+@[^\s@?&]+$/.test(address)) { return null; }
    return "mailto:" + address + "?subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(body.join("\r\n"));
  }

  function reportLink(id, what, name, className) {
    const href = reportHref(id, what);
    if (!href) { return null; }
    const a = make("a", className, "Report a problem");
    a.href = href;
    a.setAttribute("aria-label", "Report a problem with " + name);
    if (/^http/.test(href)) { a.target = "_blank"; a.rel = "noopener"; }
    return a;
  }

  function action(label, name, what, content) {
    const button = make("button", "copy-link", label);
    button.setAttribute("aria-label", name);
    button.addEventListener("click", () => {
      const {text, html} = content();
      copy(text, html).then(() => {
        button.textContent = "Copied";
        announce(what + " copied: " + text);
      }, () => announce("Could not copy. " + what + ": " + text));
      window.setTimeout(() => { button.textContent = label; }, 2000);
    });
    return button;
  }

  function toolbar(link) {
    const id = decodeURIComponent(link.hash.slice(1));
    const what = (link.getAttribute("aria-label") || "this place")
      .replace(/^Link to /i, "").replace(/: link to this paragraph$/, "").toLowerCase();
    const box = make("span", "permalink-tools");
    box.id = "edition-tools";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Actions: " + what);
    box.appendChild(action("Copy link", "Copy link to " + what, "Link", () => ({text: publishedUrl("#" + id)})));
    // The citations, rendered at build time by the citation processor (tools/site/citemarkup.py):
    // one <template id="cite-…"> per passage, one .cite-form per style and form, named by
    // data-cite-label ("Chicago note", "MLA works cited" …).
    const template = document.getElementById("cite-" + id);
    if (template && template.content) {
      template.content.querySelectorAll(".cite-form[data-cite-label]").forEach((form) => {
        const label = "Cite: " + form.getAttribute("data-cite-label");
        box.appendChild(action(label, label + ", copy a citation of " + what, label.slice(6), () => citation(form)));
      });
    }
    const report = reportLink(id, passage(link, id), what, "copy-link");
    if (report) { box.appendChild(report); }
    return box;
  }

  // In the text flow, on a line of its own right after its link: the words move down while it
  // is open, and nothing is ever covered. It opens on a click, a tap or Enter, never on hover
  // (which would move the text under the pointer).
  function toggleTools(link) {
    const again = tools && tools.link === link;
    closeAll();
    if (again) { return; }
    const box = toolbar(link);
    // After a heading, not inside it: the heading's name stays its own words.
    (link.matches(".headerlink") ? link.parentElement : link).after(box);
    expand(link, box.id);
    tools = {box: box, link: link};
  }

  function closeTools(refocus) {
    if (!tools) { return; }
    const {box, link} = tools;
    tools = null;
    box.remove();
    expand(link, null);
    if (refocus) { link.focus({preventScroll: true}); }
  }

  function closeAll() {
    closePop(false);
    closeTools(false);
    hidePhrase();
  }

  // ------------------------------------------------------------------ 3. a link to a phrase

  const BLOCKS = "p, li, dd, dt, td, th, h1, h2, h3, h4, h5, h6, blockquote, figcaption";
  let phrase = null;  // {box, url}
  let pending = 0;

  // The words of a range as the reader sees them, without a toolbar or pop-up inside it.
  function words(range) {
    const part = range.cloneContents();
    part.querySelectorAll(".permalink-tools, .ed-pop, .ed-phrase").forEach((e) => e.remove());
    return part.textContent;
  }

  function count(text, needle) {
    let n = 0;
    for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) { n++; }
    return n;
  }

  // Percent-encoding per the WICG text-fragments spec: also "-", "&" and ",", its delimiters.
  function encode(text) {
    return encodeURIComponent(text).replace(/-/g, "%2D");
  }

  // The text directive for a range inside one block: whole words, and as many words of
  // context (prefix-, -suffix) as make it the only match on the page. Long phrases are given
  // by their first and last words (textStart,textEnd).
  function textDirective(range, block) {
    const head = document.createRange(), tail = document.createRange();
    head.setStart(block, 0);
    head.setEnd(range.startContainer, range.startOffset);
    tail.setStart(range.endContainer, range.endOffset);
    tail.setEnd(block, block.childNodes.length);
    let before = words(head), after = words(tail), text = words(range);
    const partStart = before.match(/[\p{L}\p{N}]+$/u), partEnd = after.match(/^[\p{L}\p{N}]+/u);
    if (partStart) { text = partStart[0] + text; before = before.slice(0, -partStart[0].length); }
    if (partEnd) { text += partEnd[0]; after = after.slice(partEnd[0].length); }
    text = squash(text);
    if (!/[\p{L}\p{N}]/u.test(text)) { return null; }
    const list = text.split(" ");
    let start = text, end = "";
    if (list.length > 10) {
      start = list.slice(0, 4).join(" ");
      let n = 4;
      do { end = list.slice(-n).join(" "); n++; } while (n < list.length - 4 && text.indexOf(end) !== text.length - end.length);
    }
    const page = squash(document.body.innerText).toLowerCase();
    const gapBefore = /\s$/.test(before) ? " " : "", gapAfter = /^\s/.test(after) ? " " : "";
    const pre = squash(before).split(" ").filter(Boolean), post = squash(after).split(" ").filter(Boolean);
    let prefix = "", suffix = "";
    const matches = () => count(page, ((prefix ? prefix + gapBefore : "") + (end ? start : text + (suffix ? gapAfter + suffix : ""))).toLowerCase());
    for (let n = 1; matches() > 1 && (n <= pre.length || (!end && n <= post.length)); n++) {
      prefix = pre.slice(-n).join(" ");
      suffix = end ? "" : post.slice(0, n).join(" ");
    }
    return "text=" + (prefix ? encode(prefix) + "-," : "") + encode(start) + (end ? "," + encode(end) : "") + (suffix ? ",-" + encode(suffix) : "");
  }

  function blockOf(node) {
    const element = node.nodeType === 1 ? node : node.parentElement;
    const block = element && element.closest(BLOCKS);
    return block && article && article.contains(block) && !block.closest(".ed-pop, .permalink-tools, .person-cards, .ed-phrase") ? block : null;
  }

  function offerPhrase() {
    const selection = window.getSelection();
    const range = selection.rangeCount && !selection.isCollapsed ? selection.getRangeAt(0) : null;
    const block = range && blockOf(range.startContainer);
    const directive = block && blockOf(range.endContainer) === block && textDirective(range, block);
    if (!directive) { hidePhrase(); return; }
    // The nearest passage with an id is where the link lands if the phrase is not found.
    const anchor = block.closest("[id]");
    const url = publishedUrl("#" + (anchor && anchor !== article ? anchor.id : "") + ":~:" + directive);
    showPhrase(url, range, block);
  }

  // A bar at the foot of the screen (at its head when the selection is down there), so it
  // never hides the phrase; in the DOM right after the phrase's block, so Tab reaches it next.
  function showPhrase(url, range, block) {
    if (!phrase) {
      const box = make("div", "ed-phrase");
      const button = make("button", "copy-link", "Copy link to this phrase");
      button.addEventListener("click", () => {
        const link = phrase.url;
        copy(link).then(() => announce("Link to the phrase copied: " + link),
          () => announce("Could not copy. Link to the phrase: " + link));
      });
      box.appendChild(button);
      phrase = {box: box};
    }
    phrase.url = url;
    const box = phrase.box;
    if (box.previousElementSibling !== block) {
      closePop(false);
      closeTools(false);
      block.after(box);
      if (box.showPopover) {
        box.popover = "manual";
        box.showPopover();
      }
    }
    box.classList.toggle("ed-phrase--top", range.getBoundingClientRect().bottom > window.innerHeight - 80);
  }

  function hidePhrase() {
    if (phrase && phrase.box.parentNode) { phrase.box.remove(); }
  }

  // -------------------------------------------------------- 4. QR codes on a projector

  function showQr(svg, opener) {
    const dialog = make("dialog", "qr-dialog");
    dialog.setAttribute("aria-label", svg.getAttribute("aria-label") || "QR code");
    const big = svg.cloneNode(true);
    big.setAttribute("viewBox", "0 0 " + svg.getAttribute("width") + " " + svg.getAttribute("height"));
    big.removeAttribute("width");
    big.removeAttribute("height");
    // The address the code stands for, as the entry prints it (a link whose text is a URL).
    const entry = svg.closest(".teach-entry");
    const link = entry && [...entry.querySelectorAll("a")].find((a) => /^https?:\/\//.test(a.textContent.trim()));
    const close = make("button", "qr-close", "Close");
    dialog.append(big, make("p", "qr-address", link ? link.textContent : ""), close);
    // Escape, a tap anywhere or Close, and back where the reader was; leaving full screen too.
    const leave = () => { if (!document.fullscreenElement && dialog.open) { dialog.close(); } };
    dialog.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      document.removeEventListener("fullscreenchange", leave);
      if (document.fullscreenElement) { document.exitFullscreen().catch(() => {}); }
      dialog.remove();
      opener.focus();
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    if (dialog.requestFullscreen) {
      dialog.requestFullscreen().then(() => document.addEventListener("fullscreenchange", leave), () => {});
    }
  }

  // ------------------------------------------------------------------------- events

  const INVOKERS = "a.fn-ref, a.person[data-card], .md-content a.permalink, .md-content a.headerlink";

  // What a click (a tap, Enter) on one of them does: true if done here, false if the link is to
  // be followed (a note or card that is not on the page).
  function invoke(link) {
    if (!link.matches("a.fn-ref, a.person")) {
      toggleTools(link);
      return true;
    }
    const again = pop && pop.invoker === link;
    closeAll();
    return Boolean(again || (link.matches(".fn-ref") ? showNote(link) : showCard(link)));
  }

  document.addEventListener("click", (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    const target = event.target;
    if (pop && target.closest(".ed-pop__close")) {
      closePop(true);
      return;
    }
    const link = target.closest(INVOKERS);
    // A link inside a pop-up is a plain link (no pop-up on a pop-up).
    if (link && !link.closest(".ed-pop")) {
      if (invoke(link)) { event.preventDefault(); }
      return;
    }
    if (tools && !tools.box.contains(target)) { closeTools(false); }
  });

  // A pop-up closes at a touch or a press outside it (in the top layer, its closing moves no text).
  document.addEventListener("pointerdown", (event) => {
    byKey = false;
    if (pop && !pop.box.contains(event.target) && !pop.invoker.contains(event.target)) { closePop(false); }
  });

  document.addEventListener("keydown", (event) => {
    byKey = true;
    if (event.key !== "Escape") { return; }
    const focus = document.activeElement;
    if (pop) {
      closePop(pop.box.contains(focus) || focus === pop.invoker);
    } else if (tools) {
      closeTools(tools.box.contains(focus) || focus === tools.link);
    } else {
      hidePhrase();
    }
  });

  document.addEventListener("focusin", (event) => {
    if (!byKey) { return; }
    if (pop && !pop.box.contains(event.target) && event.target !== pop.invoker) { closePop(false); }
    if (tools && !tools.box.contains(event.target) && event.target !== tools.link) { closeTools(false); }
  });

  // Once the selection rests: a link to it, or none.
  function select() {
    window.clearTimeout(pending);
    pending = window.setTimeout(offerPhrase, 150);
  }

  document.addEventListener("selectionchange", select);
  window.addEventListener("hashchange", () => closePop(false));  // (edition.js lands on a call)
  window.addEventListener("resize", () => { if (pop) { place(pop.box, pop.invoker); } });

  // For edition.js: what the reader asked for before this file ran, and a QR code's button.
  reading.invoke = invoke;
  reading.select = select;
  reading.qr = showQr;
})();
