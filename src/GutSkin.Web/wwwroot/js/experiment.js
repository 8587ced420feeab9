// Draws the experiment chart: the outcome by day over shaded phases. The table beside it carries the same values.
(() => {
  const block = document.getElementById('experiment-chart-data');
  const canvas = document.getElementById('experiment-chart');
  if (!block || !canvas || typeof Chart === 'undefined') {
    return;
  }
  const data = JSON.parse(block.textContent);
  const css = getComputedStyle(document.documentElement);
  const colour = name => css.getPropertyValue(name).trim();
  Chart.defaults.color = colour('--muted');
  Chart.defaults.borderColor = colour('--line');
  const top = Math.max(10, ...data.values.filter(v => v !== null));
  const band = phase => data.phases.map(p => (p === phase ? top : null));
  new Chart(canvas, {
    data: {
      labels: data.dates,
      datasets: [
        { type: 'line', label: data.label, data: data.values, borderColor: colour('--skin'), backgroundColor: colour('--skin'), pointRadius: 2, borderWidth: 1.5, spanGaps: false, order: 0 },
        { type: 'bar', label: 'Intervention', data: band('intervention'), backgroundColor: colour('--accent') + '26', barPercentage: 1, categoryPercentage: 1, order: 1 },
        { type: 'bar', label: 'Onset (left out)', data: band('onset'), backgroundColor: colour('--warn') + '33', barPercentage: 1, categoryPercentage: 1, order: 1 },
      ],
    },
    options: {
      animation: false, maintainAspectRatio: false,
      scales: { x: { stacked: true, ticks: { maxTicksLimit: 8 } }, y: { beginAtZero: true, max: top } },
    },
  });
})();
