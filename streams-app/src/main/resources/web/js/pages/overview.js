// Overview for policymakers: key figures with growth, the monthly trend, the map, top districts, shares.
import { t } from '../i18n.js';
import { api, q, enc } from '../api.js';
import { h, fig, section, replace, empty, table, shareBar, Memo } from '../dom.js';
import { periodLabel, monthName, percent } from '../format.js';
import { metricValue, metricKind, metricLabel, previousPeriod, trendRange, CATEGORIES } from '../model.js';
import { periodSelect, stateSelect, metricSelect, controlBar, kpiTiles, allZero } from '../controls.js';
import { makeChart, trendOption, pieOption, mapOption, mapSeries } from '../charts.js';

export function render(ctx, main) {
  const { params } = ctx;
  const metric = params.metric;
  const kind = metricKind(metric);
  const scope = params.state ? ctx.stateName(params.state) : t('allIndia');
  const range = trendRange(params.period, ctx.periods.current);

  const trendChartEl = h('div', { class: 'chart', 'data-testid': 'trend-chart' });
  const mapEl = h('div', { class: 'chart map', 'data-testid': 'overview-map' });
  const pieEl = h('div', { class: 'chart pie', 'data-testid': 'category-chart' });

  main.append(
    h('h1', { 'data-testid': 'page-title' }, `${t('page.overview')}: ${scope}, ${periodLabel(params.period)}`),
    controlBar(periodSelect(ctx), stateSelect(ctx), metricSelect(ctx)),
    h('div', { id: 'nodata-slot' }),
    section('kpi', t('keyFigures')),
    h('div', { class: 'grid two' },
      section('trend', t('trend', { fy: periodLabel(range.fy) }), trendChartEl),
      section('map-section', t('map'), h('p', { class: 'help' }, t('mapHelp', { metric: metricLabel(metric) })), mapEl,
        h('p', { class: 'credit' }, t('mapCredit')))),
    h('div', { class: 'grid three' },
      section('top', t('topDistricts', { metric: metricLabel(metric) })),
      section('states', t('shareByState')),
      section('categories', t('shareByCategory'), pieEl)),
  );

  const trendChart = makeChart(trendChartEl, t('trend', { fy: periodLabel(range.fy) }));
  const map = makeChart(mapEl, t('mapLabel', { count: 0, metric: metricLabel(metric) }));
  const pie = makeChart(pieEl, t('shareByCategory'));
  let mapDrawn = false;
  map.on('click', { seriesIndex: 0 }, (p) => {
    if (p.data && p.data.code) ctx.go({ page: 'district', district: p.data.code });
  });
  // For tests and for anyone scripting the page: where a district's circle is, in pixels of the map element.
  mapEl.odopPoint = (code) => {
    const d = map.getOption().series[0].data.find((x) => x.code === code);
    return d ? map.convertToPixel({ seriesIndex: 0 }, d.value.slice(0, 2)) : null;
  };

  const memo = new Memo();

  async function update(live) {
    const prevPeriod = previousPeriod(params.period);
    const [ov, tl, prevState] = await Promise.all([
      api(q('/api/v1/overview', { period: params.period })),
      api(q('/api/v1/timeline', { from: range.from, to: range.to, state: params.state })),
      params.state && prevPeriod ? api(q(`/api/v1/states/${enc(params.state)}`, { period: prevPeriod })) : null,
    ]);
    if (!live()) return;
    const stateRow = params.state ? ov.states.find((s) => s.stateCode === params.state) : null;
    const cur = params.state ? stateRow : ov.totals;
    const prev = params.state ? prevState : ov.previous;
    const shownPrevPeriod = ov.previousPeriod ?? prevPeriod;

    if (memo.changed('kpi', [cur, prev, shownPrevPeriod])) {
      replace(document.getElementById('kpi-body'), kpiTiles(cur, prev, shownPrevPeriod));
      replace(document.getElementById('nodata-slot'), allZero(cur)
        ? h('div', { class: 'notice', role: 'note' }, h('strong', null, t('noData')), ' ', t('noDataHint')) : null);
    }

    const months = tl.months.map((m) => m.period);
    const values = tl.months.map((m) => metricValue(m, metric));
    if (memo.changed('trend', [months, values])) {
      trendChart.setOption(trendOption(months, values, kind, metricLabel(metric)), true);
      replace(document.getElementById('trend-body'), h('details', null, h('summary', null, t('trendTable')),
        table({
          caption: t('trend', { fy: periodLabel(range.fy) }), testid: 'trend-table',
          columns: [{ label: t('month'), rowHeader: true }, { label: metricLabel(metric), numeric: true }],
          rows: tl.months.map((m, i) => ({
            attrs: { 'data-testid': 'trend-month', 'data-month': m.period },
            cells: [monthName(m.period, 'long'), fig(kind, values[i], 'trend-value')],
          })),
        })));
    }

    const districts = ov.districts.filter((d) => !params.state || d.stateCode === params.state);
    const points = ov.districts.filter((d) => d.latitude != null && d.longitude != null).map((d) => ({
      code: d.districtCode, name: d.districtName, stateCode: d.stateCode, stateName: ctx.stateName(d.stateCode, d.stateName),
      lat: d.latitude, lon: d.longitude, value: metricValue(d, metric),
    }));
    if (memo.changed('map', points)) {
      if (!mapDrawn) {
        map.setOption(mapOption(points, {
          kind, metricName: metricLabel(metric), stateCode: params.state, stateName: (c) => ctx.stateName(c),
        }), true);
        mapDrawn = true;
      } else {
        map.setOption({ series: [mapSeries(points)] });
      }
      mapEl.setAttribute('aria-label', t('mapLabel', { count: points.length, metric: metricLabel(metric) }));
      mapEl.dataset.points = String(points.length);
      replace(document.getElementById('map-section-body'), points.length ? null : empty());
    }

    const ranked = districts
      .map((d) => ({ d, v: metricValue(d, metric) }))
      .filter((x) => x.v != null && x.v !== 0)
      .sort((a, b) => b.v - a.v || a.d.districtCode.localeCompare(b.d.districtCode))
      .slice(0, 10);
    if (memo.changed('top', ranked)) {
      replace(document.getElementById('top-body'), ranked.length ? table({
        caption: t('topDistricts', { metric: metricLabel(metric) }), testid: 'top-districts',
        columns: [{ label: t('rank'), numeric: true }, { label: t('district') }, { label: t('state') }, { label: metricLabel(metric), numeric: true }],
        rows: ranked.map((x, i) => ({
          attrs: { 'data-testid': 'top-district', 'data-district': x.d.districtCode },
          cells: [String(i + 1),
            h('a', { href: ctx.link({ page: 'district', district: x.d.districtCode }), 'data-nav': '', id: 'top-' + x.d.districtCode }, x.d.districtName),
            ctx.stateName(x.d.stateCode, x.d.stateName),
            fig(kind, x.v, 'top-value')],
        })),
      }) : empty());
    }

    replaceShares(ov, metric, kind, memo, ctx, pie);
  }

  return { update, destroy() {} };
}

