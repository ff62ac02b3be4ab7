// Apache ECharts (served by the app at /vendor/echarts/, loaded before this module as the global `echarts`).
// Tooltips are our own text (no inline styles, which the Content-Security-Policy refuses).
import { t } from './i18n.js';
import { byKind, monthName } from './format.js';

/** Okabe–Ito, safe for the common colour-vision deficiencies. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
const TEXT = '#1f2933';

const charts = new Set();
let resizeHooked = false;

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export function tipLines(...lines) {
  return lines.filter((l) => l != null).map(escapeHtml).join('<br>');
}

/** A chart in el (already in the document). el gets role=img and the label; the data is in a table beside it. */
export function makeChart(el, label) {
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', label);
  const c = window.echarts.init(el, null, { renderer: 'canvas' });
  charts.add(c);
  if (!resizeHooked) {
    resizeHooked = true;
    window.addEventListener('resize', () => charts.forEach((x) => x.isDisposed() || x.resize()));
  }
  return c;
}

export function disposeAll() {
  charts.forEach((c) => c.isDisposed() || c.dispose());
  charts.clear();
}

function base() {
  return {
    aria: { enabled: false },
    animation: false,
    color: PALETTE,
    textStyle: { color: TEXT, fontFamily: 'system-ui, "Noto Sans", "Noto Sans Devanagari", sans-serif' },
    tooltip: { confine: true, className: 'chart-tip', borderWidth: 1, borderColor: '#52606d', backgroundColor: '#ffffff', textStyle: { color: TEXT } },
  };
}

/** Bars of one metric per month (a line for ratios). */
export function trendOption(months, values, kind, seriesName) {
  const o = base();
  o.grid = { left: 8, right: 16, top: 24, bottom: 8, containLabel: true };
  o.tooltip.trigger = 'axis';
  o.tooltip.formatter = (ps) => tipLines(ps[0] && monthName(months[ps[0].dataIndex], 'long'),
    ...ps.map((p) => `${p.seriesName}: ${byKind(kind, p.value)}`));
  o.xAxis = { type: 'category', data: months.map((m) => monthName(m)), axisLabel: { color: TEXT } };
  o.yAxis = { type: 'value', axisLabel: { color: TEXT, formatter: (v) => axisShort(kind, v) } };
  o.series = [{
    name: seriesName, type: kind === 'ratio' ? 'line' : 'bar', data: values,
    itemStyle: { color: PALETTE[0] }, connectNulls: false,
  }];
  return o;
}

/** Several series per month (lines, with distinct markers so they differ by more than colour). */
export function multiTrendOption(months, series, kind) {
  const o = base();
  const symbols = ['circle', 'rect', 'triangle', 'diamond'];
  o.grid = { left: 8, right: 16, top: 40, bottom: 8, containLabel: true };
  o.legend = { top: 0, textStyle: { color: TEXT } };
  o.tooltip.trigger = 'axis';
  o.tooltip.formatter = (ps) => tipLines(ps[0] && monthName(months[ps[0].dataIndex], 'long'),
    ...ps.map((p) => `${p.seriesName}: ${byKind(kind, p.value)}`));
  o.xAxis = { type: 'category', data: months.map((m) => monthName(m)), axisLabel: { color: TEXT } };
  o.yAxis = { type: 'value', axisLabel: { color: TEXT, formatter: (v) => axisShort(kind, v) } };
  o.series = series.map((s, i) => ({
    name: s.name, type: 'line', data: s.values, symbol: symbols[i % symbols.length], symbolSize: 8,
    lineStyle: { width: 2, type: i === 1 ? 'dashed' : i === 2 ? 'dotted' : 'solid' },
  }));
  return o;
}

export function pieOption(items, kind) {
  const o = base();
  o.tooltip.trigger = 'item';
  o.tooltip.formatter = (p) => tipLines(p.name, `${byKind(kind, p.value)} (${p.percent}%)`);
  o.legend = { bottom: 0, textStyle: { color: TEXT } };
  o.series = [{
    type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], data: items,
    label: { show: false },
    itemStyle: { borderColor: '#ffffff', borderWidth: 2 },
  }];
  return o;
}

