// The queues panel: how many messages wait in each queue, and who consumes them.
import { el, setData, setStyle, setText } from './dom.js';

// A bar is full at this many messages (or at the deepest queue, if deeper).
const FULL_BAR_MESSAGES = 10;

/** queue name -> { root, count, bar, consumers } */
const rows = new Map();

export function renderQueues(broker, queues) {
  renderBroker(broker);
  const deepest = Math.max(FULL_BAR_MESSAGES, ...queues.map((queue) => queue.messages ?? 0));
  for (const queue of queues) {
    let row = rows.get(queue.name);
    if (!row) {
      row = createRow(queue);
      rows.set(queue.name, row);
      document.getElementById(queue.deadLetter ? 'dead-letters' : 'queues').append(row.root);
    }
    updateRow(row, queue, deepest);
  }
}

function renderBroker(broker) {
  const node = document.getElementById('broker');
  setData(node, 'up', broker.up ? 'true' : 'false');
  setText(node, broker.up
    ? 'RabbitMQ broker: UP'
    : 'RabbitMQ broker: DOWN · async payments still succeed; their events wait in the outbox');
}

function createRow(queue) {
  const row = {};
  row.count = el('span', { class: 'count' }, '');
  row.bar = el('span', { class: 'depth-bar' });
  row.consumers = el('span', { class: 'consumers' }, '');
  row.root = el('div', { class: 'queue', dataset: { queue: queue.name, messages: '' } },
    el('div', { class: 'queue-line' }, el('span', { class: 'queue-name' }, queue.name), row.count),
    el('div', { class: 'depth' }, row.bar),
    row.consumers);
  return row;
}

function updateRow(row, queue, deepest) {
  const known = queue.messages != null;
  setData(row.root, 'messages', known ? queue.messages : '');
  setData(row.root, 'busy', known && queue.messages > 0 ? 'true' : 'false');
  setText(row.count, known ? String(queue.messages) : '–');
  setStyle(row.bar, 'width', known ? `${(100 * queue.messages) / deepest}%` : '0%');

  const consumers = queue.consumers;
  setData(row.root, 'consumers', consumers ?? '');
  if (consumers == null) {
    setText(row.consumers, 'broker unreachable');
  } else if (queue.deadLetter) {
    setText(row.consumers, known && queue.messages > 0 ? 'failed every retry: needs a person to look' : '');
  } else {
    setText(row.consumers, consumers === 1 ? '1 consumer' : `${consumers} consumers`);
  }
  setData(row.root, 'idle', !queue.deadLetter && consumers === 0 ? 'true' : 'false');
}
