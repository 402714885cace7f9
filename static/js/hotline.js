// Hotline shortcuts: Alt+<letter> acts on the element with that accesskey in every browser
// (Firefox wants Alt+Shift and Chromium on some systems ignores accesskey on buttons).
// Buttons are pressed, fields get the focus. Without this file accesskeys still work
// where the browser supports them.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var match = /^Key([A-Z])$/.exec(event.code || "");
    if (!match) {
      return;
    }
    var target = document.querySelector('[accesskey="' + match[1].toLowerCase() + '"]');
    if (!target) {
      return;
    }
    event.preventDefault();
    if (target.tagName === "BUTTON" || target.type === "submit") {
      target.click();
    } else {
      target.focus();
    }
  });
})();

// Escalation form: the name fields start with the caller's name. When the operator says the
// person affected is someone else, empty them (and restore them if the answer changes back),
// so the caller's name is not saved as the detainee's. The server refuses that mix-up too.
(function () {
  "use strict";
  var fields = document.querySelectorAll("[data-caller-name]");
  if (!fields.length) {
    return;
  }
  fields.forEach(function (field) {
    field.dataset.callerValue = field.value;
  });
  document.addEventListener("change", function (event) {
    var radio = event.target;
    if (!radio.matches || !radio.matches("[data-affected]")) {
      return;
    }
    var someoneElse = radio.value === "other";
    fields.forEach(function (field) {
      if (someoneElse && field.value === field.dataset.callerValue) {
        field.value = "";
      } else if (!someoneElse && field.value === "") {
        field.value = field.dataset.callerValue;
      }
    });
    if (someoneElse) {
      fields[0].focus();
    }
  });
})();
