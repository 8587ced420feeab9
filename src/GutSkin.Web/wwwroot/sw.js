// GutSkin's service worker: the app's own file, served from /sw.js so its scope is the whole site.
// Static files (CSS, JS, icons) come from the cache first; pages always come from the network, and the offline
// page answers when there is none. Today, its last seven days and History are also kept (PAGES), so the journal opens
// without a connection; they belong to one member: another member's page arriving empties them, log-out deletes them.
'use strict';

// Bump the version whenever what is cached or how it is kept changes: activation deletes every older cache.
const VERSION = 'v2';
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

// Keeps a member's page, first emptying PAGES when they hold another member's (a different gutskin-member in the HTML).
async function keepPage(request, response) {
  if (!response.ok || response.type !== 'basic' || response.redirected) {
    return;
  }
  const member = /<meta name="gutskin-member" content="([^"]+)"/.exec(await response.clone().text())?.[1];
  if (!member) {
    return;
  }
  let pages = await caches.open(PAGES);
  const owner = await pages.match(OWNER);
  if (owner && await owner.text() !== member) {
    await caches.delete(PAGES);
    pages = await caches.open(PAGES);
  }
  await pages.put(OWNER, new Response(member));
  await pages.put(request, response);
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

// The Today page asks for its last seven days and History to be kept while the member is online.
self.addEventListener('message', event => {
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
  // Only this site's GETs; form posts, the API and everything else go to the network as if there were no worker.
  if (request.method !== 'GET' || url.origin !== self.location.origin) {
    return;
  }

  if (isStatic(url)) {
    event.respondWith(cacheFirst(event));
  } else if (request.mode === 'navigate') {
    event.respondWith(networkFirst(event, url));
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
