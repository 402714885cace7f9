// The alert button's service worker: the app shell from the cache when offline, and the
// outbox replayed when Background Sync fires (Chromium browsers; the page replays it too).
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
