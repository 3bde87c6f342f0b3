// The hotline's own light web chat: Direct Line 3.0 over plain fetch, no third-party code.
(function () {
  "use strict";
  var NEUTRAL_SITE = "https://www.google.com/search?q=weather";
  var STORE = "hl-chat";
  var log = document.getElementById("log");
  var statusLine = document.getElementById("status");
  var form = document.getElementById("composer");
  var input = document.getElementById("text");
  var session = null;
  var watermark = "";
  var seen = {};
  var polling = null;

  // Quick exit: forget the session and replace this page in history with a neutral one.
  function quickExit() {
    try { sessionStorage.removeItem(STORE); } catch (e) { /* storage may be blocked */ }
    if (polling) clearTimeout(polling);
    log.textContent = "";
    window.location.replace(NEUTRAL_SITE);
  }
  document.getElementById("exit").addEventListener("click", quickExit);
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") quickExit(); });

  function say(text) { statusLine.textContent = text; }

  function api(method, path, body) {
    return fetch(path, {
      method: method,
      headers: Object.assign({ "Content-Type": "application/json" }, session ? { Authorization: "Bearer " + session.token } : {}),
      body: body ? JSON.stringify(body) : undefined,
      cache: "no-store",
      credentials: "omit"
    }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.status === 204 ? null : r.json();
    });
  }

  function render(activity) {
    if (activity.type !== "message" || !activity.text || seen[activity.id]) return;
    seen[activity.id] = true;
    var li = document.createElement("li");
    var mine = activity.from && activity.from.role === "user";
    li.className = "msg " + (mine ? "user" : "bot");
    var who = document.createElement("span");
    who.className = "who";
    who.textContent = mine ? "Ju / You" : (activity.from && activity.from.name === "Counsellor" ? "Këshilltari / Counsellor" : "Hotline");
    li.appendChild(who);
    li.appendChild(document.createTextNode(activity.text));
    log.appendChild(li);
    log.scrollTop = log.scrollHeight;
  }

  function poll() {
    api("GET", "/v3/directline/conversations/" + encodeURIComponent(session.conversationId) + "/activities" + (watermark ? "?watermark=" + encodeURIComponent(watermark) : ""))
      .then(function (set) {
        (set.activities || []).forEach(render);
        watermark = set.watermark || watermark;
        say("");
        polling = setTimeout(poll, 1000);
      })
      .catch(function () {
        say("Lidhja u ndërpre, po provojmë përsëri… / Connection lost, retrying…");
        polling = setTimeout(poll, 3000);
      });
  }

  function start() {
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(STORE) || "null"); } catch (e) { saved = null; }
    var ready = saved
      ? Promise.resolve(saved)
      : fetch("/api/webchat/token", { method: "POST", credentials: "omit", cache: "no-store" }).then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.json();
        });
    ready.then(function (t) {
      session = { conversationId: t.conversationId, token: t.token };
      return api("POST", "/v3/directline/conversations");
    }).then(function () {
      try { sessionStorage.setItem(STORE, JSON.stringify(session)); } catch (e) { /* private mode */ }
      poll();
    }).catch(function () {
      try { sessionStorage.removeItem(STORE); } catch (e) { /* ignore */ }
      say("Nuk u lidhëm. Provoni përsëri pak më vonë. / Could not connect. Please try again shortly.");
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text || !session) return;
    var clientId = "c" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
    input.value = "";
    api("POST", "/v3/directline/conversations/" + encodeURIComponent(session.conversationId) + "/activities",
      { type: "message", text: text, locale: document.documentElement.lang, channelData: { clientActivityID: clientId } })
      .then(function () { if (polling) { clearTimeout(polling); } poll(); })
      .catch(function () { input.value = text; say("Mesazhi nuk u dërgua. Provoni përsëri. / Message not sent. Please try again."); });
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });

  start();
})();
