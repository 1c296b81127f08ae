// Docket training event dashboard: draws the attendance charts from <script type="application/json" id="event-report">
// with the vendored ECharts and polls the page's ?handler=Report every few seconds, updating the figures, the tables
// and the charts in place (no reload). The tables hold the same figures without script.
(function () {
  "use strict";
  var data = document.getElementById("event-report");
  var live = document.getElementById("live");
  if (!data || !live) return;
  var state;
  try { state = JSON.parse(data.textContent || "{}"); } catch (x) { return; }
  var labels = state.labels || {};
  var url = live.getAttribute("data-report-url");
  var charts = {};

  function percent(rate) { return (rate * 100).toFixed(1) + "%"; }

  function setText(el, text) { if (el && el.textContent !== String(text)) el.textContent = String(text); }

  function chart(id, option) {
    if (typeof window.echarts === "undefined") return;
    var el = document.getElementById(id);
    if (!el) return;
    if (!charts[id]) {
      el.hidden = false;
      el.style.width = "100%";
      el.style.height = id === "chart-units" ? Math.max(240, 28 * option.count + 100) + "px" : "240px";
      charts[id] = window.echarts.init(el, null, { renderer: "canvas" });
    }
    delete option.count;
    charts[id].setOption(option);
  }

  function draw(r) {
    var units = r.byUnit || [];
    chart("chart-units", {
      count: units.length,
      aria: { enabled: true },
      animation: false,
      title: { text: labels.byUnit, left: "center", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v + "%"; } },
      grid: { left: 16, right: 24, top: 40, bottom: 16, containLabel: true },
      xAxis: { type: "value", max: 100, name: "%" },
      yAxis: { type: "category", inverse: true, data: units.map(function (u) { return u.name; }), axisLabel: { width: 120, overflow: "truncate" } },
      series: [{ name: labels.rate, type: "bar", data: units.map(function (u) { return Math.round(u.rate * 1000) / 10; }) }]
    });
    var ch = r.byChannel || { main: 0, sub: 0, online: 0 };
    chart("chart-channels", {
      count: 3,
      aria: { enabled: true },
      animation: false,
      title: { text: labels.byChannel, left: "center", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis" },
      grid: { left: 16, right: 16, top: 40, bottom: 16, containLabel: true },
      xAxis: { type: "category", data: [labels.main, labels.sub, labels.online] },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ name: labels.attended, type: "bar", data: [ch.main, ch.sub, ch.online] }]
    });
  }

  function update(r) {
    setText(live.querySelector('[data-figure="expected"]'), r.expected);
    setText(live.querySelector('[data-figure="attended"]'), r.attended);
    setText(live.querySelector('[data-figure="rate"]'), percent(r.rate));
    ["main", "sub", "online"].forEach(function (k) { setText(live.querySelector('[data-figure="' + k + '"]'), r.byChannel[k]); });
    (r.byUnit || []).forEach(function (u) {
      var row = live.querySelector('tr[data-unit="' + CSS.escape(u.unitId) + '"]');
      if (!row) return;
      setText(row.querySelector('[data-k="expected"]'), u.expected);
      setText(row.querySelector('[data-k="attended"]'), u.attended);
      setText(row.querySelector('[data-k="rate"]'), percent(u.rate));
      setText(row.querySelector('[data-k="absent"]'), u.absent);
    });
    (r.byVenue || []).forEach(function (v) {
      var row = live.querySelector('tr[data-venue="' + CSS.escape(v.venueId) + '"]');
      if (!row) return;
      setText(row.querySelector('[data-k="attended"]'), v.attended);
      setText(row.querySelector('[data-k="records"]'), v.records);
    });
    draw(r);
    live.setAttribute("data-attended", String(r.attended));
  }

  var busy = false;
  function poll() {
    if (busy || document.hidden) return;
    busy = true;
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (r) { if (r) update(r); })
      .catch(function () { /* the next tick tries again */ })
      .then(function () { busy = false; });
  }

  if (state.report) draw(state.report);
  setInterval(poll, 3000);

  var timer = null;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); }, 150);
  });
})();
