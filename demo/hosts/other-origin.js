// Demo only: the README's snippet with the service's address, http://localhost:PORT/lantoa/loader.js, which is
// another origin whenever this page is opened at any other host name (127.0.0.2, a LAN address…).
const service = `${location.protocol}//localhost:${location.port}`;
const loader = document.createElement('script');
loader.src = `${service}/lantoa/loader.js`;
document.head.append(loader);
if (location.hostname !== 'localhost') {
  document.addEventListener('DOMContentLoaded', () => document.getElementById('where')?.remove());
}
