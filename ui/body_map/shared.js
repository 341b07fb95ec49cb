// What both components (map.js and choice_row.js) do. Streamlit's inline components take one
// script each, so __init__.py puts this file in front of each one (the node test does too).
//
// How the components of one page work together, all through the page's window:
// - BUS, a window event: {group, value, source} says that `value` is now chosen in `group`
//   (a row of buttons made with `group`, e.g. the muscles). Told by the row on a press or when
//   the server draws it, and by a live picture on a press on a shape (the muscles) or when it
//   shows another picture (its views row). Heard by the rows of that group (they mark the
//   button), the live picture following it (it draws the muscle) and a map whose frame follows it.
// - window.bmChoices[group]: the last value told for each group, for a component drawn later.
// - window.bmNewestPress: when the newest press this page sent to the server was made. A row's
//   data says which press the server had applied when it drew the row (`answered`, the same
//   clock), so an answer to an older press never undoes a newer one that is still on its way.
// - window.bmPending: the newest press not answered yet (see `send`), and window.bmWatch, the
//   timer that watches it.
// - window.bmLastFocus: the map target that had focus last, for a picture that replaced another.
// - On each component's root element: `bm` ({data, setTriggerValue}, the latest, read by
//   listeners wired once), `dataset.wired`, `dataset.focus` (what had focus), `bmResize`;
//   on a map's, `bmChoose`, `bmFrame` and `bmSwapped` (when its picture was last replaced).
const BUS = 'bm-choice';

// Streamlit's boxes around the component keep the height the page asked for: give them `tall`.
const sizeHost = (root, tall) => {
  const host = root.getRootNode().host;
  if (!host) return;
  for (const el of [host, host.closest('.stBidiComponent'), host.closest('.stElementContainer')]) {
    if (el) { el.style.height = tall; el.style.flexBasis = tall; }
  }
};

// A height from the page's data: a number is pixels, a string a CSS length (see height_css).
const cssHeight = (height) => (typeof height === 'number' ? `${height}px` : String(height));

// Tell the page that `value` is chosen in `group`.
const announce = (win, group, value, source) => {
  if (!group) return;
  win.bmChoices = win.bmChoices || {};
  win.bmChoices[group] = value;
  win.dispatchEvent(new win.CustomEvent(BUS, { detail: { group, value, source } }));
};

// Hear the bus while `root` is on the page (a component the page no longer shows stops).
const hear = (win, root, heard) => {
  const listener = (event) => {
    if (!root.isConnected) { win.removeEventListener(BUS, listener); return; }
    heard(event.detail);
  };
  win.addEventListener(BUS, listener);
};

// When a press is made (ms, a clock that only goes forward), remembered as the page's newest:
// presses on two components can reach Python in one run, and there the newest one wins.
const pressedAt = (win) => {
  const at = win.performance.timeOrigin + win.performance.now();
  win.bmNewestPress = Math.max(win.bmNewestPress || 0, at);
  return at;
};

// No silent loss. After WAIT_MS with no answer to the newest press the page says it is waiting
// (a stalled connection or a busy server). While no run is under way (the press never reached
// the server: sent while the connection was down, or to a server that died and came back) it
// is sent again every RESEND_MS, so it is applied once the page is connected again. After
// GIVE_UP_MS the page says that it has not arrived and offers to reload (and still sends it
// again, so a server that comes back later still gets it).
const WAIT_MS = 1500;
const RESEND_MS = 3000;
const GIVE_UP_MS = 30000;

// Send a press of `value` as the component's `trigger` ({value, at}), and watch for its answer.
const send = (win, root, trigger, value) => {
  const press = { value, at: pressedAt(win) };
  const again = () => root.bm.setTriggerValue(trigger, press);
  win.bmPending = { at: press.at, again, since: Date.now(), sent: Date.now() };
  again();
  watch(win);
};

// A row drawn by the server after it applied the press made at `at`: presses up to it are answered.
const answered = (win, at) => {
  if (typeof at !== 'number' || !win.bmPending || win.bmPending.at > at) return;
  win.bmPending = null;
  say(win, '');
};

const watch = (win) => {
  if (win.bmWatch) return;
  const doc = win.document;
  win.bmWatch = win.setInterval(() => {
    const pending = win.bmPending, now = Date.now();
    if (!pending) { win.clearInterval(win.bmWatch); win.bmWatch = null; say(win, ''); return; }
    if (now - pending.since > GIVE_UP_MS) {
      say(win, 'Your last tap has not reached the app. Tap it again, or reload the page.', true);
    } else if (now - pending.since > WAIT_MS) {
      say(win, 'Waiting for the app to answer your last tap…');
    }
    const running = doc.querySelector('[data-testid="stApp"][data-test-script-state="running"]');
    if (!running && now - pending.sent > RESEND_MS) {
      pending.sent = now;
      pending.again();
    }
  }, 250);
};

// A line at the foot of the screen that says what happened to a press ('' takes it away);
// with `reload`, a button that reloads the page.
const say = (win, text, reload = false) => {
  const doc = win.document;
  let note = doc.getElementById('bm-press-note');
  if (!text) { if (note) note.remove(); return; }
  if (!note) {
    note = doc.createElement('div');
    note.id = 'bm-press-note';
    note.setAttribute('role', 'status');
    Object.assign(note.style, {
      position: 'fixed', left: '50%', bottom: '16px', transform: 'translateX(-50%)', zIndex: '1000000',
      maxWidth: 'calc(100vw - 32px)', padding: '10px 16px', borderRadius: '8px', font: '16px/1.4 sans-serif',
      background: '#262730', color: '#fff', boxShadow: '0 2px 10px rgba(0,0,0,.3)',
      display: 'flex', gap: '12px', alignItems: 'center' });
    doc.body.appendChild(note);
  }
  if (note.dataset.text === text) return;
  note.dataset.text = text;
  note.dataset.lost = String(reload);
  note.textContent = text;
  if (reload) {
    const button = note.appendChild(doc.createElement('button'));
    button.type = 'button';
    button.textContent = 'Reload page';
    Object.assign(button.style, { minHeight: '44px', padding: '0 14px', borderRadius: '22px', font: 'inherit',
      border: '1px solid #fff', background: 'transparent', color: '#fff', cursor: 'pointer' });
    button.addEventListener('click', () => win.location.reload());
  }
};

// The server drew `data` before it had the page's newest press: what it marks is older than
// what the page shows.
const answeredEarlier = (win, data) => typeof data.answered === 'number' && (win.bmNewestPress || 0) > data.answered;

// Put `markup` in `box` unless the markup known by `key` is there already, and give focus
// back to what had it (`root.dataset.focus`), so keyboard users keep their place. True if swapped.
const swapMarkup = (root, box, markup, key) => {
  if (box.dataset.markupKey === key) return false;
  const focused = root.dataset.focus;
  box.innerHTML = markup;
  box.dataset.markupKey = key;
  const again = focused && root.querySelector(focused);
  if (again) again.focus({ preventScroll: true });
  return true;
};

// Remember which element (found by `attribute`) has focus, as a selector in root.dataset.focus.
const rememberFocus = (root, attribute, also = () => {}) => root.addEventListener('focusin', (event) => {
  const el = event.target.closest(`[${attribute}]`);
  root.dataset.focus = el ? `[${attribute}="${CSS.escape(el.getAttribute(attribute))}"]` : '';
  also(root.dataset.focus);
});
