// A mobile unit's page on a phone, in Albanian or English: sign in, set availability, see dispatches (area, category,
// urgency, code), acknowledge, then say en route, arrived and closed (each shows on the case's timeline). A new
// dispatch vibrates the phone and sounds (WebAudio, no asset).
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var token = null, hub = null, poll = null, known = null;

  var words = {
    en: { title: "Mobile unit", signIn: "Sign in", unit: "Unit", passphrase: "Passphrase", signOut: "Sign out", availability: "Availability",
      available: "Available for dispatches", dispatches: "Dispatches", covers: "Covers: ", waiting: "{n} dispatch(es) waiting for your acknowledgement.",
      nothing: "Nothing waiting.", none: "No dispatches.", ack: "Acknowledge {code}", enRoute: "On our way", arrived: "Arrived", close: "Close dispatch",
      cleared: "contact cleared (sent separately)", signingIn: "Signing in…", wrong: "Wrong unit name or passphrase.", locked: "Locked after too many failed sign-ins.",
      ended: "Your session has ended; sign in again.", notUnit: "This page is for mobile unit accounts.",
      note: "A dispatch holds only the area, category, urgency and a code. Call the hotline's supervisor line for anything more.",
      sent: "waiting for you", acknowledged: "acknowledged", "en-route": "en route", arrivedState: "arrived", closed: "closed", fallback: "passed to the supervisor", cancelled: "cancelled",
      critical: "critical", high: "high", medium: "medium", low: "low", sentAt: "sent {t}",
      domestic_violence: "domestic violence", sexual_violence: "sexual violence", trafficking: "trafficking", digital_violence: "digital violence",
      child_at_risk: "child at risk", hate_violence: "hate violence (LGBTIQ)", self_harm: "self-harm", stalking: "stalking", other: "other" },
    sq: { title: "Njësia e lëvizshme", signIn: "Hyr", unit: "Njësia", passphrase: "Fjalëkalimi", signOut: "Dil", availability: "Disponueshmëria",
      available: "E disponueshme për dërgime", dispatches: "Dërgimet", covers: "Mbulon: ", waiting: "{n} dërgim(e) presin konfirmimin tuaj.",
      nothing: "Asgjë në pritje.", none: "Asnjë dërgim.", ack: "Konfirmo {code}", enRoute: "Jemi në rrugë", arrived: "Mbërritëm", close: "Mbyll dërgimin",
      cleared: "kontakti u lejua (dërgohet veçmas)", signingIn: "Po hyni…", wrong: "Emër njësie ose fjalëkalim i gabuar.", locked: "E bllokuar pas shumë përpjekjesh.",
      ended: "Seanca mbaroi; hyni përsëri.", notUnit: "Kjo faqe është për llogaritë e njësive të lëvizshme.",
      note: "Një dërgim mban vetëm zonën, kategorinë, urgjencën dhe një kod. Për më shumë, telefononi linjën e mbikëqyrësit.",
      sent: "ju pret", acknowledged: "konfirmuar", "en-route": "në rrugë", arrivedState: "mbërritur", closed: "mbyllur", fallback: "kaloi te mbikëqyrësi", cancelled: "anuluar",
      critical: "kritike", high: "e lartë", medium: "mesatare", low: "e ulët", sentAt: "dërguar {t}",
      domestic_violence: "dhunë në familje", sexual_violence: "dhunë seksuale", trafficking: "trafikim", digital_violence: "dhunë digjitale",
      child_at_risk: "fëmijë në rrezik", hate_violence: "dhunë nga urrejtja (LGBTIQ)", self_harm: "vetëdëmtim", stalking: "përndjekje", other: "tjetër" }
  };
  var lang = (function () {
    try { var s = localStorage.getItem("hl-unit-language"); if (s === "sq" || s === "en") return s; } catch (e) { /* blocked */ }
    return (navigator.language || "").toLowerCase().indexOf("sq") === 0 ? "sq" : "en";
  })();
  function t(key, vars) {
    var s = words[lang][key] || words.en[key] || key;
    Object.keys(vars || {}).forEach(function (k) { s = s.split("{" + k + "}").join(vars[k]); });
    return s;
  }
  function statusWord(s) { return s === "arrived" ? t("arrivedState") : t(s); }
  function categoryWord(c) { return words.en[c] ? t(c) : String(c).replace(/_/g, " "); }
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
      .then(function (l) { window.sodium.memzero(l.wrappingKey); token = l.token; return api("GET", "/api/unit/me"); })
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

  function load() {
    return api("GET", "/api/unit/dispatches").then(function (list) {
      var ul = $("dispatches"); ul.textContent = "";
      var waiting = 0, fresh = false;
      list.forEach(function (d) {
        if (known && d.status === "sent" && !known[d.code]) fresh = true;
        var li = document.createElement("li"); li.className = "dispatch " + d.status; li.dataset.code = d.code; li.dataset.status = d.status;
        var h = document.createElement("h3"); h.textContent = d.code + " · " + t(d.urgency); li.appendChild(h);
        var p = document.createElement("p"); p.textContent = d.municipality + " · " + categoryWord(d.category) + " · " + statusWord(d.status) + (d.contactApproved ? " · " + t("cleared") : ""); li.appendChild(p);
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
      $("unit-status").textContent = waiting ? t("waiting", { n: waiting }) : (list.length ? t("nothing") : t("none"));
    }).catch(function (err) { $("unit-error").textContent = err.message; });
  }

  applyLanguage();
})();
