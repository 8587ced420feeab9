// The Today page's quick check-in. Progressive enhancement only: without this file the form still works (radios,
// number boxes, "Same as yesterday" as a link that fills the form on the server).
'use strict';
(() => {
  const form = document.querySelector('form[data-day-form]');
  if (!form) {
    return;
  }

  const items = [...form.querySelectorAll('[data-item]')];
  const count = form.querySelector('[data-count]');
  const save = form.querySelector('button[data-save]');

  const valueOf = item => {
    const radio = item.querySelector('input[type=radio]:checked');
    if (radio) {
      return radio.value;
    }
    const number = item.querySelector('input[type=number]');
    return number ? number.value : '';
  };

  // One item's look: its state word, the pressed chip, and whether it still shows a value copied from another day.
  const show = (item, state) => {
    const logged = valueOf(item) !== '';
    item.classList.toggle('item--missing', !logged);
    if (state !== 'filled') {
      item.classList.remove('item--filled');
    }
    const word = item.querySelector('.item__state');
    if (word) {
      const filled = logged && item.classList.contains('item--filled');
      word.textContent = filled ? 'filled' : logged ? 'logged' : 'not logged';
      word.classList.toggle('item__state--filled', filled);
    }
    const number = item.querySelector('input[type=number]');
    for (const chip of item.querySelectorAll('[data-set]')) {
      chip.setAttribute('aria-pressed', String(number !== null && number.value !== '' && Number(number.value) === Number(chip.dataset.set)));
    }
  };

  // "7 of 12 logged", and Save says it saves a part of the day when it does.
  const tally = () => {
    const logged = items.filter(item => valueOf(item) !== '').length;
    if (count) {
      count.textContent = `${logged} of ${count.dataset.total} logged`;
    }
    if (save) {
      save.textContent = logged > 0 && logged < items.length ? save.dataset.saveSome : save.dataset.saveAll;
    }
  };

  const setNumber = (item, value) => {
    const number = item.querySelector('input[type=number]');
    number.value = value;
    show(item);
    tally();
  };

  for (const item of items) {
    item.addEventListener('change', () => { show(item); tally(); });
    item.addEventListener('input', () => { show(item); tally(); });

    // A common value is one tap; tapping the value already chosen clears the item.
    for (const chip of item.querySelectorAll('[data-set]')) {
      chip.addEventListener('click', () => setNumber(item, chip.getAttribute('aria-pressed') === 'true' ? '' : chip.dataset.set));
    }

    // −/+ move by the item's step inside its range; from "not logged", + starts at the first step and − at the minimum.
    for (const button of item.querySelectorAll('[data-step-by]')) {
      button.addEventListener('click', () => {
        const number = item.querySelector('input[type=number]');
        const [min, max, step] = [Number(item.dataset.min), Number(item.dataset.max), Number(item.dataset.step)];
        const by = Number(button.dataset.stepBy) * step;
        const current = number.value === '' || Number.isNaN(Number(number.value)) ? null : Number(number.value);
        const next = current === null ? (by > 0 ? min + step : min) : current + by;
        const clamped = Math.min(max, Math.max(min, Math.round(next / step) * step));
        setNumber(item, String(Number(clamped.toFixed(2))));
      });
    }
  }

  // Same as yesterday: every item takes the last logged day's value, marked "filled" until the member changes it.
  const fill = document.querySelector('[data-fill]');
  fill?.addEventListener('click', event => {
    event.preventDefault();
    const values = JSON.parse(fill.dataset.fill);
    for (const item of items) {
      const key = item.id.slice('item-'.length);
      if (!(key in values)) {
        continue;
      }
      const radio = item.querySelector(`input[type=radio][value="${CSS.escape(values[key])}"]`);
      if (radio) {
        radio.checked = true;
      } else if (item.querySelector('input[type=number]')) {
        item.querySelector('input[type=number]').value = values[key];
      }
      item.classList.add('item--filled');
      show(item, 'filled');
    }
    tally();
    const hint = document.querySelector('.checkin__hint span');
    if (hint) {
      hint.textContent = `Filled from ${fill.dataset.fillFrom}: change what was different, then save.`;
    }
  });

  tally();
})();
