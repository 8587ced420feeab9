// GutSkin's service worker: the app's own file, served from /sw.js so its scope is the whole site.
// Static files (CSS, JS, icons) come from the cache first; pages come from the network, and the offline page answers
// when there is none. Today, its last seven days and History are also kept (PAGES): when the server is slow to answer
// (NETWORK_WAIT_MS) or unreachable, the kept copy is shown instead; a kept copy shown while the server was only slow
// is compared with its answer when it comes, and the page is told what changed ("check" below) so that it reloads. The
// kept pages belong to one member: another member's page arriving empties them, any form post empties them (it may
// change what they show), log-out deletes them.
'use strict';

// Bump the version whenever what is cached or how it is kept changes: activation deletes every older cache.
const VERSION = 'v3';
const CACHE = `gutskin-${VERSION}`;
// The member's own pages, in a cache of their own that a new version of this file does not drop.
const PAGES = 'gutskin-pages';
// Stored in PAGES under this key: the member whose pages they are (the page's gutskin-member meta).
const OWNER = '/__owner';

// Shown for a page that cannot be fetched. It is fetched without cookies, so it is the same for everyone.
const OFFLINE_PAGE = '/offline';

// Files that are the same for everyone, kept at install besides the CSS and JS the offline page links.
const SHELL = ['/favicon.svg', '/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png', '/icons/maskable-192.png', '/icons/maskable-512.png'];

// Static files: served cache-first. A changed CSS or JS file has a new ?v= (asp-append-version), so its cached copy never goes stale.
const STATIC_PREFIXES = ['/css/', '/js/', '/lib/', '/icons/'];
const STATIC_FILES = ['/favicon.svg', '/manifest.webmanifest'];

// Personal pages the member may open offline (network first, the cached copy without a connection).
const PERSONAL_PAGES = ['/today', '/history'];

const isStatic = url => STATIC_FILES.includes(url.pathname) || STATIC_PREFIXES.some(prefix => url.pathname.startsWith(prefix));
const isPersonalPage = url => PERSONAL_PAGES.some(route => url.pathname === route || url.pathname.startsWith(`${route}/`));

// The offline page's own stylesheet and script links, read from its HTML (with their ?v= versions).
const linkedAssets = html => [...html.matchAll(/<(?:link[^>]+href|script[^>]+src)="(\/(?:css|js)\/[^"]+)"/g)].map(m => m[1].replaceAll('&amp;', '&'));

self.addEventListener('install', event => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const offline = await fetch(OFFLINE_PAGE, { credentials: 'omit', cache: 'no-store' });
    if (!offline.ok) {
      throw new Error(`${OFFLINE_PAGE} answered ${offline.status}`);
    }

    await cache.put(OFFLINE_PAGE, offline.clone());
    await cache.addAll([...SHELL, ...linkedAssets(await offline.text())]);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', event => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter(name => name.startsWith('gutskin-') && name !== CACHE && name !== PAGES).map(name => caches.delete(name)));
    await self.clients.claim();
  })());
});

// Fetches a static file and keeps it, dropping the older versions (other ?v=) of the same file.
async function refresh(request) {
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    const cache = await caches.open(CACHE);
    const path = new URL(request.url).pathname;
    for (const old of await cache.keys()) {
      if (new URL(old.url).pathname === path && old.url !== request.url) {
        await cache.delete(old);
      }
    }

    await cache.put(request, response.clone());
  }

  return response;
}

async function cacheFirst(event) {
  const cached = await caches.match(event.request, { cacheName: CACHE });
  if (!cached) {
    return refresh(event.request);
  }

  // Without a ?v= (icons, the manifest) a file may change under the same name: answer now, update for next time.
  if (!new URL(event.request.url).searchParams.has('v')) {
    event.waitUntil(refresh(event.request).catch(() => undefined));
  }

  return cached;
}

// The member a page belongs to (its gutskin-member meta), or undefined for a page that is nobody's.
const memberOf = html => /<meta name="gutskin-member" content="([^"]+)"/.exec(html)?.[1];

