// One timeline per payment, newest on top, assembled by the console from the payment's
// trace. Every bar sits on a shared time axis that starts when pay-service's payment
// started, and each bar is the service's own start and end (its own span), so a sync
// payment draws a staircase (each call waits for the one before) and an async one
// answers early while its consumers fill in after. Lanes come per service: a service
// this page has never heard of gets its own lane.
import { compensationLanes, consumerLanes, describePayment } from './caption.js';
import { el, setData, setStyle, setText } from './dom.js';
import { formatClock, formatMs, formatYuan } from './format.js';

// The axis fits this many of the newest payments; older ones may run past its edge.
const FIT_NEWEST = 4;

/** traceId (or a pending key) -> the block's elements, kept between polls so nothing flickers. */
const views = new Map();

/**
 * Draws the payments (newest first, as the console sends them), after the ones this page
 * started that have no timeline yet (`pending`). `axisMs` is the length of the shared time
 * axis, or null to fit the payments shown.
 */
export function renderPayments(container, payments, pending, now, axisMs) {
  const axis = axisMs ?? fitAxisMs(payments);
  const shown = new Set();
  let previous = null;
  const place = (key, create, update) => {
    shown.add(key);
    let view = views.get(key);
    if (!view) {
      view = create();
      views.set(key, view);
    }
    update(view);
    // Keep the DOM in the server's order, moving a block only when it is out of place.
    const wanted = previous ? previous.nextElementSibling : container.firstElementChild;
    if (view.root !== wanted) {
      container.insertBefore(view.root, wanted);
    }
    previous = view.root;
  };
  for (const entry of [...pending].reverse()) {
    place(entry.key, () => createPendingView(), (view) => updatePendingView(view, entry, now));
  }
  for (const payment of payments) {
    place(payment.traceId, () => createView(payment), (view) => updateView(view, payment, axis));
  }
  for (const [key, view] of views) {
    if (!shown.has(key)) {
      view.root.remove();
      views.delete(key);
    }
  }
}

/**
 * A shared axis, so that sync and async payments compare at a glance: long enough for
 * the newest payments' answers and for every lane of theirs. A consumer that caught up
 * long after an outage would squash every other bar, so such late tails count only up to
 * a limit. Waiting lanes never stretch the axis. A bar that runs past the edge ends in
 * an arrow; its text still gives the real time.
 */
export function fitAxisMs(payments) {
  const newest = payments.slice(0, FIT_NEWEST);
  let longestAnswer = 0;
  for (const payment of newest) {
    longestAnswer = Math.max(longestAnswer, payment.answeredMs);
  }
  const tailLimit = Math.max(4 * longestAnswer, 1000);
  let longest = longestAnswer;
  for (const payment of newest) {
    for (const lane of payment.lanes) {
      if (lane.outcome !== 'waiting') {
        longest = Math.max(longest, Math.min(lane.startMs + lane.durationMs, tailLimit));
      }
    }
  }
  return niceCeiling(Math.max(longest * 1.05, 100));
}

/** The next "round" number: 312 -> 400, 96 -> 100, 1234 -> 1500. */
function niceCeiling(ms) {
  const power = 10 ** Math.floor(Math.log10(ms));
  const multiple = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((m) => m * power >= ms);
  return multiple * power;
}

/** Tick spacing that gives about five ticks: 400 -> 100, 1500 -> 500. */
function tickStep(axisMs) {
  const raw = axisMs / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((step) => step >= raw);
}

function percent(fraction) {
  return `${(100 * Math.min(Math.max(fraction, 0), 1)).toFixed(3)}%`;
}

/** A payment this page started, not yet in the console's list. */
function createPendingView() {
  const view = {};
  view.who = el('span', { class: 'who' });
  view.total = el('span', { class: 'total' });
  view.caption = el('p', { class: 'caption' });
  view.root = el('article', { class: 'payment pending', dataset: { payment: '', inFlight: 'true', outcome: '' } },
    el('header', { class: 'payment-head' },
      el('span', { class: 'mode-tag' }, '…'),
      el('span', { class: 'pay-no' }, 'new payment'),
      view.who,
      el('span', { class: 'outcome' }, 'IN FLIGHT'),
      view.total),
    view.caption);
  return view;
}

