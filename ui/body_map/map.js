// The clickable body map (an st.components.v2 component, registered in __init__.py).
// Runs on every data change. Replaces the SVG only when it differs, and gives focus back
// to what had it, so keyboard users keep their place across reruns.
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector('.bm-root');
  const doc = root.ownerDocument, win = doc.defaultView;
  root.bm = { data, setTriggerValue };  // the listeners below always use the latest
  // Percent heights do not reach through Streamlit's wrapper, so size the box in pixels:
  // `height`; or, for a close-up (`aspect` given), as tall as the picture is at the width it
  // gets, but no taller than the screen below its top, so the picture and its key are seen
  // whole on a phone, a tablet or a laptop without scrolling.
  const fit = () => {
    const { data } = root.bm;
    if (!data.aspect) {
      // A number is pixels; a string is a CSS length (a page may size the box per screen width).
      root.style.height = typeof data.height === 'number' ? `${data.height}px` : String(data.height);
      return;
    }
    const main = doc.querySelector('[data-testid="stMain"]');
    const top = root.getBoundingClientRect().top + (main ? main.scrollTop : win.scrollY);
    const room = Math.max(320, win.innerHeight - top - 8);
    const tall = Math.round(Math.min(data.height, root.clientWidth * data.aspect, room));
    if (root.style.height !== `${tall}px`) root.style.height = `${tall}px`;
  };
  fit();
  if (!root.bmResize && typeof win.ResizeObserver !== 'undefined') {
    root.bmResize = new win.ResizeObserver(() => fit());
    root.bmResize.observe(root);
  }
  const focused = root.dataset.focus;
  const key = String(data.svg.length) + ':' + data.svgKey;
  if (root.dataset.svgKey !== key) {
    root.querySelector('.bm-svg-box').innerHTML = data.svg;
    root.dataset.svgKey = key;
    const again = focused && root.querySelector(focused);
    if (again) again.focus({ preventScroll: true });
    // When a press swapped this picture in for another (the whole body for a close-up and
    // its overview), focus went with the old one: give it to the same target here.
    const refocus = () => {
      const lost = doc.activeElement === doc.body && win.bmLastFocus;
      const same = lost && root.querySelector(win.bmLastFocus);
      if (same) same.focus({ preventScroll: true });
    };
    refocus();
    // The old picture goes when its run ends, and what is above this one may still change
    // size (fonts, late styles): look again a few times.
    clearInterval(root.bmSettle);
    let ticks = 0;
    root.bmSettle = setInterval(() => {
      refocus();
      fit();
      if (++ticks >= 6) clearInterval(root.bmSettle);
    }, 200);
  }
  if (root.dataset.wired) return;
  root.dataset.wired = '1';
  // Each press says when it was made (ms, a clock that only goes forward): presses on two
  // components can reach Python in one run, and there the newest one wins.
  const pressedAt = () => win.performance.timeOrigin + win.performance.now();
  const press = (el) => {
    const { data, setTriggerValue } = root.bm;
    if (data.multi) {
      const on = !el.classList.contains('bm-selected');
      el.classList.toggle('bm-selected', on);
      el.setAttribute('aria-pressed', String(on));
      const chosen = [...root.querySelectorAll('.bm-selected[data-target]')].map((e) => e.dataset.target);
      setTriggerValue('select', { value: chosen, at: pressedAt() });
    } else {
      root.querySelectorAll('.bm-selected').forEach((e) => {
        e.classList.remove('bm-selected');
        e.setAttribute('aria-pressed', 'false');
      });
      el.classList.add('bm-selected');
      el.setAttribute('aria-pressed', 'true');
      setTriggerValue('select', { value: el.dataset.target, at: pressedAt() });
    }
  };
  root.addEventListener('click', (event) => {
    const el = event.target.closest('[data-target]');
    if (el) press(el);
  });
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const el = event.target.closest('[data-target]');
    if (el) { event.preventDefault(); press(el); }
  });
  root.addEventListener('focusin', (event) => {
    const el = event.target.closest('[data-target]');
    root.dataset.focus = el ? `[data-target="${CSS.escape(el.dataset.target)}"]` : '';
    if (el) win.bmLastFocus = root.dataset.focus;
  });
}