/** Short axis labels: 12 cr, 4 L, 35%. */
function axisShort(kind, v) {
  if (kind === 'ratio') return `${Math.round(v * 100)}%`;
  const a = Math.abs(v);
  if (a >= 1e7) return `${+(v / 1e7).toFixed(1)} ${t('crore')}`;
  if (a >= 1e5) return `${+(v / 1e5).toFixed(1)} ${t('lakh')}`;
  return new Intl.NumberFormat('en-IN').format(v);
}

// ---- the map ---------------------------------------------------------------------------------------

let geo = null;

/** The state outlines (registered with ECharts once) and the state names they carry. */
export async function loadGeo() {
  if (geo) return geo;
  const r = await fetch('/geo/india-states.json', { cache: 'force-cache' });
  if (!r.ok) throw new Error('map outlines: ' + r.status);
  const json = await r.json();
  window.echarts.registerMap('india', json);
  const names = {};
  for (const f of json.features) names[f.properties.name] = { en: f.properties.en, hi: f.properties.hi };
  geo = { json, names };
  return geo;
}

const INDIA = [[68.0, 37.2], [97.5, 6.5]];

/** The bounding box of some districts, with room around it; India's when there are none. */
function bounds(points) {
  if (!points.length) return INDIA;
  let [x0, y0, x1, y1] = [180, 90, -180, -90];
  for (const p of points) {
    x0 = Math.min(x0, p.lon); x1 = Math.max(x1, p.lon);
    y0 = Math.min(y0, p.lat); y1 = Math.max(y1, p.lat);
  }
  const pad = Math.max(1.0, (x1 - x0) * 0.25, (y1 - y0) * 0.25);
  return [[x0 - pad, y1 + pad], [x1 + pad, y0 - pad]];
}

/**
 * The map's option: the outlines, and one circle per district sized by the value (smaller ones drawn last, on
 * top, so every circle can be clicked). points: [{code, name, stateName, lat, lon, value}].
 */
export function mapOption(points, { kind, metricName, stateCode, stateName }) {
  const o = base();
  o.tooltip.trigger = 'item';
  o.tooltip.formatter = (p) => {
    if (p.componentType === 'series') {
      const d = p.data;
      return tipLines(`${d.name} (${d.stateName})`, `${metricName}: ${byKind(kind, d.raw)}`);
    }
    return tipLines(stateName(p.name) || p.name);
  };
  const focus = stateCode ? points.filter((p) => p.stateCode === stateCode) : [];
  o.geo = {
    map: 'india', roam: true, boundingCoords: stateCode ? bounds(focus) : INDIA,
    // India lies around 8 to 37 degrees north: a degree of longitude is about 0.9 of a degree of latitude.
    aspectScale: 0.9, top: 8, bottom: 8, left: 8, right: 8,
    scaleLimit: { min: 0.8, max: 40 },
    itemStyle: { areaColor: '#eef2f6', borderColor: '#7b8794', borderWidth: 0.6 },
    emphasis: { itemStyle: { areaColor: '#dde5ee' }, label: { show: false } },
    select: { disabled: true },
    label: { show: false },
    regions: stateCode ? [{ name: stateCode, itemStyle: { areaColor: '#d6e6f5', borderColor: '#3e4c59', borderWidth: 1.2 } }] : [],
  };
  o.series = [mapSeries(points)];
  return o;
}

export function mapSeries(points) {
  const max = Math.max(0, ...points.map((p) => Math.abs(p.value || 0)));
  const data = points
    .map((p) => ({
      name: p.name, code: p.code, stateName: p.stateName, raw: p.value,
      value: [p.lon, p.lat, p.value || 0],
      symbolSize: max > 0 && p.value ? 10 + 26 * Math.sqrt(Math.abs(p.value) / max) : 8,
      itemStyle: p.value ? { color: PALETTE[0], opacity: 0.85 } : { color: '#ffffff', borderColor: '#52606d', borderWidth: 1.5 },
    }))
    .sort((a, b) => b.symbolSize - a.symbolSize);
  return {
    id: 'districts', type: 'scatter', coordinateSystem: 'geo', data, cursor: 'pointer',
    itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
    emphasis: { scale: 1.25, itemStyle: { borderColor: '#000000', borderWidth: 2 } },
  };
}