// A page's content without what differs on every answer (the form's anti-forgery token) or marks a kept copy.
const TOKEN = /(name="__RequestVerificationToken" type="hidden" value=")([^"]*)"/g;
const KEPT_MARK = ' data-kept="yes"';
// A one-time message (data-once, e.g. "Saved ...") belongs to the answer that showed it: never kept, never compared.
const ONCE = /<p [^>]*data-once[^>]*>[^<]*<\/p>/g;
const contentOf = html => html.replaceAll(KEPT_MARK, '').replace(TOKEN, '$1"').replace(ONCE, '');

// Keeps a member's page, first emptying PAGES when they hold another member's. The copy is marked (data-kept on
// <html>) so the page knows it may be older than the server's and waits for the check before it posts a form.
// Answers the page's HTML, or null when the answer is no member's page to keep.
async function keepPage(request, response) {
  if (!response.ok || response.type !== 'basic' || response.redirected) {
    return null;
  }
  const html = await response.text();
  const member = memberOf(html);
  if (!member) {
    return null;
  }
  let pages = await caches.open(PAGES);
  const owner = await pages.match(OWNER);
  if (owner && await owner.text() !== member) {
    await caches.delete(PAGES);
    pages = await caches.open(PAGES);
  }
  await pages.put(OWNER, new Response(member));
  const headers = new Headers(response.headers);
  headers.delete('Content-Length');
  await pages.put(request, new Response(html.replace(ONCE, '').replace('<html', `<html${KEPT_MARK}`), { status: response.status, statusText: response.statusText, headers }));
  return html;
}

// Empties PAGES but keeps whose they are: after a form post every kept page may be out of date.
async function forgetPages() {
  const pages = await caches.open(PAGES);
  await Promise.all((await pages.keys()).filter(request => new URL(request.url).pathname !== OWNER).map(request => pages.delete(request)));
}

async function networkFirst(event, url) {
  const request = event.request;
  try {
    const response = await fetch(request);
    if (isPersonalPage(url)) {
      event.waitUntil(keepPage(request.url, response.clone()).catch(() => undefined));
    }

    return response;
  } catch (error) {
    const fallback = (isPersonalPage(url) && await caches.match(request.url, { cacheName: PAGES, ignoreVary: true }))
      || await caches.match(OFFLINE_PAGE, { cacheName: CACHE });
    if (fallback) {
      return fallback;
    }

    throw error;
  }
}

// How long a page kept on the device waits for the server's answer before it is shown instead.
const NETWORK_WAIT_MS = 500;

// What the server answered for each page shown from PAGES, by URL: {changed, token}, or null without a connection.
// changed: the server's page differs (or is no longer this member's page, whose kept copy is then dropped); token: the
// fresh anti-forgery token for the page's forms. The page asks for it (a "check" message) once its script runs.
const checks = new Map();

// Compares the server's answer with the kept copy that was shown, and keeps the answer.
async function compare(url, answer, kept) {
  const response = await answer.catch(() => null);
  if (!response) {
    return null;
  }
  const html = await keepPage(url, response).catch(() => null);
  if (html === null) {
    await (await caches.open(PAGES)).delete(url);
  }
  const token = html === null ? null : [...html.matchAll(TOKEN)][0]?.[2] ?? null;
  return { changed: html === null || contentOf(html) !== contentOf(kept), token };
}

// The device's date, YYYY-MM-DD: a kept /today made on another day is yesterday's page, not today's.
const deviceToday = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

