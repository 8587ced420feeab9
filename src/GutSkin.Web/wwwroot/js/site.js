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

  // Today page: keep the "not logged" badges in step with what the member picks.
  for (const item of document.querySelectorAll('[data-item]')) {
    const state = item.querySelector('.item__state');
    const update = () => {
      const radio = item.querySelector('input[type=radio]:checked');
      const number = item.querySelector('input[type=number]');
      const logged = radio ? radio.value !== '' : (number && number.value !== '');
      item.classList.toggle('item--missing', !logged);
      if (state) {
        state.textContent = logged ? 'logged' : 'not logged';
      }
    };
    item.addEventListener('change', update);
    item.addEventListener('input', update);
  }
})();
