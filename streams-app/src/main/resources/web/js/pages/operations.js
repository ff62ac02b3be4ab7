// Operations: the pipeline's state, dead letters by reason, stalled shipments and the live alert feed (SSE).
import { t } from '../i18n.js';
import { api, q } from '../api.js';
import { h, fig, section, replace, empty, table, Memo } from '../dom.js';
import { duration, dateTime } from '../format.js';
import { stateSelect, controlBar, stalledTable, stalledRows } from '../controls.js';

const MAX_ALERTS = 100;

export function render(ctx, main) {
  const { params } = ctx;
  const feedState = h('p', { class: 'feed-state', 'data-testid': 'alerts-state', 'data-state': 'connecting' }, t('alertsConnecting'));
  const list = h('ol', { class: 'alerts', 'data-testid': 'alerts', 'aria-labelledby': 'alerts-title' });
  const listEmpty = h('p', { class: 'empty' }, t('alertsNone'));

  main.append(
    h('h1', { 'data-testid': 'page-title' }, t('page.operations')),
    controlBar(stateSelect(ctx)),
    h('div', { class: 'grid two' },
      section('pipeline', t('pipeline')),
      section('deadletters', t('deadLettersByReason'))),
    h('div', { class: 'grid two' },
      section('stalled', t('stalledShipments')),
      h('section', { class: 'card', id: 'alerts-section', 'aria-labelledby': 'alerts-title' },
        h('h2', { id: 'alerts-title' }, t('liveAlerts')), feedState,
        h('div', { role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', class: 'log', tabindex: '0', 'aria-labelledby': 'alerts-title' }, listEmpty, list))),
  );

  // The live feed: the server sends the latest alerts first, then each as it happens; the browser reconnects.
  const seen = new Set();
  const source = new EventSource('/api/v1/alerts/stream');
  const setFeed = (state, text) => {
    feedState.dataset.state = state;
    feedState.textContent = text;
  };
  source.onopen = () => setFeed('live', t('alertsLive'));
  source.onerror = () => setFeed('reconnecting', t('alertsReconnecting'));
  source.addEventListener('alert', (e) => {
    let a;
    try {
      a = JSON.parse(e.data);
    } catch (err) {
      return;
    }
    const key = `${a.type}|${a.shipmentId}|${a.at}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (params.state && a.stateCode !== params.state) return;
    listEmpty.remove();
    const item = h('li', { class: 'alert ' + String(a.type).toLowerCase(), 'data-testid': 'alert-item', 'data-type': a.type, 'data-shipment': a.shipmentId },
      h('span', { class: 'badge ' + String(a.type).toLowerCase() }, t('alert.' + a.type)), ' ',
      t('alertText', { shipment: a.shipmentId, district: a.districtCode, product: a.productCode, stage: t('stage.' + a.stage) }),
      a.type === 'STALLED' && a.limitSeconds != null ? ` (${t('limitOf')}: ${duration(a.limitSeconds)})` : '',
      ' ', h('time', { datetime: a.at }, dateTime(a.at)));
    // Newest first: alerts arrive oldest first, so each goes to the top.
    list.prepend(item);
    while (list.children.length > MAX_ALERTS) list.lastElementChild.remove();
  });

  const memo = new Memo();

  async function update(live) {
    const [ops, stalled] = await Promise.all([
      api('/api/v1/operations'),
      api(q('/api/v1/shipments/stalled', { state: params.state })),
    ]);
    if (!live()) return;
    if (memo.changed('ops', ops)) {
      const dl = ops.deadLetters || { total: 0, byReason: [] };
      replace(document.getElementById('pipeline-body'), h('dl', { class: 'facts' },
        h('dt', null, t('streamsState')),
        h('dd', null, h('span', { class: 'state-' + String(ops.streamsState).toLowerCase(), 'data-testid': 'ops-streamsState', 'data-value': ops.streamsState }, ops.streamsState)),
        h('dt', null, t('instance')), h('dd', { 'data-testid': 'ops-instance', 'data-value': ops.instance }, ops.instance),
        h('dt', null, t('instances')), h('dd', null, h('ul', { class: 'plain', 'data-testid': 'ops-instances', 'data-value': String((ops.instances || []).length) },
          (ops.instances || []).map((i) => h('li', null, i)))),
        h('dt', null, t('consumerLag')), h('dd', null, fig('count', ops.consumerLag, 'ops-consumerLag')),
        h('dt', null, t('deadLetters')), h('dd', null, fig('count', dl.total, 'ops-deadLetters')),
        h('dt', null, t('stalledShipments')), h('dd', null, fig('count', ops.stalledShipments, 'ops-stalledShipments'))));
      replace(document.getElementById('deadletters-body'), dl.byReason && dl.byReason.length ? table({
        caption: t('deadLettersByReason'), testid: 'deadletters-table',
        columns: [{ label: t('reason'), rowHeader: true }, { label: t('count'), numeric: true }],
        rows: dl.byReason.map((r) => ({
          attrs: { 'data-testid': 'deadletter-row', 'data-reason': r.reason },
          cells: [r.reason, fig('count', r.count, 'deadletter-count')],
        })),
      }) : empty());
    }
    const rows = stalledRows(stalled);
    if (memo.changed('stalled', rows)) replace(document.getElementById('stalled-body'), stalledTable(rows, ctx));
  }

  return { update, destroy() { source.close(); } };
}