// The server's page when it answers within NETWORK_WAIT_MS; after that, or without a connection, the kept copy at
// once, checked against the server's answer when it comes. A page with a query (?fill=last), or a kept /today of
// another day than the device's, is never shown from the device while the network may still answer.
async function keptAfterWaiting(event, url) {
  const kept = url.search === '' && await caches.match(event.request.url, { cacheName: PAGES, ignoreVary: true });
  const html = kept ? await kept.clone().text() : '';
  if (!kept || (url.pathname === '/today' && !html.includes(`data-date="${deviceToday()}"`))) {
    return networkFirst(event, url);
  }
  const answer = fetch(event.request);
  let timer;
  const late = new Promise(resolve => { timer = setTimeout(resolve, NETWORK_WAIT_MS, 'late'); });
  const first = await Promise.race([answer.catch(() => 'offline'), late]);
  clearTimeout(timer);
  if (first instanceof Response) {
    event.waitUntil(keepPage(event.request.url, first.clone()).catch(() => undefined));
    return first;
  }
  const check = compare(event.request.url, answer, html);
  checks.set(event.request.url, check);
  event.waitUntil(check);
  return kept;
}

self.addEventListener('message', event => {
  // A page shown from PAGES asks what the server answered for it (nothing known: unchanged, no new token).
  if (event.data?.type === 'check' && typeof event.data.url === 'string') {
    const url = event.data.url;
    event.waitUntil((checks.get(url) ?? Promise.resolve(null)).then(result => {
      checks.delete(url);
      event.source?.postMessage({ type: 'revalidated', url, changed: result?.changed ?? false, token: result?.token ?? null });
    }));
    return;
  }

  // The Today page asks for its last seven days and History to be kept while the member is online.
  if (event.data?.type !== 'keep' || !Array.isArray(event.data.urls)) {
    return;
  }
  event.waitUntil(Promise.all(event.data.urls
    .map(path => new URL(path, self.location.origin))
    .filter(url => url.origin === self.location.origin && isPersonalPage(url))
    .map(async url => {
      const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' }).catch(() => null);
      if (response) {
        await keepPage(url.href, response).catch(() => undefined);
      }
    })));
});

self.addEventListener('fetch', event => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }

  // A form post (a day saved, the plan or the items changed...): the kept pages are dropped before it leaves, so the
  // page it lands on and every later one come from the server. A script's write (the API) drops them too, alongside.
  if (request.method !== 'GET') {
    if (request.mode === 'navigate') {
      event.respondWith(forgetPages().catch(() => undefined).then(() => fetch(request)));
    } else {
      event.waitUntil(forgetPages().catch(() => undefined));
    }
    return;
  }

  if (isStatic(url)) {
    event.respondWith(cacheFirst(event));
  } else if (request.mode === 'navigate') {
    event.respondWith(isPersonalPage(url) ? keptAfterWaiting(event, url) : networkFirst(event, url));
  }
});

// ---- Push reminders (issue 12) ---------------------------------------------------------------------------------
// Kept apart from the caching above. A push message is the reminder's small JSON, {title, body, url}, decrypted by
// the browser; url is the missed day's path (/today/YYYY-MM-DD). Only paths on this site are opened: a message
// naming another origin, or something that is not a path, opens /today instead.
const PUSH_FALLBACK_URL = '/today';

const pushTarget = url => {
  if (typeof url !== 'string' || !url.startsWith('/') || url.startsWith('//')) {
    return PUSH_FALLBACK_URL;
  }

  const target = new URL(url, self.location.origin);
  return target.origin === self.location.origin ? target.pathname + target.search : PUSH_FALLBACK_URL;
};

self.addEventListener('push', event => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = {};
  }

  const title = typeof message.title === 'string' && message.title ? message.title : 'GutSkin';
  event.waitUntil(self.registration.showNotification(title, {
    body: typeof message.body === 'string' ? message.body : 'A day is waiting to be logged.',
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    // One reminder on screen at a time: a newer one replaces it.
    tag: 'gutskin-reminder',
    data: { url: pushTarget(message.url) },
  }));
});

self.addEventListener('notificationclick', event => {
  event.notification.close();
  const url = pushTarget(event.notification.data && event.notification.data.url);
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const open = windows.find(client => new URL(client.url).origin === self.location.origin && 'focus' in client);
    if (open) {
      await open.focus();
      return 'navigate' in open ? open.navigate(url) : undefined;
    }

    return self.clients.openWindow(url);
  })());
});
// ---- End of push reminders --------------------------------------------------------------------------------------
