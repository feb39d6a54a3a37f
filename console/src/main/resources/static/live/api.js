// Calls to the console. Same origin, JSON in and out; errors are problem JSON
// ({type, title, status, detail, code}) and become an ApiError.

const POLL_TIMEOUT_MS = 4000;
// A sync payment waits for every downstream call, each up to 10 s of chaos latency.
const PAYMENT_TIMEOUT_MS = 120000;
const SHORT_TIMEOUT_MS = 15000;

export class ApiError extends Error {
  constructor(code, detail, status, problem = null) {
    super(`${code}: ${detail}`);
    this.code = code;
    this.detail = detail;
    this.status = status;
    this.problem = problem;
  }
}

async function request(method, path, body, timeoutMs) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const detail = error.name === 'TimeoutError'
      ? `no answer within ${timeoutMs / 1000} s`
      : 'the console is unreachable';
    throw new ApiError('UNREACHABLE', detail, 0);
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(
      data?.code ?? `HTTP_${response.status}`,
      data?.detail ?? data?.title ?? response.statusText,
      response.status,
      data,
    );
  }
  return data;
}

// Paths are relative to the page, which the console serves at "/".

/** The latest payments, newest first, each with its lanes (GET /api/payments). */
export function getPayments(limit) {
  return request('GET', `api/payments?limit=${limit}`, undefined, POLL_TIMEOUT_MS);
}

/** Every queue bound to pay.topic; 503 while RabbitMQ cannot be asked. */
export function getQueues() {
  return request('GET', 'api/queues', undefined, POLL_TIMEOUT_MS);
}

/** The broker's nodes, [{name, running}]: one, or every member of a cluster. */
export function getNodes() {
  return request('GET', 'api/nodes', undefined, POLL_TIMEOUT_MS);
}

/** The configured services with their state and chaos knobs. */
export function getServices() {
  return request('GET', 'api/services', undefined, POLL_TIMEOUT_MS);
}

/** pay-service's mode, through the console: {mode}. */
export function getMode() {
  return request('GET', 'api/mode', undefined, POLL_TIMEOUT_MS);
}

/** mode: "sync" or "async". */
export function setMode(mode) {
  return request('PUT', 'api/mode', { mode }, SHORT_TIMEOUT_MS);
}

/** Creates a trade order and a pay order, and pays it: {traceId, payOrderId, payOrderNo, status, mode}. */
export function pay(userId, amount, password) {
  return request('POST', 'api/demo-payments', { userId, amount, password }, PAYMENT_TIMEOUT_MS);
}

/** The classroom knobs of one service: {latencyMs, outage}. */
export function setChaos(serviceName, latencyMs, outage) {
  const path = `api/services/${encodeURIComponent(serviceName)}/chaos`;
  return request('PUT', path, { latencyMs, outage }, SHORT_TIMEOUT_MS);
}
