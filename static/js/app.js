// Small progressive enhancements; no inline scripts anywhere (CSP).
// Without this file every page still works: the menu simply stays unfolded on phones.
(function () {
  "use strict";
  document.documentElement.classList.add("has-js");

  function setUpMenuToggle() {
    var toggle = document.querySelector(".nav-toggle");
    var menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (!toggle || !menu) {
      return;
    }
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("is-open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        toggle.setAttribute("aria-expanded", "false");
        menu.classList.remove("is-open");
        toggle.focus();
      }
    });
  }

  // Bring the error summary into view and to screen readers after a failed submit.
  function focusFormErrors() {
    var summary = document.querySelector(".form-errors");
    if (summary) {
      summary.focus();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUpMenuToggle(); focusFormErrors(); });
  } else {
    setUpMenuToggle();
    focusFormErrors();
  }
})();
