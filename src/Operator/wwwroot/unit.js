// A mobile unit's page on a phone: sign in, set availability, see dispatches (area, category, urgency, code), acknowledge.
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var token = null, hub = null, poll = null;

  function api(method, path, body) {
    return fetch(path, {
      method: method, cache: "no-store", body: body ? JSON.stringify(body) : undefined,
      headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token, "X-Hotline-Request": "1" }
    }).then(function (r) {
      if (r.status === 401) { signOut(); throw new Error("Your session has ended; sign in again."); }
      if (r.status === 403) throw new Error("This page is for mobile unit accounts.");
      if (!r.ok) return r.json().catch(function () { return {}; }).then(function (p) { throw new Error(p.detail || p.title || ("HTTP " + r.status)); });
      return r.json();
    });
  }

  $("signin").addEventListener("submit", function (e) {
    e.preventDefault();
    $("signin-error").textContent = "Signing in…";
    // The passphrase stays on the phone: auth-keys.js derives the authentication key from it.
    window.sodium.ready
      .then(function () { return AuthKeys.signIn(window.sodium, $("username").value.trim(), $("password").value); })
      .then(function (l) { window.sodium.memzero(l.wrappingKey); token = l.token; return api("GET", "/api/unit/me"); })
      .then(function (me) {
        $("password").value = ""; $("signin-error").textContent = "";
        $("signin-view").hidden = true; $("unit-view").hidden = false; $("signout").hidden = false;
        $("who").textContent = me.name;
        $("covers").textContent = "Covers: " + me.municipalities.join(", ");
        $("available").checked = me.available;
        connect();
        poll = setInterval(load, 10000);
        return load();
      })
      .catch(function (err) { token = null; $("signin-error").textContent = err.message; });
  });

  function signOut() {
    if (token) fetch("/api/auth/logout", { method: "POST", headers: { "Authorization": "Bearer " + token, "X-Hotline-Request": "1" } }).catch(function () {});
    token = null; if (hub) hub.stop(); hub = null; clearInterval(poll);
    $("unit-view").hidden = true; $("signin-view").hidden = false; $("signout").hidden = true; $("who").textContent = ""; $("dispatches").textContent = "";
  }
  $("signout").addEventListener("click", signOut);

  $("available").addEventListener("change", function () {
    api("POST", "/api/unit/availability", { available: $("available").checked }).catch(function (err) { $("unit-error").textContent = err.message; });
  });

  function connect() {
    hub = new signalR.HubConnectionBuilder().withUrl("/hubs/console", { accessTokenFactory: function () { return token; } }).withAutomaticReconnect().build();
    hub.on("dispatch", function () { load(); });
    hub.start().catch(function () {});
  }

  function load() {
    return api("GET", "/api/unit/dispatches").then(function (list) {
      var ul = $("dispatches"); ul.textContent = "";
      var waiting = 0;
      list.forEach(function (d) {
        var li = document.createElement("li"); li.className = "dispatch " + d.status; li.dataset.code = d.code;
        var h = document.createElement("h3"); h.textContent = d.code + " · " + d.urgency; li.appendChild(h);
        var p = document.createElement("p"); p.textContent = d.municipality + " · " + d.category + " · " + d.status + (d.contactApproved ? " · contact cleared (sent separately)" : ""); li.appendChild(p);
        if (d.status === "sent") {
          waiting++;
          var b = document.createElement("button"); b.type = "button"; b.textContent = "Acknowledge " + d.code;
          b.addEventListener("click", function () {
            api("POST", "/api/unit/dispatches/" + encodeURIComponent(d.code) + "/ack").then(load).catch(function (err) { $("unit-error").textContent = err.message; });
          });
          li.appendChild(b);
        }
        ul.appendChild(li);
      });
      $("unit-status").textContent = waiting ? waiting + " dispatch" + (waiting === 1 ? "" : "es") + " waiting for your acknowledgement." : (list.length ? "Nothing waiting." : "No dispatches.");
    }).catch(function (err) { $("unit-error").textContent = err.message; });
  }
})();
