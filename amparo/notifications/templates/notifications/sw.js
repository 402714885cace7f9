// Staff's service worker (scope /avisos/): a push names a notification by its id only; the
// worker shows a fixed text (every push must show one) and opens the inbox, where the
// subject is read after signing in.
self.addEventListener("push", function (event) {
  event.waitUntil(self.registration.showNotification("{{ title|escapejs }}", {
    body: "{{ body|escapejs }}",
    tag: "amparo-aviso", renotify: true, requireInteraction: true,
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  event.waitUntil(self.clients.openWindow("{% url 'notifications:inbox' %}"));
});
