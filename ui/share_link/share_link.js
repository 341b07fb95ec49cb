// The patient's link in full, a "Copy link" button that works on touch screens and on a
// clinic's plain-http address (where the Clipboard API is missing: a selected text field and
// the copy command instead), and the device's own share sheet where the browser has one.
export default function (component) {
  const { data, parentElement } = component;
  const root = parentElement.querySelector('.sl-root');
  const doc = root.ownerDocument;
  const win = doc.defaultView;
  root.slUrl = data.url;
  const link = root.querySelector('.sl-link');
  link.textContent = data.url;
  link.href = data.url;
  const share = root.querySelector('.sl-share');
  share.hidden = typeof win.navigator.share !== 'function';
  const status = root.querySelector('.sl-status');
  if (root.slReady) return;
  root.slReady = true;
  const copyByCommand = (text) => {
    const area = doc.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    root.append(area);
    area.focus();
    area.setSelectionRange(0, text.length);
    let done = false;
    try { done = doc.execCommand('copy'); } catch (e) { done = false; }
    area.remove();
    return done;
  };
  root.querySelector('.sl-copy').addEventListener('click', async () => {
    const text = root.slUrl;
    let done = false;
    if (win.isSecureContext && win.navigator.clipboard) {
      try { await win.navigator.clipboard.writeText(text); done = true; } catch (e) { done = false; }
    }
    if (!done) done = copyByCommand(text);
    status.textContent = done ? 'Link copied.' : 'Press and hold the link above to copy it.';
  });
  share.addEventListener('click', () => {
    win.navigator.share({ title: 'Your plan', url: root.slUrl }).catch(() => {});
  });
}
