// Payout ledger charts (Apache ECharts): the rows the page's table shows, summed by month × jurisdiction, enterprise and institution.
(function () {
  'use strict';
  var source = document.getElementById('payout-data');
  if (!source || !window.echarts) return;
  var data = JSON.parse(source.textContent);
  var rows = data.rows;
  function sum(key) {
    var totals = {};
    rows.forEach(function (r) { totals[r[key]] = (totals[r[key]] || 0) + r.disbursed; });
    return Object.keys(totals).map(function (k) { return { name: k, value: Math.round(totals[k] * 100) / 100 }; })
      .sort(function (a, b) { return b.value - a.value; });
  }
  var charts = [];
  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) return;
    var c = echarts.init(el, null, { renderer: 'svg' });
    c.setOption(Object.assign({ animation: false, tooltip: { trigger: 'item' }, grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true } }, option));
    charts.push(c);
  }
  var months = Array.from(new Set(rows.map(function (r) { return r.month; }))).sort();
  var jurisdictions = Array.from(new Set(rows.map(function (r) { return r.jurisdiction; }))).sort();
  chart('chart-month', {
    title: { text: data.labels.month, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 40, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value' },
    series: jurisdictions.map(function (j) {
      return { name: j, type: 'bar', stack: 'disbursed', data: months.map(function (m) {
        return rows.filter(function (r) { return r.month === m && r.jurisdiction === j; }).reduce(function (s, r) { return s + r.disbursed; }, 0);
      }) };
    })
  });
  chart('chart-jurisdiction', {
    title: { text: data.labels.jurisdiction, textStyle: { fontSize: 14 } },
    series: [{ type: 'pie', radius: ['35%', '65%'], top: 24, data: sum('jurisdiction') }]
  });
  function bars(id, key, title) {
    var top = sum(key).slice(0, 10).reverse();
    chart(id, {
      title: { text: title, textStyle: { fontSize: 14 } },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: top.map(function (t) { return t.name; }), axisLabel: { width: 140, overflow: 'truncate' } },
      series: [{ type: 'bar', data: top.map(function (t) { return t.value; }) }]
    });
  }
  bars('chart-enterprise', 'enterpriseName', data.labels.enterprise);
  bars('chart-institution', 'institutionName', data.labels.institution);
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  document.documentElement.setAttribute('data-charts', String(charts.length));
})();
