// One sentence under each timeline that says, in plain words, what the bars show.
import { formatMs } from './format.js';

/** The lanes of the services that took the payment's event from their queue. */
export function consumerLanes(payment) {
  return payment.lanes.filter((lane) => lane.step === 'consume');
}

/** In a sync payment, the lanes after the failed call undo what was done (refund, trade-unpaid). */
export function compensationLanes(payment) {
  const failed = payment.lanes.findIndex((lane) => lane.outcome === 'failed' && lane.step !== 'consume');
  return payment.mode !== 'sync' || failed < 0 ? [] : payment.lanes.slice(failed + 1);
}

export function describePayment(payment) {
  const total = formatMs(payment.answeredMs);
  if (payment.mode === 'sync') {
    return describeSync(payment, total);
  }
  return describeAsync(payment, total);
}

function describeSync(payment, total) {
  if (payment.status === 'SUCCESS') {
    return `pay-service waited for every call, one after another: ${total}.`;
  }
  const broken = payment.lanes.find((lane) => lane.outcome === 'failed');
  if (payment.status === 'DOWNSTREAM_FAILED' && broken) {
    const refunded = payment.lanes.some((lane) => lane.step === 'refund' && lane.outcome === 'ok');
    return `${broken.service} failed, so the whole payment failed after ${total}: `
      + `a cascading failure (级联失败)${refunded ? '. The deduction was refunded.' : '.'}`;
  }
  return `The payment failed after ${total}: ${payment.status}.`;
}

function describeAsync(payment, total) {
  if (payment.status !== 'SUCCESS') {
    return `The payment failed after ${total}: ${payment.status}.`;
  }
  const publish = payment.lanes.find((lane) => lane.step === 'publish');
  if (!publish || publish.outcome !== 'ok') {
    return `answered after ${total}. The event waits in pay-service's outbox until RabbitMQ confirms it; `
      + 'then the consumers get it.';
  }
  const consumers = consumerLanes(payment);
  const done = consumers.filter((lane) => lane.outcome === 'ok');
  if (consumers.length > 0 && done.length === consumers.length) {
    const lastEnd = Math.max(...done.map((lane) => lane.startMs + lane.durationMs));
    const later = lastEnd - payment.answeredMs;
    return later > 0
      ? `answered after ${total}; ${names(done)} finished ${formatMs(later)} later.`
      : `answered after ${total}; the consumers finished too.`;
  }
  const parts = [`answered after ${total}, without waiting for the consumers`];
  const waiting = consumers.filter((lane) => lane.outcome === 'waiting');
  const failed = consumers.filter((lane) => lane.outcome === 'failed');
  if (done.length > 0) {
    parts.push(`${names(done)} done`);
  }
  if (waiting.length > 0) {
    parts.push(`${names(waiting)} still to come: the event waits in ${waiting.length === 1 ? 'its queue' : 'their queues'}`);
  }
  if (failed.length > 0) {
    parts.push(`${names(failed)} failed on ${failed.length === 1 ? 'its' : 'their'} own`);
  }
  return `${parts.join('; ')}.`;
}

function names(lanes) {
  return lanes.map((lane) => lane.service).join(', ');
}