function replaceShares(ov, metric, kind, memo, ctx, pie) {
  // Shares of a sum: only for the rupee metrics (a conversion ratio has no share).
  const shareKind = kind === 'ratio' ? 'inr' : kind;
  const shareMetric = kind === 'ratio' ? 'loiValue' : metric;
  const stateRows = ov.states.map((s) => ({ s, v: metricValue(s, shareMetric) })).filter((x) => x.v);
  const total = stateRows.reduce((a, x) => a + x.v, 0);
  stateRows.sort((a, b) => b.v - a.v || a.s.stateCode.localeCompare(b.s.stateCode));
  if (memo.changed('states', [stateRows, shareMetric])) {
    replace(document.getElementById('states-body'), stateRows.length ? table({
      caption: `${t('shareByState')}: ${metricLabel(shareMetric)}`, testid: 'state-shares',
      columns: [{ label: t('state'), rowHeader: true }, { label: metricLabel(shareMetric), numeric: true }, { label: t('share'), numeric: true }],
      rows: stateRows.map((x) => {
        const pct = total ? (x.v / total) * 100 : 0;
        return {
          attrs: { 'data-testid': 'state-share', 'data-state': x.s.stateCode },
          cells: [
            h('a', { href: ctx.link({ state: x.s.stateCode }), 'data-nav': '', id: 'share-' + x.s.stateCode }, ctx.stateName(x.s.stateCode, x.s.stateName)),
            fig(shareKind, x.v, 'state-value'),
            h('span', { class: 'share' }, shareBar(pct), h('span', { 'data-value': pct.toFixed(2) }, percent(pct)))],
        };
      }),
    }) : empty());
  }

  const cats = (ov.categories || []).map((c) => ({ c, v: metricValue(c, shareMetric) })).filter((x) => x.v);
  cats.sort((a, b) => CATEGORIES.indexOf(a.c.category) - CATEGORIES.indexOf(b.c.category));
  const catTotal = cats.reduce((a, x) => a + x.v, 0);
  if (memo.changed('categories', [cats, shareMetric])) {
    pie.setOption(pieOption(cats.map((x) => ({ name: t('cat.' + x.c.category), value: x.v })), shareKind), true);
    replace(document.getElementById('categories-body'), cats.length ? table({
      caption: `${t('shareByCategory')}: ${metricLabel(shareMetric)}`, testid: 'category-shares',
      columns: [{ label: t('category'), rowHeader: true }, { label: metricLabel(shareMetric), numeric: true }, { label: t('share'), numeric: true }],
      rows: cats.map((x) => {
        const pct = catTotal ? (x.v / catTotal) * 100 : 0;
        return {
          attrs: { 'data-testid': 'category-share', 'data-category': x.c.category },
          cells: [t('cat.' + x.c.category), fig(shareKind, x.v, 'category-value'),
            h('span', { 'data-value': pct.toFixed(2) }, percent(pct))],
        };
      }),
    }) : empty());
  }
}
