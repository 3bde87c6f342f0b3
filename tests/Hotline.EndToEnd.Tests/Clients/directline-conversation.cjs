// Holds a whole conversation with the hotline through the official Direct Line client (botframework-directlinejs),
// over its WebSocket stream. Prints one JSON line per event; the test drives the operator's side meanwhile.
// Node has no XMLHttpRequest: the client's ajax service is a fetch-based one (tests/Hotline.Testing/directline-ajax.cjs).
"use strict";
const { DirectLine, ConnectionStatus } = require("botframework-directlinejs");
const WebSocket = require("ws");

const [bot, firstText, afterText] = process.argv.slice(2);
const say = (o) => process.stdout.write(JSON.stringify(o) + "\n");

const ajax = require("../../Hotline.Testing/directline-ajax.cjs")();

(async () => {
  const timer = setTimeout(() => { say({ event: "timeout" }); process.exit(1); }, 60000);
  const token = await (await fetch(bot + "/api/webchat/token", { method: "POST" })).json();
  const dl = new DirectLine({ token: token.token, domain: bot + "/v3/directline", webSocket: true, WebSocket, ajax });
  let sentAfter = false;
  dl.connectionStatus$.subscribe((s) => {
    say({ event: "status", status: ConnectionStatus[s] });
    if (s === ConnectionStatus.Online) {
      say({ event: "conversation", conversationId: dl.conversationId, streamUrl: dl.streamUrl || null });
      dl.postActivity({ type: "message", from: { id: "visitor", role: "user" }, text: firstText })
        .subscribe((id) => say({ event: "posted", id }), (e) => say({ event: "error", status: e.status }));
    }
  });
  dl.activity$.subscribe((a) => {
    say({ event: "activity", role: a.from && a.from.role, name: a.from && a.from.name, text: a.text, id: a.id });
    if (a.from && a.from.name === "Counsellor" && !sentAfter) {
      sentAfter = true;
      dl.postActivity({ type: "message", from: { id: "visitor", role: "user" }, text: afterText }).subscribe((id) => say({ event: "posted", id }));
    }
    if (a.from && a.from.role === "bot" && /counsellor has left|Këshilltari doli/.test(a.text || "")) {
      clearTimeout(timer);
      say({ event: "done" });
      process.exit(0);
    }
  });
})().catch((e) => { say({ event: "error", message: String(e) }); process.exit(1); });
