// The console's JSON API client: the bearer token, the anti-forgery header, ProblemDetails turned into errors.
import { state } from "./state.js";

let onUnauthorized = () => {};
/** What to do when the server says the session has ended (the session module signs out). */
export function whenUnauthorized(handler) { onUnauthorized = handler; }

export function api(method, path, body) {
  return fetch(path, {
    method: method,
    headers: { "Content-Type": "application/json", "Authorization": "Bearer " + state.token, "X-Hotline-Request": "1" },
    body: body ? JSON.stringify(body) : undefined,
    cache: "no-store"
  }).then((r) => {
    if (r.status === 401) { onUnauthorized(); throw new Error("Your session has ended; sign in again."); }
    if (!r.ok) return r.json().catch(() => ({})).then((p) => { throw new Error(p.detail || p.title || ("HTTP " + r.status)); });
    return r.status === 204 ? null : r.json();
  });
}
