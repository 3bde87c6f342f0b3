// A mobile unit's page on a phone, in Albanian or English: sign in, set availability, see dispatches (area, category,
// urgency, code), acknowledge, then say en route, arrived and closed (each shows on the case's timeline). A new
// dispatch vibrates the phone and sounds (WebAudio, no asset). The area comes sealed to the unit's own key: this page
// unwraps that key with the wrapping key derived from the passphrase (which never leaves the phone) and opens it here.
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var token = null, hub = null, poll = null, known = null, keys = null;

  var lang = (function () {
    try { var s = localStorage.getItem("hl-unit-language"); if (s === "sq" || s === "en") return s; } catch (e) { /* blocked */ }
    return (navigator.language || "").toLowerCase().indexOf("sq") === 0 ? "sq" : "en";
  })();
  function t(key, vars) { return HotlineWords.word(lang, key, vars); }
  function statusWord(s) { return t("dispatch-" + s); }
  function categoryWord(c) { return HotlineWords.has(c) ? t(c) : String(c).replace(/_/g, " "); }
  // Dates in the page's language, never the phone's own locale.
  function when(at) { return HotlineDates.dayTime(at, lang); }
  function applyLanguage() {
    document.documentElement.lang = lang;
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n]"), function (e) { e.textContent = t(e.dataset.i18n); });
    $("ui-language").value = lang;
    if (token) load();
  }
  $("ui-language").addEventListener("change", function () {
    lang = $("ui-language").value === "sq" ? "sq" : "en";
    try { localStorage.setItem("hl-unit-language", lang); } catch (e) { /* blocked */ }
    applyLanguage();
  });

  function api(method, path, body) {
    return fetch(path, {
      method: method, cache: "no-store", body: body ? JSON.stringify(body) : undefined,
      headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token, "X-Hotline-Request": "1" }
    }).then(function (r) {
      if (r.status === 401) { signOut(); throw new Error(t("ended")); }
      if (r.status === 403) throw new Error(t("notUnit"));
      if (!r.ok) return r.json().catch(function () { return {}; }).then(function (p) { throw new Error(p.detail || p.title || ("HTTP " + r.status)); });
      return r.json();
    });
  }

  $("signin").addEventListener("submit", function (e) {
    e.preventDefault();
    $("signin-error").textContent = t("signingIn");
    // The passphrase stays on the phone: auth-keys.js derives the authentication key from it.
    window.sodium.ready
      .then(function () { return AuthKeys.signIn(window.sodium, $("username").value.trim(), $("password").value); })
      .then(function (l) {
        token = l.token;
        return api("GET", "/api/unit/keys").then(function (material) {
          var sodium = window.sodium;
          try {
            keys = { publicKey: sodium.from_base64(material.publicKey, sodium.base64_variants.ORIGINAL), privateKey: AuthKeys.unwrapKey(sodium, material.wrappedPrivateKey, l.wrappingKey) };
          } finally { sodium.memzero(l.wrappingKey); }
          return api("GET", "/api/unit/me");
        });
      })
      .then(function (me) {
        $("password").value = ""; $("signin-error").textContent = "";
        $("signin-view").hidden = true; $("unit-view").hidden = false; $("signout").hidden = false;
        $("who").textContent = me.name;
        $("covers").textContent = t("covers") + me.municipalities.join(", ");
        $("available").checked = me.available;
        connect();
        poll = setInterval(load, 10000);
        return load();
      })
      .catch(function (err) { token = null; $("signin-error").textContent = err.message; });
  });

  function signOut() {
    if (token) fetch("/api/auth/logout", { method: "POST", headers: { "Authorization": "Bearer " + token, "X-Hotline-Request": "1" } }).catch(function () {});
    token = null; known = null; if (hub) hub.stop(); hub = null; clearInterval(poll);
    if (keys) { window.sodium.memzero(keys.privateKey); keys = null; }
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

  var audio = null;
  // A new dispatch: vibrate where the phone can, and sound three short tones.
  function alertNew() {
    window.hlUnitAlerts = (window.hlUnitAlerts || 0) + 1;
    if (navigator.vibrate) { try { navigator.vibrate([300, 150, 300, 150, 300]); } catch (e) { /* not allowed */ } }
    if (navigator.userActivation && !navigator.userActivation.hasBeenActive) return;
    try {
      audio = audio || new AudioContext();
      var now = audio.currentTime;
      [0, 0.25, 0.5].forEach(function (at) {
        var osc = audio.createOscillator(), gain = audio.createGain();
        osc.frequency.value = 880;
        gain.gain.setValueAtTime(0.0001, now + at);
        gain.gain.exponentialRampToValueAtTime(0.3, now + at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + at + 0.2);
        osc.connect(gain).connect(audio.destination);
        osc.start(now + at); osc.stop(now + at + 0.21);
      });
    } catch (e) { /* no audio device */ }
  }

  function step(d, status, label) {
    var b = document.createElement("button"); b.type = "button"; b.textContent = label; b.className = "secondary";
    b.addEventListener("click", function () {
      api("POST", "/api/unit/dispatches/" + encodeURIComponent(d.code) + "/status", { status: status }).then(load).catch(function (err) { $("unit-error").textContent = err.message; });
    });
    return b;
  }

  // The dispatch's area, opened with this unit's key; it must name this dispatch's code (a value copied from another does not show).
  function area(d) {
    var prefix = "hl-dispatch-area-v1|" + d.code + "|";
    try {
      var sodium = window.sodium;
      var text = sodium.to_string(sodium.crypto_box_seal_open(sodium.from_base64(d.sealedMunicipality, sodium.base64_variants.ORIGINAL), keys.publicKey, keys.privateKey));
      return text.indexOf(prefix) === 0 ? text.slice(prefix.length) : "?";
    } catch (e) { return "?"; }
  }

  function load() {
    return api("GET", "/api/unit/dispatches").then(function (list) {
      var ul = $("dispatches"); ul.textContent = "";
      var waiting = 0, fresh = false;
      list.forEach(function (d) {
        if (known && d.status === "sent" && !known[d.code]) fresh = true;
        var li = document.createElement("li"); li.className = "dispatch " + d.status; li.dataset.code = d.code; li.dataset.status = d.status;
        var h = document.createElement("h3"); h.textContent = d.code + " · " + t(d.urgency); li.appendChild(h);
        var p = document.createElement("p"); p.textContent = area(d) + " · " + categoryWord(d.category) + " · " + statusWord(d.status) + (d.contactApproved ? " · " + t("cleared") : ""); li.appendChild(p);
        if (d.sentAt) { var time = document.createElement("time"); time.dateTime = d.sentAt; time.className = "sent-at"; time.textContent = t("sentAt", { t: when(d.sentAt) }); li.appendChild(time); }
        var actions = document.createElement("div"); actions.className = "actions";
        if (d.status === "sent") {
          waiting++;
          var b = document.createElement("button"); b.type = "button"; b.textContent = t("ack", { code: d.code });
          b.addEventListener("click", function () {
            api("POST", "/api/unit/dispatches/" + encodeURIComponent(d.code) + "/ack").then(load).catch(function (err) { $("unit-error").textContent = err.message; });
          });
          actions.appendChild(b);
        }
        if (d.status === "acknowledged") actions.appendChild(step(d, "en-route", t("enRoute")));
        if (d.status === "acknowledged" || d.status === "en-route") actions.appendChild(step(d, "arrived", t("arrived")));
        if (d.status === "acknowledged" || d.status === "en-route" || d.status === "arrived") actions.appendChild(step(d, "closed", t("close")));
        if (actions.children.length) li.appendChild(actions);
        ul.appendChild(li);
      });
      if (fresh) alertNew();
      known = {};
      list.forEach(function (d) { known[d.code] = true; });
      $("unit-status").textContent = waiting ? t("dispatchesWaiting", { n: waiting }) : (list.length ? t("nothing") : t("noDispatches"));
    }).catch(function (err) { $("unit-error").textContent = err.message; });
  }

  applyLanguage();
})();
