// The session timeout warning (WCAG 2.2.1): before the session may end, a dialog says so and "Stay signed in"
// pushes it on. Typing on a page pushes it on by itself, so nobody loses a form they are still writing. Tabs share
// the time of the last request through localStorage, so one in use keeps the others' warnings away.
const dialog = document.querySelector('dialog[data-module="app-session-timeout"]');
const ACTIVE_AT = 'rocu.session.activeAt';

function minutesAndSeconds(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60);
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

function startTimeoutWarning() {
  const warnAfter = Number(dialog.dataset.warnAfterMs);
  const endsAfter = Number(dialog.dataset.endsAfterMs);
  const countdown = dialog.querySelector('[data-timeout-countdown]');
  const keepAliveForm = dialog.querySelector('form[data-timeout-keep-alive]');
  let activeAt = Date.now();
  let typedSince = false;
  let timer;
  let ticking;

  const signOutForm = dialog.querySelector('form[data-timeout-sign-out]');
  // Signed out here, not left to expire: a later request (even the sign-in page's) would push the session on.
  const timedOut = () => signOutForm.requestSubmit();
  const signedOut = () => window.location.assign('/sign-in?reason=expired');

  function active(at) {
    activeAt = Math.max(activeAt, at);
    try {
      localStorage.setItem(ACTIVE_AT, String(activeAt));
    } catch {
      // storage refused: this tab counts alone
    }
    schedule();
  }

  async function keepAlive() {
    const response = await fetch(keepAliveForm.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(keepAliveForm)),
      redirect: 'manual',
    }).catch(() => undefined);
    if (response?.status !== 204) return signedOut();
    typedSince = false;
    active(Date.now());
  }

  function warn() {
    if (typedSince) return void keepAlive();
    const update = () => {
      const left = activeAt + endsAfter - Date.now();
      if (left <= 0) return timedOut();
      countdown.textContent = minutesAndSeconds(left);
    };
    update();
    if (!dialog.open) dialog.showModal();
    ticking = setInterval(update, 1000);
  }

  function schedule() {
    clearTimeout(timer);
    clearInterval(ticking);
    if (dialog.open) dialog.close();
    timer = setTimeout(warn, Math.max(0, activeAt + warnAfter - Date.now()));
  }

  keepAliveForm.addEventListener('submit', (event) => {
    event.preventDefault();
    keepAlive();
  });
  // Escape means "stay", not "sign me out".
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    keepAlive();
  });
  document.addEventListener('input', () => {
    typedSince = true;
  });
  window.addEventListener('storage', (event) => {
    if (event.key === ACTIVE_AT && Number(event.newValue) > activeAt) {
      activeAt = Number(event.newValue);
      schedule();
    }
  });
  active(Date.now()); // this page's own request
}

if (dialog && typeof dialog.showModal === 'function') startTimeoutWarning();
