// A row of toggle buttons (an st.components.v2 component, registered in __init__.py, which
// puts shared.js in front of this file). A press marks the button at once and reports its
// value; pressing the marked button again switches it off and reports '' (except in a
// data-required group, where it stays). Runs on every data change: replaces the buttons only
// when they differ and gives focus back to the one that had it, as map.js does.
//
// A row with a `group` tells the page what is chosen on it (on the bus, see shared.js), so a
// live picture can draw the choice at once; and it follows a picture that tells a choice for
// its group. What the server marks is shown only if the server had the page's newest press
// when it drew the row: an answer to an older press leaves the newer choice as it is.
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector('.bm-root');
  const win = root.ownerDocument.defaultView;
  root.bm = { data, setTriggerValue };  // the listeners below always use the latest
  root.style.height = cssHeight(data.height);
  swapMarkup(root, root, data.choices, String(data.choices.length) + ':' + data.choicesKey);
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
  answered(win, data.answered);
  if (answeredEarlier(win, data)) {
    // A newer press is on its way: keep showing what this page chose last.
    const mine = data.group ? (win.bmChoices || {})[data.group] : root.bmPressed;
    if (mine !== undefined) mark(mine);
  } else if (data.group) {
    mark(data.selected || '');
    announce(win, data.group, data.selected || '', root);
  }
  if (root.dataset.wired) return;
  root.dataset.wired = '1';
  // Buttons turn Enter and Space into clicks themselves.
  root.addEventListener('click', (event) => {
    const button = event.target.closest('[data-choice]');
    if (!button) return;
    const on = button.getAttribute('aria-pressed') !== 'true';
    if (!on && button.closest('[data-required]')) return;
    const value = on ? button.dataset.choice : '';
    mark(value);
    root.bmPressed = value;
    announce(win, root.bm.data.group, value, root);
    send(win, root, 'choice', value);
  });
  rememberFocus(root, 'data-choice');
  hear(win, root, ({ group, value, source }) => {
    if (source !== root && group && group === root.bm.data.group) mark(value);
  });
}
