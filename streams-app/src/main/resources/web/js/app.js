// The app: reads the URL (page, period, state, district, metric, limit, lang), asks the session, draws the
// page and polls the API every 2 s for the visible page.
import { setLang, t, lang } from './i18n.js';
import { api, ApiError } from './api.js';
import { h, replace } from './dom.js';
import { time } from './format.js';
import { isMetric, isKnownPeriod } from './model.js';
import { loadGeo, disposeAll } from './charts.js';
import * as overview from './pages/overview.js';
import * as rankings from './pages/rankings.js';
import * as district from './pages/district.js';
import * as operations from './pages/operations.js';

const PAGES = { overview, rankings, district, operations };
const PARAMS = ['page', 'period', 'state', 'district', 'metric', 'limit', 'lang'];
const POLL_MS = 2000;

const main = document.getElementById('main');
const status = document.getElementById('status');
const updated = document.getElementById('updated');

let params = {};
let session = null;
let periods = null;
let states = [];
let geoNames = {};
let current = null;
let generation = 0;
let timer = null;

function readParams() {
  const s = new URLSearchParams(location.search);
  const p = {};
  for (const k of PARAMS) if (s.get(k)) p[k] = s.get(k);
  if (!PAGES[p.page]) p.page = 'overview';
  if (!isMetric(p.metric)) p.metric = 'exportValue';
  p.lang = p.lang === 'hi' ? 'hi' : 'en';
  return p;
}

function href(p) {
  const s = new URLSearchParams();
  for (const k of PARAMS) if (p[k] != null && p[k] !== '') s.set(k, p[k]);
  return '/?' + s.toString();
}

/** A link to the app with some parameters changed (district links keep the period and language). */
function link(changes) {
  return href({ ...params, ...changes });
}

/** Goes to the app with some parameters changed: a new history entry, the page drawn again. */
function go(changes, { replaceHistory = false } = {}) {
  const next = { ...params, ...changes };
  for (const k of Object.keys(next)) if (next[k] == null || next[k] === '') delete next[k];
  const url = href(next);
  if (replaceHistory) history.replaceState(null, '', url); else history.pushState(null, '', url);
  params = readParams();
  draw();
}

function stateName(code, fallback) {
  const n = geoNames[code];
  return (n && (lang() === 'hi' ? n.hi : n.en)) || fallback || code;
}

function ctx() {
  return { params, periods, states, session, go, link, stateName };
}

// ---- status line: loading errors, rebalances, unreachable instances --------------------------------

// Problems go to the live region (read out once); the time of the last update is shown but not announced.
function showStatus(kind, detail) {
  if (!kind) {
    status.className = 'status';
    status.dataset.state = 'ok';
    status.textContent = '';
    updated.textContent = t('lastUpdated', { time: time(new Date()) });
    return;
  }
  status.className = 'status problem';
  status.dataset.state = kind;
  status.textContent = kind === 'moving' ? t('moving')
    : kind === 'unreachable' ? t('unreachable')
      : kind === 'forbidden' ? t('forbidden')
        : t('failed', { detail: detail || kind });
}

function handleError(e) {
  if (e instanceof ApiError && e.kind === 'signin') {
    session = { signedIn: false, publicRead: false };
    drawSignIn();
    return true;
  }
  // eslint-disable-next-line no-console
  if (!(e instanceof ApiError)) console.error(e);
  showStatus(e instanceof ApiError ? e.kind : 'error', e instanceof ApiError ? (e.detail || String(e.status)) : e.message);
  return false;
}

// ---- polling -----------------------------------------------------------------------------------------

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(tick, POLL_MS);
}

async function tick() {
  const gen = generation;
  if (!current) return;
  if (document.hidden) {
    schedule();
    return;
  }
  try {
    await current.update(() => gen === generation);
    if (gen === generation) showStatus(null);
  } catch (e) {
    if (gen !== generation) return;
    if (handleError(e)) return;
  }
  if (gen === generation) schedule();
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden && current) tick();
});

// ---- chrome: navigation, language, session ----------------------------------------------------------

