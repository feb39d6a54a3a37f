// The services panel: one card per configured service (the console's HMALL_CONSOLE_SERVICES),
// with the chaos knobs (latency, outage) where the service has them. Cards are built once;
// each poll only updates them, so what the user is typing is never lost.
import * as api from './api.js';
import { el, setData, setText } from './dom.js';
import { showError, showInfoUnlessNewer } from './message.js';

const ROLES = {
  'pay-service': 'the caller · 支付服务',
  'user-service': 'deducts the balance · 用户服务',
  'trade-service': 'marks the order paid · 交易服务',
  'notify-service': 'tells the user (SMS) · 通知服务',
  'points-service': 'awards points · 积分服务',
};

const MAX_LATENCY_MS = 10000;
const TYPING_PAUSE_MS = 700;

/** name -> { root, state, latency, outage, known, sending, pending, changedAt, timer } */
const cards = new Map();

let onChaosChanged = () => {};

/** `onChange` is called after a knob was applied, so the page can poll again at once. */
export function initServices(onChange) {
  onChaosChanged = onChange;
}

/**
 * Updates the cards from /api/services. `requestedAt` is when that poll started: a card
 * whose knobs were changed after it keeps the newer values.
 */
export function renderServices(container, services, mode, requestedAt) {
  for (const service of services) {
    let card = cards.get(service.name);
    if (!card) {
      card = createCard(service.name);
      cards.set(service.name, card);
      container.append(card.root);
    }
    updateCard(card, service, mode, requestedAt);
  }
}

function createCard(name) {
  const card = { name, known: null, sending: null, pending: 0, changedAt: 0, timer: null };
  card.state = el('span', { class: 'state' }, '…');
  card.note = el('p', { class: 'service-note' }, '');
  card.note.hidden = true;
  // data-applying: a knob change of this card waits for its answer.
  card.root = el('article', { class: 'service', dataset: { service: name, state: '', applying: 'false' } },
    el('header', { class: 'service-head' }, el('h3', {}, name), card.state),
    el('p', { class: 'role' }, ROLES[name] ?? ''),
    card.note);
  return card;
}

/** The knobs appear once the service has shown it has them (pay-service has none). */
function addKnobs(card) {
  const { name } = card;
  card.latency = el('input', {
    class: 'latency', type: 'number', min: 0, max: MAX_LATENCY_MS, step: 10,
    inputMode: 'numeric', 'aria-label': `${name} latency in ms`,
  });
  card.outage = el('input', { class: 'outage', type: 'checkbox', 'aria-label': `${name} outage` });
  card.root.append(el('div', { class: 'knobs' },
    el('label', { class: 'latency-knob' }, 'latency ', card.latency, ' ms'),
    el('label', { class: 'outage-knob' }, card.outage, ' outage')));

  // Latency: applied on change (blur, spinner), on Enter, and after a pause in typing.
  card.latency.addEventListener('change', () => applyChaos(card));
  card.latency.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      applyChaos(card);
    }
  });
  card.latency.addEventListener('input', () => {
    clearTimeout(card.timer);
    card.timer = setTimeout(() => applyChaos(card, { quiet: true }), TYPING_PAUSE_MS);
  });
  card.outage.addEventListener('change', () => applyChaos(card));
}

function updateCard(card, service, mode, requestedAt) {
  setData(card.root, 'state', service.status);
  setText(card.state, service.status);
  card.root.title = service.url;
  if (card.name === 'pay-service') {
    card.note.hidden = false;
    setText(card.note, mode === 'sync'
      ? 'calls each service in turn, and waits'
      : 'publishes one event, waits for no one');
  }
  const hasKnobs = service.latencyMs != null && service.outage != null;
  if (!card.latency && !hasKnobs) {
    return;
  }
  if (!card.latency) {
    addKnobs(card);
  }
  const down = service.status === 'DOWN';
  card.latency.disabled = down;
  card.outage.disabled = down;
  // Our own change is newer than this answer, or the user is typing: leave the inputs alone.
  if (card.pending > 0 || requestedAt < card.changedAt || !hasKnobs) {
    return;
  }
  card.known = `${service.latencyMs}/${service.outage}`;
  if (document.activeElement !== card.latency) {
    setInput(card.latency, String(service.latencyMs));
  }
  card.outage.checked = service.outage;
}

function setInput(input, value) {
  if (input.value !== value) {
    input.value = value;
  }
  input.classList.remove('invalid');
}

/** Sends both knobs of one service to the console, which forwards them to that service. */
async function applyChaos(card, { quiet = false } = {}) {
  clearTimeout(card.timer);
  const text = card.latency.value.trim();
  if (text === '') {
    return; // not a value yet; once the field is left, the next poll puts the current one back
  }
  const latencyMs = Number(text);
  if (!Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
    card.latency.classList.add('invalid');
    if (!quiet) {
      showError({ code: 'VALIDATION_FAILED', detail: `${card.name}: latency must be a whole number from 0 to ${MAX_LATENCY_MS} ms` });
    }
    return;
  }
  card.latency.classList.remove('invalid');
  const outage = card.outage.checked;
  const wanted = `${latencyMs}/${outage}`;
  if (wanted === card.sending || (wanted === card.known && card.pending === 0)) {
    return; // nothing new to send
  }
  card.sending = wanted;
  card.pending += 1;
  setData(card.root, 'applying', 'true');
  card.changedAt = Date.now();
  const askedAt = card.changedAt;
  try {
    const result = await api.setChaos(card.name, latencyMs, outage);
    card.known = `${result.latencyMs}/${result.outage}`;
    if (document.activeElement !== card.latency) {
      setInput(card.latency, String(result.latencyMs));
    }
    card.outage.checked = result.outage;
    // The answer comes once an outage is in force (its consumers cancelled), which can be after a
    // payment made meanwhile has failed: that payment's message stays.
    showInfoUnlessNewer(`${card.name}: latency ${result.latencyMs} ms, outage ${result.outage ? 'ON' : 'off'}.`, askedAt);
    onChaosChanged();
  } catch (error) {
    showError(error);
  } finally {
    card.pending -= 1;
    setData(card.root, 'applying', card.pending > 0 ? 'true' : 'false');
    card.sending = null;
    card.changedAt = Date.now();
  }
}
