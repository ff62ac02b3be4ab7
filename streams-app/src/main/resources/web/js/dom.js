// Small DOM helpers. Everything is built with createElement and textContent: no HTML strings from data.
import { t } from './i18n.js';
import { byKind, fullByKind } from './format.js';

/** h('a', {href: '?x', class: 'c', onclick: fn}, 'text', child): an element. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (v === true) el.setAttribute(k, '');
      else el.setAttribute(k, String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
}

/**
 * A figure: the formatted text, the exact number the API gave in data-value (what tests compare), the full
 * figure to the paisa in the title.
 */
export function fig(kind, value, testid, extra) {
  const raw = value == null ? '' : String(value);
  return h('span', {
    class: 'fig', 'data-testid': testid, 'data-value': raw, 'data-kind': kind,
    title: fullByKind(kind, value) || null, ...extra,
  }, byKind(kind, value));
}

/** A section with a heading; its body starts as a loading state. */
export function section(id, title, ...extra) {
  const heading = h('h2', { id: id + '-title' }, title);
  const body = h('div', { class: 'section-body', id: id + '-body', 'aria-busy': 'true' },
    h('p', { class: 'loading' }, t('loading')));
  return h('section', { class: 'card', id, 'aria-labelledby': id + '-title' }, heading, ...extra, body);
}

/** Replaces the children of el, keeping keyboard focus on the element with the same id, if any. */
export function replace(el, ...children) {
  const active = document.activeElement;
  const focusedId = active && el.contains(active) ? active.id : null;
  el.replaceChildren();
  append(el, children);
  el.removeAttribute('aria-busy');
  if (focusedId) {
    const again = document.getElementById(focusedId);
    if (again) again.focus({ preventScroll: true });
  }
}

export function empty(message) {
  return h('p', { class: 'empty', 'data-testid': 'empty' }, message || t('noData'));
}

let tableSeq = 0;

/**
 * A table in a scrollable region that keyboard users can reach. columns: [{label, numeric}];
 * rows: [{cells: [...], attrs: {...}}].
 */
export function table({ caption, columns, rows, testid, nowrap }) {
  const id = 'tbl-' + (++tableSeq);
  const t = h('table', { 'data-testid': testid, class: nowrap ? 'nowrap' : null },
    caption ? h('caption', { id }, caption) : null,
    h('thead', null, h('tr', null, columns.map((c) =>
      h('th', { scope: 'col', class: c.numeric ? 'num' : null }, c.label)))),
    h('tbody', null, rows.map((r) => h('tr', r.attrs || null, r.cells.map((cell, i) => {
      const c = columns[i];
      const tag = c.rowHeader ? 'th' : 'td';
      return h(tag, { class: c.numeric ? 'num' : null, scope: c.rowHeader ? 'row' : null }, cell);
    })))));
  return h('div', {
    class: 'table-wrap', role: 'region', tabindex: '0',
    'aria-labelledby': caption ? id : null, 'aria-label': caption ? null : (columns[0]?.label || 'table'),
  }, t);
}

/** A bar whose width shows a share (0..100): decorative, the number is in the text beside it. */
export function shareBar(pct) {
  const inner = h('span', { class: 'bar-fill' });
  inner.style.width = Math.max(0, Math.min(100, pct || 0)) + '%';
  return h('span', { class: 'bar', 'aria-hidden': 'true' }, inner);
}

/** JSON of the data last drawn in a section, to redraw only what changed. */
export class Memo {
  constructor() { this.last = new Map(); }

  changed(key, data) {
    const s = JSON.stringify(data);
    if (this.last.get(key) === s) return false;
    this.last.set(key, s);
    return true;
  }
}
