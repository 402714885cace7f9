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
