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
  // A status that is still changing (e.g. a report export being made): instead of the page
  // reloading itself (what happens without JavaScript), fetch it again every few seconds and
  // update its parts in place, so the live region is announced and focus stays where it is.
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector("[data-poll]");
    if (!box || !box.id || !window.fetch || !window.DOMParser) { return; }
    var delay = parseInt(box.getAttribute("data-poll"), 10) || 2000;
    function update(fresh) {
      box.querySelectorAll("[data-poll-part]").forEach(function (part) {
        var next = part.id ? fresh.querySelector("#" + part.id) : null;
        if (!next) { return; }
        if (part.tagName === "PROGRESS") {
          part.value = next.value;
          part.textContent = next.textContent;
        } else if (part.getAttribute("role") === "status") {
          if (part.textContent !== next.textContent) { part.textContent = next.textContent; }
        } else if (part.innerHTML !== next.innerHTML) {
          part.innerHTML = next.innerHTML;
        }
      });
    }
    function poll() {
      window.fetch(window.location.href, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.text();
        })
        .then(function (html) {
          var doc = new window.DOMParser().parseFromString(html, "text/html");
          var fresh = doc.getElementById(box.id);
          if (!fresh) { return; }
          update(fresh);
          if (fresh.hasAttribute("data-poll")) {
            window.setTimeout(poll, delay);
          } else {
            box.removeAttribute("data-poll");
          }
        })
        .catch(function () { window.setTimeout(poll, delay * 3); });
    }
    window.setTimeout(poll, delay);
  });
})();
