// Demo only: ?lang=en switches the page language, as a bilingual CMS would.
const lang = new URLSearchParams(location.search).get('lang');
if (lang) document.documentElement.lang = lang;