function updatePendingView(view, entry, now) {
  setText(view.who, `user ${entry.userId} · ${formatYuan(entry.amount)}`);
  if (entry.answeredAt == null) {
    setText(view.total, `${formatMs(now - entry.startedAt)}…`);
    setText(view.caption, 'pay-service is working on it…');
  } else {
    setText(view.total, formatMs(entry.answeredAt - entry.startedAt));
    setText(view.caption, 'Answered; waiting for its spans to reach the console…');
  }
}

function createView(payment) {
  const view = { lanesKey: null, rows: [], ticksKey: null };
  view.modeTag = el('span', { class: 'mode-tag' });
  view.outcome = el('span', { class: 'outcome' });
  view.who = el('span', { class: 'who' });
  view.total = el('span', { class: 'total' });
  view.detail = el('p', { class: 'payment-detail' });
  view.tickLabels = el('span', { class: 'ticks' });
  view.gridLines = el('div', { class: 'overlay back' });
  view.markerLabel = el('span', { class: 'marker-label' }, 'answered');
  view.marker = el('div', { class: 'answered-marker' }, view.markerLabel);
  view.lanes = el('div', { class: 'step-rows' });
  view.caption = el('p', { class: 'caption' });
  view.root = el('article', {
    class: 'payment',
    dataset: { payment: payment.payOrderNo ?? '', trace: payment.traceId, mode: '', outcome: '', payOrderId: '' },
  },
  el('header', { class: 'payment-head' },
    view.modeTag,
    el('span', { class: 'pay-no' }, payment.payOrderNo ?? payment.traceId),
    view.who,
    view.outcome,
    view.total),
  view.detail,
  el('div', { class: 'chart' },
    view.gridLines,
    el('div', { class: 'chart-head' },
      el('span', {}, 'step · service'),
      el('span', {}),
      el('span', { class: 'time' }, 'took')),
    view.lanes,
    el('div', { class: 'axis-row' }, el('span', {}), view.tickLabels, el('span', {})),
    el('div', { class: 'overlay front' }, view.marker)),
  view.caption);
  return view;
}

function updateView(view, payment, axisMs) {
  const root = view.root;
  setData(root, 'mode', payment.mode);
  setData(root, 'outcome', payment.status);
  setData(root, 'payOrderId', payment.payOrderId);
  setData(root, 'inFlight', 'false');

  setText(view.modeTag, payment.mode === 'sync' ? 'SYNC 同步' : 'ASYNC 异步');
  // Who paid what comes from the payment span's tags; a span without them shows its trace alone.
  const who = payment.userId != null && payment.amount != null
    ? `user ${payment.userId} · ${formatYuan(payment.amount)} · `
    : '';
  setText(view.who, `${who}trace ${payment.traceId.slice(0, 8)}…`);
  view.who.title = `trace ${payment.traceId}`;
  setText(view.outcome, payment.status ?? '?');
  setText(view.total, formatMs(payment.answeredMs));
  view.total.title = `started ${formatClock(Date.parse(payment.startedAt))}`;

  const failed = payment.status !== 'SUCCESS';
  setText(view.detail, failed ? (payment.detail ?? '') : '');
  view.detail.hidden = !failed || !payment.detail;

  updateTicks(view, axisMs);
  updateLanes(view, payment, axisMs);
  updateMarker(view, payment, axisMs);
  setText(view.caption, describePayment(payment));
}

function updateTicks(view, axisMs) {
  const step = tickStep(axisMs);
  const key = `${axisMs}/${step}`;
  if (view.ticksKey === key) {
    return;
  }
  view.ticksKey = key;
  const labels = [];
  const lines = [];
  for (let t = 0; t <= axisMs + 0.001; t += step) {
    const label = el('span', { class: 'tick' }, t === 0 ? '0' : formatMs(t));
    label.style.left = percent(t / axisMs);
    labels.push(label);
    const line = el('span', { class: 'grid-line' });
    line.style.left = percent(t / axisMs);
    lines.push(line);
  }
  view.tickLabels.replaceChildren(...labels);
  view.gridLines.replaceChildren(...lines);
}

