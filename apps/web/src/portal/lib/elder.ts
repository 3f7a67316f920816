import { useSyncExternalStore } from 'react';

/**
 * 长者模式 (elder mode): larger type and touch targets, stronger contrast and a simpler home page. Remembered on
 * the device (localStorage) and carried by an attribute on the root element, so the portal's CSS variables and
 * antd-mobile's (its toasts and dialogs render outside the layout) follow it on every page.
 */
const KEY = 'zl_elder';
const ATTR = 'data-elder';
const listeners = new Set<() => void>();

const read = () => {
  try {
    return localStorage.getItem(KEY) === 'on';
  } catch {
    return false;
  }
};
let on = read();

/** Puts the remembered choice on the root element; called before the first render so nothing jumps. */
export function applyElderMode() {
  document.documentElement.toggleAttribute(ATTR, on);
}
/** The portal only: leaving it (the layout unmounts) takes the attribute away again. */
export function clearElderMode() {
  document.documentElement.removeAttribute(ATTR);
}

export function setElderMode(next: boolean) {
  on = next;
  try {
    localStorage.setItem(KEY, next ? 'on' : 'off');
  } catch {
    /* private mode without storage: the switch holds for this visit */
  }
  applyElderMode();
  for (const l of listeners) l();
}

// Another tab of the portal switched it: this one follows.
window.addEventListener('storage', (e) => {
  if (e.key !== KEY) return;
  on = read();
  applyElderMode();
  for (const l of listeners) l();
});

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
};
export const useElderMode = () => useSyncExternalStore(subscribe, () => on);
