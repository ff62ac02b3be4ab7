// District rankings for DPIIT: metric, period and state; ranks, shares and growth exactly as the API gives them.
import { t } from '../i18n.js';
import { api, q } from '../api.js';
import { h, fig, section, replace, empty, table, Memo } from '../dom.js';
import { periodLabel, percent } from '../format.js';
import { metricKind, metricLabel } from '../model.js';
import { periodSelect, stateSelect, metricSelect, controlBar, selectControl } from '../controls.js';

const LIMITS = ['10', '25', '100', '0'];

export function render(ctx, main) {
  const { params } = ctx;
  const metric = params.metric;
  const kind = metricKind(metric);
  const limit = LIMITS.includes(params.limit) ? params.limit : '25';
  const scope = params.state ? ctx.stateName(params.state) : t('allIndia');
  const query = { metric, period: params.period, state: params.state, limit };
  const download = (format) => q('/api/v1/rankings', { ...query, limit: '0', format });

  main.append(
    h('h1', { 'data-testid': 'page-title' }, `${t('rankingsTitle')}: ${metricLabel(metric)}, ${scope}, ${periodLabel(params.period)}`),
    controlBar(metricSelect(ctx), periodSelect(ctx), stateSelect(ctx),
      selectControl('limit-select', t('limit'), LIMITS.map((l) => ({ value: l, label: l === '0' ? t('limitAll') : l })), limit,
        (v) => ctx.go({ limit: v }))),
    h('p', { class: 'downloads' },
      h('a', { href: download('csv'), download: '', 'data-testid': 'download-csv', class: 'button' }, t('downloadCsv')), ' ',
      h('a', { href: download('xlsx'), download: '', 'data-testid': 'download-xlsx', class: 'button' }, t('downloadXlsx'))),
    section('ranking', t('rankingsTitle'), h('p', { class: 'help' }, t('ties'))),
  );

  const memo = new Memo();

  async function update(live) {
    const r = await api(q('/api/v1/rankings', query));
    if (!live() || !memo.changed('ranking', r)) return;
    const body = document.getElementById('ranking-body');
    if (!r.entries.length) {
      replace(body, empty());
      return;
    }
    const columns = [
      { label: t('rank'), numeric: true },
      { label: t('district'), rowHeader: true },
      { label: t('state') },
      { label: metricLabel(metric), numeric: true },
      kind === 'ratio' ? null : { label: t('share'), numeric: true },
      { label: t('growth'), numeric: true },
    ].filter(Boolean);
    replace(body, h('p', { class: 'total' }, t('total'), ': ', fig(kind, r.total, 'ranking-total')), table({
      caption: t('rankingsCaption', { metric: metricLabel(metric), period: periodLabel(params.period), scope }),
      testid: 'ranking-table', columns,
      rows: r.entries.map((e) => ({
        attrs: { 'data-testid': 'ranking-row', 'data-district': e.districtCode },
        cells: [
          h('span', { 'data-testid': 'ranking-rank', 'data-value': String(e.rank) }, String(e.rank)),
          h('a', {
            href: ctx.link({ page: 'district', district: e.districtCode }), 'data-nav': '',
            'data-testid': 'ranking-link', id: 'rank-' + e.districtCode,
          }, e.districtName),
          ctx.stateName(e.stateCode),
          fig(kind, e.value, 'ranking-value'),
          kind === 'ratio' ? null : h('span', { 'data-testid': 'ranking-share', 'data-value': e.sharePct == null ? '' : String(e.sharePct) }, percent(e.sharePct)),
          h('span', { 'data-testid': 'ranking-growth', 'data-value': e.growthPct == null ? '' : String(e.growthPct) },
            e.growthPct == null ? h('span', { title: t('notAvailable') }, '—') : (e.growthPct > 0 ? '+' : '') + percent(e.growthPct)),
        ].filter((c, i) => !(kind === 'ratio' && i === 4)),
      })),
    }));
  }

  return { update, destroy() {} };
}
