// Phones: choosing a page in the menu closes the menu, so the page chosen is what the reader
// sees. Streamlit closes it only for browsers whose user agent says "mobile"; a narrow tablet
// window or a phone browser asking for the desktop site kept it open over the page.
const NARROW = '(max-width: 768px)';  // where Streamlit's menu covers the page instead of beside it

export default function (component) {
  const doc = component.parentElement.ownerDocument;
  const win = doc.defaultView;
  if (win.bmMenuCloses) return;  // one listener for the page's whole life
  win.bmMenuCloses = true;
  doc.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('[data-testid="stSidebarNav"] a');
    if (!link || !win.matchMedia(NARROW).matches) return;
    // After Streamlit's own handler has started the page change.
    win.setTimeout(() => {
      const sidebar = doc.querySelector('[data-testid="stSidebar"]');
      const close = doc.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (sidebar && close && sidebar.dataset.collapsed !== 'true') close.click();
    }, 0);
  }, true);
}
