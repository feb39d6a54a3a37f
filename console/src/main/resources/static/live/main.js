// The live page: every 500 ms it asks the console for the payments, the queues, the
// services and the mode (four requests at once) and draws what came back. A part that
// fails keeps its last picture, marked as such; the page never stops polling.
// (Throughout these modules, `x == null` means "null or absent".)
import * as api from './api.js';
import { getModeVersion, initControls, pendingPayments, settlePending, showMode } from './controls.js';
import { setData, setText } from './dom.js';
import { clearMessage, showProblem } from './message.js';
import { renderNodes, renderQueues } from './queues.js';
import { initServices, renderServices } from './services.js';
import { renderPayments } from './timeline.js';

const POLL_MS = 500;
const PAYMENTS_SHOWN = 20;

let lastPayments = [];
let lastMode = null;
let timer = null;
let polling = false;
let pollAgain = false;

/** One poll; the next one is scheduled when this one has its answers (or its errors). */
async function poll() {
  clearTimeout(timer);
  polling = true;
  const requestedAt = Date.now();
  const modeVersion = getModeVersion();
  try {
    const [payments, queues, services, mode, nodes] = await Promise.allSettled([
      api.getPayments(PAYMENTS_SHOWN), api.getQueues(), api.getServices(), api.getMode(), api.getNodes()]);
    const unreachable = [payments, services].find((r) => r.status === 'rejected' && r.reason.status === 0);
    setReachable(!unreachable, unreachable?.reason);
    if (unreachable) {
      return;
    }
    if (modeVersion === getModeVersion()) {
      lastMode = mode.status === 'fulfilled' ? mode.value.mode : null;
      showMode(lastMode);
    }
    if (services.status === 'fulfilled') {
      renderServices(document.getElementById('services'), services.value, lastMode, requestedAt);
    }
    renderQueues(queues.status === 'fulfilled' ? queues.value : null,
      queues.status === 'rejected' ? queues.reason : null);
    renderNodes(nodes.status === 'fulfilled' ? nodes.value : null);
    if (payments.status === 'fulfilled') {
      lastPayments = payments.value;
      settlePending(lastPayments);
    }
    renderTimelines();
    setData(document.body, 'ready', 'true');
  } catch (error) {
    console.error(error); // a bug in this page, not the network: keep going
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

function renderTimelines() {
  const choice = document.getElementById('axis-scale').value;
  const axisMs = choice === 'auto' ? null : Number(choice);
  const pending = pendingPayments();
  renderPayments(document.getElementById('payments'), lastPayments, pending, Date.now(), axisMs);
  document.getElementById('payments-empty').hidden = lastPayments.length + pending.length > 0;
}

function setReachable(reachable, error) {
  const live = document.getElementById('live');
  setData(live, 'live', reachable ? 'true' : 'false');
  setText(live, reachable ? 'live' : 'offline');
  setData(document.body, 'stale', reachable ? 'false' : 'true');
  if (reachable) {
    clearMessage('unreachable');
  } else {
    showProblem('The console is unreachable', error?.detail ? `(${error.detail})` : '', 'unreachable');
  }
}

initControls(pollSoon);
initServices(pollSoon);
document.getElementById('axis-scale').addEventListener('change', renderTimelines);
poll();
