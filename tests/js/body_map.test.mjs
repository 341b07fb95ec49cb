// The map and choice-row components (ui/body_map/*.js) in a small DOM (jsdom), driven the
// way Streamlit drives them: the default export is called with {data, parentElement,
// setTriggerValue} on every data change. Run by tests/test_body_map_js.py, which writes the
// real markup (an SVG from bodymap.render.body_svg, buttons from bodymap.choices) to BODYMAP_JS_FIXTURES.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';

const require = createRequire(new URL('../package.json', import.meta.url));
const { JSDOM } = require('jsdom');

const UI = new URL('../../ui/body_map/', import.meta.url);
const FIXTURES = process.env.BODYMAP_JS_FIXTURES;
const fixture = (name) => readFileSync(join(FIXTURES, name), 'utf8');
const source = (name) => readFileSync(new URL(name, UI), 'utf8');

// The component files are ES modules; import them from their text so node needs no package.json,
// with shared.js in front, as ui/body_map/__init__.py sends them.
const load = async (name) => {
  const text = `${source('shared.js')}\n${source(name)}`;
  return (await import(`data:text/javascript;base64,${Buffer.from(text).toString('base64')}`)).default;
};
const mapComponent = await load('map.js');
const choiceComponent = await load('choice_row.js');

let window;
let shadow;
let sent;
// A press not answered is watched (and sent again) by a timer of the window: stop it.
afterEach(() => window.close());

