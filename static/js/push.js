// Web Push for staff (notifications/contact.html): register the worker, subscribe with the
// server's VAPID key, and hand the subscription to the API. Every string is on the page.
(function () {
  "use strict";
  var box = document.getElementById("push-settings");
  if (!box) {
    return;
  }
  var API = "/api/v1/notifications";
  var say = function (message) { document.getElementById("push-status").textContent = message; };
  var token = box.querySelector("[name=csrfmiddlewaretoken]").value;

  function call(method, path, body) {
    return fetch(API + path, {
      method: method, credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      return response.status === 204 ? null : response.json();
    });
  }

  function keyBytes(base64url) {
    var raw = atob(base64url.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(raw, function (c) { return c.charCodeAt(0); });
  }

  function registration() {
    return navigator.serviceWorker.register(box.dataset.worker, { scope: box.dataset.scope })
      .then(function () { return navigator.serviceWorker.ready; });
  }

  function turnOn() {
    Notification.requestPermission().then(function (answer) {
      if (answer !== "granted") {
        say(box.dataset.sDenied);
        return undefined;
      }
      return Promise.all([registration(), call("GET", "/push-key")]).then(function (found) {
        return found[0].pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(found[1].key) });
      }).then(function (subscription) {
        return call("PUT", "/push-subscriptions", subscription.toJSON());
      }).then(function () { say(box.dataset.sOn); });
    }).catch(function () { say(box.dataset.sFailed); });
  }

  function turnOff() {
    registration().then(function (found) {
      return found.pushManager.getSubscription();
    }).then(function (subscription) {
      if (!subscription) {
        return undefined;
      }
      return call("POST", "/push-subscriptions/removal", { endpoint: subscription.endpoint })
        .then(function () { return subscription.unsubscribe(); });
    }).then(function () { say(box.dataset.sOff); }).catch(function () { say(box.dataset.sFailed); });
  }

  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
    say(box.dataset.sUnsupported);
    document.getElementById("push-on").disabled = true;
    document.getElementById("push-off").disabled = true;
    return;
  }
  document.getElementById("push-on").addEventListener("click", turnOn);
  document.getElementById("push-off").addEventListener("click", turnOff);
})();
