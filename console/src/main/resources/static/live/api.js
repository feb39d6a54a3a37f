// Calls to pay-service. Same origin, JSON in and out; errors are problem JSON
// ({type, title, status, detail, code}) and become an ApiError.

const STATE_TIMEOUT_MS = 4000;
// A sync payment waits for every downstream call, each up to 10 s of chaos latency.
const PAYMENT_TIMEOUT_MS = 120000;
const SHORT_TIMEOUT_MS = 15000;

export class ApiError extends Error {
  constructor(code, detail, status) {
    super(`${code}: ${detail}`);
    this.code = code;
    this.detail = detail;
    this.status = status;
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
      : 'pay-service unreachable';
    throw new ApiError('UNREACHABLE', detail, 0);
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(
      data?.code ?? `HTTP_${response.status}`,
      data?.detail ?? data?.title ?? response.statusText,
      response.status,
    );
  }
  return data;
}

// Paths are relative to the page, which pay-service serves at "/".

/** The whole live picture: mode, services, queues, recent payments. */
export function getState() {
  return request('GET', 'live/state', undefined, STATE_TIMEOUT_MS);
}

/** Creates a trade order and a pay order, and pays it in the current mode. */
export function pay(userId, amount, password) {
  return request('POST', 'live/payments', { userId, amount, password }, PAYMENT_TIMEOUT_MS);
}

/** mode: "sync" or "async". */
export function setMode(mode) {
  return request('PUT', 'mode', { mode }, SHORT_TIMEOUT_MS);
}

/** The classroom knobs of one downstream service: {latencyMs, outage}. */
export function setChaos(serviceName, latencyMs, outage) {
  const path = `live/services/${encodeURIComponent(serviceName)}/chaos`;
  return request('PUT', path, { latencyMs, outage }, SHORT_TIMEOUT_MS);
}
