// A row of toggle buttons (an st.components.v2 component, registered in __init__.py).
// A press marks the button at once and reports its value; pressing the marked button
// again switches it off and reports '' (except in a data-required group, where it stays).
// Runs on every data change: replaces the buttons only when they differ and gives focus
// back to the one that had it, as map.js does.
//
// A row with a `group` tells the page what is chosen on it (the window's `bm-choice` event
// and `window.bmChoices[group]`), so a live picture can draw the choice at once; and it
// follows a picture that announces a choice for its group.
// Streamlit's boxes around the component keep the height the page asked for: give them `tall`.
const sizeHost = (root, tall) => {
  const host = root.getRootNode().host;
  if (!host) return;
  for (const el of [host, host.closest('.stBidiComponent'), host.closest('.stElementContainer')]) {
    if (el) { el.style.height = tall; el.style.flexBasis = tall; }
  }
};

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector('.bm-root');
  const win = root.ownerDocument.defaultView;
  root.bm = { data, setTriggerValue };  // the listeners below always use the latest
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
  // With `grow`, the box (and Streamlit's boxes around it) takes the buttons' height, so no
  // button is hidden in a scrolled box (a region with many muscles, a narrow screen).
  const grow = () => {
    const buttons = root.firstElementChild;
    if (!root.bm.data.grow || !buttons) return;
    const tall = `${Math.ceil(buttons.getBoundingClientRect().height) + 2}px`;
    if (root.style.height === tall) return;
    root.style.height = tall;
    sizeHost(root, tall);
  };
  grow();
  if (data.grow && !root.bmResize && typeof win.ResizeObserver !== 'undefined') {
    root.bmResize = new win.ResizeObserver(() => grow());
    root.bmResize.observe(root);
  }
  const mark = (value) => root.querySelectorAll('[data-choice]').forEach(
    (b) => b.setAttribute('aria-pressed', String(b.dataset.choice === value)));
  const announce = (value) => {
    const { group } = root.bm.data;
    if (!group) return;
    win.bmChoices = win.bmChoices || {};
    win.bmChoices[group] = value;
    win.dispatchEvent(new win.CustomEvent('bm-choice', { detail: { group, value, source: root } }));
  };
  if (data.group) {
    mark(data.selected || '');
    announce(data.selected || '');
  }
  if (root.dataset.wired) return;
  root.dataset.wired = '1';
  // Buttons turn Enter and Space into clicks themselves.
  root.addEventListener('click', (event) => {
    const button = event.target.closest('[data-choice]');
    if (!button) return;
    const on = button.getAttribute('aria-pressed') !== 'true';
    if (!on && button.closest('[data-required]')) return;
    mark(on ? button.dataset.choice : '');
    announce(on ? button.dataset.choice : '');
    // When it was made, as in map.js: of presses that reach Python together the newest wins.
    const at = performance.timeOrigin + performance.now();
    root.bm.setTriggerValue('choice', { value: on ? button.dataset.choice : '', at });
  });
  root.addEventListener('focusin', (event) => {
    const button = event.target.closest('[data-choice]');
    root.dataset.focus = button ? `[data-choice="${CSS.escape(button.dataset.choice)}"]` : '';
  });
  const heard = (event) => {
    if (!root.isConnected) { win.removeEventListener('bm-choice', heard); return; }
    const { group, value, source } = event.detail;
    if (source !== root && group && group === root.bm.data.group) mark(value);
  };
  win.addEventListener('bm-choice', heard);
}