function drawChrome() {
  setLang(params.lang);
  const signedIn = session && (session.signedIn || session.publicRead);
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('navLabel'));
  replace(nav, signedIn ? h('ul', null, Object.keys(PAGES).map((p) => h('li', null,
    h('a', {
      href: link({ page: p }), 'data-nav': '', 'data-testid': 'nav-' + p,
      'aria-current': p === params.page ? 'page' : null,
    }, t('page.' + p))))) : null);
  const langSelect = document.getElementById('lang-select');
  langSelect.value = params.lang;
  const out = document.getElementById('signout-form');
  out.hidden = !(session && session.signedIn);
  const who = document.getElementById('who');
  who.textContent = session && session.signedIn ? t('signedInAs', { role: session.role || '' })
    : session && session.publicRead ? t('publicRead') : '';
}

document.getElementById('lang-select').addEventListener('change', (e) => go({ lang: e.target.value }, { replaceHistory: true }));

document.addEventListener('click', (e) => {
  const a = e.target.closest && e.target.closest('a[data-nav]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname !== '/') return;
  e.preventDefault();
  history.pushState(null, '', url.pathname + url.search);
  params = readParams();
  draw();
  main.focus({ preventScroll: false });
});

window.addEventListener('popstate', () => {
  params = readParams();
  draw();
});

function drawSignIn() {
  generation++;
  clearTimeout(timer);
  if (current) current.destroy();
  current = null;
  disposeAll();
  drawChrome();
  status.className = 'status';
  status.textContent = '';
  updated.textContent = '';
  const failed = new URLSearchParams(location.search).get('signin') === 'failed';
  const next = new URLSearchParams(location.search);
  next.delete('signin');
  const nextPath = '/' + (next.toString() ? '?' + next.toString() : '');
  replace(main, h('section', { class: 'card signin', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, t('signInTitle')),
    failed ? h('p', { class: 'error', role: 'alert', 'data-testid': 'signin-failed' }, t('signInFailed')) : null,
    h('p', null, t('signInHelp')),
    h('form', { method: 'post', action: '/session', 'data-testid': 'signin-form' },
      h('div', { class: 'control' },
        h('label', { for: 'key' }, t('apiKey')),
        h('input', { id: 'key', name: 'key', type: 'password', autocomplete: 'current-password', required: true, spellcheck: 'false' })),
      h('input', { type: 'hidden', name: 'next', value: nextPath }),
      h('button', { type: 'submit', 'data-testid': 'signin-submit' }, t('signIn')))));
}

// ---- drawing a page -----------------------------------------------------------------------------------

function draw() {
  generation++;
  clearTimeout(timer);
  if (current) current.destroy();
  current = null;
  disposeAll();
  if (!session || !(session.signedIn || session.publicRead)) {
    drawSignIn();
    return;
  }
  if (params.period && !isKnownPeriod(params.period, periods)) delete params.period;
  if (!params.period) {
    params.period = periods.current.fiscalYear;
    history.replaceState(null, '', href(params));
  }
  drawChrome();
  const page = PAGES[params.page];
  main.dataset.page = params.page;
  const focusedId = document.activeElement && main.contains(document.activeElement) ? document.activeElement.id : null;
  main.replaceChildren();
  current = page.render(ctx(), main);
  if (focusedId) document.getElementById(focusedId)?.focus({ preventScroll: true });
  tick();
}

async function start() {
  params = readParams();
  setLang(params.lang);
  for (;;) {
    try {
      session = await api('/api/v1/session');
      if (session.signedIn || session.publicRead) {
        [periods, states] = await Promise.all([
          api('/api/v1/periods'),
          api('/api/v1/states').then((r) => r.states),
        ]);
        try {
          geoNames = (await loadGeo()).names;
        } catch (e) {
          geoNames = {};
        }
      }
      break;
    } catch (e) {
      if (e instanceof ApiError && e.kind === 'signin') {
        session = { signedIn: false, publicRead: false };
        break;
      }
      if (e instanceof ApiError && e.kind === 'forbidden') {
        // Signed in with a key that may not read (ingest only, say): say so, and offer to sign out.
        drawChrome();
        replace(document.getElementById('nav'));
        replace(main, h('p', { class: 'error', role: 'alert', 'data-testid': 'forbidden' }, t('forbidden')));
        return;
      }
      handleError(e);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }
  draw();
}

start();
