// The idle warning: the session cookie ends after the configured idle time; two minutes before, the page says so and
// offers to stay signed in (one request renews the sliding session). At the end, the page goes to the sign-in.
(function () {
  const body = document.body;
  const idle = Number(body.dataset.idleSeconds || 0) * 1000;
  const warnBefore = Number(body.dataset.warningSeconds || 0) * 1000;
  const warning = document.getElementById('idle-warning');
  const stay = document.getElementById('stay-signed-in');
  if (!idle || !warning || !stay) return;
  let warnTimer, endTimer;
  function arm() {
    clearTimeout(warnTimer); clearTimeout(endTimer);
    warning.hidden = true;
    warnTimer = setTimeout(function () { warning.hidden = false; stay.focus(); }, Math.max(0, idle - warnBefore));
    endTimer = setTimeout(function () { window.location.assign('/signin?ended=1'); }, idle);
  }
  stay.addEventListener('click', function () {
    // 204 renews the session; anything else (a redirect to the sign-in) means it already ended.
    fetch('/session/keepalive', { credentials: 'same-origin', redirect: 'manual' }).then(function (r) {
      if (r.status === 204) arm(); else window.location.assign('/signin?ended=1');
    }, function () { window.location.assign('/signin?ended=1'); });
  });
  arm();
})();
