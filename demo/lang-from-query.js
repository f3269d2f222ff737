// Demo only: ?lang=en switches the page language, as a bilingual CMS would, and swaps in the English
// text a webmaster wrote for it (data-en-ATTRIBUTE="…" on elements, data-en="…" on slotted text).
const lang = new URLSearchParams(location.search).get('lang');
if (lang) document.documentElement.lang = lang;
if (lang === 'en') {
  document.addEventListener('DOMContentLoaded', () => {
    for (const element of document.querySelectorAll('*')) {
      for (const { name, value } of [...element.attributes]) {
        if (name === 'data-en') element.textContent = value;
        else if (name.startsWith('data-en-')) element.setAttribute(name.slice('data-en-'.length), value);
      }
    }
  });
}
