// Days saved without a connection: kept on this device (IndexedDB) until the server has them. Each entry is one
// member's one day, {member, date, values, note, etag, state, savedAt}: state "waiting" until it is sent, "conflict"
// when the day changed on the server meanwhile (then `server` holds that version), "refused" when the server said no
// (then `message` says why). Sending uses PUT /api/journal/{date} with If-Match (the day's tag when the member opened
// it) or If-None-Match: * (it was empty), so a day changed elsewhere is never overwritten silently.
'use strict';
(() => {
  const DB = 'gutskin';
  const STORE = 'days';

  const request = req => new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

  const open = () => {
    const opening = indexedDB.open(DB, 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore(STORE, { keyPath: ['member', 'date'] });
    return request(opening);
  };

  const withStore = async (mode, work) => {
    const db = await open();
    try {
      const tx = db.transaction(STORE, mode);
      const result = await request(work(tx.objectStore(STORE)));
      await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); tx.onabort = () => reject(tx.error); });
      return result;
    } finally {
      db.close();
    }
  };

  const queue = {
    put: entry => withStore('readwrite', store => store.put(entry)),
    get: (member, date) => withStore('readonly', store => store.get([member, date])),
    all: async member => (await withStore('readonly', store => store.getAll())).filter(e => e.member === member),
    remove: (member, date) => withStore('readwrite', store => store.delete([member, date])),
    clear: () => withStore('readwrite', store => store.clear()),
  };
  self.GutSkinQueue = queue;

  if (typeof document === 'undefined') {
    return;
  }

  const member = document.querySelector('meta[name=gutskin-member]')?.content;
  const changed = () => window.dispatchEvent(new CustomEvent('gutskin:queue'));

  // The server's version of a day (null values when it is not logged), with the tag to write over it.
  const readServer = async date => {
    const response = await fetch(`/api/journal/${date}`, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (response.status === 404) {
      return { values: {}, note: null, etag: null };
    }
    if (!response.ok) {
      throw new Error(`GET ${date} answered ${response.status}`);
    }
    const day = await response.json();
    return { values: day.values, note: day.note ?? null, etag: response.headers.get('ETag') };
  };

  // Writes a day on the condition that the server still has the version `etag` names (null: no day). Returns the
  // answer: "sent" (with the new tag), "conflict", "refused" (with a message) or "offline".
  const write = async (date, values, note, etag) => {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    headers[etag ? 'If-Match' : 'If-None-Match'] = etag || '*';
    let response;
    try {
      response = await fetch(`/api/journal/${date}`, { method: 'PUT', headers, body: JSON.stringify({ values, note: note || null }) });
    } catch {
      return { outcome: 'offline' };
    }
    if (response.ok) {
      return { outcome: 'sent', etag: response.headers.get('ETag') };
    }
    if (response.status === 412) {
      return { outcome: 'conflict' };
    }
    if (response.status === 401 || response.status === 403) {
      return { outcome: 'offline' };
    }
    let message = `The server answered ${response.status}.`;
    try {
      const problem = await response.json();
      message = [problem.detail, ...Object.values(problem.errors ?? {}).flat()].filter(Boolean).join(' ') || message;
    } catch { /* keep the status */ }
    return { outcome: 'refused', message };
  };

  let syncing = false;

  // Sends every waiting day of the signed-in member, oldest first; stops at the first sign of no connection.
  const sync = async () => {
    if (!member || syncing || !navigator.onLine) {
      return;
    }
    syncing = true;
    try {
      const waiting = (await queue.all(member)).filter(e => e.state === 'waiting').sort((a, b) => a.date.localeCompare(b.date));
      for (const entry of waiting) {
        const answer = await write(entry.date, entry.values, entry.note, entry.etag);
        if (answer.outcome === 'offline') {
          break;
        }
        if (answer.outcome === 'sent') {
          await queue.remove(member, entry.date);
          window.dispatchEvent(new CustomEvent('gutskin:sent', { detail: { date: entry.date, etag: answer.etag } }));
        } else if (answer.outcome === 'conflict') {
          await queue.put({ ...entry, state: 'conflict', server: await readServer(entry.date) });
        } else {
          await queue.put({ ...entry, state: 'refused', message: answer.message });
        }
        changed();
      }
    } catch {
      // The connection dropped half-way: what was not sent stays queued for the next try.
    } finally {
      syncing = false;
    }
  };

  // A line at the top of every page while days wait on this device or need the member's choice.
  const banner = async () => {
    if (!member) {
      return;
    }
    const entries = await queue.all(member);
    let line = document.querySelector('[data-queue-banner]');
    if (entries.length === 0) {
      line?.remove();
      return;
    }
    if (!line) {
      line = document.createElement('div');
      line.dataset.queueBanner = '';
      line.className = 'alert queue-banner';
      line.setAttribute('role', 'status');
      document.querySelector('main')?.prepend(line);
    }
    const waiting = entries.filter(e => e.state === 'waiting').length;
    const needing = entries.filter(e => e.state !== 'waiting');
    line.replaceChildren();
    if (waiting > 0) {
      line.append(`${waiting === 1 ? '1 day saved on this device is' : `${waiting} days saved on this device are`} waiting to send.`);
    }
    for (const entry of needing) {
      const link = document.createElement('a');
      link.href = `/today/${entry.date}`;
      link.textContent = entry.date;
      line.append(` ${entry.state === 'conflict' ? 'Changed on another device meanwhile, choose what to keep:' : 'Not saved, please check:'} `, link);
    }
  };

  queue.readServer = readServer;
  queue.write = write;
  queue.sync = sync;
  window.addEventListener('online', sync);
  window.addEventListener('gutskin:queue', banner);
  banner().then(sync);

  // A page the service worker showed from this device (data-kept on <html>) may be older than the server's; the
  // worker checks it behind the page and, asked, says what it found. Unchanged: the forms take the fresh anti-forgery token.
  // Changed: the page reloads, unless the member has started filling a form (then a line offers the reload).
  // GutSkinPage.checked resolves once the check is in (or at once for a page that came from the server).
  const kept = document.documentElement.dataset.kept === 'yes';
  const RELOADED = 'gutskin-reloaded';
  const reloadedForCheck = sessionStorage.getItem(RELOADED) === window.location.href;
  sessionStorage.removeItem(RELOADED);
  let touched = false;
  let settle;
  const checked = kept ? new Promise(resolve => { settle = resolve; }) : Promise.resolve();
  self.GutSkinPage = { kept, checked };
  // Touched: a value typed or chosen, or a form button tapped (the −/+ and the value chips set numbers without an input event).
  for (const type of ['input', 'click']) {
    document.addEventListener(type, event => { touched ||= type === 'input' || !!event.target.closest?.('form button'); }, { capture: true });
  }
  navigator.serviceWorker?.addEventListener('message', event => {
    const message = event.data;
    if (message?.type !== 'revalidated' || message.url !== window.location.href) {
      return;
    }
    if (message.token) {
      for (const field of document.querySelectorAll('input[name="__RequestVerificationToken"]')) {
        field.value = message.token;
      }
    }
    settle?.();
    if (!message.changed) {
      return;
    }
    // A page reloaded for this reason that is found changed again shows the line instead: no reload loop.
    if (!touched && !reloadedForCheck) {
      sessionStorage.setItem(RELOADED, window.location.href);
      // Not reload(): that would put back what the controls held, over the server's values. After the load event: a
      // navigation started while the kept page is still loading may be dropped.
      const again = () => window.location.replace(window.location.href);
      if (document.readyState === 'complete') {
        again();
      } else {
        window.addEventListener('load', () => setTimeout(again), { once: true });
      }
      return;
    }
    const line = document.createElement('p');
    line.className = 'alert';
    line.setAttribute('role', 'status');
    const reload = document.createElement('a');
    reload.href = window.location.href;
    reload.textContent = 'Show the newest version';
    line.append('This page changed since this device kept it. ', reload, ' (what you entered here is not kept).');
    document.querySelector('main')?.prepend(line);
  });
  if (kept) {
    navigator.serviceWorker?.controller?.postMessage({ type: 'check', url: window.location.href });
  }

  // Log-out forgets this device's copy: the cached pages, the days not sent yet and its push reminders (the answer also
  // sends Clear-Site-Data).
  for (const form of document.querySelectorAll('form[action="/account/logout"]')) {
    form.addEventListener('submit', async event => {
      if (form.dataset.cleared) {
        return;
      }
      event.preventDefault();
      const unsent = member ? await queue.all(member).then(entries => entries.length, () => 0) : 0;
      if (unsent > 0 && !window.confirm(`${unsent === 1 ? '1 day saved on this device has' : `${unsent} days saved on this device have`} not reached GutSkin yet. Log out and lose ${unsent === 1 ? 'it' : 'them'}?`)) {
        return;
      }
      await queue.clear().catch(() => undefined);
      // This device's push reminders were the member's: the server forgets the endpoint, the browser the subscription.
      try {
        const subscription = await (await navigator.serviceWorker?.getRegistration('/'))?.pushManager?.getSubscription();
        if (subscription) {
          await fetch('/api/push/subscriptions', { method: 'DELETE', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ endpoint: subscription.endpoint }) });
          await subscription.unsubscribe();
        }
      } catch { /* the log-out goes ahead; a push to a logged-out device shows only a reminder line */ }
      if ('caches' in window) {
        for (const name of await caches.keys()) {
          await caches.delete(name);
        }
      }
      form.dataset.cleared = 'yes';
      form.requestSubmit();
    });
  }
})();
