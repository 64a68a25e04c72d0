/**
 * A labelled field with its validation message: the control carries `data-path` (the settings path the
 * server's problems name) and, when a problem names that path, `aria-invalid` and the message right
 * under it (linked by aria-describedby).
 */
import { h, uid, type Child } from './dom';
import type { App } from './model';

export function problemFor(app: App, path: string): string | null {
  const p = app.problems.find((x) => x.path === path);
  return p ? p.message : null;
}

export function field(app: App, path: string, label: string, control: HTMLElement, hint?: Child): HTMLElement {
  const id = uid('f');
  control.id = id;
  control.setAttribute('data-path', path);
  if (!control.hasAttribute('data-focus')) control.setAttribute('data-focus', `path:${path}`);
  const error = problemFor(app, path);
  const group = h('div', { class: 'form-group' }, h('label', { for: id }, label), control);
  // The message right under the field, before any hint (looked at: under a two-line hint it read as the hint's).
  if (error !== null) {
    const errId = `${id}-error`;
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', errId);
    group.appendChild(h('div', { class: 'error field-error', id: errId, 'data-error-for': path }, error));
  }
  if (hint) group.appendChild(h('div', { class: 'gray hint' }, hint));
  return group;
}

/** Problems that no field on screen names, listed at the top of the save area. */
export function unplacedProblems(app: App, root: ParentNode): string[] {
  const out: string[] = [];
  for (const p of app.problems) {
    const placed = Array.from(root.querySelectorAll('[data-path]')).some((el) => el.getAttribute('data-path') === p.path);
    if (!placed) out.push(p.path ? `${p.path}: ${p.message}` : p.message);
  }
  return out;
}
