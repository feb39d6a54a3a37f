// The header's mode switch and the pay form.
import * as api from './api.js';
import { setData, setText } from './dom.js';
import { formatMs, formatYuan } from './format.js';
import { showError, showInfo } from './message.js';

const EXPLANATIONS = {
  sync: 'Sync: pay-service calls the services one by one and waits for each; one failure fails the payment.',
  async: 'Async: pay-service publishes one event and answers at once; each service takes it from its own queue.',
};

let currentMode; // undefined until the first answer, so that "unknown" (null) is shown too
// Bumped on every mode change we make, so that a poll started before it cannot undo it on screen.
let modeVersion = 0;

export function getModeVersion() {
  return modeVersion;
}

/** Shows the mode ("sync" or "async", or null while pay-service does not answer) in the header. */
export function showMode(mode) {
  if (mode === currentMode) {
    return;
  }
  currentMode = mode;
  const modeNode = document.getElementById('mode');
  setText(modeNode, mode ?? 'unknown');
  setData(modeNode, 'mode', mode);
  setData(document.body, 'mode', mode);
  for (const button of document.querySelectorAll('.mode-button')) {
    button.setAttribute('aria-pressed', String(button.dataset.mode === mode));
  }
  setText(document.getElementById('mode-explanation'), mode == null
    ? 'pay-service does not answer, so the mode is unknown: start it, and the page picks it up.'
    : EXPLANATIONS[mode] ?? '');
}

/**
 * Wires the buttons and the form. `onChange` is called after anything that changes
 * the server's state, so the page can poll again at once.
 */
export function initControls(onChange) {
  for (const button of document.querySelectorAll('.mode-button')) {
    button.addEventListener('click', () => switchMode(button.dataset.mode, onChange));
  }

  const form = document.getElementById('pay-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    payOne(onChange);
  });
  document.getElementById('pay-five').addEventListener('click', () => payFive(onChange));

  const amount = document.getElementById('pay-amount');
  const showYuan = () => setText(document.getElementById('pay-yuan'), `= ${formatYuan(Number(amount.value)) || '?'}`);
  amount.addEventListener('input', showYuan);
  showYuan();
}

async function switchMode(mode, onChange) {
  const buttons = document.querySelectorAll('.mode-button');
  buttons.forEach((button) => { button.disabled = true; });
  try {
    const result = await api.setMode(mode);
    modeVersion += 1;
    showMode(result.mode);
    showInfo(`Mode is now ${result.mode}: the next payment runs ${result.mode === 'sync' ? 'synchronously' : 'asynchronously'}.`);
    onChange();
  } catch (error) {
    showError(error);
  } finally {
    buttons.forEach((button) => { button.disabled = false; });
  }
}

/** Reads the form. Values go to the server as typed; the console and the services validate them. */
function readForm() {
  const number = (id) => {
    const text = document.getElementById(id).value.trim();
    return text === '' ? null : Number(text);
  };
  return {
    userId: number('pay-user'),
    amount: number('pay-amount'),
    password: document.getElementById('pay-password').value,
  };
}

let paying = 0;

/**
 * Payments this page started whose timeline has not arrived yet: a payment shows up in
 * /api/payments once pay-service's span for it has reached the console, a moment after
 * pay-service answered. Until then the page draws it "in flight". key -> entry.
 */
const pending = new Map();
let pendingCount = 0;
// An answered payment whose spans never come (the console was restarted, tracing is off) stops waiting.
const PENDING_GIVE_UP_MS = 30000;

export function pendingPayments() {
  const now = Date.now();
  for (const [key, entry] of pending) {
    if (entry.answeredAt != null && now - entry.answeredAt > PENDING_GIVE_UP_MS) {
      pending.delete(key);
    }
  }
  return [...pending.values()];
}

/** Drops the pending entries whose trace is now among the payments. */
export function settlePending(payments) {
  const traces = new Set(payments.map((payment) => payment.traceId));
  for (const [key, entry] of pending) {
    if (entry.traceId != null && traces.has(entry.traceId)) {
      pending.delete(key);
    }
  }
}

function setPaying(delta) {
  paying += delta;
  setData(document.body, 'paying', paying > 0 ? 'true' : 'false');
  setText(document.getElementById('pay-button'), paying > 0 ? `Paying… (${paying})` : 'Pay');
}

/** One payment; returns true when it succeeded. */
async function payOne(onChange) {
  const { userId, amount, password } = readForm();
  pendingCount += 1;
  const key = `pending-${pendingCount}`;
  const entry = { key, userId, amount, startedAt: Date.now(), answeredAt: null, traceId: null };
  pending.set(key, entry);
  setPaying(+1);
  onChange(); // the payment shows up in flight while we wait for its answer
  try {
    const payment = await api.pay(userId, amount, password);
    entry.traceId = payment.traceId;
    entry.answeredAt = Date.now();
    showInfo(`Paid ${payment.payOrderNo} (${formatYuan(amount)}, ${payment.mode}): answered after `
      + `${formatMs(entry.answeredAt - entry.startedAt)} as the browser saw it; the timeline shows each service's own times.`);
    return true;
  } catch (error) {
    // A payment that was tried has a trace: its (failed) timeline is still to come.
    entry.traceId = error.problem?.traceId ?? null;
    entry.answeredAt = Date.now();
    if (entry.traceId == null) {
      pending.delete(key);
    }
    showError(error);
    return false;
  } finally {
    setPaying(-1);
    onChange();
  }
}

/** Five payments, one after another: enough to fill a queue while a consumer is out. */
async function payFive(onChange) {
  const button = document.getElementById('pay-five');
  button.disabled = true;
  let succeeded = 0;
  try {
    for (let i = 0; i < 5; i += 1) {
      if (await payOne(onChange)) {
        succeeded += 1;
      }
    }
    if (succeeded === 5) {
      showInfo('5 payments, all succeeded.');
    } else if (succeeded > 0) {
      showInfo(`5 payments: ${succeeded} succeeded, ${5 - succeeded} failed (see their timelines).`);
    }
    // When all five failed, the last error stays on screen.
  } finally {
    button.disabled = false;
  }
}
