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

  // ---- Offline: a day saved without a connection waits on this device and is sent when the connection returns. ----
  const queue = self.GutSkinQueue;
  const page = document.querySelector('[data-checkin]');
  const member = document.querySelector('meta[name=gutskin-member]')?.content;
  const status = document.querySelector('[data-sync-status]');
  if (!queue || !page || !member) {
    return;
  }
  const date = page.dataset.date;
  const keyOf = item => item.id.slice('item-'.length);
  const labelOf = key => document.querySelector(`#item-${CSS.escape(key)} .item__name`)?.textContent ?? key;
  const note = form.querySelector('textarea[name=Note]');

  const say = (text, kind) => {
    status.hidden = !text;
    status.className = `sync-status alert ${kind === 'ok' ? 'alert--ok' : kind === 'error' ? 'alert--error' : 'waiting'}`;
    status.textContent = text;
  };

  // What the form holds now, as the API takes it; null (with a message) when a number is outside its item's range.
  const collect = () => {
    const values = {};
    for (const item of items) {
      const text = valueOf(item);
      if (text === '') {
        continue;
      }
      const value = Number(text.replace(',', '.'));
      const number = item.querySelector('input[type=number]');
      if (!Number.isFinite(value) || (number && (value < Number(item.dataset.min) || value > Number(item.dataset.max)))) {
        return { error: `${labelOf(keyOf(item))}: enter a number from ${item.dataset.min} to ${item.dataset.max}.` };
      }
      values[keyOf(item)] = value;
    }
    return { values, note: note?.value.trim() || null };
  };

  const fillForm = (values, noteText) => {
    for (const item of items) {
      const value = values[keyOf(item)];
      const text = value === undefined || value === null ? '' : String(value);
      const radio = item.querySelector(`input[type=radio][value="${CSS.escape(text)}"]`);
      if (radio) {
        radio.checked = true;
      } else if (item.querySelector('input[type=number]')) {
        item.querySelector('input[type=number]').value = text;
      }
      show(item);
    }
    if (note) {
      note.value = noteText ?? '';
    }
    tally();
  };

  const time = iso => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const shown = value => value === undefined || value === null || value === '' ? 'not logged' : String(value);

  // Both versions item by item where they differ; the member picks each, then "Keep these" writes over the server's version.
  const conflictView = entry => {
    document.querySelector('[data-conflict]')?.remove();
    if (entry?.state !== 'conflict') {
      return;
    }
    const server = entry.server;
    const keys = [...new Set([...Object.keys(entry.values), ...Object.keys(server.values)])]
      .filter(key => entry.values[key] !== server.values[key]);
    const rows = keys.map(key => ({ key, label: labelOf(key), mine: entry.values[key], theirs: server.values[key] }));
    if ((entry.note || null) !== (server.note || null)) {
      rows.push({ key: '__note', label: 'Note', mine: entry.note, theirs: server.note });
    }
    const box = document.createElement('section');
    box.dataset.conflict = '';
    box.className = 'alert alert--error conflict';
    box.setAttribute('aria-labelledby', 'conflict-title');
    const title = document.createElement('h2');
    title.id = 'conflict-title';
    title.textContent = 'This day changed on another device while this one was offline';
    const intro = document.createElement('p');
    intro.textContent = `You saved it here at ${time(entry.savedAt)}. Choose which value to keep for each item that differs; the others are the same on both.`;
    box.append(title, intro);
    for (const row of rows) {
      const group = document.createElement('fieldset');
      group.className = 'conflict__row';
      const legend = document.createElement('legend');
      legend.textContent = row.label;
      group.append(legend);
      for (const [side, text, value] of [['mine', 'Saved on this device', row.mine], ['theirs', 'On the server', row.theirs]]) {
        const label = document.createElement('label');
        const radio = document.createElement('input');
        radio.type = 'radio';
        radio.name = `keep-${row.key}`;
        radio.value = side;
        radio.checked = side === 'mine';
        label.append(radio, ` ${text}: ${shown(value)}`);
        group.append(label);
      }
      box.append(group);
    }
    const actions = document.createElement('div');
    actions.className = 'actions';
    const keep = document.createElement('button');
    keep.type = 'button';
    keep.className = 'button';
    keep.textContent = 'Keep these';
    const drop = document.createElement('button');
    drop.type = 'button';
    drop.className = 'button button--quiet';
    drop.textContent = 'Drop what this device saved';
    actions.append(keep, drop);
    box.append(actions);
    page.insertBefore(box, form);

    keep.addEventListener('click', async () => {
      const values = { ...server.values };
      let noteText = server.note;
      for (const row of rows) {
        const side = box.querySelector(`input[name="keep-${CSS.escape(row.key)}"]:checked`)?.value ?? 'mine';
        const value = side === 'mine' ? row.mine : row.theirs;
        if (row.key === '__note') {
          noteText = value;
        } else if (value === undefined || value === null) {
          delete values[row.key];
        } else {
          values[row.key] = value;
        }
      }
      const answer = await queue.write(date, values, noteText, server.etag);
      if (answer.outcome === 'sent') {
        await queue.remove(member, date);
        window.location.reload();
      } else if (answer.outcome === 'conflict') {
        // Changed once more meanwhile: show the newest server version.
        const next = { ...entry, server: await queue.readServer(date) };
        await queue.put(next);
        conflictView(next);
      } else {
        say(answer.outcome === 'offline' ? 'No connection: try again when you are online.' : answer.message, 'error');
      }
    });
    drop.addEventListener('click', async () => {
      await queue.remove(member, date);
      window.location.reload();
    });
  };

  // This day's entry on the device, if any: shown in the form, marked as waiting, or as a conflict to settle.
  const showQueued = async () => {
    const entry = await queue.get(member, date);
    conflictView(entry);
    if (!entry) {
      return;
    }
    fillForm(entry.values, entry.note);
    if (entry.state === 'waiting') {
      say(`Saved on this device at ${time(entry.savedAt)}: waiting to send.`);
    } else if (entry.state === 'refused') {
      say(`Not saved: ${entry.message}`, 'error');
    } else {
      say('');
    }
  };

  form.addEventListener('submit', async event => {
    if (navigator.onLine) {
      // A page shown from this device posts once the worker has checked it (and given the form a fresh token); the
      // server still refuses to write over a day that changed since the page's version of it.
      const page = self.GutSkinPage;
      if (page?.kept && !form.dataset.checked) {
        event.preventDefault();
        await Promise.race([page.checked, new Promise(resolve => setTimeout(resolve, 5000))]);
        form.dataset.checked = 'yes';
        // A task later: a form still firing its submit event ignores requestSubmit().
        setTimeout(() => form.requestSubmit(event.submitter));
      }
      return;
    }
    event.preventDefault();
    const day = collect();
    if (day.error) {
      say(day.error, 'error');
      return;
    }
    await queue.put({ member, date, values: day.values, note: day.note, etag: page.dataset.etag || null, state: 'waiting', savedAt: new Date().toISOString() });
    window.dispatchEvent(new CustomEvent('gutskin:queue'));
    await showQueued();
  });

  window.addEventListener('gutskin:queue', showQueued);
  window.addEventListener('gutskin:sent', event => {
    if (event.detail.date === date) {
      page.dataset.etag = event.detail.etag ?? '';
      say(`Sent: ${date} is saved.`, 'ok');
    }
  });
  showQueued().catch(() => undefined);

  // Keep this day, the seven before it and History on the device for a slow or missing connection. On a first visit
  // the worker takes the page over only after it loaded: then this page itself is kept too.
  const keep = own => {
    const urls = ['/history', ...own];
    const day = new Date(`${date}T00:00:00Z`);
    for (let back = 1; back <= 7; back++) {
      urls.push(`/today/${new Date(day.getTime() - back * 86400000).toISOString().slice(0, 10)}`);
    }
    navigator.serviceWorker.controller?.postMessage({ type: 'keep', urls });
  };
  if (navigator.onLine && navigator.serviceWorker?.controller) {
    keep([]);
  } else if (navigator.onLine && navigator.serviceWorker) {
    navigator.serviceWorker.addEventListener('controllerchange', () => keep([window.location.pathname]), { once: true });
  }
})();
