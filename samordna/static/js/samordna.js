// Progressive enhancement only: every core flow works without this file.
(function () {
  "use strict";
  // Quick exit: replace the current history entry so that Back does not return here.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-quick-exit]");
    if (!link) { return; }
    event.preventDefault();
    document.body.style.display = "none";
    window.location.replace(link.getAttribute("href"));
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && event.shiftKey) {
      var link = document.querySelector("[data-quick-exit]");
      if (link) { window.location.replace(link.getAttribute("href")); }
    }
  });
  // Move focus to an error summary so screen-reader users hear it first.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
  });
})();
