// The console's JSON API client: the bearer token, the anti-forgery header, ProblemDetails turned into errors.
import { state } from "./state.js";

let onUnauthorized = () => {};
/** What to do when the server says the session has ended (the session module signs out). */
export function whenUnauthorized(handler) { onUnauthorized = handler; }

export function api(method, path, body) {
  return fetch(path, {
    method: method,
    // The bearer token when this page signed in; after a reload the HttpOnly session cookie speaks instead.
    headers: Object.assign({ "Content-Type": "application/json", "X-Hotline-Request": "1" }, state.token ? { "Authorization": "Bearer " + state.token } : {}),
    body: body ? JSON.stringify(body) : undefined,
    cache: "no-store"
  }).then((r) => {
    if (r.status === 401 && state.signedIn) { onUnauthorized(); throw new Error("Your session has ended; sign in again."); }
    if (!r.ok) {
      return r.json().catch(() => ({})).then((p) => { const err = new Error(p.detail || p.title || ("HTTP " + r.status)); err.status = r.status; throw err; });
    }
    // 202 Accepted (a move decided, carried out by the Bot) may come with no body.
    return r.status === 204 ? null : r.text().then((body) => (body ? JSON.parse(body) : null));
  });
}
