// The alert button's page: press and hold about 3 s, a 10 s countdown that can be cancelled,
// then the alert goes to the outbox (outbox.js) and out, with a fresh position if the
// phone gives one in time. Every string comes from the page (translated on the server).
(function () {
  "use strict";
  var HOLD_MS = 3000;
  var COUNTDOWN_S = 10;
  var FIX_TIMEOUT_MS = 10000;
  var NO_ANSWER_MS = 15000;
  var POSITIONS_FOR_MS = 120000;
  var POLL_MS = 10000;

  var app = document.getElementById("alert-app");
  if (!app) {
    return;
  }
  var text = app.dataset;
  var $ = function (id) { return document.getElementById(id); };
  var holdTimer = null;
  var countdown = null;
  var fixPromise = null;
  var noAnswerTimer = null;
  var pollTimer = null;

  function show(id, visible) { $(id).hidden = !visible; }
  function say(message) { $("alert-status").textContent = message; }

  function registerWorker() {
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.register(app.dataset.worker, { scope: app.dataset.scope }).catch(function () {});
    }
  }

  function askSync() {
    if ("serviceWorker" in navigator && "SyncManager" in window) {
      navigator.serviceWorker.ready.then(function (registration) {
        return registration.sync.register("alert-outbox");
      }).catch(function () {});
    }
  }

  // A fresh fix only: maximumAge 0. Resolves with null when there is none in time.
  function freshFix() {
    return new Promise(function (resolve) {
      if (!("geolocation" in navigator)) {
        resolve(null);
        return;
      }
      var done = false;
      var give = function (value) { if (!done) { done = true; resolve(value); } };
      setTimeout(function () { give(null); }, FIX_TIMEOUT_MS);
      navigator.geolocation.getCurrentPosition(function (position) {
        give({
          latitude: position.coords.latitude,
          longitude: position.coords.longitude,
          accuracy_m: Math.max(position.coords.accuracy, 1),
          fix_at: new Date(position.timestamp).toISOString(),
        });
      }, function () { give(null); }, { enableHighAccuracy: true, maximumAge: 0, timeout: FIX_TIMEOUT_MS });
    });
  }

  function statusText(status) {
    return {
      received: text.sReceived, acknowledged: text.sSeen, help: text.sHelp, closed: text.sClosed,
    }[status] || text.sSending;
  }

  function refreshWaiting() {
    return AmparoOutbox.waiting().then(function (alerts) {
      show("alert-waiting", alerts.length > 0);
      return alerts.length;
    });
  }

  function send() {
    return AmparoOutbox.flush().then(function (result) {
      if (result.sent) {
        clearTimeout(noAnswerTimer);
        show("alert-fallback", false);
        say(text.sReceived);
        follow();
      } else if (result.refused) {
        say(text.sRefused);
        show("alert-fallback", true);
      }
      return refreshWaiting();
    });
  }

  function follow() {
    AmparoOutbox.get("acknowledged").then(function (id) {
      if (!id) {
        return;
      }
      show("alert-safe-form", true);
      clearInterval(pollTimer);
      var poll = function () {
        AmparoOutbox.get("credential").then(function (credential) {
          return AmparoOutbox.call("GET", "/alerts/" + id, credential);
        }).then(function (response) {
          return response.ok ? response.json() : null;
        }).then(function (state) {
          if (!state) {
            return;
          }
          say(statusText(state.status));
          if (state.status === "closed") {
            clearInterval(pollTimer);
            show("alert-safe-form", false);
            AmparoOutbox.forget("acknowledged");
          }
        }).catch(function () {});
      };
      poll();
      pollTimer = setInterval(poll, POLL_MS);
    });
  }

  // Later fixes for two minutes, attached to the same alert; nothing after that.
  function sendPositions(id) {
    if (!("geolocation" in navigator)) {
      return;
    }
    var last = 0;
    var watch = navigator.geolocation.watchPosition(function (position) {
      if (Date.now() - last < 20000) {
        return;
      }
      last = Date.now();
      AmparoOutbox.get("credential").then(function (credential) {
        return AmparoOutbox.call("POST", "/alerts/" + id + "/positions", credential, {
          latitude: position.coords.latitude, longitude: position.coords.longitude,
          accuracy_m: Math.max(position.coords.accuracy, 1),
          fix_at: new Date(position.timestamp).toISOString(),
        });
      }).catch(function () {});
    }, function () {}, { enableHighAccuracy: true, maximumAge: 0 });
    setTimeout(function () { navigator.geolocation.clearWatch(watch); }, POSITIONS_FOR_MS);
  }

  function raise() {
    var alert = {
      client_id: crypto.randomUUID(),
      raised_at: new Date().toISOString(),
      text: $("alert-text").value.slice(0, 280),
    };
    say(text.sSending);
    (fixPromise || freshFix()).then(function (fix) {
      if (fix) {
        alert.position = fix;
      }
      return AmparoOutbox.put(alert);
    }).then(function () {
      noAnswerTimer = setTimeout(function () { show("alert-fallback", true); }, NO_ANSWER_MS);
      AmparoOutbox.smsCode(alert).then(function (code) {
        $("alert-sms").href = "sms:" + text.ciamPhone + "?body=" + encodeURIComponent("ALERTA " + code);
      }).catch(function () {});
      askSync();
      return send();
    }).then(function () { sendPositions(alert.client_id); });
  }

  function startCountdown() {
    var left = COUNTDOWN_S;
    fixPromise = freshFix();  // the fix is sought while the countdown runs
    show("alert-hold", false);
    show("alert-countdown", true);
    $("alert-seconds").textContent = String(left);
    countdown = setInterval(function () {
      left -= 1;
      $("alert-seconds").textContent = String(left);
      if (left <= 0) {
        clearInterval(countdown);
        show("alert-countdown", false);
        show("alert-hold", true);
        raise();
      }
    }, 1000);
  }

  function cancelCountdown() {
    clearInterval(countdown);
    fixPromise = null;
    show("alert-countdown", false);
    show("alert-hold", true);
    say(text.sCancelled);
  }

  function holdStart(event) {
    event.preventDefault();
    var button = $("alert-button");
    button.classList.add("is-holding");
    holdTimer = setTimeout(function () {
      button.classList.remove("is-holding");
      holdTimer = null;
      startCountdown();
    }, HOLD_MS);
  }

  function holdEnd() {
    $("alert-button").classList.remove("is-holding");
    if (holdTimer) {
      clearTimeout(holdTimer);
      holdTimer = null;
      say(text.sHoldHint);
    }
  }

  function safe(event) {
    event.preventDefault();
    AmparoOutbox.get("acknowledged").then(function (id) {
      return AmparoOutbox.get("credential").then(function (credential) {
        return AmparoOutbox.call("POST", "/alerts/" + id + "/safe", credential, {
          pin: $("alert-pin").value, reason: $("alert-reason").value,
        });
      });
    }).then(function (response) {
      $("alert-pin").value = "";
      if (!response.ok) {
        say(text.sWrongPin);
        return;
      }
      say(text.sClosed);
      show("alert-safe-form", false);
      clearInterval(pollTimer);
      AmparoOutbox.forget("acknowledged");
    }).catch(function () { say(text.sOffline); });
  }

  function showDue(due) {
    $("checkin-due").textContent = due ? text.sCheckinDue + " " + new Date(due).toLocaleString() : "";
  }

  function checkIn(path, body) {
    return AmparoOutbox.get("credential").then(function (credential) {
      return AmparoOutbox.call("POST", path, credential, body);
    }).then(function (response) {
      if (!response.ok) {
        say(response.status === 422 ? text.sWrongPin : text.sOffline);
        return null;
      }
      return response.json();
    }).catch(function () { say(text.sOffline); return null; });
  }

  function setUpCheckIn() {
    $("checkin-start").addEventListener("click", function () {
      checkIn("/check-in", { hours: Number($("checkin-hours").value) }).then(function (answer) {
        if (answer) { showDue(answer.due_at); }
      });
    });
    $("checkin-stop-form").addEventListener("submit", function (event) {
      event.preventDefault();
      checkIn("/check-in/stop", { pin: $("checkin-pin").value }).then(function (answer) {
        $("checkin-pin").value = "";
        if (answer) { showDue(null); say(text.sCheckinStopped); }
      });
    });
    AmparoOutbox.get("credential").then(function (credential) {
      if (!credential) {
        return null;
      }
      return AmparoOutbox.call("GET", "/me", credential).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (me) {
        if (me) {
          showDue(me.checkin_due_at);
          setUpPush(credential, me);
        }
      });
    }).catch(function () {});
  }

  // Web Push: the news of an alert reach the phone with the app closed. Browsers drop
  // subscriptions silently, so it is renewed on every start once permission is granted.
  function pushSupported() {
    return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  }

  function keyBytes(base64url) {
    var raw = atob(base64url.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(raw, function (c) { return c.charCodeAt(0); });
  }

  function subscribePush(credential, key) {
    return navigator.serviceWorker.ready.then(function (registration) {
      return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) });
    }).then(function (subscription) {
      return AmparoOutbox.call("PUT", "/push-subscription", credential, subscription.toJSON());
    });
  }

  function setUpPush(credential, me) {
    if (!pushSupported() || !me.push_key) {
      return;
    }
    if (Notification.permission === "granted") {
      subscribePush(credential, me.push_key).catch(function () {});
      return;
    }
    if (Notification.permission === "denied") {
      return;
    }
    show("alert-push", true);
    $("alert-push").addEventListener("click", function () {
      Notification.requestPermission().then(function (answer) {
        show("alert-push", false);
        if (answer !== "granted") {
          say(text.sPushOff);
          return undefined;
        }
        return subscribePush(credential, me.push_key).then(function () { say(text.sPushOn); });
      }).catch(function () { say(text.sPushOff); });
    });
  }

  // The monthly self-test: a real request through the whole chain (credential, position,
  // routing, the worker, the push) that the server closes at once and pages nobody for.
  // Not through the outbox: a test that fails must say so, not retry in silence.
  var TEST_EVERY_MS = 30 * 24 * 3600 * 1000;

  function selfTest() {
    var alert = { client_id: crypto.randomUUID(), raised_at: new Date().toISOString(), test: true };
    say(text.sTesting);
    freshFix().then(function (fix) {
      if (fix) {
        alert.position = fix;
      }
      return AmparoOutbox.get("credential");
    }).then(function (credential) {
      return AmparoOutbox.call("POST", "/alerts", credential, alert);
    }).then(function (response) {
      if (response.status !== 201 && response.status !== 200) {
        throw new Error(String(response.status));
      }
      show("alert-test-due", false);
      say(alert.position ? text.sTestOk : text.sTestNoFix);
      return AmparoOutbox.set("last_test", Date.now());
    }).catch(function () { say(text.sTestFailed); });
  }

  function remindTest() {
    AmparoOutbox.get("last_test").then(function (last) {
      show("alert-test-due", !last || Date.now() - last > TEST_EVERY_MS);
    }).catch(function () {});
  }

  function start() {
    registerWorker();
    remindTest();
    $("alert-test").addEventListener("click", selfTest);
    AmparoOutbox.set("neutral", Boolean(text.neutral)).catch(function () {});
    setUpCheckIn();
    AmparoOutbox.get("credential").then(function (credential) {
      show("alert-not-activated", !credential);
      show("alert-main", Boolean(credential));
      if (!credential) {
        return;
      }
      send();
      follow();
    });
    var button = $("alert-button");
    button.addEventListener("pointerdown", holdStart);
    ["pointerup", "pointerleave", "pointercancel"].forEach(function (name) {
      button.addEventListener(name, holdEnd);
    });
    button.addEventListener("keydown", function (event) {
      if ((event.key === " " || event.key === "Enter") && !event.repeat) {
        holdStart(event);
      }
    });
    button.addEventListener("keyup", holdEnd);
    button.addEventListener("contextmenu", function (event) { event.preventDefault(); });
    $("alert-cancel").addEventListener("click", cancelCountdown);
    $("alert-safe-form").addEventListener("submit", safe);
    window.addEventListener("online", send);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") {
        send();
      }
    });
  }

  start();
})();
