// Numbers as Indian readers expect them: Rs 10.50 crore, Rs 4.2 lakh, 1,23,45,678.
import { t, lang } from './i18n.js';

const grouped = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });
const paise = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const crore = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const lakh = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 1, maximumFractionDigits: 2 });
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const usdShort = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 2 });
const pct = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 1, maximumFractionDigits: 2 });

const MINUS = '\u2212';

/** Rupees, short: Rs 10.50 crore, Rs 4.2 lakh, Rs 45,678.50. */
export function inr(v) {
  if (v == null || Number.isNaN(v)) return '—';
  const n = Number(v);
  const sign = n < 0 ? MINUS : '';
  const a = Math.abs(n);
  const rs = t('rs');
  if (a >= 1e7) return `${sign}${rs}${crore.format(a / 1e7)} ${t('crore')}`;
  if (a >= 1e5) return `${sign}${rs}${lakh.format(a / 1e5)} ${t('lakh')}`;
  return `${sign}${rs}${paise.format(a)}`;
}

/** Rupees in full, to the paisa, with Indian grouping: Rs 1,05,00,000.00. */
export function inrFull(v) {
  if (v == null) return '';
  const n = Number(v);
  return `${n < 0 ? MINUS : ''}${t('rs')}${paise.format(Math.abs(n))}`;
}

export function usdShortText(v) {
  if (v == null) return '—';
  return Math.abs(v) >= 1e6 ? usdShort.format(v) : usd.format(v);
}

export function usdFull(v) {
  return v == null ? '' : usd.format(v);
}

/** A count with Indian grouping: 1,23,45,678. */
export function count(v) {
  if (v == null) return '—';
  const n = Number(v);
  return (n < 0 ? MINUS : '') + grouped.format(Math.abs(n));
}

export function percent(v) {
  if (v == null || !Number.isFinite(v)) return '—';
  return (v < 0 ? MINUS : '') + pct.format(Math.abs(v)) + '%';
}

/** A figure by its unit: 'inr', 'usd', 'count', 'ratio' (shown as a percentage). */
export function byKind(kind, v) {
  switch (kind) {
    case 'inr': return inr(v);
    case 'usd': return usdShortText(v);
    case 'ratio': return v == null ? '—' : percent(v * 100);
    default: return count(v);
  }
}

export function fullByKind(kind, v) {
  switch (kind) {
    case 'inr': return inrFull(v);
    case 'usd': return usdFull(v);
    case 'ratio': return v == null ? '' : percent(v * 100);
    default: return count(v);
  }
}

/** 2022-07 as "Jul 2022" (or its Hindi form). */
export function monthName(ym, style = 'short') {
  const [y, m] = ym.split('-').map(Number);
  return new Intl.DateTimeFormat(lang() === 'hi' ? 'hi-IN' : 'en-IN',
    { month: style, year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** all, FY2022-23, FY2022-23-Q1, 2022-07 as a label. */
export function periodLabel(p) {
  if (!p || p === 'all') return t('allTime');
  let m = /^FY(\d{4}-\d{2})$/.exec(p);
  if (m) return t('fiscalYear', { fy: m[1] });
  m = /^FY(\d{4}-\d{2})-Q([1-4])$/.exec(p);
  if (m) return t('quarter', { fy: (lang() === 'hi' ? 'वि.व. ' : 'FY') + m[1], q: m[2], months: t('q' + m[2]) });
  if (/^\d{4}-\d{2}$/.test(p)) return monthName(p, 'long');
  return p;
}

/** Seconds as "3 h 20 min", "2 d 4 h". */
export function duration(seconds) {
  if (seconds == null) return '—';
  let s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400); s -= d * 86400;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  const hiUnits = { d: 'दिन', h: 'घंटे', min: 'मिनट', s: 'सेकंड' };
  const u = (k) => (lang() === 'hi' ? hiUnits[k] : k);
  if (d) return `${d} ${u('d')} ${h} ${u('h')}`;
  if (h) return `${h} ${u('h')} ${m} ${u('min')}`;
  if (m) return `${m} ${u('min')}`;
  return `${s} ${u('s')}`;
}

/** An ISO-8601 instant in IST, as a reader in India reads it. */
export function dateTime(iso) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang() === 'hi' ? 'hi-IN' : 'en-IN', {
    dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Kolkata',
  }).format(new Date(iso));
}

export function time(date) {
  return new Intl.DateTimeFormat(lang() === 'hi' ? 'hi-IN' : 'en-IN', {
    timeStyle: 'medium', timeZone: 'Asia/Kolkata',
  }).format(date);
}

/** An ISO 3166-1 alpha-2 code as a country name in the page's language. */
export function country(code) {
  try {
    return new Intl.DisplayNames([lang() === 'hi' ? 'hi' : 'en'], { type: 'region' }).of(code) || code;
  } catch (e) {
    return code;
  }
}
