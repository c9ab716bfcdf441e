// The supervisors' dashboard: the live queue by level and language, the longest wait, time to
// claim (median, 90th percentile), conversations and escalations per day, outcomes and
// categories; charts drawn by Chart.js (from WebJars, loaded only here) with the same figures in
// tables for keyboard and screen-reader users; and the anonymised CSV export.
import { debounce, duration, el } from './dom.js';

const CHART_JS = '/webjars/chart.js/4.4.1/dist/chart.umd.js';
let chartLibrary = null;

function loadChartJs() {
  if (!chartLibrary) {
    chartLibrary = new Promise((resolve, reject) => {
      if (window.Chart) {
        resolve(window.Chart);
        return;
      }
      const script = document.createElement('script');
      script.src = CHART_JS;
      script.onload = () => resolve(window.Chart);
      script.onerror = () => reject(new Error('charts unavailable'));
      document.head.append(script);
    });
  }
  return chartLibrary;
}

const PERIODS = [7, 30, 90, 365];

export function mountDashboard(container, { api, t, live }) {
  let days = 30;
  const message = el('p', { className: 'error', role: 'alert', hidden: true });
  const cards = el('div', { className: 'cards', id: 'dashboard-cards' });
  const queueTable = el('tbody');
  const dayCanvas = el('canvas', { id: 'chart-days', role: 'img', 'aria-label': t('dash.perDay') });
  const outcomeCanvas = el('canvas', { id: 'chart-outcomes', role: 'img', 'aria-label': t('dash.outcomes') });
  const categoryCanvas = el('canvas', { id: 'chart-categories', role: 'img', 'aria-label': t('dash.categories') });
  const figureTables = el('div', { className: 'figure-tables' });
  const charts = [];
  const exportLink = el('a', { id: 'export-csv', href: exportHref(), download: 'selam-statistics.csv', text: t('dash.export') });
  const period = el('select', { id: 'dashboard-days' },
    PERIODS.map((n) => el('option', { value: String(n), text: String(n), selected: n === days })));
  period.addEventListener('change', () => {
    days = Number(period.value);
    exportLink.href = exportHref();
    load();
  });

  function exportHref() {
    return `/api/dashboard/export.csv?days=${days}`;
  }

  container.append(
    el('h2', { text: t('nav.dashboard') }),
    message,
    el('p', { className: 'dashboard-period' },
      el('label', { for: 'dashboard-days', text: t('dash.period') }), ' ', period, ' ', exportLink),
    cards,
    el('section', {}, el('h3', { text: t('dash.queue') }),
      el('table', {}, el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: t('col.level') }), el('th', { scope: 'col', text: t('col.language') }),
        el('th', { scope: 'col', text: t('dash.waiting') }))), queueTable)),
    el('section', { className: 'charts' },
      el('figure', {}, el('figcaption', { text: t('dash.perDay') }), dayCanvas),
      el('figure', {}, el('figcaption', { text: t('dash.outcomes') }), outcomeCanvas),
      el('figure', {}, el('figcaption', { text: t('dash.categories') }), categoryCanvas)),
    figureTables,
  );

  function card(label, value) {
    return el('div', { className: 'card' }, el('p', { className: 'card-label', text: label }), el('p', { className: 'card-value', text: value }));
  }

  function countsTable(title, counts) {
    return el('table', {}, el('caption', { text: title }),
      el('tbody', {}, Object.entries(counts).map(([key, n]) => el('tr', {}, el('th', { scope: 'row', text: key }), el('td', { text: String(n) })))));
  }

  async function draw(figures) {
    let Chart;
    try {
      Chart = await loadChartJs();
    } catch {
      return; // the tables still say it all
    }
    while (charts.length) charts.pop().destroy();
    const labels = figures.days.map((d) => d.day);
    charts.push(new Chart(dayCanvas, {
      type: 'bar',
      data: { labels, datasets: [
        { label: t('dash.conversations'), data: figures.days.map((d) => d.conversations) },
        { label: t('dash.escalations'), data: figures.days.map((d) => d.escalations) }] },
      options: { animation: false, responsive: true },
    }));
    charts.push(new Chart(outcomeCanvas, {
      type: 'doughnut',
      data: { labels: Object.keys(figures.outcomes), datasets: [{ data: Object.values(figures.outcomes) }] },
      options: { animation: false },
    }));
    charts.push(new Chart(categoryCanvas, {
      type: 'bar',
      data: { labels: Object.keys(figures.categories), datasets: [{ label: t('dash.escalations'), data: Object.values(figures.categories) }] },
      options: { animation: false, indexAxis: 'y' },
    }));
  }

  async function load() {
    try {
      const figures = await api('GET', `/api/dashboard?days=${days}`);
      const waiting = figures.queue.reduce((sum, row) => sum + row.waiting, 0);
      const claim = figures.timeToClaim;
      cards.replaceChildren(
        card(t('dash.waiting'), String(waiting)),
        card(t('dash.longestWait'), duration(figures.longestWaitSeconds)),
        card(t('dash.claimMedian'), claim.medianSeconds === null ? '—' : duration(claim.medianSeconds)),
        card(t('dash.claimP90'), claim.p90Seconds === null ? '—' : duration(claim.p90Seconds)));
      queueTable.replaceChildren(...figures.queue.map((row) => el('tr', {},
        el('td', { text: t(`level.${row.level}`) }), el('td', { text: row.language || '—' }), el('td', { text: String(row.waiting) }))));
      figureTables.replaceChildren(
        countsTable(t('dash.outcomes'), figures.outcomes),
        countsTable(t('dash.categories'), figures.categories));
      message.hidden = true;
      await draw(figures);
    } catch (error) {
      message.textContent = error.message;
      message.hidden = false;
    }
  }

  const reload = debounce(load, 1000);
  const stopLive = live.on((frame) => {
    if (frame.type.startsWith('escalation.') || frame.type === 'live.open') reload();
  });
  load();
  return () => {
    stopLive();
    while (charts.length) charts.pop().destroy();
  };
}
