// One timeline per payment, newest on top. Every bar sits on a shared time axis that
// starts when the payment started, so a sync payment draws a staircase (each call waits
// for the one before) and an async one answers early while its consumers fill in after.
import { compensationSteps, consumerSteps, describePayment } from './caption.js';
import { el, setData, setStyle, setText } from './dom.js';
import { formatClock, formatMs, formatYuan } from './format.js';

// The axis fits this many of the newest payments; older ones may run past its edge.
const FIT_NEWEST = 4;

/** payOrderNo -> the block's elements, kept between polls so nothing flickers. */
const views = new Map();

/**
 * Draws the payments (newest first, as pay-service sends them).
 * `axisMs` is the length of the shared time axis, or null to fit the payments shown.
 */
export function renderPayments(container, payments, now, axisMs) {
  const axis = axisMs ?? fitAxisMs(payments, now);
  const shown = new Set();
  let previous = null;
  for (const payment of payments) {
    shown.add(payment.payOrderNo);
    let view = views.get(payment.payOrderNo);
    if (!view) {
      view = createView(payment);
      views.set(payment.payOrderNo, view);
    }
    updateView(view, payment, now, axis);
    // Keep the DOM in the server's order, moving a block only when it is out of place.
    const wanted = previous ? previous.nextElementSibling : container.firstElementChild;
    if (view.root !== wanted) {
      container.insertBefore(view.root, wanted);
    }
    previous = view.root;
  }
  for (const [payOrderNo, view] of views) {
    if (!shown.has(payOrderNo)) {
      view.root.remove();
      views.delete(payOrderNo);
    }
  }
}

/**
 * A shared axis, so that sync and async payments compare at a glance: long enough for
 * the newest payments' answers and for every step of theirs that has ended or is running.
 * A consumer that caught up long after an outage would squash every other bar, so such
 * late tails count only up to a limit. Waiting bars never stretch the axis. A bar that
 * runs past the edge ends in an arrow; its text still gives the real time.
 */
