/* The set-up that iframe-worker's shim (shim.js, MIT) wrote into its hidden iframe as an inline
   script, as a file, so that it runs under the pages' Content-Security-Policy (script-src 'self').
   Inside the iframe it makes the worker's postMessage reach the page, gives it an importScripts
   that loads scripts in order, and forwards its errors to the page. */
"use strict";
(function () {
  var worker = document.currentScript.getAttribute("data-worker");
  window.postMessage = function (message, origin) {
    parent.postMessage(message, origin || "*");
  };
  window.importScripts = function () {
    return Array.prototype.reduce.call(arguments, function (done, url) {
      return done.then(function () {
        return new Promise(function (loaded) {
          var script = document.createElement("script");
          script.src = url;
          script.onload = loaded;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
  addEventListener("error", function (event) {
    parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error: event.error }));
  });
})();
