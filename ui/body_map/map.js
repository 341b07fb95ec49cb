// The clickable body map (an st.components.v2 component, registered in __init__.py, which
// puts shared.js in front of this file). Runs on every data change. Replaces the SVG only
// when it differs, and gives focus back to what had it, so keyboard users keep their place.
//
// A live close-up (`data.live`) holds all of a region's pictures and, per muscle, what
// choosing it draws. A muscle chosen here or on the page's button row (the row whose group
// is `live.follow`, heard on the bus, see shared.js) is drawn at once, in the browser; the
// server only updates the text. Which muscle is chosen is not in `data`, so a muscle press
// leaves the data unchanged and Streamlit does not send the pictures again.

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector('.bm-root');
  const doc = root.ownerDocument, win = doc.defaultView;
  root.bm = { data, setTriggerValue };  // the listeners below always use the latest
  const box = root.querySelector('.bm-svg-box');
  // Percent heights do not reach through Streamlit's wrapper, so size the box in pixels:
  // `height`; or, with `fit`, as tall as the picture is at the width it gets, but no taller
  // than the screen below its top, so the picture and its key are seen whole on a phone, a
  // tablet or a laptop without scrolling.
  const fit = () => {
    const { data } = root.bm;
    const svg = box.querySelector('svg');
    const view = svg && svg.viewBox && svg.viewBox.baseVal;
    if (!data.fit || !view || !view.width) {
      root.style.height = cssHeight(data.height);
      return;
    }
    const main = doc.querySelector('[data-testid="stMain"]');
    const top = root.getBoundingClientRect().top + (main ? main.scrollTop : win.scrollY);
    // A tablet held upright stacks the muscle buttons (the row this picture follows) under
    // it: leave them room, so a press and the picture it draws share the screen.
    const row = data.live && data.live.follow && doc.querySelector(`.st-key-${data.live.follow}`);
    const rowBox = row && row.getBoundingClientRect(), ownBox = root.getBoundingClientRect();
    const under = rowBox && win.innerWidth >= 600 && rowBox.top >= ownBox.bottom - 1 ? rowBox.bottom - ownBox.bottom : 0;
    const room = Math.max(320, win.innerHeight - top - 8 - under);
    const tall = Math.round(Math.min(data.height, root.clientWidth * view.height / view.width, room));
    if (root.style.height !== `${tall}px`) {
      root.style.height = `${tall}px`;
      sizeHost(root, `${tall}px`);  // no empty room under the picture
    }
  };
  // When a press swapped this picture in for another (the whole body for a close-up and
  // its overview), focus went with the old one: give it to the same target here.
  const refocus = () => {
    const lost = doc.activeElement === doc.body && win.bmLastFocus;
    const same = lost && root.querySelector(win.bmLastFocus);
    if (same) same.focus({ preventScroll: true });
  };
  // Show `svg` (known by `key`) unless it is already shown. The old picture goes when its
  // run ends, and what is above this one may still change size (fonts, late styles): the
  // ResizeObserver below fits it again and gives focus back when they do.
  const put = (svg, key) => {
    if (!swapMarkup(root, box, svg, key)) return;
    root.bmSwapped = Date.now();
    delete box.dataset.chosen;
    refocus();
    fit();
  };
  // Live: draw `muscle` ('' for none) on the picture it opens on, and tell the page's rows.
  const choose = (muscle) => {
    const { live } = root.bm.data;
    const known = Object.prototype.hasOwnProperty.call(live.opensOn, muscle) ? muscle : '';
    const view = live.opensOn[known];
    put(live.pictures[view], live.keys[view]);
    if (box.dataset.chosen !== known) {
      box.dataset.chosen = known;
      const active = root.getRootNode().activeElement;
      box.querySelectorAll('[data-muscle]').forEach((g) => {
        const on = g.dataset.muscle === known;
        g.classList.toggle('bm-chosen', on);
        if (g.hasAttribute('aria-pressed')) g.setAttribute('aria-pressed', String(on));
        if (on) {
          g.parentNode.appendChild(g);  // on top of its neighbours
          if (active === g) g.focus({ preventScroll: true });
        }
      });
      const slot = box.querySelector('.bm-overlay-slot');
      if (slot) slot.innerHTML = live.overlays[known] || '';
    }
    announce(win, live.viewsRow, view, root);
  };
  // The frame that shows where the close-up is, moved to what the row `framesFollow` chose.
  const frame = (value) => {
    const at = root.bm.data.frames[value];
    let rect = box.querySelector('.bm-window');
    if (!rect && at) {
      const ns = 'http://www.w3.org/2000/svg';
      rect = doc.createElementNS(ns, 'rect');
      rect.setAttribute('class', 'bm-window');
      rect.setAttribute('rx', '4');
      rect.appendChild(doc.createElementNS(ns, 'title')).textContent = 'Shown in the close-up';
      box.querySelector('svg').appendChild(rect);
    }
    if (!rect) return;
    rect.style.display = at ? '' : 'none';
    if (at) ['x', 'y', 'width', 'height'].forEach((name, i) => rect.setAttribute(name, at[i]));
  };
  // `selected` (ids) marks targets and their name labels, so one picture serves every choice.
  const select = (ids) => box.querySelectorAll('[data-target], [data-label-for]').forEach((el) => {
    const on = ids.includes(el.dataset.target || el.dataset.labelFor);
    el.classList.toggle('bm-selected', on);
    if (el.dataset.target) el.setAttribute('aria-pressed', String(on));
  });
  // A map on a page with no button row says itself which press the server had applied.
  answered(win, data.answered);
  if (data.live) {
    choose((win.bmChoices || {})[data.live.follow] || '');
  } else {
    put(data.svg, String(data.svg.length) + ':' + data.svgKey);
    if (Array.isArray(data.selected)) select(data.selected);
    if (data.framesFollow) frame((win.bmChoices || {})[data.framesFollow]);
  }
  fit();
  // Fit again when this box or the page around it changes size (a picture swapped in above,
  // the old one leaving as its run ends, fonts, the screen turned).
  if (!root.bmResize && typeof win.ResizeObserver !== 'undefined') {
    root.bmResize = new win.ResizeObserver(() => {
      if (Date.now() - root.bmSwapped < 1500) refocus();  // only just after a swap: not later clicks
      fit();
    });
    root.bmResize.observe(root);
    const page = doc.querySelector('[data-testid="stMain"]');
    if (page && page.firstElementChild) root.bmResize.observe(page.firstElementChild);
  }
  if (root.dataset.wired) return;
  root.dataset.wired = '1';
  root.bmChoose = choose;
  root.bmFrame = frame;
  const press = (el) => {
    const { data } = root.bm;
    if (data.multi) {
      const on = !el.classList.contains('bm-selected');
      el.classList.toggle('bm-selected', on);
      el.setAttribute('aria-pressed', String(on));
      const chosen = [...root.querySelectorAll('.bm-selected[data-target]')].map((e) => e.dataset.target);
      send(win, root, 'select', chosen);
    } else if (data.live) {
      root.bmChoose(el.dataset.target);
      announce(win, data.live.follow, el.dataset.target, root);
      send(win, root, 'select', el.dataset.target);
    } else {
      root.querySelectorAll('.bm-selected').forEach((e) => {
        e.classList.remove('bm-selected');
        e.setAttribute('aria-pressed', 'false');
      });
      el.classList.add('bm-selected');
      el.setAttribute('aria-pressed', 'true');
      send(win, root, 'select', el.dataset.target);
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
  rememberFocus(root, 'data-target', (focus) => { if (focus) win.bmLastFocus = focus; });
  // A press on the button row this picture follows.
  hear(win, root, ({ group, value, source }) => {
    const { live, framesFollow } = root.bm.data;
    if (live && source !== root && group === live.follow) root.bmChoose(value);
    if (framesFollow && group === framesFollow) root.bmFrame(value);
  });
}
