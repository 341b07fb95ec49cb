"""Small browser-side helpers shared by the accessibility, hostile-content and offline tests.

Streamlit's custom components may live inside open shadow roots, so every look-up here
walks them too.
"""
from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"  # tests/package.json

# Calls fn(root) for the document and every open shadow root under it.
WALK_JS = """
const walk = (root, fn) => {
  fn(root);
  root.querySelectorAll('*').forEach((el) => { if (el.shadowRoot) walk(el.shadowRoot, fn); });
};
"""

# What injected markup would leave behind if any of it had been parsed as HTML.
INJECTION_TRACES_JS = WALK_JS + """
() => {
  const found = [];
  walk(document, (root) => {
    root.querySelectorAll('img[src="x"], iframe[src^="javascript" i]').forEach(
      (el) => found.push(el.outerHTML.slice(0, 120)));
    root.querySelectorAll('script').forEach((el) => {
      if ((el.textContent || '').includes('__pwned')) found.push('script: ' + el.textContent.slice(0, 80));
    });
    root.querySelectorAll('a[href]').forEach((el) => {
      if (/^\\s*javascript:/i.test(el.getAttribute('href'))) found.push('link: ' + el.outerHTML.slice(0, 120));
    });
    root.querySelectorAll('*').forEach((el) => {
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name) && attr.value.includes('__pwned')) found.push(`${el.tagName} ${attr.name}`);
      }
    });
  });
  return found;
}
"""

# The innermost focused element, through shadow roots: what it is and how it is drawn.
FOCUSED_JS = """
() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const out = { tag: el.tagName.toLowerCase(), target: el.dataset ? el.dataset.target || null : null,
                choice: el.dataset ? el.dataset.choice || null : null, label: el.getAttribute('aria-label'),
                text: (el.innerText || '').trim().slice(0, 60), outlineStyle: style.outlineStyle,
                outlineWidth: parseFloat(style.outlineWidth) || 0, outlineColor: style.outlineColor,
                boxShadow: style.boxShadow };
  if (out.target) {
    // An SVG region: compare its shape's stroke with the same shape on an unfocused region.
    const path = el.querySelector('path');
    const other = [...el.ownerSVGElement.querySelectorAll('[data-target]')]
      .find((g) => g !== el && !g.classList.contains('bm-selected'));
    const ps = getComputedStyle(path), os = getComputedStyle(other.querySelector('path'));
    Object.assign(out, { stroke: ps.stroke, strokeWidth: parseFloat(ps.strokeWidth),
                         restStroke: os.stroke, restStrokeWidth: parseFloat(os.strokeWidth) });
  }
  if (out.choice) {
    const other = [...el.parentElement.querySelectorAll('[data-choice]')].find((b) => b !== el);
    if (other) {
      const os = getComputedStyle(other);
      Object.assign(out, { restOutlineStyle: os.outlineStyle, restOutlineWidth: parseFloat(os.outlineWidth) || 0 });
    }
  }
  return out;
}
"""


# Every image in the page (shadow roots too) has finished loading or failed, so any load or
# error handler on it has run (an injected frame is caught by INJECTION_TRACES_JS).
LOADS_FINISHED_JS = WALK_JS + """
async () => {
  const pending = [];
  walk(document, (root) => {
    root.querySelectorAll('img').forEach((img) => {
      if (!img.complete) {
        pending.push(new Promise((done) => { img.addEventListener('load', done); img.addEventListener('error', done); }));
      }
    });
  });
  await Promise.all(pending);
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
}
"""


def loads_finished(page) -> None:
    page.evaluate(LOADS_FINISHED_JS)


def injection_traces(page) -> list[str]:
    return page.evaluate(INJECTION_TRACES_JS)


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED_JS)


def run_axe(page) -> list[dict]:
    """axe-core's violations on the page as it is now (open shadow roots included)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => ({ target: n.target.join(' >> ').slice(-160),
                                          summary: (n.failureSummary || '').slice(0, 240) })) }));
        }"""
    )
