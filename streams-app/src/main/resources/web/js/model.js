// Metrics, measures and periods as the API names them.
import { t } from './i18n.js';

/** The ranking metrics; each also sizes the map and draws the trend. */
export const METRICS = ['loiValue', 'exportValue', 'ecommerceGmv', 'loiConversion'];

const METRIC_MEASURE = { loiValue: 'loiValueInr', exportValue: 'exportValueInr', ecommerceGmv: 'ecommerceGmvInr' };

export function isMetric(m) {
  return METRICS.includes(m);
}

/** The metric's value in a row of measures: rupees, or for loiConversion the ratio (null without LOI value). */
export function metricValue(row, metric) {
  if (!row) return null;
  if (metric === 'loiConversion') {
    const loi = Number(row.loiValueInr || 0);
    return loi === 0 ? null : Number(row.loiLinkedExportValueInr || 0) / loi;
  }
  return Number(row[METRIC_MEASURE[metric]] || 0);
}

export function metricKind(metric) {
  return metric === 'loiConversion' ? 'ratio' : 'inr';
}

export function metricLabel(metric) {
  return t('metric.' + metric);
}

/** The measures of the key figures, grouped as readers think of them, with their units. */
export const KPI_GROUPS = [
  { title: 'groupLois', measures: [['loiCount', 'count'], ['loiValueInr', 'inr']] },
  { title: 'groupExports', measures: [['exportShipments', 'count'], ['exportValueInr', 'inr'], ['exportValueUsd', 'usd']] },
  { title: 'groupEcommerce', measures: [['ecommerceOrders', 'count'], ['ecommerceGmvInr', 'inr']] },
];

export const CATEGORIES = ['AGRICULTURE', 'HORTICULTURE', 'HANDICRAFT', 'HANDLOOM', 'OTHER'];

// ---- periods -------------------------------------------------------------------------------------------

/** The start year of a fiscal year: FY2022-23 is 2022. */
function fyStart(fy) {
  return Number(fy.slice(2, 6));
}

export function fyName(startYear) {
  return `FY${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** The fiscal year a period belongs to; for 'all', the current one. */
export function fiscalYearOf(period, current) {
  if (!period || period === 'all') return current.fiscalYear;
  if (period.startsWith('FY')) return period.slice(0, 9);
  const [y, m] = period.split('-').map(Number);
  return fyName(m >= 4 ? y : y - 1);
}

/** The months of a fiscal year, April to March, as YYYY-MM. */
export function monthsOf(fy) {
  const y = fyStart(fy);
  const out = [];
  for (let i = 0; i < 12; i++) {
    const m = ((3 + i) % 12) + 1;
    out.push(`${m >= 4 ? y : y + 1}-${String(m).padStart(2, '0')}`);
  }
  return out;
}

/** The months of a quarter: FY2022-23-Q4 is 2023-01..2023-03. */
function quarterMonths(fy, q) {
  return monthsOf(fy).slice((q - 1) * 3, q * 3);
}

/** The period of the same kind before this one, as the API computes growth (null for 'all'). */
export function previousPeriod(p) {
  if (!p || p === 'all') return null;
  let m = /^FY(\d{4})-\d{2}$/.exec(p);
  if (m) return fyName(Number(m[1]) - 1);
  m = /^FY(\d{4})-\d{2}-Q([1-4])$/.exec(p);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    return q === 1 ? `${fyName(y - 1)}-Q4` : `${fyName(y)}-Q${q - 1}`;
  }
  const [y, mo] = p.split('-').map(Number);
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
}

/**
 * The periods a reader can choose, from the API's /periods: all, then per fiscal year (newest first) the year,
 * its quarters and its months up to now.
 */
export function periodChoices(periods) {
  const now = periods.current.month;
  const groups = [];
  for (const fy of periods.fiscalYears) {
    const items = [fy];
    for (let q = 1; q <= 4; q++) if (quarterMonths(fy, q)[0] <= now) items.push(`${fy}-Q${q}`);
    for (const m of monthsOf(fy)) if (m <= now) items.push(m);
    groups.push({ fy, items });
  }
  return groups;
}

export function isKnownPeriod(p, periods) {
  if (p === 'all') return true;
  return periodChoices(periods).some((g) => g.items.includes(p));
}

/** The months the trend chart shows for a period: its fiscal year, up to the current month. */
export function trendRange(period, current) {
  const fy = fiscalYearOf(period, current);
  const months = monthsOf(fy).filter((m) => m <= current.month);
  return { fy, from: months[0], to: months[months.length - 1] || months[0] };
}
