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
