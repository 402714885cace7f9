// Self-enrolment (alerts/public/enrol.html): ask for an SMS code, then send it with the
// profile (or, for someone already enrolled, with the PIN alone) and keep the credential
// the server answers in IndexedDB, as the activation page does. Strings are on the page.
(function () {
  "use strict";
  var page = document.getElementById("self-enrol");
  if (!page) {
    return;
  }
  var API = "/api/v1/alerts/device";
  var $ = function (id) { return document.getElementById(id); };
  var say = function (message) { $("enrol-status").textContent = message; };
  var request = null;

  function post(path, body) {
    return fetch(API + path, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body), cache: "no-store",
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (answer) {
        if (!response.ok) {
          throw new Error(answer.detail || page.dataset.sFailed);
        }
        return answer;
      });
    });
  }

  function contacts() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-contact]")).map(function (box) {
      var value = function (field) { return box.querySelector("[data-field=" + field + "]").value.trim(); };
      return { name: value("name"), relation: value("relation"), phone: value("phone"), email: value("email") };
    }).filter(function (contact) { return contact.name; });
  }

  function body() {
    var again = $("enrol-again").checked;
    var base = { request: request, code: $("enrol-code").value.trim(), pin: $("enrol-pin").value, label: page.dataset.label };
    if (again) {
      return base;
    }
    return Object.assign(base, {
      given_names: $("enrol-given").value.trim(), first_surname: $("enrol-first").value.trim(),
      second_surname: $("enrol-second").value.trim(), date_of_birth: $("enrol-birth").value || null,
      home_zip: $("enrol-zip").value.trim(), duress_pin: $("enrol-duress").value,
      contacts: contacts(), notice_accepted: $("enrol-notice").checked,
    });
  }

  $("enrol-phone-form").addEventListener("submit", function (event) {
    event.preventDefault();
    post("/enrolment/code", { phone: $("enrol-phone").value, language: $("enrol-language").value }).then(function (answer) {
      request = answer.request;
      $("enrol-form").hidden = false;
      say(page.dataset.sSent);
      $("enrol-code").focus();
    }).catch(function (error) { say(error.message || page.dataset.sOffline); });
  });

  $("enrol-again").addEventListener("change", function () {
    var again = $("enrol-again").checked;
    ["enrol-profile", "enrol-contacts", "enrol-duress-block", "enrol-notice-block"].forEach(function (id) {
      $(id).hidden = again;
    });
  });

  $("enrol-more").addEventListener("click", function () {
    var next = document.querySelector("[data-contact][hidden]");
    if (next) {
      next.hidden = false;
      next.querySelector("input").focus();
    }
    if (!document.querySelector("[data-contact][hidden]")) {
      $("enrol-more").hidden = true;
    }
  });

  $("enrol-form").addEventListener("submit", function (event) {
    event.preventDefault();
    post("/enrolment", body()).then(function (answer) {
      return AmparoOutbox.set("device_id", answer.device_id).then(function () {
        return AmparoOutbox.set("credential", answer.credential);
      });
    }).then(function () {
      $("enrol-form").hidden = true;
      $("enrol-phone-form").hidden = true;
      say(page.dataset.sDone);
      $("enrol-next").hidden = false;
    }).catch(function (error) { say(error.message || page.dataset.sFailed); });
  });
})();