/** Rows are rebuilt only when the list of lanes changes (a consumer reports, a refund appears). */
function updateLanes(view, payment, axisMs) {
  const key = payment.lanes.map((lane) => `${lane.step}/${lane.service}`).join('|');
  if (key !== view.lanesKey) {
    view.lanesKey = key;
    const consumers = new Set(consumerLanes(payment));
    const compensations = new Set(compensationLanes(payment));
    view.rows = payment.lanes.map((lane) => {
      let role = 'call';
      if (consumers.has(lane)) {
        role = 'consumer';
      } else if (compensations.has(lane)) {
        role = 'compensation';
      }
      return createLaneRow(lane, role);
    });
    view.lanes.replaceChildren(...view.rows.map((row) => row.root));
  }
  payment.lanes.forEach((lane, index) => updateLaneRow(view.rows[index], lane, axisMs));
}

function createLaneRow(lane, role) {
  const row = {};
  row.bar = el('span', { class: 'bar' });
  row.time = el('span', { class: 'step-time' });
  row.note = el('span', { class: 'step-note' });
  // A consumer's lane is named after its service; the step is the same for all of them.
  // A queue whose consumer the console has not seen yet is named after the queue.
  let label;
  if (lane.step !== 'consume') {
    label = el('span', { class: 'step-label' }, el('b', {}, lane.step), ' ', el('small', {}, lane.service));
  } else if (lane.service === lane.queue) {
    label = el('span', { class: 'step-label' }, el('b', {}, lane.queue), ' ', el('small', {}, 'no consumer seen yet'));
  } else {
    label = el('span', { class: 'step-label' }, el('b', {}, lane.service), ' ', el('small', {}, lane.queue ?? 'consume'));
  }
  label.title = lane.queue ? `${lane.service} · ${lane.queue}` : `${lane.step} · ${lane.service}`;
  // Which instance did it (host:port): with two of a service, who took the call or the event.
  row.instance = el('small', { class: 'instance' }, '');
  label.append(' ', row.instance);
  row.root = el('div', {
    class: `step ${role}`,
    dataset: { step: lane.step, service: lane.service, laneQueue: lane.queue ?? '', state: lane.outcome },
  }, label, el('span', { class: 'track' }, row.bar), row.time, row.note);
  return row;
}

function updateLaneRow(row, lane, axisMs) {
  setData(row.root, 'state', lane.outcome);
  // A waiting lane has no instance yet; it gets one when a consumer has handled the event.
  setData(row.root, 'instance', lane.instance ?? '');
  setText(row.instance, lane.instance ? `@ ${lane.instance}` : '');
  setText(row.time, laneTime(lane));
  const note = lane.outcome === 'waiting' ? `waits in ${lane.queue}` : '';
  setText(row.note, note);
  row.note.hidden = !note;

  const start = lane.startMs;
  const end = lane.startMs + lane.durationMs;
  row.bar.hidden = start >= axisMs;
  setStyle(row.bar, 'left', percent(start / axisMs));
  setStyle(row.bar, 'width', percent((Math.min(end, axisMs) - start) / axisMs));
  row.bar.classList.toggle('cut', end > axisMs);
  row.root.title = `${lane.step} (${lane.service}): from +${formatMs(start)} to `
    + `${lane.outcome === 'waiting' ? 'now' : `+${formatMs(end)}`}`;
}

function laneTime(lane) {
  const took = formatMs(lane.durationMs);
  switch (lane.outcome) {
    case 'waiting': return `waiting ${took}`;
    case 'failed': return `✗ ${took}`;
    default: return took;
  }
}

/** The dashed line at the moment pay-service answered the client. */
function updateMarker(view, payment, axisMs) {
  const at = payment.answeredMs;
  view.marker.hidden = false;
  setStyle(view.marker, 'left', percent(at / axisMs));
  // Near the right edge the label goes on the left of the line, so it stays inside.
  view.marker.classList.toggle('flip', at / axisMs > 0.72);
  setText(view.markerLabel, `answered ${formatMs(at)}`);
}
