// Progressive enhancement only: every page works without this file.
(() => {
  // Pre-fill the time zone at sign-up from the browser; the member can still change it.
  const zone = document.querySelector('select[data-detect-time-zone]');
  if (zone && !zone.dataset.userChosen) {
    try {
      const detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (detected && [...zone.options].some(o => o.value === detected)) {
        zone.value = detected;
      }
    } catch { /* keep the server's default */ }
  }

  // Self-check: a red flag answered yes shows its "see a doctor" advice at once, in its live region, and the
  // form tells the server which advice was seen so the step does not come back to show it.
  const shown = document.querySelector('input[data-advice-shown]');
  const regions = [...document.querySelectorAll('[data-flag-advice]')];
  for (const region of regions) {
    const question = region.closest('fieldset');
    question.addEventListener('change', () => {
      const yes = question.querySelector('input[type=radio][value=yes]:checked');
      if (yes && !region.firstElementChild) {
        const advice = document.createElement('p');
        advice.className = 'alert alert--danger';
        const title = document.createElement('strong');
        title.textContent = region.dataset.adviceTitle;
        advice.append(title, ` ${region.dataset.adviceText}`);
        region.append(advice);
      } else if (!yes) {
        region.replaceChildren();
      }

      if (shown) {
        shown.value = regions.filter(r => r.firstElementChild).map(r => r.dataset.flagAdvice).join(' ');
      }
    });
  }

  // Items page: the key follows the label (as ItemKeySuggestion.Slug makes it) until the member types a key of their own.
  for (const key of document.querySelectorAll('input[data-key-from]')) {
    const label = document.getElementById(key.dataset.keyFrom);
    let own = key.value !== '';
    key.addEventListener('input', () => { own = key.value !== ''; });
    label?.addEventListener('input', () => {
      if (own) {
        return;
      }
      const slug = label.value.normalize('NFKD').toLowerCase().replace(/\p{Mn}/gu, '')
        .replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
      key.value = (/^[0-9]/.test(slug) ? 'item_' + slug : slug).slice(0, 40).replace(/_+$/, '');
    });
  }

  // The installable app: the service worker keeps the app's files for a quick start and answers offline.
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => { /* the site works without it */ });
  }
})();
