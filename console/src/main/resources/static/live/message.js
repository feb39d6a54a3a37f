// The message area (#message): errors show their code and detail, info is a plain line.
import { el } from './dom.js';

let currentKey = null;
// When the error on show (if any) was put there, so that a late answer does not hide it.
let errorShownAt = 0;

function box() {
  return document.getElementById('message');
}

/**
 * Shows an error. `error` is an ApiError (code + detail) or any Error.
 * `key` names the source, so that it can clear only its own message later.
 */
export function showError(error, key = null) {
  const code = error.code ?? 'ERROR';
  const detail = error.detail ?? error.message ?? '';
  show('error', code, [el('strong', { class: 'code' }, code), ' ', el('span', { class: 'detail' }, detail)], key);
}

/** Shows a plain informational line. */
export function showInfo(text, key = null) {
  show('info', '', [el('span', { class: 'detail' }, text)], key);
}

/**
 * Shows an informational line about something asked for at `askedAt`, unless an error shown
 * since then is up: a knob's answer that comes after a payment's failure must not hide the failure.
 */
export function showInfoUnlessNewer(text, askedAt) {
  if (errorShownAt <= askedAt) {
    showInfo(text);
  }
}

/** Shows a message that has its own wording (e.g. "pay-service unreachable"). */
export function showProblem(title, detail, key = null) {
  show('error', '', [el('strong', {}, title), detail ? ` ${detail}` : ''], key);
}

/** Clears the message if it is the one with this key (or any message when key is null). */
export function clearMessage(key = null) {
  if (key === null || key === currentKey) {
    box().replaceChildren();
    box().dataset.kind = '';
    box().dataset.code = '';
    currentKey = null;
    errorShownAt = 0;
  }
}

function show(kind, code, children, key) {
  const node = box();
  node.dataset.kind = kind;
  node.dataset.code = code;
  node.replaceChildren(...children);
  currentKey = key;
  errorShownAt = kind === 'error' ? Date.now() : 0;
}
