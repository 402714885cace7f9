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

  // On a phone, table rows stack into readable blocks (app.css): each cell is labelled
  // with its column's heading. htmx swaps get the same treatment.
  function labelTableCells(root) {
    root.querySelectorAll("table.table").forEach(function (table) {
      var headings = Array.prototype.map.call(
        table.querySelectorAll("thead th"),
        function (th) { return th.textContent.trim(); }
      );
      if (!headings.length) {
        return;
      }
      table.classList.add("table--stacking");
      table.querySelectorAll("tbody tr, tfoot tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          if (!cell.hasAttribute("data-label") && headings[index] && !cell.hasAttribute("colspan")) {
            cell.setAttribute("data-label", headings[index]);
          }
        });
      });
    });
  }

  // A "print" button on pages meant for paper (the visit sheet).
  function setUpPrintButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  function start() {
    setUpMenuToggle();
    setUpPrintButtons();
    focusFormErrors();
    labelTableCells(document);
    document.body.addEventListener("htmx:afterSettle", function (event) {
      labelTableCells(event.target);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
