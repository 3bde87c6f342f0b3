// The operator console: sign in, unlock the team key in this page, watch the queue live, claim, read, reply.
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var state = { token: null, team: null, sodium: null, cases: {}, selected: null, hub: null, me: null };

  function api(method, path, body) {
    return fetch(path, {
      method: method,
      headers: { "Content-Type": "application/json", "Authorization": "Bearer " + state.token, "X-Hotline-Request": "1" },
      body: body ? JSON.stringify(body) : undefined,
      cache: "no-store"
    }).then(function (r) {
      if (r.status === 401) { signOut(); throw new Error("Your session has ended; sign in again."); }
      if (!r.ok) return r.json().catch(function () { return {}; }).then(function (p) { throw new Error(p.detail || p.title || ("HTTP " + r.status)); });
      return r.status === 204 ? null : r.json();
    });
  }

  function sodiumReady() {
    if (!window.sodium) return Promise.reject(new Error("The encryption library did not load."));
    return window.sodium.ready.then(function () { return window.sodium; });
  }

  $("signin").addEventListener("submit", function (e) {
    e.preventDefault();
    var username = $("username").value.trim(), passphrase = $("password").value;
    $("signin-error").textContent = "Signing in…";
    fetch("/api/auth/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username: username, password: passphrase }) })
      .then(function (r) { if (!r.ok) throw new Error("Wrong username or passphrase."); return r.json(); })
      .then(function (login) {
        state.token = login.token;
        $("signin-error").textContent = "Unlocking the transcripts key…";
        return Promise.all([api("GET", "/api/keys/me"), sodiumReady()]);
      })
      .then(function (r) {
        state.sodium = r[1];
        state.team = TranscriptCrypto.unlockTeamKey(state.sodium, r[0], passphrase);
        state.me = r[0].username;
        $("password").value = "";
        $("signin-error").textContent = "";
        $("signin-view").hidden = true;
        $("console-view").hidden = false;
        $("signout").hidden = false;
        $("who").textContent = "Signed in as " + state.me;
        return Promise.all([loadQueue(), connectHub()]);
      })
      .catch(function (err) { state.token = null; $("signin-error").textContent = err.message; });
  });

  function signOut() {
    if (state.token) fetch("/api/auth/logout", { method: "POST", headers: { "Authorization": "Bearer " + state.token } }).catch(function () {});
    if (state.team) { state.sodium.memzero(state.team.privateKey); }
    if (state.hub) state.hub.stop();
    state = { token: null, team: null, sodium: state.sodium, cases: {}, selected: null, hub: null, me: null };
    $("console-view").hidden = true; $("signin-view").hidden = false; $("signout").hidden = true; $("who").textContent = "";
  }
  $("signout").addEventListener("click", signOut);

  function loadQueue() {
    return api("GET", "/api/cases").then(function (list) {
      state.cases = {};
      list.forEach(function (c) { state.cases[c.id] = c; });
      renderQueue();
    });
  }

  function connectHub() {
    var hub = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/console", { accessTokenFactory: function () { return state.token; } })
      .withAutomaticReconnect()
      .build();
    hub.on("caseChanged", function (c) {
      if (c.status === "closed") delete state.cases[c.id]; else state.cases[c.id] = c;
      renderQueue();
      if (state.selected === c.id) { renderCase(c); loadTranscript(c.id); }
    });
    hub.onreconnecting(function () { $("live").textContent = "Reconnecting…"; });
    hub.onreconnected(function () { $("live").textContent = "Live"; loadQueue(); });
    state.hub = hub;
    return hub.start().then(function () { $("live").textContent = "Live"; });
  }

  var SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3, none: 4 };
  function ordered() {
    return Object.keys(state.cases).map(function (k) { return state.cases[k]; }).sort(function (a, b) {
      var waitingA = a.status === "open" ? 0 : 1, waitingB = b.status === "open" ? 0 : 1;
      return waitingA - waitingB || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || new Date(a.openedAt) - new Date(b.openedAt);
    });
  }

  function waited(c) {
    var s = Math.max(0, Math.round((Date.now() - new Date(c.openedAt)) / 1000));
    return s < 120 ? s + " s" : Math.round(s / 60) + " min";
  }

  function renderQueue() {
    var list = ordered(), ul = $("queue");
    ul.textContent = "";
    $("queue-count").textContent = "(" + list.length + ")";
    $("queue-empty").hidden = list.length > 0;
    list.forEach(function (c) {
      var li = document.createElement("li"), b = document.createElement("button");
      b.type = "button";
      b.dataset.caseId = c.id;
      if (state.selected === c.id) b.setAttribute("aria-current", "true");
      var line1 = document.createElement("span");
      var sev = document.createElement("span"); sev.className = "sev " + c.severity; sev.textContent = c.severity;
      line1.appendChild(sev);
      line1.appendChild(document.createTextNode(" " + (c.categories.join(", ") || "uncategorised") + (c.minor ? " · minor" : "")));
      var line2 = document.createElement("span"); line2.className = "muted";
      line2.textContent = c.channel + " · " + c.language + " · " + (c.status === "open" ? "waiting " + waited(c) : "held by " + c.holder);
      b.appendChild(line1); b.appendChild(line2);
      b.addEventListener("click", function () { select(c.id); });
      li.appendChild(b); ul.appendChild(li);
    });
  }

  function select(id) {
    state.selected = id;
    renderQueue();
    api("GET", "/api/cases/" + encodeURIComponent(id)).then(function (c) { renderCase(c); return loadTranscript(id); })
      .catch(function (err) { $("case-error").textContent = err.message; });
  }

  function renderCase(c) {
    $("case").hidden = false;
    $("case-id").textContent = c.id;
    $("case-error").textContent = "";
    var facts = [["Severity", c.severity], ["Categories", c.categories.join(", ") || "—"], ["Minor", c.minor ? "yes" : "no"],
      ["Channel", c.channel], ["Language", c.language], ["Opened", new Date(c.openedAt).toLocaleString()], ["Status", c.status + (c.holder ? " (" + c.holder + ")" : "")]];
    var dl = $("case-facts"); dl.textContent = "";
    facts.forEach(function (f) { var dt = document.createElement("dt"), dd = document.createElement("dd"); dt.textContent = f[0]; dd.textContent = f[1]; dl.appendChild(dt); dl.appendChild(dd); });
    var mine = c.status === "claimed" && c.holder === state.me;
    $("claim").disabled = c.status !== "open";
    $("release").disabled = !mine;
    $("reply").querySelector("button").disabled = !mine;
  }

  function loadTranscript(id) {
    var c = state.cases[id];
    return api("GET", "/api/cases/" + encodeURIComponent(id) + "/transcript").then(function (entries) {
      var conversationId = (c && c.conversationId) || entries.conversationId;
      var opened = TranscriptCrypto.openTranscript(state.sodium, state.team, conversationId, entries);
      var ol = $("transcript"); ol.textContent = "";
      opened.forEach(function (e) {
        var li = document.createElement("li"); li.className = "entry " + e.author + (e.error ? " broken" : "");
        var meta = document.createElement("span"); meta.className = "meta";
        meta.textContent = (e.author === "operator" ? "operator " + (e.by || "") : e.author) + " · " + new Date(e.at).toLocaleTimeString();
        li.appendChild(meta); li.appendChild(document.createTextNode(e.error || e.text));
        ol.appendChild(li);
      });
      ol.scrollTop = ol.scrollHeight;
    });
  }

  $("claim").addEventListener("click", function () {
    var id = state.selected;
    api("POST", "/api/cases/" + encodeURIComponent(id) + "/claim").then(function (c) { state.cases[c.id] = c; renderQueue(); renderCase(c); })
      .catch(function (err) { $("case-error").textContent = err.message; });
  });
  $("release").addEventListener("click", function () {
    var id = state.selected;
    api("POST", "/api/cases/" + encodeURIComponent(id) + "/release").then(function (c) { delete state.cases[c.id]; renderQueue(); renderCase(c); })
      .catch(function (err) { $("case-error").textContent = err.message; });
  });
  $("reply").addEventListener("submit", function (e) {
    e.preventDefault();
    var text = $("reply-text").value.trim(), id = state.selected;
    if (!text) return;
    api("POST", "/api/cases/" + encodeURIComponent(id) + "/messages", { text: text })
      .then(function () { $("reply-text").value = ""; return loadTranscript(id); })
      .catch(function (err) { $("case-error").textContent = err.message; });
  });
})();