// A component mounted as Streamlit mounts it: its HTML inside an open shadow root.
function mount(htmlFile) {
  window = new JSDOM('<!doctype html><body><div id="host"></div></body>').window;
  // jsdom has no CSS.escape; this one covers the ids the markup uses (letters, digits, dashes, quotes).
  globalThis.CSS = { escape: (s) => String(s).replace(/["\\]/g, '\\$&') };
  shadow = window.document.getElementById('host').attachShadow({ mode: 'open' });
  shadow.innerHTML = source(htmlFile);
  sent = [];
  stamps = [];
}

let stamps;
// Each press is sent as {value, at}: what was pressed, and when (see _mount in __init__.py).
const setTriggerValue = (name, press) => {
  sent.push([name, press.value]);
  stamps.push(press.at);
};
const showMap = (data) => mapComponent({ data: { multi: false, height: 580, ...data }, parentElement: shadow, setTriggerValue });
const showChoices = (data) => choiceComponent({ data: { height: 182, ...data }, parentElement: shadow, setTriggerValue });
const region = (id) => shadow.querySelector(`[data-target="${id}"]`);
const choice = (id) => shadow.querySelector(`[data-choice="${id}"]`);
const click = (el) => el.dispatchEvent(new window.MouseEvent('click', { bubbles: true }));
const key = (el, k) => {
  const event = new window.KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true });
  el.dispatchEvent(event);
  return event;
};

describe('body map', () => {
  const svg = () => fixture('map.svg');
  beforeEach(() => {
    mount('map.html');
    showMap({ svg: svg(), svgKey: 'a' });
  });

  test('each press says when it was made, a later press later', () => {
    click(region('neck').querySelector('path'));
    click(region('calf').querySelector('path'));
    assert.ok(stamps.every((at) => typeof at === 'number' && at > 0));
    assert.ok(stamps[1] >= stamps[0]);
  });

  test('a press marks the region at once and sends its id', () => {
    click(region('neck').querySelector('path'));
    assert.equal(region('neck').getAttribute('aria-pressed'), 'true');
    assert.ok(region('neck').classList.contains('bm-selected'));
    assert.deepEqual(sent, [['select', 'neck']]);
  });

  test('a press on another region unmarks the first', () => {
    click(region('neck'));
    click(region('calf'));
    assert.equal(region('neck').getAttribute('aria-pressed'), 'false');
    assert.equal(region('calf').getAttribute('aria-pressed'), 'true');
    assert.deepEqual(sent.at(-1), ['select', 'calf']);
  });

  test('a press outside every region sends nothing', () => {
    click(shadow.querySelector('svg'));
    assert.deepEqual(sent, []);
  });

  for (const k of ['Enter', ' ']) {
    test(`the ${k === ' ' ? 'Space' : k} key presses the focused region`, () => {
      const event = key(region('elbow'), k);
      assert.equal(region('elbow').getAttribute('aria-pressed'), 'true');
      assert.deepEqual(sent, [['select', 'elbow']]);
      assert.ok(event.defaultPrevented, 'Space must not scroll the page');
    });
  }

  test('other keys do nothing', () => {
    key(region('elbow'), 'Tab');
    assert.deepEqual(sent, []);
  });

  test('in a multi-choice map a second press switches a region off', () => {
    showMap({ svg: svg(), svgKey: 'a', multi: true });
    click(region('neck'));
    click(region('calf'));
    click(region('neck'));
    assert.equal(region('neck').getAttribute('aria-pressed'), 'false');
    assert.deepEqual(sent, [['select', ['neck']], ['select', ['neck', 'calf']], ['select', ['calf']]]);
  });

  test('focus comes back to the same region when the SVG is replaced', () => {
    region('shoulder').focus();
    showMap({ svg: svg().replace('aria-pressed="false"', 'aria-pressed="false" '), svgKey: 'b' });
    assert.equal(shadow.activeElement, region('shoulder'));
  });

  test('the regions named in `selected` are marked, with their names, on the same SVG', () => {
    const before = shadow.querySelector('svg');
    showMap({ svg: svg(), svgKey: 'a', selected: ['calf'] });
    assert.equal(shadow.querySelector('svg'), before);
    assert.equal(region('calf').getAttribute('aria-pressed'), 'true');
    assert.ok(shadow.querySelector('[data-label-for="calf"]').classList.contains('bm-selected'));
    showMap({ svg: svg(), svgKey: 'a', selected: ['neck'] });
    assert.equal(region('calf').getAttribute('aria-pressed'), 'false');
    assert.equal(region('neck').getAttribute('aria-pressed'), 'true');
  });

  test("a frame follows the row it is told to, and is hidden for a choice it has no place for", () => {
    showMap({ svg: svg(), svgKey: 'a', frames: { back: [10, 20, 30, 40], side: null }, framesFollow: 'views' });
    const tell = (value) => window.dispatchEvent(new window.CustomEvent('bm-choice', { detail: { group: 'views', value } }));
    tell('back');
    const frame = shadow.querySelector('.bm-window');
    assert.deepEqual(['x', 'y', 'width', 'height'].map((a) => frame.getAttribute(a)), ['10', '20', '30', '40']);
    tell('side');
    assert.equal(frame.style.display, 'none');
  });

  test('a map that says which press was applied ends the wait for it (a page with no button row)', () => {
    click(region('neck').querySelector('path'));
    const at = stamps[0];
    assert.equal(window.bmPending.at, at);
    showMap({ svg: svg(), svgKey: 'a', selected: ['neck'], answered: at - 1 });
    assert.ok(window.bmPending, 'an answer to an older press leaves the newest waiting');
    showMap({ svg: svg(), svgKey: 'a', selected: ['neck'], answered: at });
    assert.equal(window.bmPending, null);
  });

  test('an unchanged SVG is not replaced, so a mark made in the browser stays', () => {
    const before = region('neck');
    click(before);
    showMap({ svg: svg(), svgKey: 'a' });
    assert.equal(region('neck'), before);
    assert.equal(before.getAttribute('aria-pressed'), 'true');
  });
});

describe('choice row', () => {
  const html = () => fixture('choices.html');
  beforeEach(() => {
    mount('choice_row.html');
    showChoices({ choices: html(), choicesKey: 'a' });
  });

  test('a press marks the button and sends its value', () => {
    click(choice('soleus'));
    assert.equal(choice('soleus').getAttribute('aria-pressed'), 'true');
    assert.deepEqual(sent, [['choice', 'soleus']]);
  });

  test('each press says when it was made, a later press later', () => {
    click(choice('soleus'));
    click(choice('gastrocnemius'));
    assert.ok(stamps.every((at) => typeof at === 'number' && at > 0));
    assert.ok(stamps[1] >= stamps[0]);
  });

  test('a press on another button unmarks the first', () => {
    click(choice('soleus'));
    click(choice('gastrocnemius'));
    assert.equal(choice('soleus').getAttribute('aria-pressed'), 'false');
    assert.deepEqual(sent.at(-1), ['choice', 'gastrocnemius']);
  });

  test('a second press on the marked button switches it off', () => {
    click(choice('soleus'));
    click(choice('soleus'));
    assert.equal(choice('soleus').getAttribute('aria-pressed'), 'false');
    assert.deepEqual(sent, [['choice', 'soleus'], ['choice', '']]);
  });

  test('in a required row a press on the chosen button keeps it chosen', () => {
    showChoices({ choices: fixture('choices-required.html'), choicesKey: 'r' });
    click(choice('soleus'));
    click(choice('soleus'));
    assert.equal(choice('soleus').getAttribute('aria-pressed'), 'true');
    assert.deepEqual(sent, [['choice', 'soleus']]);
  });

  test('focus comes back to the same button when the buttons are replaced', () => {
    choice('soleus').focus();
    showChoices({ choices: html().replace('aria-pressed="false"', 'aria-pressed="true"'), choicesKey: 'b' });
    assert.equal(shadow.activeElement, choice('soleus'));
  });
});

describe('live close-up and its muscle buttons', () => {
  // Two components on one page, as views/explorer.py shows them: the close-up follows the
  // row of muscle buttons (group "muscles"), and the row follows presses on the picture.
  const live = () => JSON.parse(fixture('live.json'));
  const marks = () => JSON.parse(fixture('calf-trp.json'));
  let picture;
  let row;
  const showPicture = (data = {}) => mapComponent({
    data: { height: 900, fit: true, live: { ...live(), follow: 'muscles', viewsRow: 'views' }, ...data },
    parentElement: picture, setTriggerValue });
  // `answered`: the newest press the server had applied when it drew the row (none: 0).
  const showRow = (selected = '', answered = 0) => choiceComponent({
    data: { height: 182, choices: fixture('choices.html'), choicesKey: 'a', group: 'muscles', selected, answered },
    parentElement: row, setTriggerValue });
  const muscle = (id) => picture.querySelector(`svg [data-muscle="${id}"]`);
  beforeEach(() => {
    window = new JSDOM('<!doctype html><body><div id="p"></div><div id="r"></div></body>').window;
    globalThis.CSS = { escape: (s) => String(s).replace(/["\\]/g, '\\$&') };
    picture = window.document.getElementById('p').attachShadow({ mode: 'open' });
    picture.innerHTML = source('map.html');
    row = window.document.getElementById('r').attachShadow({ mode: 'open' });
    row.innerHTML = source('choice_row.html');
    sent = [];
    stamps = [];
    showPicture();
    showRow();
  });

  test('with no muscle chosen, the first picture shows and nothing is drawn on it', () => {
    assert.equal(picture.querySelector('svg').dataset.view, live().opensOn['']);
    assert.equal(picture.querySelectorAll('.bm-overlay-slot [data-zone], .bm-overlay-slot [data-trp]').length, 0);
    assert.equal(picture.querySelectorAll('[data-muscle][aria-pressed="true"]').length, 0);
  });

  test('a muscle button draws the muscle at once, on the picture it opens on', () => {
    for (const id of ['peroneus-longus', 'soleus', 'tibialis-anterior']) {
      click(row.querySelector(`[data-choice="${id}"]`));
      assert.equal(picture.querySelector('svg').dataset.view, live().opensOn[id]);
      assert.equal(muscle(id).getAttribute('aria-pressed'), 'true');
      assert.ok(muscle(id).classList.contains('bm-chosen'));
      assert.equal(picture.querySelectorAll('[data-muscle][aria-pressed="true"]').length, 1);
      assert.ok(picture.querySelectorAll('.bm-overlay-slot [data-zone]').length > 0, `${id}: no zone drawn`);
      assert.equal(picture.querySelectorAll('.bm-overlay-slot [data-trp]').length, marks()[id]);
    }
    // Only the row reports the press: the picture does not send it a second time.
    assert.deepEqual(sent, [['choice', 'peroneus-longus'], ['choice', 'soleus'], ['choice', 'tibialis-anterior']]);
  });

  test('a tap on a muscle shape chooses it: the picture reports it and the row marks its button', () => {
    click(muscle('gastrocnemius').querySelector('path'));
    assert.equal(muscle('gastrocnemius').getAttribute('aria-pressed'), 'true');
    assert.equal(row.querySelector('[data-choice="gastrocnemius"]').getAttribute('aria-pressed'), 'true');
    assert.deepEqual(sent, [['select', 'gastrocnemius']]);
  });

  test('switching the button off takes the pattern away', () => {
    click(row.querySelector('[data-choice="soleus"]'));
    click(row.querySelector('[data-choice="soleus"]'));
    assert.equal(picture.querySelectorAll('.bm-overlay-slot [data-zone], .bm-overlay-slot [data-trp]').length, 0);
    assert.equal(picture.querySelectorAll('[data-muscle][aria-pressed="true"]').length, 0);
  });

  test("the server's answer leaves the picture drawn in the browser as it is", () => {
    click(row.querySelector('[data-choice="soleus"]'));
    const svg = picture.querySelector('svg');
    const zones = picture.querySelectorAll('.bm-overlay-slot [data-zone]').length;
    showPicture();
    showRow('soleus');
    assert.equal(picture.querySelector('svg'), svg);
    assert.equal(picture.querySelectorAll('.bm-overlay-slot [data-zone]').length, zones);
  });

  test('a muscle chosen by a link (the row drawn with it chosen) is drawn', () => {
    showRow('peroneus-brevis');
    assert.equal(muscle('peroneus-brevis').getAttribute('aria-pressed'), 'true');
    assert.equal(picture.querySelector('svg').dataset.view, live().opensOn['peroneus-brevis']);
  });

  test('the keyboard chooses a shape and keeps its focus', () => {
    const shape = muscle('soleus');
    shape.focus();
    key(shape, 'Enter');
    assert.equal(muscle('soleus').getAttribute('aria-pressed'), 'true');
    assert.equal(picture.activeElement, muscle('soleus'));
    assert.deepEqual(sent, [['select', 'soleus']]);
  });

  test("an answer to an older press leaves the newer press drawn, the answer to the newest shows", () => {
    const drawn = () => ({ view: picture.querySelector('svg').dataset.view,
      chosen: [...picture.querySelectorAll('[data-muscle][aria-pressed="true"]')].map((g) => g.dataset.muscle),
      zones: picture.querySelector('.bm-overlay-slot').innerHTML,
      button: row.querySelector('[aria-pressed="true"]')?.dataset.choice });
    click(row.querySelector('[data-choice="peroneus-longus"]'));
    click(row.querySelector('[data-choice="tibialis-anterior"]'));
    const newest = drawn();
    assert.equal(newest.view, live().opensOn['tibialis-anterior']);
    // The server's answer to the first press: drawn before it had the second.
    showRow('peroneus-longus', stamps[0]);
    showPicture();
    assert.deepEqual(drawn(), newest);
    // Its answer to the second.
    showRow('tibialis-anterior', stamps[1]);
    assert.deepEqual(drawn(), newest);
    // A later change made by the server itself (a link, the page reloaded) is drawn.
    showRow('soleus', stamps[1]);
    assert.equal(picture.querySelector('svg').dataset.view, live().opensOn.soleus);
    assert.deepEqual(drawn().chosen, ['soleus']);
    assert.equal(drawn().button, 'soleus');
  });
});
