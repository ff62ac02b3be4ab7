// One district: its figures per product, LOI follow-through, destinations, HS chapters, monthly timeline and
// stalled shipments.
import { t } from '../i18n.js';
import { api, q, enc, ApiError } from '../api.js';
import { h, fig, section, replace, empty, table, shareBar, Memo } from '../dom.js';
import { periodLabel, monthName, percent, inr, country } from '../format.js';
import { previousPeriod, trendRange } from '../model.js';
import { periodSelect, stateSelect, controlBar, selectControl, kpiTiles, allZero, stalledTable, stalledRows } from '../controls.js';
import { makeChart, multiTrendOption } from '../charts.js';

let allDistricts = null;

async function districts() {
  if (!allDistricts) allDistricts = (await api('/api/v1/districts')).districts;
  return allDistricts;
}

export function render(ctx, main) {
  const { params } = ctx;
  const code = params.district;
  const range = trendRange(params.period, ctx.periods.current);

  const title = h('h1', { 'data-testid': 'page-title' }, code ? `${t('page.district')}: ${code}` : t('chooseDistrict'));
  const districtSlot = h('div', { class: 'control-slot' },
    selectControl('district-select', t('district'), [{ value: '', label: t('chooseDistrict') }], '', () => {}));
  main.append(title, controlBar(
    stateSelect(ctx, (v) => ctx.go({ state: v || null, district: null })),
    districtSlot,
    periodSelect(ctx)));

  districts().then((list) => {
    const own = list.find((d) => d.districtCode === code);
    const stateCode = params.state && (!own || own.stateCode === params.state) ? params.state : own?.stateCode;
    const shown = list.filter((d) => !stateCode || d.stateCode === stateCode);
    const focused = document.activeElement && document.activeElement.id === 'district-select';
    replace(districtSlot, selectControl('district-select', t('district'),
      [{ value: '', label: t('chooseDistrict') }, ...shown.map((d) => ({ value: d.districtCode, label: d.districtName }))],
      code || '', (v) => ctx.go({ district: v || null })));
    if (focused) document.getElementById('district-select').focus();
    if (own) {
      title.textContent = `${own.districtName}, ${ctx.stateName(own.stateCode, own.stateName)}: ${periodLabel(params.period)}`;
    }
  }).catch(() => {});

  if (!code) {
    main.append(h('section', { class: 'card' }, h('p', { class: 'empty' }, t('chooseDistrictHint'))));
    return { update: async () => {}, destroy() {} };
  }

  const timelineEl = h('div', { class: 'chart', 'data-testid': 'district-timeline-chart' });
  main.append(
    h('div', { id: 'nodata-slot' }),
    section('kpi', t('keyFigures')),
    h('div', { class: 'grid two' },
      section('followthrough', t('followThrough')),
      section('timeline', t('timeline', { fy: periodLabel(range.fy) }), timelineEl)),
    section('products', t('products')),
    h('div', { class: 'grid two' },
      section('destinations', t('destinations')),
      section('hs', t('hsChapters'))),
    section('stalled', t('stalledShipments')),
  );
  const timeline = makeChart(timelineEl, t('timeline', { fy: periodLabel(range.fy) }));
  const memo = new Memo();
  let products = null;

  async function update(live) {
    const prevPeriod = previousPeriod(params.period);
    let view;
    let prev;
    let dest;
    let stalled;
    let tl;
    try {
      [view, prev, dest, stalled, tl, products] = await Promise.all([
        api(q(`/api/v1/districts/${enc(code)}`, { period: params.period })),
        prevPeriod ? api(q(`/api/v1/districts/${enc(code)}`, { period: prevPeriod })) : null,
        api(q(`/api/v1/districts/${enc(code)}/destinations`, { period: params.period })),
        api(q('/api/v1/shipments/stalled', { district: code })),
        api(q(`/api/v1/districts/${enc(code)}/timeline`, { from: range.from, to: range.to })),
        products || api(q('/api/v1/products', { district: code })).then((r) => r.products),
      ]);
    } catch (e) {
      if (e instanceof ApiError && e.kind === 'notFound') {
        replace(document.getElementById('kpi-body'), h('p', { class: 'error', role: 'alert' }, e.detail || e.message));
        return;
      }
      throw e;
    }
    if (!live()) return;

    if (memo.changed('kpi', [view, prev])) {
      replace(document.getElementById('kpi-body'), kpiTiles(view, prev, prevPeriod));
      replace(document.getElementById('nodata-slot'), allZero(view)
        ? h('div', { class: 'notice', role: 'note' }, h('strong', null, t('noData')), ' ', t('noDataHint')) : null);
    }

    if (memo.changed('follow', [view.loiValueInr, view.loiLinkedExportValueInr])) {
      const loi = Number(view.loiValueInr);
      const linked = Number(view.loiLinkedExportValueInr);
      const pct = loi ? (linked / loi) * 100 : null;
      replace(document.getElementById('followthrough-body'), h('div', {
        'data-testid': 'followthrough', 'data-loi': String(view.loiValueInr), 'data-linked': String(view.loiLinkedExportValueInr),
      },
      loi ? [h('p', { class: 'big' }, percent(pct)), shareBar(pct),
        h('p', null, t('followThroughText', { linked: inr(linked), loi: inr(loi), pct: percent(pct) }))]
        : h('p', { class: 'empty' }, t('followThroughNone'))));
    }

    const months = tl.months.map((m) => m.period);
    const series = [
      { name: t('measure.loiValueInr'), key: 'loiValueInr' },
      { name: t('measure.exportValueInr'), key: 'exportValueInr' },
      { name: t('measure.ecommerceGmvInr'), key: 'ecommerceGmvInr' },
    ].map((s) => ({ ...s, values: tl.months.map((m) => Number(m[s.key] || 0)) }));
    if (memo.changed('timeline', tl)) {
      timeline.setOption(multiTrendOption(months, series, 'inr'), true);
      replace(document.getElementById('timeline-body'), h('details', null, h('summary', null, t('trendTable')),
        table({
          caption: t('timeline', { fy: periodLabel(range.fy) }), testid: 'district-timeline',
          columns: [{ label: t('month'), rowHeader: true }, ...series.map((s) => ({ label: s.name, numeric: true }))],
          rows: tl.months.map((m, i) => ({
            attrs: { 'data-testid': 'timeline-month', 'data-month': m.period },
            cells: [monthName(m.period, 'long'), ...series.map((s) => fig('inr', m[s.key], 'timeline-' + s.key))],
          })),
        })));
    }

    const meta = new Map((products || []).map((p) => [p.productCode, p]));
    if (memo.changed('products', view.products)) {
      replace(document.getElementById('products-body'), view.products.length ? table({
        caption: t('products'), testid: 'products-table',
        columns: [
          { label: t('product'), rowHeader: true }, { label: t('category') }, { label: 'HS' },
          { label: t('measure.loiCount'), numeric: true }, { label: t('measure.loiValueInr'), numeric: true },
          { label: t('measure.exportValueInr'), numeric: true }, { label: t('measure.exportValueUsd'), numeric: true },
          { label: t('measure.ecommerceOrders'), numeric: true }, { label: t('measure.ecommerceGmvInr'), numeric: true },
        ],
        rows: view.products.map((p) => ({
          attrs: { 'data-testid': 'product-row', 'data-product': p.productCode },
          cells: [p.productName || p.productCode,
            meta.get(p.productCode)?.category ? t('cat.' + meta.get(p.productCode).category) : '—',
            meta.get(p.productCode)?.hsCode || '—',
            fig('count', p.loiCount, 'product-loiCount'), fig('inr', p.loiValueInr, 'product-loiValueInr'),
            fig('inr', p.exportValueInr, 'product-exportValueInr'), fig('usd', p.exportValueUsd, 'product-exportValueUsd'),
            fig('count', p.ecommerceOrders, 'product-ecommerceOrders'), fig('inr', p.ecommerceGmvInr, 'product-ecommerceGmvInr')],
        })),
      }) : empty());
    }

    const destRows = dest.destinations || [];
    const destTotal = destRows.reduce((a, d) => a + Number(d.exportValueInr || 0), 0);
    if (memo.changed('dest', destRows)) {
      replace(document.getElementById('destinations-body'), destRows.length ? table({
        caption: t('destinations'), testid: 'destinations-table',
        columns: [{ label: t('country'), rowHeader: true }, { label: t('measure.exportShipments'), numeric: true },
          { label: t('measure.exportValueInr'), numeric: true }, { label: t('measure.exportValueUsd'), numeric: true },
          { label: t('share'), numeric: true }],
        rows: destRows.map((d) => {
          const pct = destTotal ? (Number(d.exportValueInr) / destTotal) * 100 : 0;
          return {
            attrs: { 'data-testid': 'destination-row', 'data-country': d.country },
            cells: [country(d.country), fig('count', d.exportShipments, 'destination-shipments'),
              fig('inr', d.exportValueInr, 'destination-exportValueInr'), fig('usd', d.exportValueUsd, 'destination-exportValueUsd'),
              h('span', { class: 'share' }, shareBar(pct), percent(pct))],
          };
        }),
      }) : empty());
    }

    await hsChapters(view, meta, live);

    const stalledList = stalledRows(stalled);
    if (memo.changed('stalled', stalledList)) {
      replace(document.getElementById('stalled-body'), stalledTable(stalledList, ctx, { withDistrict: false }));
    }
  }

  /** The HS chapters of the district's products, with the district's own LOIs and exports in each. */
  async function hsChapters(view, meta, live) {
    const chapters = [...new Set([...meta.values()].map((p) => p.hsCode).filter(Boolean).map((c) => c.slice(0, 2)))].sort();
    const rows = await Promise.all(chapters.map((ch) => api(q(`/api/v1/hs/${ch}`, { period: params.period, state: view.stateCode }))
      .then((r) => ({ ch, name: r.chapterName, row: (r.districts || []).find((d) => d.districtCode === code) }))));
    if (!live() || !memo.changed('hs', rows)) return;
    replace(document.getElementById('hs-body'), rows.length ? table({
      caption: t('hsChapters'), testid: 'hs-table',
      columns: [{ label: t('hsChapter'), rowHeader: true }, { label: t('measure.loiValueInr'), numeric: true },
        { label: t('measure.exportValueInr'), numeric: true }, { label: t('measure.exportValueUsd'), numeric: true }],
      rows: rows.map((r) => ({
        attrs: { 'data-testid': 'hs-row', 'data-chapter': r.ch },
        cells: [`${r.ch}: ${r.name || ''}`, fig('inr', r.row ? r.row.loiValueInr : 0, 'hs-loiValueInr'),
          fig('inr', r.row ? r.row.exportValueInr : 0, 'hs-exportValueInr'), fig('usd', r.row ? r.row.exportValueUsd : 0, 'hs-exportValueUsd')],
      })),
    }) : empty(t('hsNone')));
  }

  return { update, destroy() {} };
}
