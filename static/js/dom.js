// Building DOM safely: every string becomes a text node, never HTML.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key === "value") el.value = value;
    else if (key === "checked") el.checked = Boolean(value);
    else el.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

// What someone has chosen or typed in a form that is drawn again at every change to the
// board, by field id, kept until it is sent ("Since last time" on a carried statement or
// action): `keep` listens on the field, `value` gives the kept value or the saved one
export function formDrafts() {
  const kept = new Map();
  return {
    keep: (e) => kept.set(e.target.id, e.target.value),
    value: (id, saved) => kept.get(id) ?? saved,
    clear: (...ids) => ids.forEach((id) => kept.delete(id)),
  };
}

export function replace(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

export function $(selector, root = document) {
  return root.querySelector(selector);
}

// Keep focus and scroll where they were when a region is redrawn.
export function keepFocus(render) {
  const active = document.activeElement;
  const key = active && active.dataset ? active.dataset.focusKey : null;
  const start = active && "selectionStart" in active ? active.selectionStart : null;
  render();
  if (key) {
    const again = document.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
    if (again && again !== document.activeElement) {
      again.focus();
      if (start !== null && "setSelectionRange" in again) {
        try {
          again.setSelectionRange(start, start);
        } catch {
          /* not a text field */
        }
      }
    }
  }
}
