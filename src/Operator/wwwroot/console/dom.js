// Small DOM helpers shared by the console's modules.
export const $ = (id) => document.getElementById(id);

export function text(tag, t, cls) {
  const e = document.createElement(tag);
  if (t != null) e.textContent = t;
  if (cls) e.className = cls;
  return e;
}

export const enc = encodeURIComponent;

export function button(label, cls, onClick) {
  const b = text("button", label, cls);
  b.type = "button";
  if (onClick) b.addEventListener("click", onClick);
  return b;
}

const FOCUSABLE = "button, input, select, textarea, a[href], [tabindex]";

/**
 * Redraws a part of the page that rebuilds its elements, and gives focus back if it was inside: to the element
 * `same(focused)` finds again (a selector: the same case's row), else to the one now at the same place. A keyboard
 * user keeps their place when a new case arrives; focus anywhere else (the reply box) is never taken.
 */
export function keepingFocus(part, same, redraw) {
  const had = document.activeElement;
  if (!had || had === part || !part.contains(had)) return redraw();
  const focusables = () => Array.from(part.querySelectorAll(FOCUSABLE));
  const at = focusables().indexOf(had), selector = same ? same(had) : null;
  const result = redraw();
  if (had.isConnected && document.activeElement === had) return result;
  // Only while nothing else took the focus meanwhile (a removed element leaves it on the page's body).
  if (document.activeElement && document.activeElement !== document.body) return result;
  const now = focusables();
  // The same element if it was only moved, else its like in the new drawing, else whatever is now at its place.
  const again = (part.contains(had) && had) || (selector && part.querySelector(selector)) || now[Math.min(at, now.length - 1)];
  if (again) again.focus();
  return result;
}
