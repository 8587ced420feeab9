// Draws the Insights charts from the page's JSON block; the tables beside them carry the same values. Chart.js (about
// 200 KB of script) is fetched and run only when a chart comes into view, so the page is ready without it.
(() => {
  const form = document.querySelector('form[data-auto-submit]');
  if (form) {
    for (const select of form.querySelectorAll('select')) {
      select.addEventListener('change', () => form.requestSubmit());
    }
  }

  const block = document.getElementById('insights-chart-data');
  const canvases = [...document.querySelectorAll('#series-chart, #lag-chart')];
  const source = document.currentScript?.dataset.chartJs;
  if (!block || canvases.length === 0 || !source) {
    return;
  }

  // Days shown on the chart: the last 30 on a phone, all on a wider screen, until the member picks.
  const range = document.querySelector('[data-chart-range]');
  let chosenDays = window.matchMedia('(max-width: 40rem)').matches ? 30 : 0;
  let showDays = () => undefined;
  const pressRange = () => range?.querySelectorAll('[data-days]').forEach(b => b.setAttribute('aria-pressed', String(Number(b.dataset.days) === chosenDays)));
  pressRange();
  range?.addEventListener('click', event => {
    const button = event.target.closest('[data-days]');
    if (button) {
      chosenDays = Number(button.dataset.days);
      pressRange();
      showDays(chosenDays);
    }
  });

  const draw = () => {
    const data = JSON.parse(block.textContent);
    const css = getComputedStyle(document.documentElement);
    const colour = name => css.getPropertyValue(name).trim();
    Chart.defaults.color = colour('--muted');
    Chart.defaults.borderColor = colour('--line');
    Chart.defaults.font.family = colour('--font');

    const series = document.getElementById('series-chart');
    if (series && data.firstDate) {
      // One value a day from firstDate: the dates are counted here rather than sent (730 of them are 10 KB).
      const [y, m, d] = data.firstDate.split('-').map(Number);
      data.dates = data.outcomeValues.map((_, i) => new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10));
      const datasets = [{
        label: data.outcome.label, data: data.outcomeValues, yAxisID: 'y',
        borderColor: colour('--skin'), backgroundColor: colour('--skin'), spanGaps: false, pointRadius: 0, borderWidth: 1.5, tension: 0.2,
      }];
      if (data.factor) {
        datasets.push({
          label: `${data.factor.label} ${data.factor.before}`, data: data.factorValues, yAxisID: 'y2', type: 'bar',
          backgroundColor: colour('--habit') + '59', borderColor: colour('--habit') + '59', barPercentage: 1, categoryPercentage: 1,
        });
      }
      const chart = new Chart(series, {
        type: 'line',
        data: { labels: data.dates, datasets },
        options: {
          animation: false, maintainAspectRatio: false, interaction: { mode: 'index', intersect: false },
          scales: {
            x: { ticks: { maxTicksLimit: 8 } },
            y: { position: 'left', title: { display: true, text: data.outcome.label } },
            y2: { position: 'right', grid: { drawOnChartArea: false }, title: { display: !!data.factor, text: data.factor ? data.factor.label : '' } },
          },
        },
      });
      // The last 30 or 90 days, or all of them (0).
      showDays = days => {
        const from = days > 0 ? Math.max(0, data.dates.length - days) : 0;
        chart.data.labels = data.dates.slice(from);
        chart.data.datasets[0].data = data.outcomeValues.slice(from);
        if (data.factor) {
          chart.data.datasets[1].data = data.factorValues.slice(from);
        }
        chart.update();
      };
      showDays(chosenDays);
    }

    const lag = document.getElementById('lag-chart');
    if (lag && data.lags) {
      const labels = data.lags.map(l => l.lag === 0 ? 'same day' : `${l.lag} d later`);
      new Chart(lag, {
        type: 'bar',
        data: {
          labels,
          datasets: [
            // The point over its interval: a lower order is drawn later, on top.
            { label: '95% interval', order: 2, data: data.lags.map(l => l.effect === null ? null : [l.ciLow, l.ciHigh]), backgroundColor: colour('--accent-soft'), borderColor: colour('--accent'), borderWidth: 1 },
            { label: 'Effect', order: 1, type: 'line', data: data.lags.map(l => l.effect), borderColor: colour('--accent'), backgroundColor: colour('--accent'), showLine: false, pointRadius: 5 },
          ],
        },
        options: { animation: false, maintainAspectRatio: false, scales: { y: { title: { display: true, text: 'Effect' } } } },
      });
    }
  };

  // Chart.js once, when the first chart comes into view.
  const watch = new IntersectionObserver(entries => {
    if (!entries.some(entry => entry.isIntersecting)) {
      return;
    }
    watch.disconnect();
    const script = document.createElement('script');
    script.src = source;
    script.addEventListener('load', draw);
    document.head.append(script);
  });
  canvases.forEach(canvas => watch.observe(canvas));
})();
