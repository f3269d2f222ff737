/* global document, navigator */
// The unit and province pages' share actions (inline, allowed by its hash in the page's CSP). Without
// this script the Facebook and Zalo links and the link box still work; with it, "copy link" and, where
// the phone has the Web Share API, its share sheet appear. The embed builder's code box and its copy
// button use the same ids (#share-url is a textarea there).
(() => {
  const input = document.getElementById('share-url');
  const copy = document.getElementById('share-copy');
  const native = document.getElementById('share-native');
  const status = document.getElementById('share-status');
  if (!input || !copy || !status) return;
  const say = (text) => {
    status.textContent = text;
  };
  copy.hidden = false;
  copy.addEventListener('click', () => {
    const fallback = () => {
      input.focus();
      input.select();
      say(copy.dataset.failed);
    };
    if (!navigator.clipboard) return fallback();
    navigator.clipboard.writeText(input.value).then(() => say(copy.dataset.copied), fallback);
  });
  if (native && typeof navigator.share === 'function') {
    native.hidden = false;
    native.addEventListener('click', () => {
      // A dismissed share sheet rejects: nothing to report.
      navigator.share({ title: native.dataset.title, url: native.dataset.url }).catch(() => undefined);
    });
  }
})();