export function fitAxisMs(payments, now) {
  const newest = payments.slice(0, FIT_NEWEST);
  let longestAnswer = 0;
  for (const payment of newest) {
    longestAnswer = Math.max(longestAnswer, (payment.answeredAt ?? now) - payment.startedAt);
  }
  const tailLimit = Math.max(4 * longestAnswer, 1000);
  let longest = longestAnswer;
  for (const payment of newest) {
    for (const step of payment.steps) {
      if (step.startedAt == null || step.state === 'waiting') {
        continue;
      }
      const end = (step.endedAt ?? now) - payment.startedAt;
      longest = Math.max(longest, Math.min(end, tailLimit));
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

function createView(payment) {
  const view = { stepsKey: null, steps: [], ticksKey: null };
  view.modeTag = el('span', { class: 'mode-tag' });
  view.outcome = el('span', { class: 'outcome' });
  view.who = el('span', { class: 'who' });
  view.total = el('span', { class: 'total' });
  view.detail = el('p', { class: 'payment-detail' });
  view.tickLabels = el('span', { class: 'ticks' });
  view.gridLines = el('div', { class: 'overlay back' });
  view.markerLabel = el('span', { class: 'marker-label' }, 'answered');
  view.marker = el('div', { class: 'answered-marker' }, view.markerLabel);
  view.rows = el('div', { class: 'step-rows' });
  view.caption = el('p', { class: 'caption' });
  view.root = el('article', {
    class: 'payment',
    dataset: { payment: payment.payOrderNo, mode: '', outcome: '', payOrderId: '' },
  },
  el('header', { class: 'payment-head' },
    view.modeTag,
    el('span', { class: 'pay-no' }, payment.payOrderNo),
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
    view.rows,
    el('div', { class: 'axis-row' }, el('span', {}), view.tickLabels, el('span', {})),
    el('div', { class: 'overlay front' }, view.marker)),
  view.caption);
  return view;
}

function updateView(view, payment, now, axisMs) {
  const root = view.root;
  setData(root, 'mode', payment.mode);
  setData(root, 'outcome', payment.outcome);
  setData(root, 'payOrderId', payment.payOrderId);
  setData(root, 'inFlight', payment.answeredAt == null ? 'true' : 'false');

  setText(view.modeTag, payment.mode === 'sync' ? 'SYNC 同步' : 'ASYNC 异步');
  setText(view.who, `user ${payment.userId} · ${formatYuan(payment.amount)}`);
  const answered = payment.answeredAt != null;
  setText(view.outcome, answered ? payment.outcome : 'IN FLIGHT');
  setText(view.total, answered
    ? formatMs(payment.answeredAt - payment.startedAt)
    : `${formatMs(now - payment.startedAt)}…`);
  view.total.title = `started ${formatClock(payment.startedAt)}`;

  const failed = answered && payment.outcome !== 'SUCCESS';
  setText(view.detail, failed ? (payment.detail ?? '') : '');
  view.detail.hidden = !failed || !payment.detail;

  updateTicks(view, axisMs);
  updateSteps(view, payment, now, axisMs);
  updateMarker(view, payment, axisMs);
  setText(view.caption, describePayment(payment, now));
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

/** Rows are rebuilt only when the list of steps changes (a step starts, a refund appears). */
function updateSteps(view, payment, now, axisMs) {
  const key = payment.steps.map((step) => step.name).join('|');
  if (key !== view.stepsKey) {
    view.stepsKey = key;
    const consumers = new Set(consumerSteps(payment));
    const compensations = new Set(compensationSteps(payment));
    view.steps = payment.steps.map((step) => {
      let role = 'call';
      if (consumers.has(step)) {
        role = 'consumer';
      } else if (compensations.has(step)) {
        role = 'compensation';
      }
      return createStepRow(step, role);
    });
    view.rows.replaceChildren(...view.steps.map((row) => row.root));
  }
  payment.steps.forEach((step, index) => updateStepRow(view.steps[index], step, payment, now, axisMs));
}

function createStepRow(step, role) {
  const row = {};
  row.bar = el('span', { class: 'bar' });
  row.time = el('span', { class: 'step-time' });
  row.note = el('span', { class: 'step-note' });
  row.root = el('div', { class: `step ${role}`, dataset: { step: step.name, state: step.state } },
    el('span', { class: 'step-label' }, el('b', {}, step.name), ' ', el('small', {}, step.service)),
    el('span', { class: 'track' }, row.bar),
    row.time,
    row.note);
  return row;
}

function updateStepRow(row, step, payment, now, axisMs) {
  setData(row.root, 'state', step.state);
  setText(row.time, stepTime(step, now));
  setText(row.note, step.detail ?? '');
  row.note.hidden = !step.detail;

  if (step.startedAt == null) {
    // e.g. a consumer's effect while the event is not yet confirmed by the broker
    row.bar.hidden = true;
    return;
  }
  const start = step.startedAt - payment.startedAt;
  const end = (step.endedAt ?? now) - payment.startedAt;
  row.bar.hidden = start >= axisMs;
  setStyle(row.bar, 'left', percent(start / axisMs));
  setStyle(row.bar, 'width', percent((Math.min(end, axisMs) - start) / axisMs));
  row.bar.classList.toggle('cut', end > axisMs);
  row.root.title = `${step.name} (${step.service}): from +${formatMs(start)} to `
    + `${step.endedAt == null ? 'now' : `+${formatMs(end)}`}`;
}

function stepTime(step, now) {
  if (step.startedAt == null) {
    return step.state === 'waiting' ? 'waiting' : '–';
  }
  const took = formatMs((step.endedAt ?? now) - step.startedAt);
  switch (step.state) {
    case 'running': return `${took}…`;
    case 'waiting': return `waiting ${took}`;
    case 'failed': return `✗ ${took}`;
    default: return took;
  }
}

/** The dashed line at the moment pay-service answered the client. */
function updateMarker(view, payment, axisMs) {
  if (payment.answeredAt == null) {
    view.marker.hidden = true;
    return;
  }
  const at = payment.answeredAt - payment.startedAt;
  view.marker.hidden = false;
  setStyle(view.marker, 'left', percent(at / axisMs));
  // Near the right edge the label goes on the left of the line, so it stays inside.
  view.marker.classList.toggle('flip', at / axisMs > 0.72);
  setText(view.markerLabel, `answered ${formatMs(at)}`);
}
