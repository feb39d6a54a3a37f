// The queues panel: every queue bound to pay.topic, as the broker reports it (the console
// lists nothing by name), how many messages wait in each and who consumes them; below,
// each queue's dead letters.
import { el, setData, setStyle, setText } from './dom.js';

// A bar is full at this many messages (or at the deepest queue, if deeper).
const FULL_BAR_MESSAGES = 10;

/** row key -> { root, count, bar, consumers, seen } */
const rows = new Map();

/** `queues` from /api/queues, or null with `error` when the broker could not be asked. */
export function renderQueues(queues, error) {
  renderBroker(queues != null, error);
  if (queues == null) {
    for (const row of rows.values()) {
      showUnknown(row);
    }
    return;
  }
  const deepest = Math.max(FULL_BAR_MESSAGES, ...queues.map((queue) => queue.messages));
  const present = new Set();
  for (const queue of queues) {
    present.add(queue.queue);
    updateRow(rowFor(queue.queue, queue.queue, false), queue.messages, queue.consumers, false, deepest, queue.leader);
    if (queue.deadLetterQueue != null) {
      const key = `dead:${queue.deadLetterQueue}`;
      present.add(key);
      updateRow(rowFor(key, queue.deadLetterQueue, true), queue.deadLetters, null, true, deepest);
    }
  }
  // A queue unbound or deleted since the last poll goes away.
  for (const [key, row] of rows) {
    if (!present.has(key)) {
      row.root.remove();
      rows.delete(key);
    }
  }
}

function renderBroker(up, error) {
  const node = document.getElementById('broker');
  setData(node, 'up', up ? 'true' : 'false');
  setText(node, up
    ? 'RabbitMQ broker: UP'
    : `RabbitMQ broker: DOWN · async payments still succeed; their events wait in the outbox${
      error?.status && error.status !== 503 ? ` (${error.code})` : ''}`);
}

function rowFor(key, name, deadLetter) {
  let row = rows.get(key);
  if (!row) {
    row = { deadLetter };
    row.count = el('span', { class: 'count' }, '');
    row.bar = el('span', { class: 'depth-bar' });
    row.consumers = el('span', { class: 'consumers' }, '');
    row.root = el('div', { class: 'queue', dataset: { queue: name, messages: '' } },
      el('div', { class: 'queue-line' }, el('span', { class: 'queue-name' }, name), row.count),
      el('div', { class: 'depth' }, row.bar),
      row.consumers);
    rows.set(key, row);
    document.getElementById(deadLetter ? 'dead-letters' : 'queues').append(row.root);
  }
  return row;
}

/**
 * The broker's nodes, one line: a single broker, or a cluster's members, each running or not.
 * `nodes` is null while the broker cannot be asked (the broker line says so).
 */
export function renderNodes(nodes) {
  const line = document.getElementById('nodes');
  if (nodes == null) {
    setText(line, '');
    return;
  }
  const running = nodes.filter((node) => node.running).length;
  setData(line, 'nodes', String(nodes.length));
  setData(line, 'running', String(running));
  setText(line, nodes.length === 1
    ? `one node: ${nodes[0].name}`
    : `cluster 集群: ${running} of ${nodes.length} nodes running · ${
      nodes.map((node) => `${node.name}${node.running ? '' : ' (down)'}`).join(', ')}`);
}

function updateRow(row, messages, consumers, deadLetter, deepest, leader) {
  setData(row.root, 'messages', messages);
  setData(row.root, 'busy', messages > 0 ? 'true' : 'false');
  setText(row.count, String(messages));
  setStyle(row.bar, 'width', `${(100 * messages) / deepest}%`);
  setData(row.root, 'consumers', consumers ?? '');
  if (deadLetter) {
    setText(row.consumers, messages > 0 ? 'failed every retry: needs a person to look' : '');
  } else {
    // On a cluster, the node that leads the queue (its Raft leader): where its writes go.
    setText(row.consumers, `${consumers === 1 ? '1 consumer' : `${consumers} consumers`}${
      leader ? ` · leader ${leader}` : ''}`);
    setData(row.root, 'leader', leader ?? '');
  }
  setData(row.root, 'idle', !deadLetter && consumers === 0 ? 'true' : 'false');
}

function showUnknown(row) {
  setData(row.root, 'messages', '');
  setData(row.root, 'busy', 'false');
  setData(row.root, 'consumers', '');
  setText(row.count, '–');
  setStyle(row.bar, 'width', '0%');
  setText(row.consumers, 'broker unreachable');
}
