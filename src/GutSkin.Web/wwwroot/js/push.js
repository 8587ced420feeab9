// Plan page, "Reminders on this device": asks the browser for permission, subscribes to push through the site's
// service worker with the site's VAPID key, and hands the subscription to /api/push/subscriptions; or turns it off.
// Plain script, no inline code (the CSP allows none); without it the section stays hidden and e-mail still works.
(() => {
  const section = document.querySelector('[data-push-device]');
  if (!section) {
    return;
  }

  const status = section.querySelector('[data-push-status]');
  const on = section.querySelector('[data-push-on]');
  const off = section.querySelector('[data-push-off]');
  section.hidden = false;

  const show = (text, subscribed) => {
    status.textContent = text;
    on.hidden = subscribed === true;
    off.hidden = subscribed !== true;
  };

  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
    show('This browser cannot show notifications from a web site; your reminders come by e-mail.', null);
    on.hidden = true;
    return;
  }

  const api = (method, url, body) => fetch(url, {
    method,
    credentials: 'same-origin',
    headers: body ? { 'Content-Type': 'application/json', Accept: 'application/json' } : { Accept: 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });

  // The VAPID public key arrives base64url; subscribe() takes its bytes.
  const bytes = text => {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    return Uint8Array.from(binary, c => c.charCodeAt(0));
  };

  const current = async () => {
    const registration = await navigator.serviceWorker.getRegistration('/');
    return registration ? registration.pushManager.getSubscription() : null;
  };

  const forget = async subscription => {
    const response = await api('DELETE', '/api/push/subscriptions', { endpoint: subscription.endpoint });
    // 404: the server had already dropped it (another account's, or gone at the push service).
    if (!response.ok && response.status !== 404) {
      throw new Error(`DELETE answered ${response.status}`);
    }

    await subscription.unsubscribe();
  };

  const blocked = 'Notifications are blocked for this site in this browser. Allow them in the browser\'s site settings, then try again.';

  on.addEventListener('click', async () => {
    on.disabled = true;
    try {
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') {
        show(blocked, false);
        return;
      }

      await navigator.serviceWorker.register('/sw.js', { scope: '/' });
      const registration = await navigator.serviceWorker.ready;
      const key = await api('GET', '/api/push/key');
      if (!key.ok) {
        throw new Error(`GET /api/push/key answered ${key.status}`);
      }

      // A fresh subscription each time: a new endpoint, this account's alone (another account may have used this browser).
      const existing = await registration.pushManager.getSubscription();
      if (existing) {
        await forget(existing);
      }

      const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: bytes((await key.json()).publicKey) });
      const saved = await api('POST', '/api/push/subscriptions', subscription.toJSON());
      if (!saved.ok) {
        await subscription.unsubscribe();
        throw new Error(`POST answered ${saved.status}`);
      }

      show('Reminders are on for this device.', true);
    } catch {
      show('Notifications could not be turned on for this device. Try again later; your reminders come by e-mail meanwhile.', false);
    } finally {
      on.disabled = false;
    }
  });

  off.addEventListener('click', async () => {
    off.disabled = true;
    try {
      const subscription = await current();
      if (subscription) {
        await forget(subscription);
      }

      show('Reminders are off for this device.', false);
    } catch {
      show('Notifications could not be turned off. Try again later.', true);
    } finally {
      off.disabled = false;
    }
  });

  // What this device is now: on only when the browser has a subscription the server has too.
  (async () => {
    try {
      const subscription = Notification.permission === 'granted' ? await current() : null;
      if (subscription) {
        const response = await api('GET', '/api/push/subscriptions');
        const devices = response.ok ? await response.json() : [];
        if (devices.some(device => device.endpoint === subscription.endpoint)) {
          show('Reminders are on for this device.', true);
          return;
        }
      }

      show(Notification.permission === 'denied' ? blocked : 'Reminders are off for this device.', false);
    } catch {
      show('Reminders are off for this device.', false);
    }
  })();
})();
