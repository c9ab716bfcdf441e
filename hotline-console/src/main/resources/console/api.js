// The staff API from the browser: JSON in and out, the session cookie sent by the browser
// (HttpOnly: no script reads it), the CSRF token kept in memory and sent on every change.
let csrfToken = null;
let failedText = 'Something went wrong. Try again.';

export function setCsrfToken(token) {
  csrfToken = token;
}

export function setFailedText(text) {
  failedText = text;
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error((data && (data.detail || data.title)) || failedText);
    error.status = response.status;
    error.problem = data; // the RFC 9457 document, e.g. an import's problems per file
    throw error;
  }
  return data;
}
