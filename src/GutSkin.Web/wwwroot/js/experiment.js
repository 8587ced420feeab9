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
  const band = (...phases) => data.phases.map(p => (phases.includes(p) ? top : null));
  new Chart(canvas, {
    data: {
      labels: data.dates,
      datasets: [
        { type: 'line', label: data.label, data: data.values, borderColor: colour('--skin'), backgroundColor: colour('--skin'), pointRadius: 2, borderWidth: 1.5, spanGaps: false, order: 0 },
        { type: 'bar', label: 'Intervention', data: band('intervention'), backgroundColor: colour('--accent') + '26', barPercentage: 1, categoryPercentage: 1, order: 1 },
        { type: 'bar', label: 'Left out (taking hold or wearing off)', data: band('onset', 'washOut'), backgroundColor: colour('--warn') + '33', barPercentage: 1, categoryPercentage: 1, order: 1 },
      ],
    },
    options: {
      animation: false, maintainAspectRatio: false,
      scales: { x: { stacked: true, ticks: { maxTicksLimit: 8 } }, y: { beginAtZero: true, max: top } },
    },
  });
})();
