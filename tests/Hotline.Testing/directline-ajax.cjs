// The ajax service botframework-directlinejs needs, on fetch: node has no XMLHttpRequest, and this is the client's only
// outside dependency; everything else (URLs, headers, token refresh, watermarks, the stream) is the official client's
// own. `heard(config, status, response)`, when given, is told of every answer.
"use strict";
const { Observable } = require("rxjs/Observable");

module.exports = function fetchAjax(heard) {
  return (config) => Observable.create((observer) => {
    const controller = new AbortController();
    const body = config.body === undefined || typeof config.body === "string" ? config.body : JSON.stringify(config.body);
    fetch(config.url, { method: config.method || "GET", headers: config.headers, body, signal: controller.signal })
      .then(async (r) => {
        const text = await r.text();
        let response = text;
        try { response = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
        if (heard) heard(config, r.status, response);
        const xhr = { getResponseHeader: (name) => r.headers.get(name) };
        if (r.ok) { observer.next({ response, status: r.status, xhr }); observer.complete(); }
        else observer.error({ status: r.status, response, xhr });
      })
      .catch((e) => observer.error(e));
    return () => controller.abort();
  });
};
