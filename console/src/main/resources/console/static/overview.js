// Draws the overview's charts from /overview/samples and keeps its figures current. The server did the arithmetic.
(function () {
  const groups = ['email-service', 'inventory-service', 'analytics-service'];
  const colours = ['#1f5fbf', '#1b7f3b', '#b35c00'];
  const charts = {};

  function chart(id, series) {
    const element = document.getElementById(id);
    if (!element || typeof uPlot === 'undefined') return null;
    return new uPlot({
      width: element.clientWidth || 320, height: 150, legend: { live: false },
      scales: { x: { time: true } }, axes: [{}, { size: 60 }],
      series: [{}].concat(series.map((label, i) => ({ label: label, stroke: colours[i % colours.length], width: 2, spanGaps: false })))
    }, [[]].concat(series.map(() => [])), element);
  }

  function text(id, value, digits) {
    const element = document.getElementById(id);
    if (element) element.textContent = value == null ? '–' : value.toFixed(digits);
  }

  function cell(group, metric, value) {
    const element = document.querySelector('tr[data-group="' + group + '"] td[data-metric="' + metric + '"]');
    if (!element) return;
    const target = element.querySelector('a') || element;
    target.textContent = value;
  }

  function update(samples) {
    const t = samples.map(s => Date.parse(s.at) / 1000);
    charts.checkouts?.setData([t, samples.map(s => s.checkoutsPerSecond)]);
    charts.relay?.setData([t, samples.map(s => s.relayDelayMs), samples.map(s => s.relayDelayP99Ms)]);
    charts.backlog?.setData([t].concat(groups.map(g => samples.map(s => s.groups[g]?.backlog ?? null))));
    charts.dlt?.setData([t].concat(groups.map(g => samples.map(s => s.groups[g]?.deadLetters ?? null))));
    const latest = samples[samples.length - 1];
    if (!latest) return;
    text('checkouts-per-second', latest.checkoutsPerSecond, 1);
    text('relay-delay', latest.relayDelayMs, 0);
    text('relay-delay-p99', latest.relayDelayP99Ms, 0);
    groups.forEach(g => {
      const figures = latest.groups[g];
      if (!figures) return;
      cell(g, 'up', figures.up ? 'up' : 'not answering');
      cell(g, 'backlog', figures.backlog == null ? '–' : String(figures.backlog));
      cell(g, 'dead-letters', figures.deadLetters == null ? '–' : String(figures.deadLetters));
      cell(g, 'paused', figures.paused ? 'paused' : 'running');
      cell(g, 'rate', figures.eventsPerSecond == null ? '–' : figures.eventsPerSecond.toFixed(1));
    });
  }

  async function poll() {
    try {
      const response = await fetch('/overview/samples', { headers: { 'Accept': 'application/json' } });
      if (response.ok) update(await response.json());
    } catch (ignored) {
      // The console itself is restarting; the next poll tries again.
    }
    setTimeout(poll, 2000);
  }

  charts.checkouts = chart('chart-checkouts', ['checkouts/s']);
  charts.relay = chart('chart-relay', ['mean', 'p99']);
  charts.backlog = chart('chart-backlog', groups);
  charts.dlt = chart('chart-dlt', groups);
  poll();
})();
