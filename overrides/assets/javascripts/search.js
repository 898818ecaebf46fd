// Search, loaded when the reader searches (issue 20). This file runs just before Material's
// bundle (overrides/main.html). Material 9.8.2's bundle creates its search worker and requests
// the search index as soon as it runs (integrations/search/worker/_/index.ts, setupSearchWorker;
// bundle.ts, fetchSearchIndex; components/search/highlight/index.ts asks for the index too), so
// every first view fetched both. Here the bundle gets a stand-in for the worker, and its request
// for the index waits: both go ahead when the reader opens the search box (a click, a tap, the
// keyboard, a focus, or ?q= in the address: all of them check Material's #__search toggle), or
// starts to (a pointer down on it). A page opened from a result (?h=) needs the index only, for
// the settings its highlighter uses. Offline (file://) the same, with the index as a script and
// the iframe-worker shim as the worker.
// What search does once it runs (the query, the results, the page a result opens) is in
// search-results.js, loaded with the worker or on a page opened from a result.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("__config").textContent);
  var here = window.location.href;
  var workerUrl = new URL(config.search, here).href;
  var indexUrl = new URL("search/search_index.json", new URL(config.base, here)).href;
  var script = document.currentScript.src;

  // Two gates, each a list of what waits for it until it opens (then null).
  var gates = {index: [], worker: []};
  function open(name) {
    var waiting = gates[name];
    gates[name] = null;
    (waiting || []).forEach(function (go) { go(); });
  }
  function when(name, go) {
    if (gates[name]) { gates[name].push(go); } else { go(); }
  }
  function searching() { open("index"); open("worker"); }

  var results = null;  // search-results.js, loading or loaded
  function withResults(go) {
    if (!results) {
      results = new Promise(function (loaded) {
        var element = document.createElement("script");
        element.src = new URL("search-results.js", script).href;
        element.onload = loaded;
        document.head.appendChild(element);
      });
    }
    results.then(go);
  }

  var toggle = document.getElementById("__search");
  if (toggle) {
    toggle.addEventListener("change", function () { if (toggle.checked) { searching(); } });
  }
  document.addEventListener("pointerdown", function (event) {
    if (event.target instanceof Element && event.target.closest("label[for='__search'], .md-search")) { searching(); }
  }, true);
  if (new URLSearchParams(window.location.search).has("h")) {
    open("index");
    withResults(function () {});
  }

  // The index request: the bundle opens it now (XMLHttpRequest); it is sent when the gate opens.
  // Offline (file://) the bundle asks for search/search_index.js by a script element instead,
  // also at once (for the highlighter): the element goes into the page when the gate opens.
  var indexScript = new URL("search/search_index.js", new URL(config.base, here)).href;
  var head = document.head;
  var append = head.appendChild;
  head.appendChild = function (node) {
    if (node instanceof HTMLScriptElement && node.src === indexScript && gates.index) {
      when("index", function () { append.call(head, node); });
      return node;
    }
    return append.call(head, node);
  };
  var held = new WeakSet();
  var openRequest = XMLHttpRequest.prototype.open;
  var sendRequest = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    if (new URL(url, here).href === indexUrl) { held.add(this); }
    return openRequest.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!held.has(request)) { return sendRequest.apply(request, args); }
    held.delete(request);
    when("index", function () { sendRequest.apply(request, args); });
  };

  // The worker: a stand-in that keeps the bundle's messages until the real one runs and
  // search-results.js has loaded (both start at once), and passes every message through it on
  // the way (editionSearch.send, .receive).
  var RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (new URL(url, here).href !== workerUrl) { return new RealWorker(url, options); }
    var standIn = new EventTarget(), real = null, ready = false, queue = [];
    standIn.postMessage = function (message) {
      if (ready) { real.postMessage(window.editionSearch.send(message)); } else { queue.push(message); }
    };
    standIn.terminate = function () { if (real) { real.terminate(); } };
    when("worker", function () {
      real = new RealWorker(url, options);
      real.addEventListener("message", function (event) {
        standIn.dispatchEvent(new MessageEvent("message", {data: window.editionSearch.receive(event.data)}));
      });
      withResults(function () {
        ready = true;
        queue.splice(0).forEach(standIn.postMessage);
      });
    });
    return standIn;
  };
})();
