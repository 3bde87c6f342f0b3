// The operator console: sign in, unlock the team key in this page, watch the queue live, claim, read, reply, transfer,
// record, dispatch; dashboards and the supervisor's view. Message text exists only here, decrypted in this page.
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var state = fresh(null);
  // Alerts as they reached this page (case id and time), for the latency measurement in the tests.
  window.hlAlertLog = [];

  function fresh(sodium) {
    return { token: null, team: null, sodium: sodium, cases: {}, selected: null, detail: null, hub: null, me: null, roles: [], canned: [],
      services: [], team_members: [], approvals: [], exportApproval: null, view: "work", typingAt: 0 };
  }

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

  function enc(id) { return encodeURIComponent(id); }
  function isSupervisor() { return state.roles.indexOf("Supervisor") >= 0; }
  function text(tag, t, cls) { var e = document.createElement(tag); if (t != null) e.textContent = t; if (cls) e.className = cls; return e; }
  function showError(err) { $("case-error").textContent = err.message; }

  function sodiumReady() {
    if (!window.sodium) return Promise.reject(new Error("The encryption library did not load."));
    return window.sodium.ready.then(function () { return window.sodium; });
  }

  // ---- sign-in ----
  $("signin").addEventListener("submit", function (e) {
    e.preventDefault();
    var username = $("username").value.trim(), passphrase = $("password").value;
    $("signin-error").textContent = "Signing in…";
    fetch("/api/auth/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username: username, password: passphrase }) })
      .then(function (r) {
        if (!r.ok) return r.json().catch(function () { return {}; }).then(function (p) {
          throw new Error(p.title === "Locked" ? "Too many failed sign-ins: this account is locked for a while." : "Wrong username or passphrase.");
        });
        return r.json();
      })
      .then(function (login) {
        state.token = login.token;
        $("signin-error").textContent = "Unlocking the transcripts key…";
        return Promise.all([api("GET", "/api/keys/me"), sodiumReady()]);
      })
      .then(function (r) {
        state.sodium = r[1];
        state.team = TranscriptCrypto.unlockTeamKey(state.sodium, r[0], passphrase);
        state.me = r[0].username;
        state.roles = r[0].roles;
        $("password").value = "";
        $("signin-error").textContent = "";
        $("signin-view").hidden = true;
        $("console-shell").hidden = false;
        $("signout").hidden = false;
        $("tabs").hidden = false;
        $("presence").hidden = false; $("presence-label").hidden = false;
        $("tab-supervisor").hidden = !isSupervisor();
        $("who").textContent = "Signed in as " + state.me;
        return Promise.all([loadQueue(), connectHub(), loadReference(), refreshMe(), loadApprovals()]);
      })
      .catch(function (err) { state.token = null; $("signin-error").textContent = err.message; });
  });

  function signOut() {
    if (state.token) fetch("/api/auth/logout", { method: "POST", headers: { "Authorization": "Bearer " + state.token, "X-Hotline-Request": "1" } }).catch(function () {});
    if (state.team) { state.sodium.memzero(state.team.privateKey); }
    if (state.hub) state.hub.stop();
    state = fresh(state.sodium);
    $("console-shell").hidden = true; $("signin-view").hidden = false; $("signout").hidden = true; $("who").textContent = "";
    $("tabs").hidden = true; $("presence").hidden = true; $("presence-label").hidden = true;
    $("transcript").textContent = ""; $("notes").textContent = ""; $("alerts").textContent = "";
  }
  $("signout").addEventListener("click", signOut);

  function loadReference() {
    return Promise.all([api("GET", "/api/canned"), api("GET", "/api/outcomes"), api("GET", "/api/municipalities")]).then(function (r) {
      state.canned = r[0];
      var outcome = $("record-outcome");
      r[1].forEach(function (o) { var opt = text("option", o); opt.value = o; outcome.appendChild(opt); });
      var muni = $("record-municipality");
      r[2].forEach(function (m) { var opt = text("option", m.name + " (" + m.county + ")"); opt.value = m.name; muni.appendChild(opt); });
      renderCanned();
    });
  }

  // ---- presence and wellbeing ----
  function refreshMe() {
    return api("GET", "/api/me").then(renderMe);
  }
  function renderMe(me) {
    $("presence").value = me.status;
    var w = me.wellbeing;
    var line = "This shift: " + w.criticalThisShift + " critical case" + (w.criticalThisShift === 1 ? "" : "s") + " · " + w.minutesSinceBreak + " min since your last break";
    if (w.pauseSuggested) line += " — you have carried a heavy load: take a pause when you can (set your status to Away).";
    $("wellbeing").textContent = line;
    $("wellbeing").classList.toggle("pause", w.pauseSuggested);
    renderSurge(me.surge);
  }
  $("presence").addEventListener("change", function () {
    api("POST", "/api/me/presence", { status: $("presence").value }).then(renderMe).catch(showError);
  });
  setInterval(function () { if (state.token) refreshMe().catch(function () {}); }, 60000);

  function renderSurge(s) {
    var p = $("surge");
    p.hidden = !s.active;
    p.textContent = s.active ? "Surge: " + s.waiting + " urgent case" + (s.waiting === 1 ? "" : "s") + " waiting, " + s.free + " operator" + (s.free === 1 ? "" : "s") + " free. Waiting people have been told their place." : "";
  }

  // ---- live ----
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
      var isNew = !state.cases[c.id];
      if (c.status === "closed") delete state.cases[c.id]; else state.cases[c.id] = c;
      if (c.status !== "open") removeOfferAlerts(c.id);
      if (isNew && c.status === "open" && (c.severity === "critical" || c.severity === "high")) {
        addAlert(c.id, "new", "New " + c.severity + " case waiting: " + (c.categories.join(", ") || "uncategorised") + " (" + c.language + ", " + c.channel + ")", c.conversationId);
      }
      renderQueue();
      if (state.selected === c.id) refreshSelected();
      if (state.view === "supervisor") loadSupervisor();
    });
    hub.on("offered", function (m) {
      var li = addAlert(m.caseId, "offer", "A case is offered to you first: claim it if you can, or decline it so a colleague is asked at once.");
      var no = text("button", "Decline", "secondary");
      no.type = "button";
      no.addEventListener("click", function () { decline(m.caseId); });
      li.insertBefore(no, li.lastChild);
      if (state.selected === m.caseId) refreshSelected();
    });
    hub.on("offerWithdrawn", function (m) {
      removeOfferAlerts(m.caseId);
      if (state.selected === m.caseId) refreshSelected();
    });
    hub.on("handedTo", function (m) { addAlert(m.caseId, "handed", m.by + " handed you a case."); });
    hub.on("alert", function (m) {
      var what = m.stage === 1 ? "Deadline missed: nobody has claimed this case. Every online operator is alerted."
        : m.stage === 2 ? "Still unclaimed: supervisors are alerted." : "Still unclaimed: the on-call supervisor was alerted by SMS.";
      addAlert(m.caseId, "stage" + m.stage, what);
    });
    hub.on("surge", function (s) { renderSurge(s); if (s.active && isSupervisor()) addAlert(null, "surge", "Surge: more urgent cases than free operators."); });
    hub.on("dispatch", function (m) {
      if (state.selected === m.caseId) refreshSelected();
      addAlert(m.caseId, "dispatch", "Dispatch news on this case.");
    });
    hub.on("personTyping", function (m) {
      if (state.selected !== m.caseId) return;
      $("typing").textContent = "The person is typing…";
      clearTimeout(state.typingTimer);
      state.typingTimer = setTimeout(function () { $("typing").textContent = ""; }, 4000);
    });
    hub.onreconnecting(function () { $("live").textContent = "Reconnecting…"; });
    hub.onreconnected(function () { $("live").textContent = "Live"; loadQueue(); });
    state.hub = hub;
    return hub.start().then(function () { $("live").textContent = "Live"; return refreshMe(); });
  }

  function addAlert(caseId, kind, message, conversationId) {
    window.hlAlertLog.push({ caseId: caseId, conversationId: conversationId, kind: kind, at: Date.now() });
    var li = text("li", null, "alert " + kind);
    if (caseId) li.dataset.caseId = caseId;
    li.dataset.kind = kind;
    li.appendChild(text("span", message + (caseId ? " (" + caseId + ")" : "")));
    if (caseId) {
      var open = text("button", "Open");
      open.type = "button";
      open.addEventListener("click", function () { showView("work"); select(caseId); });
      li.appendChild(open);
    }
    var dismiss = text("button", "Dismiss", "secondary");
    dismiss.type = "button";
    dismiss.addEventListener("click", function () { li.remove(); });
    li.appendChild(dismiss);
    var list = $("alerts");
    list.insertBefore(li, list.firstChild);
    while (list.children.length > 8) list.removeChild(list.lastChild);
    return li;
  }

  function removeOfferAlerts(caseId) {
    Array.prototype.forEach.call(document.querySelectorAll("#alerts li.offer"), function (li) { if (li.dataset.caseId === caseId) li.remove(); });
  }

  // ---- queue ----
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

  // A waiting case's place: its rank among waiting cases, in the order the server's queue keeps (severity, then waiting time).
  function places(list) {
    var place = {}, n = 0;
    list.forEach(function (c) { if (c.status === "open") place[c.id] = ++n; });
    return place;
  }

  function renderQueue() {
    var list = ordered(), ul = $("queue"), place = places(list);
    ul.textContent = "";
    $("queue-count").textContent = "(" + list.length + ")";
    $("queue-empty").hidden = list.length > 0;
    list.forEach(function (c) {
      var li = document.createElement("li"), b = document.createElement("button");
      b.type = "button";
      b.dataset.caseId = c.id;
      if (place[c.id]) b.dataset.place = String(place[c.id]);
      if (state.selected === c.id) b.setAttribute("aria-current", "true");
      var line1 = document.createElement("span");
      var sev = text("span", c.severity, "sev " + c.severity);
      line1.appendChild(sev);
      line1.appendChild(document.createTextNode(" " + (c.categories.join(", ") || "uncategorised") + (c.minor ? " · minor" : "")));
      var line2 = text("span", c.channel + " · " + c.language + " · " + (c.status === "open" ? "place " + place[c.id] + " · waiting " + waited(c) : "held by " + c.holder), "muted");
      b.appendChild(line1); b.appendChild(line2);
      b.addEventListener("click", function () { select(c.id); });
      li.appendChild(b); ul.appendChild(li);
    });
  }
  setInterval(function () { if (state.token && state.view === "work") renderQueue(); }, 15000);

  // ---- case ----
  function select(id) {
    state.selected = id;
    state.exportApproval = null;
    $("export-download").hidden = true;
    $("transfer").hidden = true;
    $("typing").textContent = "";
    renderQueue();
    refreshSelected();
  }

  function refreshSelected() {
    var id = state.selected;
    return api("GET", "/api/cases/" + enc(id) + "/detail").then(function (d) {
      if (state.selected !== id) return;
      state.detail = d;
      state.cases[id] = d.case.status === "closed" ? state.cases[id] : d.case;
      renderCase(d);
      return Promise.all([loadTranscript(id), loadNotes(id), loadServices(d.place)]);
    }).catch(showError);
  }

  function renderCase(d) {
    var c = d.case;
    $("case").hidden = false;
    $("case-id").textContent = c.id;
    $("case-duress").hidden = !d.duress;
    $("case-error").textContent = "";
    var stage = ["—", "all operators alerted", "supervisors alerted", "on-call supervisor alerted"][d.escalation] || "—";
    var facts = [["Severity", c.severity], ["Categories", c.categories.join(", ") || "—"], ["Minor", c.minor ? "yes" : "no"],
      ["Age", d.age != null ? String(d.age) : "unknown"], ["Area", d.place || "unknown"], ["Channel", c.channel], ["Language", c.language],
      ["Opened", new Date(c.openedAt).toLocaleString()], ["Status", c.status + (c.holder ? " (" + c.holder + ")" : "")],
      ["Offered to", d.offeredTo || "—"], ["Escalation", stage]];
    var dl = $("case-facts"); dl.textContent = "";
    facts.forEach(function (f) { dl.appendChild(text("dt", f[0])); dl.appendChild(text("dd", f[1])); });
    var mine = c.status === "claimed" && c.holder === state.me;
    $("claim").disabled = c.status !== "open";
    $("decline").disabled = c.status !== "open" || d.offeredTo !== state.me;
    $("release").disabled = !mine;
    $("transfer-open").disabled = !mine;
    $("reply").querySelector("button").disabled = !mine;

    var ind = $("indicators"); ind.textContent = "";
    if (!d.indicators.length) ind.appendChild(text("li", "No indicator recorded (severity from the conversation as a whole)."));
    d.indicators.forEach(function (i) { ind.appendChild(text("li", i.category + " · " + i.id + " (message " + i.seq + ", highlighted below)")); });

    var tl = $("timeline"); tl.textContent = "";
    d.timeline.forEach(function (t) {
      tl.appendChild(text("li", new Date(t.at).toLocaleTimeString() + " · " + t.kind + (t.by ? " · " + t.by : "") + (t.detail ? " · " + t.detail : "")));
    });

    var r = d.record;
    $("record-outcome").value = r.outcome || "";
    $("record-municipality").value = d.place || "";
    $("record-followup").value = r.followUp || "";
    state.referrals = r.referrals || [];

    var dp = $("dispatch-panel");
    dp.hidden = !d.dispatch;
    if (d.dispatch) {
      var x = d.dispatch;
      $("dispatch-status").textContent = x.code + " · " + x.status + " · unit " + x.unit + " · " + x.municipality + " · " + x.category + " · " + x.urgency +
        (x.contactApproved ? " · contact cleared" : "");
      $("dispatch-confirm").disabled = x.status !== "proposed";
    }
    renderCanned();
  }

  function highlight(li, message, marks) {
    var at = 0;
    marks.slice().sort(function (a, b) { return a.start - b.start; }).forEach(function (m) {
      if (m.start < at || m.start + m.length > message.length) return;
      li.appendChild(document.createTextNode(message.slice(at, m.start)));
      var mark = text("mark", message.substr(m.start, m.length));
      mark.title = m.category + " · " + m.id;
      li.appendChild(mark);
      at = m.start + m.length;
    });
    li.appendChild(document.createTextNode(message.slice(at)));
  }

  function renderEntries(ol, opened, marksFor) {
    ol.textContent = "";
    opened.forEach(function (e) {
      var li = text("li", null, "entry " + e.author + (e.error ? " broken" : ""));
      li.appendChild(text("span", (e.author === "operator" ? "operator " + (e.by || "") : e.author) + " · " + new Date(e.at).toLocaleTimeString(), "meta"));
      if (e.error) li.appendChild(document.createTextNode(e.error));
      else highlight(li, e.text, marksFor ? marksFor(e.seq) : []);
      ol.appendChild(li);
    });
    ol.scrollTop = ol.scrollHeight;
  }

  function loadTranscript(id) {
    var c = state.cases[id] || (state.detail && state.detail.case);
    return api("GET", "/api/cases/" + enc(id) + "/transcript").then(function (entries) {
      if (state.selected !== id) return;
      var opened = TranscriptCrypto.openTranscript(state.sodium, state.team, c.conversationId, entries);
      var indicators = (state.detail && state.detail.indicators) || [];
      renderEntries($("transcript"), opened, function (seq) { return indicators.filter(function (i) { return i.seq === seq; }); });
    });
  }

  function loadNotes(id) {
    return api("GET", "/api/cases/" + enc(id) + "/notes").then(function (entries) {
      if (state.selected !== id) return;
      renderEntries($("notes"), TranscriptCrypto.openTranscript(state.sodium, state.team, "note-" + id, entries));
      $("notes-panel").hidden = entries.length === 0;
    });
  }

  function loadServices(place) {
    return api("GET", "/api/services" + (place ? "?municipality=" + enc(place) : "")).then(function (list) {
      var ul = $("record-referrals"); ul.textContent = "";
      list.forEach(function (s) {
        var li = document.createElement("li"), box = document.createElement("input"), label = text("label", s.name + " — " + s.serves + " [" + s.kind + (s.verify ? ", verify" : "") + "]");
        box.type = "checkbox"; box.value = s.id; box.id = "ref-" + s.id;
        box.checked = (state.referrals || []).indexOf(s.id) >= 0;
        label.htmlFor = box.id;
        li.appendChild(box); li.appendChild(label); ul.appendChild(li);
      });
    });
  }

  // ---- actions ----
  function claim() {
    var id = state.selected; if (!id) return;
    api("POST", "/api/cases/" + enc(id) + "/claim").then(function (c) { state.cases[c.id] = c; renderQueue(); refreshSelected(); refreshMe(); }).catch(showError);
  }
  function decline(id) {
    api("POST", "/api/cases/" + enc(id) + "/decline").then(function () {
      removeOfferAlerts(id);
      if (state.selected === id) refreshSelected();
    }).catch(showError);
  }
  function release() {
    var id = state.selected; if (!id) return;
    api("POST", "/api/cases/" + enc(id) + "/release").then(function (c) { delete state.cases[c.id]; renderQueue(); refreshSelected(); }).catch(showError);
  }
  function openTransfer() {
    if ($("transfer-open").disabled) return;
    api("GET", "/api/team").then(function (members) {
      var sel = $("transfer-to"); sel.textContent = "";
      members.filter(function (m) { return m.username !== state.me; }).forEach(function (m) {
        var opt = text("option", m.username + " (" + m.status + (m.roles.indexOf("Supervisor") >= 0 ? ", supervisor" : "") + ", " + m.load + "/" + m.capacity + ")");
        opt.value = m.username; opt.disabled = m.status === "offline" && m.roles.indexOf("Supervisor") < 0;
        sel.appendChild(opt);
      });
      $("transfer").hidden = false;
      sel.focus();
    }).catch(showError);
  }
  $("claim").addEventListener("click", claim);
  $("release").addEventListener("click", release);
  $("decline").addEventListener("click", function () { if (state.selected && !$("decline").disabled) decline(state.selected); });
  $("transfer-open").addEventListener("click", openTransfer);
  $("transfer-cancel").addEventListener("click", function () { $("transfer").hidden = true; });
  $("transfer").addEventListener("submit", function (e) {
    e.preventDefault();
    var id = state.selected;
    api("POST", "/api/cases/" + enc(id) + "/transfer", { to: $("transfer-to").value, note: $("transfer-note").value })
      .then(function (c) { $("transfer-note").value = ""; $("transfer").hidden = true; state.cases[c.id] = c; renderQueue(); refreshSelected(); })
      .catch(showError);
  });

  function sendReply() {
    var t = $("reply-text").value.trim(), id = state.selected;
    if (!t || $("reply").querySelector("button").disabled) return;
    api("POST", "/api/cases/" + enc(id) + "/messages", { text: t })
      .then(function () { $("reply-text").value = ""; return loadTranscript(id); })
      .catch(showError);
  }
  $("reply").addEventListener("submit", function (e) { e.preventDefault(); sendReply(); });
  $("reply-text").addEventListener("keydown", function (e) { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); sendReply(); } });
  $("reply-text").addEventListener("input", function () {
    var now = Date.now(), c = state.cases[state.selected];
    if (!c || c.holder !== state.me || now - state.typingAt < 3000) return;
    state.typingAt = now;
    api("POST", "/api/cases/" + enc(state.selected) + "/typing").catch(function () {});
  });

  function renderCanned() {
    var sel = $("canned"), c = state.selected && state.cases[state.selected];
    var lang = c ? c.language : "sq";
    sel.textContent = "";
    sel.appendChild(text("option", "—")).value = "";
    state.canned.slice().sort(function (a, b) { return (a.language === lang ? 0 : 1) - (b.language === lang ? 0 : 1); }).forEach(function (a, i) {
      var opt = text("option", a.language + " · " + a.title); opt.value = String(state.canned.indexOf(a)); sel.appendChild(opt);
    });
  }
  $("canned").addEventListener("change", function () {
    var a = state.canned[Number($("canned").value)];
    if (a) { $("reply-text").value = a.text; $("reply-text").focus(); }
  });

  $("record").addEventListener("submit", function (e) {
    e.preventDefault();
    var refs = Array.prototype.map.call(document.querySelectorAll("#record-referrals input:checked"), function (b) { return b.value; });
    api("PUT", "/api/cases/" + enc(state.selected) + "/record", {
      outcome: $("record-outcome").value || null, referrals: refs, followUp: $("record-followup").value || null, municipality: $("record-municipality").value || null
    }).then(function () { $("record-status").textContent = "Saved."; return refreshSelected(); }).catch(function (err) { $("record-status").textContent = err.message; });
  });

  $("dispatch-confirm").addEventListener("click", function () {
    api("POST", "/api/cases/" + enc(state.selected) + "/dispatch/confirm").then(refreshSelected).catch(showError);
  });
  $("reveal-request").addEventListener("click", function () {
    api("POST", "/api/cases/" + enc(state.selected) + "/approvals", { action: "reveal-contact", personAgreed: $("reveal-agreed").checked })
      .then(function () { $("case-error").textContent = "Asked a colleague to approve sharing the contact."; }).catch(showError);
  });

  // ---- four eyes ----
  $("export-request").addEventListener("click", function () {
    api("POST", "/api/cases/" + enc(state.selected) + "/approvals", { action: "export-transcript" })
      .then(function (a) { state.exportApproval = a.id; $("case-error").textContent = "Export requested: a second operator or a supervisor must approve it."; })
      .catch(showError);
  });
  $("export-download").addEventListener("click", function () {
    var id = state.selected;
    api("GET", "/api/cases/" + enc(id) + "/export?approval=" + enc(state.exportApproval)).then(function (bundle) {
      var lines = TranscriptCrypto.openTranscript(state.sodium, state.team, bundle.conversationId, bundle.transcript)
        .map(function (e) { return new Date(e.at).toISOString() + " " + e.author + (e.by ? " " + e.by : "") + ": " + (e.error || e.text); });
      var notes = TranscriptCrypto.openTranscript(state.sodium, state.team, "note-" + id, bundle.notes)
        .map(function (e) { return new Date(e.at).toISOString() + " note " + (e.by || "") + ": " + (e.error || e.text); });
      var blob = new Blob(["Case " + id + "\n\n" + lines.join("\n") + "\n\nPrivate notes\n" + notes.join("\n") + "\n"], { type: "text/plain" });
      var a = document.createElement("a"); a.href = URL.createObjectURL(blob); a.download = "case-" + id + ".txt"; a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
      $("export-download").hidden = true; state.exportApproval = null;
    }).catch(showError);
  });

  function loadApprovals() {
    return api("GET", "/api/approvals").then(function (list) {
      var ul = $("approvals"); ul.textContent = "";
      list.forEach(function (a) {
        var li = text("li", a.requestedBy + " asks: " + a.action + " on " + a.caseId + " ");
        if (a.requestedBy !== state.me) {
          var b = text("button", "Approve"); b.type = "button";
          b.addEventListener("click", function () { api("POST", "/api/approvals/" + enc(a.id) + "/approve").then(loadApprovals).catch(showError); });
          li.appendChild(b);
        } else li.appendChild(text("span", "(waiting for a colleague)", "muted"));
        ul.appendChild(li);
      });
      if (!list.length) ul.appendChild(text("li", "None.", "muted"));
      // My own export, once approved, can be downloaded.
      if (state.exportApproval && !list.some(function (a) { return a.id === state.exportApproval; })) $("export-download").hidden = false;
    });
  }
  setInterval(function () { if (state.token) loadApprovals().catch(function () {}); }, 5000);

  // ---- keyboard ----
  document.addEventListener("keydown", function (e) {
    if (!state.token || !e.altKey || e.ctrlKey || e.metaKey) return;
    var k = e.key.toLowerCase();
    if (k === "c") { e.preventDefault(); claim(); }
    else if (k === "r") { e.preventDefault(); $("reply-text").focus(); }
    else if (k === "t") { e.preventDefault(); openTransfer(); }
    else if (k === "l") { e.preventDefault(); release(); }
  });

  // ---- views ----
  function showView(view) {
    state.view = view;
    $("console-view").hidden = view !== "work";
    $("dashboard-view").hidden = view !== "dashboard";
    $("supervisor-view").hidden = view !== "supervisor";
    Array.prototype.forEach.call(document.querySelectorAll("#tabs button"), function (b) { b.setAttribute("aria-pressed", String(b.dataset.view === view)); });
    if (view === "dashboard") loadDashboard();
    if (view === "supervisor") loadSupervisor();
  }
  Array.prototype.forEach.call(document.querySelectorAll("#tabs button"), function (b) { b.addEventListener("click", function () { showView(b.dataset.view); }); });

  function put(id, svg) { var el = $(id); el.textContent = ""; el.appendChild(svg); }
  function loadDashboard() {
    return api("GET", "/api/dashboard").then(function (d) {
      put("chart-queue", HotlineCharts.line(d.queueLength.map(function (p) { return { at: p.at, value: p.value }; }), d.from, d.to, "Queue length over the last 24 hours"));
      put("chart-wait", HotlineCharts.bars(d.waitBySeverity.map(function (w) {
        return { label: w.severity + " (" + w.count + ")", values: [{ name: "median", value: Math.round(w.medianSeconds), color: "#1f4f8a" }, { name: "p90", value: Math.round(w.p90Seconds), color: "#b34700" }] };
      }), "Waiting time before claim by severity"));
      put("chart-missed", HotlineCharts.line(d.missedDeadlinesPerHour, d.from, d.to, "Deadlines missed per hour", true));
      $("missed-total").textContent = "(" + d.missedDeadlines + " in all)";
      put("chart-dispatch", HotlineCharts.line(d.dispatchSeconds, d.from, d.to, "Seconds from dispatch confirmation to acknowledgement"));
      $("dispatch-median").textContent = d.dispatchMedianSeconds != null ? "(median " + Math.round(d.dispatchMedianSeconds) + " s)" : "";
    });
  }

  function loadSupervisor() {
    if (!isSupervisor()) return Promise.resolve();
    return Promise.all([api("GET", "/api/supervisor/overview"), api("GET", "/api/audit?last=50")]).then(function (r) {
      var o = r[0], tb = document.querySelector("#ops-table tbody"); tb.textContent = "";
      o.operators.forEach(function (m) {
        var tr = document.createElement("tr"), w = m.wellbeing;
        [m.username, m.status, m.load + "/" + m.capacity, String(w.criticalThisShift), w.minutesSinceBreak + " min", w.pauseSuggested ? "pause suggested" : "ok"]
          .forEach(function (v, i) { tr.appendChild(text(i === 0 ? "th" : "td", v)); });
        tr.firstChild.setAttribute("scope", "row");
        tb.appendChild(tr);
      });
      var cb = document.querySelector("#all-table tbody"); cb.textContent = "";
      o.cases.forEach(function (c) {
        var tr = document.createElement("tr");
        var th = text("th", c.id); th.setAttribute("scope", "row"); tr.appendChild(th);
        tr.appendChild(text("td", c.severity)); tr.appendChild(text("td", c.status)); tr.appendChild(text("td", c.holder || "—"));
        var td = document.createElement("td"), sel = document.createElement("select"), go = text("button", "Reassign");
        sel.setAttribute("aria-label", "Reassign case " + c.id + " to");
        o.operators.forEach(function (m) { var opt = text("option", m.username); opt.value = m.username; sel.appendChild(opt); });
        go.type = "button";
        go.addEventListener("click", function () { api("POST", "/api/supervisor/cases/" + enc(c.id) + "/assign", { to: sel.value }).then(loadSupervisor).catch(showError); });
        td.appendChild(sel); td.appendChild(go); tr.appendChild(td);
        var td2 = document.createElement("td"), take = text("button", "Take over"); take.type = "button";
        take.setAttribute("aria-label", "Take over case " + c.id);
        take.addEventListener("click", function () { api("POST", "/api/supervisor/cases/" + enc(c.id) + "/takeover").then(function () { showView("work"); select(c.id); }).catch(showError); });
        td2.appendChild(take); tr.appendChild(td2);
        cb.appendChild(tr);
      });
      $("canned-json").value = state.canned.map(function (a) { return [a.id, a.language, a.title, a.text].join(" | "); }).join("\n");
      var v = r[1].verification;
      $("audit-status").textContent = v.intact ? "Chain intact: " + v.entries + " entries." : "CHAIN BROKEN at " + v.brokenAt + ".";
      var ol = $("audit"); ol.textContent = "";
      r[1].entries.slice().reverse().forEach(function (e) {
        ol.appendChild(text("li", new Date(e.at).toLocaleTimeString() + " · " + e.actor + " · " + e.action + (e.caseId ? " · " + e.caseId : "") + (e.detail ? " · " + e.detail : "")));
      });
    }).catch(showError);
  }
  $("canned-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var answers = $("canned-json").value.split("\n").filter(function (l) { return l.trim(); }).map(function (l) {
      var p = l.split("|").map(function (s) { return s.trim(); });
      return { id: p[0], language: p[1], title: p[2], text: p.slice(3).join(" | ") };
    });
    api("PUT", "/api/canned", { answers: answers }).then(function (saved) { state.canned = saved; renderCanned(); $("canned-status").textContent = "Saved."; })
      .catch(function (err) { $("canned-status").textContent = err.message; });
  });
})();
