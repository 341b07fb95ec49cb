// The clickable body map (an st.components.v2 component, registered in __init__.py).
// Runs on every data change. Replaces the SVG only when it differs, and gives focus back
// to what had it, so keyboard users keep their place across reruns.
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector('.bm-root');
  root.bm = { data, setTriggerValue };  // the listeners below always use the latest
  // Percent heights do not reach through Streamlit's wrapper, so size the box in pixels:
  // `height`, or less when the picture is narrower than that (a close-up on a phone), so no
  // empty band is left under it.
  const fit = () => {
    const { data } = root.bm;
    let tall = data.aspect ? Math.min(data.height, Math.ceil(root.clientWidth * data.aspect)) : data.height;
    // On a phone held upright, the picture and its key share the first screen with the
    // controls above it.
    if (data.aspect && window.innerWidth <= 640) tall = Math.min(tall, Math.round(window.innerHeight * 0.6));
    if (root.style.height !== `${tall}px`) root.style.height = `${tall}px`;
  };
  fit();
  if (!root.bmResize && typeof ResizeObserver !== 'undefined') {
    root.bmResize = new ResizeObserver(() => fit());
    root.bmResize.observe(root);
  }
  const focused = root.dataset.focus;
  const key = String(data.svg.length) + ':' + data.svgKey;
  if (root.dataset.svgKey !== key) {
    root.querySelector('.bm-svg-box').innerHTML = data.svg;
    root.dataset.svgKey = key;
    const again = focused && root.querySelector(focused);
    if (again) again.focus({ preventScroll: true });
  }
  if (root.dataset.wired) return;
  root.dataset.wired = '1';
  const press = (el) => {
    const { data, setTriggerValue } = root.bm;
    if (data.multi) {
      const on = !el.classList.contains('bm-selected');
      el.classList.toggle('bm-selected', on);
      el.setAttribute('aria-pressed', String(on));
      const chosen = [...root.querySelectorAll('.bm-selected[data-target]')].map((e) => e.dataset.target);
      setTriggerValue('select', chosen);
    } else {
      root.querySelectorAll('.bm-selected').forEach((e) => {
        e.classList.remove('bm-selected');
        e.setAttribute('aria-pressed', 'false');
      });
      el.classList.add('bm-selected');
      el.setAttribute('aria-pressed', 'true');
      setTriggerValue('select', el.dataset.target);
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
  });
}
