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

  return { get: get, set: set, forget: forget, put: put, waiting: waiting, flush: flush, call: call };
})();
