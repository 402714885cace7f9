// The alert's on-device outbox, shared by the page (button.js) and the service worker
// (Background Sync): alerts wait in IndexedDB, keyed by their id, until the server has
// answered 200 or 201 for them. The same id is sent again each time, so the server stores
// each alert once. Nothing else about the person is kept on the phone: only the credential.
var AmparoOutbox = (function () {
  "use strict";
  var API = "/api/v1/alerts/device";

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open("amparo-alerta", 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore("kv");
        request.result.createObjectStore("outbox", { keyPath: "client_id" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function run(store, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(store, mode);
        var request = work(transaction.objectStore(store));
        transaction.oncomplete = function () { resolve(request && request.result); };
        transaction.onerror = function () { reject(transaction.error); };
      });
    });
  }

  function get(key) { return run("kv", "readonly", function (s) { return s.get(key); }); }
  function set(key, value) { return run("kv", "readwrite", function (s) { return s.put(value, key); }); }
  function forget(key) { return run("kv", "readwrite", function (s) { return s.delete(key); }); }
  function put(alert) { return run("outbox", "readwrite", function (s) { return s.put(alert); }); }
  function waiting() { return run("outbox", "readonly", function (s) { return s.getAll(); }); }
  function remove(id) { return run("outbox", "readwrite", function (s) { return s.delete(id); }); }

  function call(method, path, credential, body) {
    return fetch(API + path, {
      method: method,
      headers: { "Content-Type": "application/json", "Authorization": "Bearer " + credential },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
  }

  // Send every waiting alert; resolves with what happened. A network error or a 5xx/429
  // keeps the alert for the next try; 401, 409 or 422 can never succeed: it is dropped and
  // the page offers the SMS and phone fallbacks.
  function flush() {
    return Promise.all([get("credential"), waiting()]).then(function (found) {
      var credential = found[0];
      var alerts = found[1] || [];
      var result = { sent: 0, waiting: alerts.length, refused: 0, offline: false };
      if (!credential || !alerts.length) {
        return result;
      }
      return alerts.reduce(function (chain, alert) {
        return chain.then(function () {
          if (result.offline) {
            return result;
          }
          return call("POST", "/alerts", credential, alert).then(function (response) {
            if (response.status === 200 || response.status === 201) {
              result.sent += 1;
              result.waiting -= 1;
              return remove(alert.client_id).then(function () { return set("acknowledged", alert.client_id); });
            }
            if ([401, 409, 422].indexOf(response.status) >= 0) {
              result.refused += 1;
              result.waiting -= 1;
              return remove(alert.client_id);
            }
            result.offline = true;
            return undefined;
          }, function () { result.offline = true; });
        });
      }, Promise.resolve()).then(function () { return result; });
    });
  }

  // The signed code an SMS to the CIAM carries (amparo/alerts/sms_code.py has the layout):
  // device id, alert id, time, position, accuracy, and an HMAC keyed with the SHA-256 of the
  // credential, which the server keeps as the device's credential hash.
  function smsCode(alert) {
    var encoder = new TextEncoder();
    return Promise.all([get("credential"), get("device_id")]).then(function (found) {
      return crypto.subtle.digest("SHA-256", encoder.encode(found[0])).then(function (key) {
        return crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
      }).then(function (key) {
        var payload = new ArrayBuffer(34);
        var view = new DataView(payload);
        var hex = alert.client_id.replace(/-/g, "");
        var fix = alert.position;
        var none = -2147483648;
        view.setUint32(0, found[1]);
        for (var i = 0; i < 16; i += 1) {
          view.setUint8(4 + i, parseInt(hex.substr(i * 2, 2), 16));
        }
        view.setUint32(20, Math.floor(Date.parse(alert.raised_at) / 1000));
        view.setInt32(24, fix ? Math.round(fix.latitude * 1e5) : none);
        view.setInt32(28, fix ? Math.round(fix.longitude * 1e5) : none);
        view.setUint16(32, fix ? Math.min(Math.round(fix.accuracy_m), 65535) : 0);
        return crypto.subtle.sign("HMAC", key, payload).then(function (mac) {
          var bytes = new Uint8Array(42);
          bytes.set(new Uint8Array(payload), 0);
          bytes.set(new Uint8Array(mac).slice(0, 8), 34);
          var text = btoa(String.fromCharCode.apply(null, bytes));
          return "A1." + text.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
        });
      });
    });
  }

  return {
    get: get, set: set, forget: forget, put: put, waiting: waiting, flush: flush, call: call,
    smsCode: smsCode,
  };
})();
