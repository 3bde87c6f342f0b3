// The official Direct Line client (botframework-directlinejs) refreshing its token on its own timer. The client waits
// 15 minutes between refreshes; its scheduler here runs waits of ten minutes or more a thousand times faster (every
// shorter wait — ajax timeouts, retries, the WebSocket keep-alive — at its real length), so the first refresh comes
// after 0.9 s. Everything the client sends is its own: URL, headers, when, and what it does with the answer.
// Node has no XMLHttpRequest: the client's ajax service is a fetch-based one (tests/Hotline.Testing/directline-ajax.cjs).
// Prints one JSON line per event.
"use strict";
const { DirectLine, ConnectionStatus } = require("botframework-directlinejs");
const { async } = require("rxjs/scheduler/async");
const WebSocket = require("ws");

const [bot, token, text] = process.argv.slice(2);
const say = (o) => process.stdout.write(JSON.stringify(o) + "\n");

const scheduler = {
  now: () => async.now(),
  schedule: (work, delay, state) => async.schedule(work, delay >= 600000 ? delay / 1000 : delay, state),
};

// Every request the client makes is printed with its answer.
const ajax = require("../../../Hotline.Testing/directline-ajax.cjs")((config, status, response) => say({
  event: "request", method: config.method || "GET", path: new URL(config.url).pathname, status,
  authorization: (config.headers && config.headers.Authorization) || "", response,
}));

(async () => {
  setTimeout(() => { say({ event: "timeout" }); process.exit(1); }, 60000);
  const dl = new DirectLine({ token, domain: bot + "/v3/directline", webSocket: true, WebSocket, ajax, scheduler });
  let refreshed = false;
  dl.connectionStatus$.subscribe((s) => {
    say({ event: "status", status: ConnectionStatus[s] });
    if (s === ConnectionStatus.ExpiredToken) { say({ event: "done" }); process.exit(0); }
  });
  dl.activity$.subscribe(() => {});
  // The refresh loop sets the client's token when the answer comes; then it writes with whatever token it holds.
  const wait = setInterval(() => {
    if (refreshed || !dl.token || dl.token === token) return;
    refreshed = true;
    clearInterval(wait);
    say({ event: "refreshed", token: dl.token });
    dl.postActivity({ type: "message", from: { id: "visitor", role: "user" }, text })
      .subscribe((id) => { say({ event: "posted", id }); say({ event: "done" }); process.exit(0); },
        (e) => { say({ event: "error", status: e.status }); process.exit(1); });
  }, 50);
})().catch((e) => { say({ event: "error", message: String(e) }); process.exit(1); });
