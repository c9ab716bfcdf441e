// The app shell after sign-in: navigation by role, one view at a time (chosen by the URL's
// hash, so the browser's back button and bookmarks work), and the live feed shared by the views.
//
// Shell contract for other screens: a view is a module function mount(container, context)
// that may return a function (or an object with unmount()) called when the view is left. The
// context holds { api, language, t, live, me, navigate }. The editors' screen is
// ./editor.js exporting mountEditor(container, { api, language }); when that module is absent
// its navigation entry is hidden.
import { api } from './api.js';
import { el } from './dom.js';
import { text } from './i18n.js';
import { Live } from './live.js';

const VIEWS = [
  { id: 'queue', roles: ['operator', 'supervisor'], load: () => import('./queue.js').then((m) => m.mountQueue) },
  { id: 'dashboard', roles: ['supervisor'], load: () => import('./dashboard.js').then((m) => m.mountDashboard) },
  { id: 'canned', roles: ['supervisor'], load: () => import('./canned.js').then((m) => m.mountCanned) },
  { id: 'editor', roles: ['editor', 'admin'], load: () => import('./editor.js').then((m) => m.mountEditor) },
  { id: 'staff', roles: ['admin'], load: () => import('./staff.js').then((m) => m.mountStaff) },
  { id: 'settings', roles: ['admin'], load: () => import('./settings.js').then((m) => m.mountSettings) },
  { id: 'audit', roles: ['admin'], load: () => import('./audit.js').then((m) => m.mountAudit) },
];

export function startApp(root, me, language) {
  const roles = new Set(me.roles || []);
  const t = (key) => text(language, key);
  const views = VIEWS.filter((view) => view.roles.some((role) => roles.has(role)));
  const live = roles.has('operator') || roles.has('supervisor') ? new Live() : null;
  const navigate = (hash) => {
    if (location.hash === hash) route();
    else location.hash = hash;
  };
  const context = { api, language, t, live, me, navigate };

  const links = new Map();
  const nav = el('nav', { 'aria-label': t('navigation') },
    el('ul', {}, views.map((view) => {
      const link = el('a', { href: `#/${view.id}`, text: t(`nav.${view.id}`) });
      links.set(view.id, link);
      return el('li', { 'data-view': view.id }, link);
    })));
  const status = el('p', { id: 'live-status', className: 'live-status', role: 'status' });
  const container = el('div', { id: 'view' });
  root.replaceChildren(nav, status, container);

  if (live) {
    live.on((frame) => {
      if (frame.type === 'live.open') status.textContent = t('live.on');
      if (frame.type === 'live.closed') status.textContent = t('live.off');
    });
  }
  // The editor's module comes from another part of the console: without it, no entry.
  if (links.has('editor')) {
    import('./editor.js').catch(() => links.get('editor').parentElement.remove());
  }

  let unmount = null;
  let generation = 0;

  async function route() {
    const [, name, arg] = (location.hash || '').split('/');
    const mine = ++generation;
    if (typeof unmount === 'function') unmount();
    unmount = null;
    container.replaceChildren();
    for (const [id, link] of links) {
      if (id === name || (name === 'conversation' && id === 'queue')) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    try {
      let result;
      if (name === 'conversation' && arg && live) {
        const { mountConversation } = await import('./conversation.js');
        if (mine !== generation) return;
        result = mountConversation(container, context, arg);
      } else {
        const view = views.find((v) => v.id === name) || views[0];
        if (!view) {
          container.append(el('p', { text: t('nothingForYou') }));
          return;
        }
        const mount = await view.load();
        if (mine !== generation) return;
        result = mount(container, view.id === 'editor' ? { api, language } : context);
      }
      unmount = typeof result === 'function' ? result
        : result && typeof result.unmount === 'function' ? () => result.unmount() : null;
      const heading = container.querySelector('h2');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      }
    } catch (error) {
      container.replaceChildren(el('p', { className: 'error', role: 'alert', text: error.message || t('failed') }));
    }
  }

  window.addEventListener('hashchange', route);
  route();

  return {
    stop() {
      window.removeEventListener('hashchange', route);
      if (typeof unmount === 'function') unmount();
      if (live) live.close();
      root.replaceChildren();
    },
  };
}
