// The live page: polls pay-service's /live/state every 500 ms and draws it.
// (Throughout these modules, `x == null` means "null or absent".)
import { getState } from './api.js';
import { getModeVersion, initControls, showMode } from './controls.js';
import { setData, setText } from './dom.js';
import { clearMessage, showProblem } from './message.js';
import { renderQueues } from './queues.js';
import { initServices, renderServices } from './services.js';
import { renderPayments } from './timeline.js';

const POLL_MS = 500;

let lastState = null;
let timer = null;
let polling = false;
let pollAgain = false;

/** One poll; the next one is scheduled when this one has its answer (or its error). */
async function poll() {
  clearTimeout(timer);
  polling = true;
  const requestedAt = Date.now();
  const modeVersion = getModeVersion();
  try {
    const state = await getState();
    setReachable(true);
    lastState = state;
    render(state, requestedAt, modeVersion === getModeVersion());
  } catch (error) {
    if (error.code === undefined) {
      console.error(error); // a bug in this page, not the network: keep going
    } else {
      setReachable(false, error);
    }
  } finally {
    polling = false;
    timer = setTimeout(poll, pollAgain ? 0 : POLL_MS);
    pollAgain = false;
  }
}

/** Polls as soon as possible, e.g. right after a payment or a knob changed something. */
function pollSoon() {
  if (polling) {
    pollAgain = true;
  } else {
    poll();
  }
}

function render(state, requestedAt, modeIsCurrent) {
  if (modeIsCurrent) {
    showMode(state.mode);
  }
  renderServices(document.getElementById('services'), state.services, state.mode, requestedAt);
  renderQueues(state.broker, state.queues);
  renderTimelines();
  setData(document.body, 'ready', 'true');
}

function renderTimelines() {
  const payments = lastState.payments;
  const choice = document.getElementById('axis-scale').value;
  const axisMs = choice === 'auto' ? null : Number(choice);
  renderPayments(document.getElementById('payments'), payments, lastState.now, axisMs);
  document.getElementById('payments-empty').hidden = payments.length > 0;
}

function setReachable(reachable, error) {
  const live = document.getElementById('live');
  setData(live, 'live', reachable ? 'true' : 'false');
  setText(live, reachable ? 'live' : 'offline');
  setData(document.body, 'stale', reachable ? 'false' : 'true');
  if (reachable) {
    clearMessage('unreachable');
  } else {
    const why = error.status ? `(${error.code}: ${error.detail})` : '';
    showProblem('pay-service unreachable', why, 'unreachable');
  }
}

initControls(pollSoon);
initServices(pollSoon);
document.getElementById('axis-scale').addEventListener('change', () => {
  if (lastState) {
    renderTimelines();
  }
});
poll();
