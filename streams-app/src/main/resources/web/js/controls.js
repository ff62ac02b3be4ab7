// Controls and blocks the pages share: selectors, key figures with growth, stalled shipments.
import { t } from './i18n.js';
import { h, fig, table, empty } from './dom.js';
import { periodLabel, percent, duration, dateTime, inr } from './format.js';
import { METRICS, metricLabel, periodChoices, KPI_GROUPS } from './model.js';

/** A labelled select. options: [{value, label}] or groups [{label, options}]. */
export function selectControl(id, label, options, value, onChange) {
  const opt = (o) => h('option', { value: o.value, selected: o.value === value }, o.label);
  const select = h('select', { id, name: id.replace(/-select$/, ''), onchange: (e) => onChange(e.target.value) },
    options.map((o) => (o.options ? h('optgroup', { label: o.label }, o.options.map(opt)) : opt(o))));
  return h('div', { class: 'control' }, h('label', { for: id }, label), select);
}

export function periodSelect(ctx) {
  const groups = periodChoices(ctx.periods).map((g) => ({
    label: t('yearGroup', { fy: g.fy }),
    options: g.items.map((p) => ({ value: p, label: periodLabel(p) })),
  }));
  return selectControl('period-select', t('period'), [{ value: 'all', label: t('allTime') }, ...groups],
    ctx.params.period, (v) => ctx.go({ period: v }));
}

export function stateSelect(ctx, onChange) {
  const options = [{ value: '', label: t('allIndia') },
    ...ctx.states.map((s) => ({ value: s.stateCode, label: ctx.stateName(s.stateCode, s.stateName) }))];
  return selectControl('state-select', t('state'), options, ctx.params.state || '',
    onChange || ((v) => ctx.go({ state: v || null })));
}

export function metricSelect(ctx) {
  return selectControl('metric-select', t('metric'), METRICS.map((m) => ({ value: m, label: metricLabel(m) })),
    ctx.params.metric, (v) => ctx.go({ metric: v }));
}

export function controlBar(...controls) {
  return h('div', { class: 'controls', role: 'group', 'aria-label': t('show') }, ...controls);
}

/** Growth in percent from exact values, to two decimals; null when there is no earlier figure. */
export function growth(cur, prev) {
  if (prev == null || cur == null) return null;
  const p = Number(prev);
  if (p === 0) return null;
  return Math.round(((Number(cur) - p) / Math.abs(p)) * 10000) / 100;
}

function growthBlock(measure, g, prevPeriod) {
  if (g == null) {
    return h('p', { class: 'kpi-growth none', 'data-testid': 'growth-' + measure, 'data-value': '' },
      prevPeriod ? t('growthNone') : '\u00a0');
  }
  const dir = g > 0 ? 'up' : g < 0 ? 'down' : 'flat';
  const arrow = g > 0 ? '▲' : g < 0 ? '▼' : '■';
  const text = g > 0 ? t('growthUp', { pct: percent(g) }) : g < 0 ? t('growthDown', { pct: percent(-g) }) : t('growthFlat');
  return h('p', { class: 'kpi-growth ' + dir, 'data-testid': 'growth-' + measure, 'data-value': String(g) },
    h('span', { 'aria-hidden': 'true' }, arrow + ' '), text, ' ',
    h('span', { class: 'muted' }, t('growthVs', { period: periodLabel(prevPeriod) })));
}

/** The key figures of a view (overview totals, a state, a district) with growth against prev, if given. */
export function kpiTiles(cur, prev, prevPeriod) {
  return h('div', { class: 'kpi-groups' }, KPI_GROUPS.map((g) => h('div', { class: 'kpi-group' },
    h('h3', { class: 'kpi-group-title' }, t(g.title)),
    h('div', { class: 'kpis' }, g.measures.map(([m, kind]) => h('div', { class: 'kpi', 'data-measure': m },
      h('p', { class: 'kpi-label' }, t('measure.' + m)),
      h('p', { class: 'kpi-value' }, fig(kind, cur ? cur[m] : null, 'kpi-' + m)),
      growthBlock(m, prev ? growth(cur?.[m], prev[m]) : null, prev ? prevPeriod : null)))))),
  cur && Number(cur.exportValueInrUnconverted) > 0
    ? h('p', { class: 'note', 'data-testid': 'unconverted' }, t('unconvertedNote', { amount: inr(cur.exportValueInrUnconverted) }))
    : null);
}

export function allZero(row) {
  if (!row) return true;
  return KPI_GROUPS.every((g) => g.measures.every(([m]) => !Number(row[m])));
}

/** The stalled shipments list: how long, against which limit. */
export function stalledTable(rows, ctx, { withDistrict = true } = {}) {
  if (!rows.length) return empty(t('stalledNone'));
  const columns = [
    { label: t('shipment'), rowHeader: true },
    withDistrict ? { label: t('district') } : null,
    { label: t('product') },
    { label: t('stage') },
    { label: t('stalledFor'), numeric: true },
    { label: t('limitOf'), numeric: true },
    { label: t('since') },
  ].filter(Boolean);
  return table({
    caption: t('stalledShipments'), testid: 'stalled-table', columns, nowrap: true,
    rows: rows.map((s) => ({
      attrs: { 'data-testid': 'stalled-row', 'data-shipment': s.shipmentId },
      cells: [
        s.shipmentId,
        withDistrict ? h('a', { href: ctx.link({ page: 'district', district: s.districtCode }), 'data-nav': '', id: 'stalled-' + s.shipmentId }, s.districtCode) : null,
        s.productCode,
        t('stage.' + s.status),
        h('span', { 'data-testid': 'stalled-seconds', 'data-value': String(s.stalledSeconds) }, duration(s.stalledSeconds)),
        h('span', { 'data-value': String(s.limitSeconds) }, duration(s.limitSeconds)),
        dateTime(s.since),
      ].filter((c, i) => withDistrict || i !== 1),
    })),
  });
}

/** The stalled endpoint's rows, whether it answers a list or an object holding one. */
export function stalledRows(answer) {
  if (Array.isArray(answer)) return answer;
  return answer.shipments || answer.stalled || answer.entries || [];
}

export { METRICS };
