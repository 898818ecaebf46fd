// What search does once the reader searches (loaded by search.js, which passes the search
// worker's messages through editionSearch.send and .receive). Material's worker messages:
// 0 set up, 2 query, 3 result (Material 9.8.2, integrations/search/worker/message/index.ts,
// SearchMessageType).
(function () {
  "use strict";

  // Every word of a query is required. Material's worker makes every word optional ("hotel
  // bristol" is searched as "hotel* bristol*"), so a passage with one of the words is a result,
  // shown with "Missing: bristol". Sent as "+hotel* +bristol*", lunr returns only the passages
  // that have them all (the last word still matches as a prefix while it is typed). Stop words
  // are not in the index, so they leave the query; their list comes with the index
  // (tools/publish/searchindex.py), and so does the separator between words.
  var separator = /\s+/;
  var stopWords = {};
  function send(message) {
    if (message && message.type === 0) {
      separator = new RegExp(message.data.config.separator);
      (message.data.config.stopwords || []).forEach(function (word) { stopWords[word] = true; });
    } else if (message && message.type === 2 && typeof message.data === "string") {
      var words = message.data.split(separator).map(function (word) {
        return (word || "").replace(/[+*~^]/g, "");
      }).filter(function (word) { return word && !stopWords[word.toLowerCase()]; });
      if (words.length) {  // a query of stop words only stays as it is
        return {type: 2, data: words.map(function (word) { return "+" + word + "*"; }).join(" ")};
      }
    }
    return message;
  }

  // A result lists each page as a heading above its passages; the worker gives that heading no
  // words of the query (terms: {}), so its link would highlight nothing (page.html?h=). It gets
  // the words of its passages.
  function receive(message) {
    if (message && message.type === 3 && message.data && Array.isArray(message.data.items)) {
      message.data.items.forEach(function (docs) {
        var found = docs.filter(function (doc) { return Object.keys(doc.terms || {}).length; })[0];
        docs.forEach(function (doc) {
          if (found && !Object.keys(doc.terms || {}).length) { doc.terms = found.terms; }
        });
      });
    }
    return message;
  }
  window.editionSearch = {send: send, receive: receive};

  // A page opened from a result (?h=) opens at the passage (#id) or at the top, and Material
  // marks the query's words once the index has loaded. Bring the first mark at or after the
  // passage into view below the header, if it is not: once the marks are there and the page has
  // loaded (the browser's own scroll to #id comes until then).
  var content = document.querySelector("article.md-content__inner");
  if (!content || !new URLSearchParams(window.location.search).has("h")) { return; }
  function showFirstMark() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var marks = content.querySelectorAll("mark[data-md-highlight]");
    if (!marks.length || document.readyState !== "complete") { return false; }
    var after = Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY;
    var mark = [].find.call(marks, function (m) { return !target || target.compareDocumentPosition(m) & after; });
    var header = document.querySelector("header.md-header");
    var box = mark && mark.getBoundingClientRect();
    if (box && (box.top < (header ? header.getBoundingClientRect().bottom : 0) || box.bottom > window.innerHeight)) {
      mark.scrollIntoView({block: "center"});
    }
    return true;
  }
  function look() { if (showFirstMark()) { watch.disconnect(); } }
  var watch = new MutationObserver(look);
  watch.observe(content, {childList: true, subtree: true});
  if (document.readyState === "complete") { look(); } else { window.addEventListener("load", look); }
  window.setTimeout(function () { watch.disconnect(); }, 10000);
})();
