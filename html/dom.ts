/**
 * Building DOM without innerHTML: text always goes in as text nodes and attribute values through
 * setAttribute, so anything read from the sheet (a header named `<img src=x onerror=alert(1)>`) is shown
 * as the characters it is, never parsed as markup.
 */
export type Child = Node | string | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

export function on<K extends keyof HTMLElementEventMap>(el: HTMLElement, type: K, listener: (ev: HTMLElementEventMap[K]) => void): void {
  el.addEventListener(type, listener);
}

let nextId = 0;
/** A unique element id for label/field pairs. */
export function uid(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** A <select> with `[value, label]` options and the given value selected. */
export function select(attrs: Attrs, options: [string, string][], value: string): HTMLSelectElement {
  const s = h('select', attrs);
  for (const [v, label] of options) {
    const o = h('option', { value: v }, label);
    if (v === value) o.selected = true;
    s.appendChild(o);
  }
  return s;
}
