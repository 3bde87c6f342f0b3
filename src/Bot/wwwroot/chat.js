// The hotline's own light web chat: Direct Line 3.0 with plain fetch and the WebSocket stream (polling when the
// stream cannot open or drops), no third-party code. Shows when the counsellor is typing and tells them when the
// person is; each message has its time, and the person's own a state: sending, sent, delivered, read. The counsellor
// learns the same of theirs: this page says when it received each of their messages, and when it showed it on screen.
(function () {
  "use strict";
  var NEUTRAL_SITE = "https://www.google.com/search?q=weather";
  var STORE = "hl-chat";
  var TYPING_EVERY_MS = 3000, TYPING_SHOWN_MS = 5000;
  var log = document.getElementById("log");
  var statusLine = document.getElementById("status");
  var typingLine = document.getElementById("typing");
  var form = document.getElementById("composer");
  var input = document.getElementById("text");
  var session = null;
  var watermark = "";
  var seen = {};
  var pending = {};          // clientActivityID → { li, text, id } of the person's message, until the hotline echoes it
  var polling = null, socket = null, streamFailures = 0, typingSentAt = 0, typingTimer = null;
  var unread = [];           // ids of the counsellor's messages received while the page was hidden

  // Quick exit: forget the session and replace this page in history with a neutral one.
  function quickExit() {
    try { sessionStorage.removeItem(STORE); } catch (e) { /* storage may be blocked */ }
    if (polling) clearTimeout(polling);
    if (socket) { socket.onclose = null; socket.close(); }
    log.textContent = "";
    window.location.replace(NEUTRAL_SITE);
  }
  document.getElementById("exit").addEventListener("click", quickExit);
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") quickExit(); });

  function say(text) { statusLine.textContent = text; }

  // "Delete this conversation": a clear confirm step, then the page says only what the hotline reports it did.
  var confirmBox = document.getElementById("delete-confirm");
  document.getElementById("delete").addEventListener("click", function () {
    confirmBox.hidden = false;
    document.getElementById("delete-no").focus();
  });
  document.getElementById("delete-no").addEventListener("click", function () {
    confirmBox.hidden = true;
    document.getElementById("delete").focus();
  });
  document.getElementById("delete-yes").addEventListener("click", function () {
    if (!session) { confirmBox.hidden = true; return; }
    var yes = document.getElementById("delete-yes");
    yes.disabled = true;
    fetch("/api/webchat/conversations/" + encodeURIComponent(session.conversationId), {
      method: "DELETE", headers: { Authorization: "Bearer " + session.token }, cache: "no-store", credentials: "omit"
    }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (done) {
      try { sessionStorage.removeItem(STORE); } catch (e) { /* storage may be blocked */ }
      if (polling) clearTimeout(polling);
      if (socket) { socket.onclose = null; socket.close(); socket = null; }
      session = null;
      log.textContent = "";
      confirmBox.hidden = true;
      form.hidden = true;
      var sq = ["U fshinë mesazhet e kësaj bisede nga linja."], en = ["This conversation's messages are deleted from the hotline."];
      if (done.caseCodeRevoked) { sq.push("Kodi i rastit nuk funksionon më."); en.push("Its case code no longer works."); }
      if (done.caseClosing) { sq.push("Rasti i këshilltarëve po mbyllet pa të dhëna që ju identifikojnë."); en.push("The counsellors' case is being closed without anything that identifies you."); }
      sq.push("Për të shkruar përsëri, rihapni faqen."); en.push("To write again, reload this page.");
      say(sq.join(" ") + " / " + en.join(" "));
    }).catch(function () {
      yes.disabled = false;
      say("Fshirja nuk u krye. Provoni përsëri. / Nothing was deleted. Please try again.");
    });
  });

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

  function clock(at) {
    var d = at ? new Date(at) : new Date();
    return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
  }

  var STATES = { sending: "Po dërgohet… / Sending…", sent: "Dërguar / Sent", delivered: "U mor / Delivered", read: "Lexuar / Read", failed: "Nuk u dërgua / Not sent" };
  function setState(li, state) {
    var s = li.querySelector(".state");
    if (!s) return;
    li.dataset.state = state;
    s.textContent = STATES[state];
  }

  function bubble(mine, counsellor, text, at) {
    var li = document.createElement("li");
    li.className = "msg " + (mine ? "user" : "bot");
    var who = document.createElement("span");
    who.className = "who";
    who.textContent = (mine ? "Ju / You" : counsellor ? "Këshilltari / Counsellor" : "Hotline") + " · ";
    var time = document.createElement("time");
    time.textContent = clock(at);
    if (at) time.dateTime = at;
    who.appendChild(time);
    li.appendChild(who);
    li.appendChild(document.createTextNode(text));
    if (mine) {
      var s = document.createElement("span");
      s.className = "state";
      li.appendChild(s);
    }
    log.appendChild(li);
    log.scrollTop = log.scrollHeight;
    return li;
  }

  // A counsellor's answer means the person's earlier messages were read by a person: only then do they say "read".
  function markRead() {
    Array.prototype.forEach.call(log.querySelectorAll("li.user[data-state='delivered']"), function (li) { setState(li, "read"); });
  }

  // A receipt for the counsellor's message (an event activity, nothing stored but its state): best effort.
  function receipt(id, state) {
    if (!session || !id) return;
    api("POST", conversationPath() + "/activities", { type: "event", name: "receipt", value: state, replyToId: id }).catch(function () {});
  }

  function acknowledge(id) {
    receipt(id, "delivered");
    if (document.visibilityState === "visible") receipt(id, "read");
    else unread.push(id);
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState !== "visible") return;
    unread.splice(0).forEach(function (id) { receipt(id, "read"); });
  });

  function counsellorTyping() {
    typingLine.textContent = "Këshilltari po shkruan… / The counsellor is typing…";
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { typingLine.textContent = ""; }, TYPING_SHOWN_MS);
  }

  // The bubble shown when the person pressed send, matched by the id the hotline gave it, the client's own id, or its words.
  function ownPending(activity) {
    var clientId = activity.channelData && activity.channelData.clientActivityID;
    for (var key in pending) {
      var p = pending[key];
      if (p.id === activity.id || key === clientId || (!p.id && p.text === activity.text)) return { key: key, li: p.li };
    }
    return null;
  }

  function render(activity) {
    var mine = activity.from && activity.from.role === "user";
    if (activity.type === "typing") { if (!mine) counsellorTyping(); return; }
    if (activity.type !== "message" || !activity.text || seen[activity.id]) return;
    seen[activity.id] = true;
    if (mine) {
      var own = ownPending(activity);
      if (own) {
        // Our own message, back from the hotline: it holds it now.
        setState(own.li, "delivered");
        delete pending[own.key];
        return;
      }
    }
    var counsellor = activity.from && activity.from.name === "Counsellor";
    if (counsellor) { markRead(); typingLine.textContent = ""; }
    var li = bubble(mine, counsellor, activity.text, activity.timestamp);
    if (counsellor) acknowledge(activity.id);
    if (mine) setState(li, "delivered");
  }

  function received(set) {
    (set.activities || []).forEach(render);
    if (set.watermark) watermark = set.watermark;
  }

  function conversationPath() { return "/v3/directline/conversations/" + encodeURIComponent(session.conversationId); }

  // ---- polling: the fallback when the stream cannot open ----
  function poll() {
    api("GET", conversationPath() + "/activities" + (watermark ? "?watermark=" + encodeURIComponent(watermark) : ""))
      .then(function (set) {
        received(set);
        say("");
        // The stream may have opened while this request was out: then it carries what follows, not a second poll.
        polling = socket ? null : setTimeout(poll, 1000);
      })
      .catch(function () {
        say("Lidhja u ndërpre, po provojmë përsëri… / Connection lost, retrying…");
        polling = socket ? null : setTimeout(poll, 3000);
      });
  }

  function startPolling() {
    if (polling) clearTimeout(polling);
    poll();
    // Try the stream again now and then: polling once a second is the exception, not the rule.
    setTimeout(function () { if (!socket) openStream(); }, Math.min(60000, 5000 * streamFailures));
  }

  // ---- the WebSocket stream ----
  function openStream() {
    if (!("WebSocket" in window)) return startPolling();
    api("GET", conversationPath() + (watermark ? "?watermark=" + encodeURIComponent(watermark) : "")).then(function (c) {
      if (!c || !c.streamUrl) return startPolling();
      var ws = new WebSocket(c.streamUrl);
      var opened = false;
      ws.onopen = function () {
        opened = true;
        socket = ws;
        streamFailures = 0;
        if (polling) { clearTimeout(polling); polling = null; }
        say("");
      };
      ws.onmessage = function (e) {
        if (!e.data) return; // the stream's heartbeat
        try { received(JSON.parse(e.data)); } catch (err) { /* a partial or foreign frame: the next set repairs it */ }
      };
      ws.onclose = function () {
        if (socket === ws) socket = null;
        streamFailures++;
        if (!opened || streamFailures > 0) startPolling();
      };
    }).catch(startPolling);
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
      // The first messages by one request, then the stream for what follows.
      return api("GET", conversationPath() + "/activities").then(received);
    }).then(openStream).catch(function () {
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
    typingSentAt = 0; // the next words are a new message: the counsellor hears of them at once
    var li = bubble(true, false, text, null);
    setState(li, "sending");
    pending[clientId] = { li: li, text: text, id: null };
    api("POST", conversationPath() + "/activities",
      { type: "message", text: text, locale: document.documentElement.lang, channelData: { clientActivityID: clientId } })
      .then(function (r) {
        if (pending[clientId]) {
          pending[clientId].id = r && r.id;
          setState(li, "sent");
        }
        if (!socket) { if (polling) clearTimeout(polling); poll(); }
      })
      .catch(function () {
        delete pending[clientId];
        setState(li, "failed");
        input.value = text;
        say("Mesazhi nuk u dërgua. Provoni përsëri. / Message not sent. Please try again.");
      });
  });

  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });
  // The counsellor sees that the person is typing (at most every few seconds; nothing is stored).
  input.addEventListener("input", function () {
    var now = Date.now();
    if (!session || !input.value || now - typingSentAt < TYPING_EVERY_MS) return;
    typingSentAt = now;
    api("POST", conversationPath() + "/activities", { type: "typing" }).catch(function () {});
  });

  start();
})();
