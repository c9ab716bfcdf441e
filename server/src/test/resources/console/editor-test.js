// Test-only: a minimal shell around mountEditor, with the fetch wrapper the console uses.
import { mountEditor } from './editor.js';

let csrfToken = null;

async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error((data && (data.detail || data.title)) || 'failed');
    error.status = response.status;
    error.problem = data;
    throw error;
  }
  return data;
}

document.getElementById('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const signedIn = await api('POST', '/api/session', {
      username: form.get('username'), password: form.get('password'),
    });
    csrfToken = signedIn.csrfToken;
    event.target.hidden = true;
    const language = new URLSearchParams(location.search).get('lang') || 'en';
    mountEditor(document.getElementById('editor'), { api, language });
  } catch (error) {
    document.getElementById('problem').textContent = error.message;
  }
});
