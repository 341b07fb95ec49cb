// A row of toggle buttons (an st.components.v2 component, registered in __init__.py).
// A press marks the button at once and reports its value; pressing the marked button
// again switches it off and reports '' (except in a data-required group, where it stays). Runs on every data change: replaces the buttons
// only when they differ and gives focus back to the one that had it, as map.js does.
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector('.bm-root');
  root.bm = { setTriggerValue };  // the listeners below always use the latest
  // A number is pixels; a string is a CSS length (a page may size the box per screen width).
  root.style.height = typeof data.height === 'number' ? `${data.height}px` : String(data.height);
  const focused = root.dataset.focus;
  const key = String(data.choices.length) + ':' + data.choicesKey;
  if (root.dataset.choicesKey !== key) {
    root.innerHTML = data.choices;
    root.dataset.choicesKey = key;
    const again = focused && root.querySelector(focused);
    if (again) again.focus({ preventScroll: true });
  }
  if (root.dataset.wired) return;
  root.dataset.wired = '1';
  // Buttons turn Enter and Space into clicks themselves.
  root.addEventListener('click', (event) => {
    const button = event.target.closest('[data-choice]');
    if (!button) return;
    const on = button.getAttribute('aria-pressed') !== 'true';
    if (!on && button.closest('[data-required]')) return;
    root.querySelectorAll('[data-choice]').forEach((b) => b.setAttribute('aria-pressed', 'false'));
    button.setAttribute('aria-pressed', String(on));
    // When it was made, as in map.js: of presses that reach Python together the newest wins.
    const at = performance.timeOrigin + performance.now();
    root.bm.setTriggerValue('choice', { value: on ? button.dataset.choice : '', at });
  });
  root.addEventListener('focusin', (event) => {
    const button = event.target.closest('[data-choice]');
    root.dataset.focus = button ? `[data-choice="${CSS.escape(button.dataset.choice)}"]` : '';
  });
}
