// The session timeout warning (WCAG 2.2.1): before the session may end, a dialog says so and "Stay signed in"
// pushes it on; at the end the person is signed out. Typing on a page since its last request pushes the session
// on by itself when the warning would open, so nobody loses a form they are still writing. Tabs share the time of
// their last request through localStorage, so a newer page in another tab moves this one's count on too.
const ACTIVE_AT = 'rocu.session.activeAt';
const KEEP_ALIVE_TIMEOUT_MS = 10_000;
// The end comes this much before the earliest the session may end, for a late timer or a slow keep-alive.
const END_MARGIN_MS = 1_000;

function timeLeft(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60);
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

// What a screen reader is told as the count goes on: the time left at each minute, then every 15 seconds. The
// dialog's text is read when it opens; a live region changing every second would talk over everything else.
function spokenTimeLeft(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return timeLeft((seconds >= 60 ? seconds : Math.ceil(seconds / 15) * 15) * 1000);
}

function sharedActiveAt() {
  try {
    return Number(localStorage.getItem(ACTIVE_AT)) || 0;
  } catch {
    return 0; // storage refused: this tab counts alone
  }
}

function startTimeoutWarning(dialog) {
  const warnAfter = Number(dialog.dataset.warnAfterMs);
  const endsAfter = Number(dialog.dataset.endsAfterMs) - END_MARGIN_MS;
  const countdown = dialog.querySelector('[data-timeout-countdown]');
  const announcement = dialog.querySelector('[data-timeout-announcement]');
  const keepAliveForm = dialog.querySelector('form[data-timeout-keep-alive]');
  const signOutForm = dialog.querySelector('form[data-timeout-sign-out]');
  // This page's own request started at the page's time origin.
  let activeAt = Math.floor(performance.timeOrigin);
  let inputAt = 0;
  let keepingAlive = false;
  let ending = false;
  let warnTimer;
  let endTimer;
  let ticking;

  const stopTimers = () => {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    clearInterval(ticking);
  };

  function signOut(reason) {
    if (ending) return;
    ending = true;
    stopTimers();
    if (reason) signOutForm.elements.reason.value = reason;
    signOutForm.submit();
  }

  function active(at) {
    activeAt = Math.max(activeAt, at);
    try {
      localStorage.setItem(ACTIVE_AT, String(activeAt));
    } catch {
      // storage refused: this tab counts alone
    }
    schedule();
  }

  // Ended: the keep-alive is refused (no session, so no CSRF token) or sent to sign-in. Anything else (no network,
  // a deploy's 502) leaves the session as it was, and the warning stays to be tried again.
  async function keepAlive() {
    if (keepingAlive || ending) return;
    keepingAlive = true;
    clearTimeout(endTimer);
    const sentAt = Date.now();
    const response = await fetch(keepAliveForm.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(keepAliveForm)),
      redirect: 'manual',
      signal: AbortSignal.timeout(KEEP_ALIVE_TIMEOUT_MS),
    }).catch(() => undefined);
    keepingAlive = false;
    if (response?.status === 204) return active(sentAt);
    if (response?.status === 403 || response?.type === 'opaqueredirect') {
      return window.location.assign('/sign-in?reason=expired');
    }
    schedule(); // the count goes on from the last request that did arrive
    warn(false);
  }

  function warn(mayExtend = true) {
    if (ending) return;
    if (mayExtend && inputAt > activeAt) return void keepAlive();
    // As it opens, the dialog's own text says the time left: the live region speaks only as that passes a step.
    let spoken = spokenTimeLeft(activeAt + endsAfter - Date.now());
    const update = () => {
      const left = activeAt + endsAfter - Date.now();
      countdown.textContent = timeLeft(left);
      const step = spokenTimeLeft(left);
      if (step === spoken) return;
      spoken = step;
      announcement.textContent = `You will be signed out in ${step}.`;
    };
    update();
    clearInterval(ticking);
    ticking = setInterval(update, 1000);
    if (!dialog.open) dialog.showModal();
  }

  function schedule() {
    stopTimers();
    if (dialog.open) dialog.close();
    announcement.textContent = '';
    activeAt = Math.max(activeAt, sharedActiveAt());
    warnTimer = setTimeout(warn, Math.max(0, activeAt + warnAfter - Date.now()));
    endTimer = setTimeout(end, Math.max(0, activeAt + endsAfter - Date.now()));
  }

  // Another tab's newer request may not have reached this one (a frozen tab misses storage events).
  function end() {
    if (sharedActiveAt() > activeAt) return schedule();
    signOut('inactive');
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
  signOutForm.addEventListener('submit', () => {
    ending = true;
    stopTimers();
  });
  document.addEventListener('input', (event) => {
    if (!dialog.contains(event.target)) inputAt = Date.now();
  });
  window.addEventListener('storage', (event) => {
    if (event.key === ACTIVE_AT && Number(event.newValue) > activeAt) {
      activeAt = Number(event.newValue);
      schedule();
    }
  });
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) schedule();
  });
  active(activeAt);
}

const dialog = document.querySelector('dialog[data-module="app-session-timeout"]');
if (dialog && typeof dialog.showModal === 'function') {
  try {
    startTimeoutWarning(dialog);
  } catch {
    // The warning is an enhancement: GOV.UK and MoJ Frontend still start.
  }
}
