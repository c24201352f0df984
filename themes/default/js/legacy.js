// For browsers without ES module support, which run this file instead of js/app.js. None of them can
// run the questionnaire engine, so this marks the page as unsupported and shows the paper-version
// message. Plain ES5 with no dependencies, so that very old browsers can parse it.
(function () {
  "use strict";

  var UNSUPPORTED_MESSAGE =
    "This browser cannot run the questionnaires. Please use the paper version, or staff can enter " +
    "the paper answers in the staff scoring tool on another device. The reading pages still work.";

  // Many screen readers announce a live region's text only when it changes after the region is shown.
  var ANNOUNCE_DELAY_MS = 100;

  var root = document.documentElement;

  function markUnsupported() {
    // Safari 10.1 runs nomodule scripts as well as modules, so js/app.js may have loaded the engine.
    if (root.getAttribute("data-engine") !== "ready") {
      root.setAttribute("data-engine", "unsupported");
    }
  }

  function showUnsupported() {
    var status = document.getElementById("engine-status");
    if (!status) {
      markUnsupported();
      return;
    }

    while (status.firstChild) {
      status.removeChild(status.firstChild);
    }
    status.removeAttribute("hidden");
    window.setTimeout(function () {
      status.appendChild(document.createTextNode(UNSUPPORTED_MESSAGE));
      markUnsupported();
    }, ANNOUNCE_DELAY_MS);
  }

  // The script tag sits in <head> without defer, so the status element may not exist yet.
  if (document.readyState === "loading") {
    if (document.addEventListener) {
      document.addEventListener("DOMContentLoaded", showUnsupported, false);
    } else if (document.attachEvent) {
      document.attachEvent("onreadystatechange", function () {
        if (document.readyState === "complete") {
          showUnsupported();
        }
      });
    }
  } else {
    showUnsupported();
  }
})();
