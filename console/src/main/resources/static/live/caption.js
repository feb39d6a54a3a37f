// One sentence under each timeline that says, in plain words, what the bars show.
import { formatMs } from './format.js';

/** In an async payment, the steps after "publish" are the consumers' effects. */
export function consumerSteps(payment) {
  const publish = payment.steps.findIndex((step) => step.name === 'publish');
  return publish < 0 ? [] : payment.steps.slice(publish + 1);
}

/** In a sync payment, the steps after the failed call undo what was done (e.g. "refund"). */
export function compensationSteps(payment) {
  const failed = payment.steps.findIndex((step) => step.state === 'failed');
  return payment.mode !== 'sync' || failed < 0 ? [] : payment.steps.slice(failed + 1);
}

export function describePayment(payment, now) {
  if (payment.answeredAt == null) {
    const running = payment.steps.find((step) => step.state === 'running');
    const waitingFor = running ? `: pay-service is waiting for ${running.service}` : '';
    return `In flight for ${formatMs(now - payment.startedAt)}${waitingFor}…`;
  }
  const total = formatMs(payment.answeredAt - payment.startedAt);
  if (payment.mode === 'sync') {
    return describeSync(payment, total);
  }
  return describeAsync(payment, total);
}

function describeSync(payment, total) {
  if (payment.outcome === 'SUCCESS') {
    return `pay-service waited for every call, one after another: ${total}.`;
  }
  const broken = payment.steps.find((step) => step.state === 'failed');
  if (payment.outcome === 'DOWNSTREAM_FAILED' && broken) {
    const refunded = payment.steps.some((step) => step.name === 'refund' && step.state === 'ok');
    return `${broken.service} failed, so the whole payment failed after ${total}: `
      + `a cascading failure (级联失败)${refunded ? '. The deduction was refunded.' : '.'}`;
  }
  return `The payment failed after ${total}: ${payment.outcome}.`;
}

function describeAsync(payment, total) {
  if (payment.outcome !== 'SUCCESS') {
    return `The payment failed after ${total}: ${payment.outcome}.`;
  }
  const publish = payment.steps.find((step) => step.name === 'publish');
  if (publish && publish.state !== 'ok') {
    return `answered after ${total}. The event waits in pay-service's outbox until RabbitMQ confirms it; `
      + 'then the consumers get it.';
  }
  const consumers = consumerSteps(payment);
  const done = consumers.filter((step) => step.state === 'ok');
  if (consumers.length > 0 && done.length === consumers.length) {
    const lastEnd = Math.max(...done.map((step) => step.endedAt));
    const later = lastEnd - payment.answeredAt;
    return later > 0
      ? `answered after ${total}; consumers finished ${formatMs(later)} later.`
      : `answered after ${total}; the consumers finished too.`;
  }
  const parts = [`answered after ${total}, without waiting for the consumers`];
  const pending = consumers.filter((step) => step.state === 'waiting' || step.state === 'running');
  const failed = consumers.filter((step) => step.state === 'failed');
  if (done.length > 0) {
    parts.push(`${names(done)} done`);
  }
  if (pending.length > 0) {
    parts.push(`${names(pending)} still to come`);
  }
  if (failed.length > 0) {
    parts.push(`${names(failed)} failed on its own`);
  }
  return `${parts.join('; ')}.`;
}

function names(steps) {
  return steps.map((step) => step.service).join(', ');
}
