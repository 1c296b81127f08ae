// Docket statistics: draws the charts described in <script type="application/json" id="stats-charts"> with the
// vendored ECharts. Progressive enhancement: the tables beside each chart hold the same figures, and a chart's
// container stays hidden unless it is drawn (not without script, not when there is nothing to draw).
(function () {
  "use strict";
  var data = document.getElementById("stats-charts");
  if (!data || typeof window.echarts === "undefined") return;
  var charts;
  try { charts = JSON.parse(data.textContent || "[]"); } catch (x) { return; }

  function hasData(c) {
    return c.series.some(function (s) { return s.data.some(function (v) { return v !== null && v !== 0; }); });
  }

  var drawn = [];
  charts.forEach(function (c) {
    var el = document.getElementById(c.id);
    if (!el || !c.categories.length || !hasData(c)) return;
    el.hidden = false;
    el.style.width = "100%";
    el.style.height = (c.horizontal ? Math.max(240, 32 * c.categories.length + 100) : 320) + "px";
    var category = { type: "category", data: c.categories, inverse: !!c.horizontal, axisLabel: { hideOverlap: true } };
    var values = c.axes.map(function (name, i) {
      return { type: "value", name: name, minInterval: c.axes.length > 1 && i === 0 ? 1 : 0, splitLine: { show: i === 0 } };
    });
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      aria: { enabled: true },
      title: { text: c.title, left: "center", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis" },
      legend: { bottom: 0, type: "scroll" },
      grid: { left: 16, right: 16, top: 56, bottom: 40, containLabel: true },
      xAxis: c.horizontal ? values : category,
      yAxis: c.horizontal ? category : values,
      series: c.series.map(function (s) {
        var axis = c.horizontal ? { xAxisIndex: s.axis } : { yAxisIndex: s.axis };
        return Object.assign({ name: s.name, type: s.type, data: s.data, connectNulls: true }, axis);
      })
    });
    drawn.push(chart);
  });

  var timer = null;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { drawn.forEach(function (c) { c.resize(); }); }, 150);
  });
})();
