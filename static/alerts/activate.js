// The activation page: trade the QR code's one-time code (in the address's fragment, which
// no server sees) for this phone's credential, keep it in IndexedDB, and forget the code.
(function () {
  "use strict";
  var page = document.getElementById("activation");
  if (!page) {
    return;
  }
  var code = window.location.hash.slice(1);
  history.replaceState(null, "", window.location.pathname);
  var say = function (message) { document.getElementById("activation-status").textContent = message; };
  if (!code) {
    say(page.dataset.sNoCode);
    return;
  }
  fetch("/api/v1/alerts/device/provision", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code: code, label: page.dataset.label }),
    cache: "no-store",
  }).then(function (response) {
    if (response.status !== 201) {
      throw new Error(String(response.status));
    }
    return response.json();
  }).then(function (answer) {
    return AmparoOutbox.set("device_id", answer.device_id).then(function () {
      return AmparoOutbox.set("credential", answer.credential);
    });
  }).then(function () {
    say(page.dataset.sDone);
    document.getElementById("activation-next").hidden = false;
  }).catch(function () { say(page.dataset.sFailed); });
})();
