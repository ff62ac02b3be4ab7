// The REST API, read with the session cookie. Errors carry a kind the page can explain.

export class ApiError extends Error {
  /** kind: 'signin' (401), 'forbidden' (403), 'moving' (503), 'unreachable' (network, 502, 504), 'notFound', 'error'. */
  constructor(kind, status, detail) {
    super(`${kind} ${status}${detail ? ': ' + detail : ''}`);
    this.kind = kind;
    this.status = status;
    this.detail = detail;
  }
}

export async function api(path) {
  let r;
  try {
    r = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
  } catch (e) {
    throw new ApiError('unreachable', 0, e.message);
  }
  if (r.ok) return r.json();
  let detail = null;
  try {
    detail = (await r.json()).error;
  } catch (e) {
    // not JSON: keep the status
  }
  const kind = r.status === 401 ? 'signin'
    : r.status === 403 ? 'forbidden'
      : r.status === 503 ? 'moving'
        : r.status === 502 || r.status === 504 ? 'unreachable'
          : r.status === 404 ? 'notFound' : 'error';
  throw new ApiError(kind, r.status, detail);
}

/** A path with its query: q('/api/v1/x', {a: 1, b: null}) is '/api/v1/x?a=1'. */
export function q(path, params) {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v != null && v !== '') s.set(k, v);
  const qs = s.toString();
  return qs ? `${path}?${qs}` : path;
}

export function enc(code) {
  return encodeURIComponent(code);
}
