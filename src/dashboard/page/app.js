// The officials' dashboard (a Telegram Mini App): plain DOM, Leaflet for the map, bundled by esbuild.
import L from 'leaflet';

const initData = new URLSearchParams(location.hash.slice(1)).get('tgWebAppData') ?? '';
const tileUrl = document.body.dataset.tileUrl ?? '';
const app = document.getElementById('app');
const COLORS = { done: '#2e7d32', partial: '#f9a825', not_done: '#c62828', pending: '#9e9e9e', returned: '#6a1b9a' };
let T = {};

const t = (key, vars = {}) => (T[key] ?? key).replace(/\{ ?\$(\w+) ?\}/g, (_, name) => String(vars[name] ?? ''));
// "17:00 14/06", as officials write it, in Vietnam's time whatever the phone's zone.
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', hourCycle: 'h23' });
function fmtTime(iso) {
  if (!iso) return '—';
  const p = Object.fromEntries(TIME.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.hour}:${p.minute} ${p.day}/${p.month}`;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

async function call(path, method = 'GET') {
  const res = await fetch(`api/${path}`, { method, headers: { authorization: `tma ${initData}` } });
  if (!res.ok) throw Object.assign(new Error(String(res.status)), { status: res.status });
  return res;
}
const getJson = async (path) => (await call(path)).json();

function show(...nodes) {
  app.replaceChildren(...nodes);
  window.scrollTo(0, 0);
}

function fail(error) {
  const key = error.status === 401 ? 'db-error-unauthorized' : error.status === 403 ? 'db-error-forbidden' : 'db-error-generic';
  show(el('p', { class: 'error', 'data-testid': 'error' }, t(key)));
}

async function campaigns() {
  const { campaigns: list } = await getJson('campaigns');
  const items = list.map((c) => el('li', {}, el('button', { onclick: () => campaign(c.id).catch(fail) }, c.name, ' ', el('span', { class: 'muted' }, t('db-open-tasks', { count: c.openTasks })))));
  show(el('h1', {}, t('db-title')), list.length ? el('ul', { class: 'list', 'data-testid': 'campaigns' }, items) : el('p', {}, t('db-no-campaigns')));
}

function progressCard(task, campaignId) {
  const pct = (n) => (task.assigned ? `${(100 * n) / task.assigned}%` : '0');
  const bar = el('div', { class: 'bar' }, ...['done', 'partial', 'notDone'].map((k, i) => el('span', { style: `width:${pct(task[k])};background:${[COLORS.done, COLORS.partial, COLORS.not_done][i]}` })));
  const num = (key, value, label = t(`db-${key}`)) => el('div', { 'data-k': key }, `${label}: `, el('b', {}, value));
  return el(
    'section',
    { class: 'task', 'data-task': task.id },
    el('h3', {}, task.title),
    el('div', { class: 'muted' }, t('db-due', { due: fmtTime(task.dueAt) }), task.overdue ? el('span', { class: 'late' }, ' · ', t('db-overdue')) : ''),
    bar,
    el('div', { class: 'nums' }, num('reported', `${task.reported}/${task.assigned}`), num('done', task.done), num('partial', task.partial), num('notDone', task.notDone), num('pending', task.pending), task.numberLabel ? num('number', task.againstHouseholds ? `${task.numberTotal}/${task.households}` : task.numberTotal, task.numberLabel) : ''),
    el('button', { onclick: () => taskView(campaignId, task.id, 'all').catch(fail) }, t('db-open-task')),
  );
}

async function campaign(id) {
  const c = await getJson(`campaigns/${id}`);
  show(el('button', { class: 'back', onclick: () => campaigns().catch(fail) }, t('db-back')), el('h1', {}, c.name), ...c.tasks.map((task) => progressCard(task, id)), el('h2', {}, t('db-exports')), ...exportButtons(`campaign/${id}`, id));
}

/** The chat's files: XLSX and CSV of the campaign or task, and the campaign's results report (DOCX). */
function exportButtons(scope, campaignId) {
  const status = el('p', { class: 'muted', role: 'status', 'data-testid': 'export-status' });
  const files = [...['xlsx', 'csv'].map((f) => [`${scope}.${f}`, `db-export-${f}`]), [`campaign/${campaignId}.docx`, 'db-export-docx']];
  const buttons = files.map(([file, key]) => el('button', { 'data-export': file, onclick: () => download(`export/${file}`, status) }, t(key)));
  return [el('div', { class: 'exports' }, buttons), status];
}

async function download(path, status) {
  status.className = 'muted';
  status.textContent = t('db-export-working');
  try {
    const res = await call(path);
    const name = decodeURIComponent((res.headers.get('content-disposition') ?? '').split("''")[1] ?? 'export');
    el('a', { href: URL.createObjectURL(await res.blob()), download: name }).click();
    status.textContent = t('db-export-done', { name });
  } catch (error) {
    status.className = 'warn';
    status.textContent = t(error.status === 409 ? 'db-export-details-missing' : 'db-export-failed');
  }
}

const REMINDABLE = new Set(['pending', 'returned']);

/** Nhắc lại: the unit's members get a reminder through the bot; the answer replaces the button. */
function remindButton(taskId, unit) {
  const button = el('button', { 'data-remind': unit.unitId }, t('db-remind'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    const res = await fetch(`api/tasks/${taskId}/units/${unit.unitId}/remind`, { method: 'POST', headers: { authorization: `tma ${initData}` } });
    const body = await res.json().catch(() => ({}));
    const key = res.ok ? 'db-remind-sent' : `db-remind-${body.error ?? 'failed'}`;
    button.replaceWith(el('div', { class: res.ok ? 'muted' : 'late', 'data-reminded': unit.unitId }, t(key in T ? key : 'db-remind-failed', { count: body.recipients ?? 0 })));
  });
  return button;
}

function unitsTable(units, taskId) {
  // Three columns (the time under the status), so the table fits a 360-px phone with its margins.
  const head = el('tr', {}, ['db-unit', 'db-status', 'db-figure'].map((k) => el('th', {}, t(k))));
  const rows = units.map((u) =>
    el(
      'tr',
      { 'data-unit': u.unitId },
      el('td', {}, u.unitName, u.note ? el('div', { class: 'muted' }, u.note) : '', REMINDABLE.has(u.state) ? remindButton(taskId, u) : ''),
      el('td', {}, el('span', { class: `st st-${u.state}` }, t(`db-state-${u.state}`)), el('div', { class: 'when' }, fmtTime(u.reportedAt)), u.late ? el('div', { class: 'late' }, t('db-late')) : ''),
      el('td', {}, u.numberValue ?? '—', u.households ? el('span', { class: 'muted' }, `/${u.households}`) : ''),
    ),
  );
  // A long name or figure scrolls inside the box, never the page.
  return el('div', { class: 'table-box' }, el('table', { 'data-testid': 'units' }, el('thead', {}, head), el('tbody', {}, rows)));
}

/** A report photo: its bytes come through the API with initData (checked there), shown as a blob; tap for the full photo. */
function photo(p, attrs) {
  return el('img', { alt: p.unitName, ...attrs, onclick: (e) => e.currentTarget.src && openFull(e.currentTarget.src) });
}

function loadPhoto(img, id) {
  call(`photos/${id}`)
    .then((r) => r.blob())
    .then((b) => (img.src = URL.createObjectURL(b)))
    .catch(() => img.classList.add('missing'));
}

const openFull = (src) => document.body.append(el('div', { class: 'full', 'data-testid': 'full-photo', onclick: (e) => e.currentTarget.remove() }, el('img', { src })));

/** A marker's popup: the unit, its status and time, its note, and its photos (fetched when it first opens). */
function popup(u, photos) {
  const own = photos.filter((p) => p.unitId === u.unitId);
  const thumbs = own.map((p) => photo(p, { 'data-popup-photo': p.id }));
  const box = el(
    'div',
    { class: 'pop', 'data-popup': u.unitId },
    el('b', {}, u.unitName),
    el('div', {}, el('span', { class: `st st-${u.state}` }, t(`db-state-${u.state}`)), ' ', el('span', { class: 'muted' }, fmtTime(u.reportedAt))),
    u.note ? el('div', { class: 'pop-note' }, u.note) : '',
    own.length ? el('div', { class: 'pop-photos' }, thumbs) : el('div', { class: 'muted' }, t('db-no-photos')),
  );
  let loaded = false;
  const load = () => {
    if (!loaded) thumbs.forEach((img, i) => loadPhoto(img, own[i].id));
    loaded = true;
  };
  return { box, load };
}

function map(units, photos) {
  const located = units.filter((u) => u.location);
  const box = el('div', { id: 'map', 'data-testid': 'map' });
  if (!located.length) return [el('p', { class: 'muted' }, t('db-no-locations'))];
  requestAnimationFrame(() => {
    const m = L.map(box);
    L.tileLayer(tileUrl, { maxZoom: 19, attribution: '© OpenStreetMap' }).addTo(m);
    const points = located.map((u) => {
      const ll = [u.location.latitude, u.location.longitude];
      const content = popup(u, photos);
      L.circleMarker(ll, { radius: 12, color: COLORS[u.state], fillOpacity: 0.8 })
        .bindPopup(content.box, { maxWidth: 260, minWidth: 230 })
        .on('popupopen', content.load)
        .addTo(m);
      return ll;
    });
    m.fitBounds(points, { padding: [30, 30], maxZoom: 16 });
  });
  return [box];
}

function wall(photos) {
  if (!photos.length) return el('p', { class: 'muted' }, t('db-no-photos'));
  const items = photos.map((p) => {
    const img = photo(p, { loading: 'lazy' });
    loadPhoto(img, p.id);
    return el('figure', { 'data-photo': p.id }, img, el('figcaption', {}, `${p.unitName} · ${fmtTime(p.sentAt)}`));
  });
  return el('div', { class: 'wall', 'data-testid': 'wall' }, items);
}

async function taskView(campaignId, taskId, filter) {
  const [data, all, photos] = await Promise.all([getJson(`tasks/${taskId}/units?filter=${filter}`), getJson(`tasks/${taskId}/units`), getJson(`tasks/${taskId}/photos`)]);
  const filters = el('div', { class: 'filters' }, ['all', 'pending', 'returned', 'late'].map((f) => el('button', { class: f === filter ? 'on' : '', 'data-filter': f, onclick: () => taskView(campaignId, taskId, f).catch(fail) }, t(`db-filter-${f}`))));
  show(
    el('button', { class: 'back', onclick: () => campaign(campaignId).catch(fail) }, t('db-back')),
    el('h1', {}, data.title),
    filters,
    data.units.length ? unitsTable(data.units, taskId) : el('p', { class: 'muted' }, t('db-no-units')),
    el('h2', {}, t('db-map')),
    ...map(all.units, photos.photos),
    el('h2', {}, t('db-photos')),
    wall(photos.photos),
    el('h2', {}, t('db-exports')),
    ...exportButtons(`task/${taskId}`, campaignId),
  );
}

async function start() {
  const texts = await (await fetch('texts.json')).json();
  const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'vi';
  T = texts[lang];
  document.documentElement.lang = lang;
  await campaigns();
}

start().catch(fail);
