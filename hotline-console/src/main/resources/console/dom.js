// Small helpers to build the page from data. Text always goes in with textContent: whatever a
// person or a staff member wrote is shown as text, never read as HTML.
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') element.textContent = value;
    else if (name === 'className') element.className = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Calls fn at most once per delay, after the last call (several events, one fetch). */
export function debounce(fn, delay) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), delay);
  };
}

/** "4 min", "1 h 05 min", "35 s": how long someone has waited. */
export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

export function time(iso, language) {
  try {
    return new Date(iso).toLocaleString(language, { dateStyle: 'short', timeStyle: 'short' });
  } catch {
    return iso;
  }
}

/**
 * A screen's two message lines: errors (role=alert, read out at once) and confirmations
 * (role=status, read out politely). Each call replaces both.
 */
export function feedback() {
  const error = el('p', { className: 'error', role: 'alert', hidden: true });
  const status = el('p', { className: 'status', role: 'status' });
  return {
    nodes: [error, status],
    fail(text) {
      error.textContent = text || '';
      error.hidden = !text;
      status.textContent = '';
    },
    done(text) {
      error.textContent = '';
      error.hidden = true;
      status.textContent = text || '';
    },
  };
}

/** Language codes from what someone typed: "ar, fa tr" -> ['ar', 'fa', 'tr']. */
export function languageCodes(typed) {
  return (typed || '').split(/[\s,;]+/).map((code) => code.trim().toLowerCase()).filter(Boolean);
}
