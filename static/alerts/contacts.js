// The registrant's trusted contacts, from the phone (alerts/public/contacts.html): every
// call carries the PIN, kept in this page's memory only; nothing is stored on the phone.
(function () {
  "use strict";
  var page = document.getElementById("phone-contacts");
  if (!page) {
    return;
  }
  var $ = function (id) { return document.getElementById(id); };
  var say = function (message) { $("contacts-status").textContent = message; };
  var pin = "";

  function call(path, body) {
    return AmparoOutbox.get("credential").then(function (credential) {
      if (!credential) {
        throw new Error(page.dataset.sNotActivated);
      }
      return AmparoOutbox.call("POST", path, credential, body);
    }).then(function (response) {
      if (response.status === 204) {
        return null;
      }
      return response.json().catch(function () { return {}; }).then(function (answer) {
        if (!response.ok) {
          throw new Error(answer.detail || page.dataset.sFailed);
        }
        return answer;
      });
    });
  }

  function render(contacts) {
    var list = $("contacts-list");
    list.textContent = "";
    if (!contacts.length) {
      var none = document.createElement("li");
      none.className = "muted";
      none.textContent = page.dataset.sNone;
      list.appendChild(none);
    }
    contacts.forEach(function (contact) {
      var item = document.createElement("li");
      item.textContent = contact.name + " · " + (contact.phone || contact.email) + " ";
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "button button--secondary";
      remove.textContent = page.dataset.sRemove;
      remove.setAttribute("aria-label", page.dataset.sRemove + " " + contact.name);
      remove.addEventListener("click", function () {
        call("/contacts/" + contact.id + "/removal", { pin: pin }).then(function () {
          say(page.dataset.sRemoved);
          return load();
        }).catch(function (error) { say(error.message); });
      });
      item.appendChild(remove);
      list.appendChild(item);
    });
  }

  function load() {
    return call("/contacts/list", { pin: pin }).then(function (contacts) {
      $("contacts-body").hidden = false;
      render(contacts);
    });
  }

  $("contacts-pin-form").addEventListener("submit", function (event) {
    event.preventDefault();
    pin = $("contacts-pin").value;
    $("contacts-pin").value = "";
    load().then(function () { $("contacts-pin-form").hidden = true; say(""); })
      .catch(function (error) { say(error.message); });
  });

  $("contact-add-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var sees = Array.prototype.slice.call(document.querySelectorAll("input[name=sees]:checked"))
      .map(function (box) { return box.value; });
    var contact = {
      name: $("contact-name").value.trim(), relation: $("contact-relation").value,
      phone: $("contact-phone").value.trim(), email: $("contact-email").value.trim(), sees: sees,
    };
    call("/contacts", { pin: pin, contact: contact }).then(function () {
      $("contact-add-form").reset();
      say(page.dataset.sAdded);
      return load();
    }).catch(function (error) { say(error.message); });
  });
})();
