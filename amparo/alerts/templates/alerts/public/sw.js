// The alert button's service worker: the app shell from the cache when offline, the
// outbox replayed when Background Sync fires (Chromium browsers; the page replays it too),
// and Web Push: a push names an alert by its id only; the worker asks the API what it
// means and always shows a notification (iOS drops subscriptions that show none). With the
// neutral name chosen, the notification says nothing about an alert.
importScripts("{{ shell.2|escapejs }}");
var CACHE = "amparo-alerta-{{ version|escapejs }}";
var SHELL = [{% for url in shell %}"{{ url|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(SHELL); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) { return key !== CACHE; })
      .map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin || SHELL.indexOf(url.pathname) < 0) {
    return;
  }
  event.respondWith(fetch(event.request).then(function (response) {
    var copy = response.clone();
    caches.open(CACHE).then(function (cache) { cache.put(url.pathname, copy); });
    return response;
  }).catch(function () { return caches.match(url.pathname); }));
});

self.addEventListener("sync", function (event) {
  if (event.tag === "alert-outbox") {
    event.waitUntil(AmparoOutbox.flush().then(function (result) {
      if (result.offline) {
        throw new Error("offline: retry later");
      }
    }));
  }
});

var PUSH = {
  title: "{{ push.title|escapejs }}",
  neutralTitle: "{{ push.neutral_title|escapejs }}",
  neutralBody: "{{ push.neutral_body|escapejs }}",
  news: "{{ push.news|escapejs }}",
  received: "{{ push.received|escapejs }}",
  acknowledged: "{{ push.acknowledged|escapejs }}",
  help: "{{ push.help|escapejs }}",
  closed: "{{ push.closed|escapejs }}",
  test: "{{ push.test|escapejs }}",
};

function pushText(alertId) {
  return Promise.all([AmparoOutbox.get("neutral"), AmparoOutbox.get("credential")]).then(function (found) {
    if (found[0]) {
      return { title: PUSH.neutralTitle, body: PUSH.neutralBody };
    }
    if (!found[1] || !alertId) {
      return { title: PUSH.title, body: PUSH.news };
    }
    return AmparoOutbox.call("GET", "/alerts/" + encodeURIComponent(alertId), found[1]).then(function (response) {
      return response.ok ? response.json() : {};
    }).then(function (state) {
      return { title: PUSH.title, body: state.test ? PUSH.test : PUSH[state.status] || PUSH.news };
    });
  }).catch(function () { return { title: PUSH.title, body: PUSH.news }; });
}

self.addEventListener("push", function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (error) { data = {}; }
  event.waitUntil(pushText(data.alert).then(function (shown) {
    return self.registration.showNotification(shown.title, { body: shown.body, tag: "amparo-alerta", renotify: true });
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  event.waitUntil(self.clients.openWindow("{{ shell.0|escapejs }}"));
});
