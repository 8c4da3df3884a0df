// Sends a reader from an old address on to the new one, keeping ?answers and #anchor.
const target = document.currentScript.dataset.target;
location.replace(new URL(target, location.href).href.split(/[?#]/)[0] + location.search + location.hash);
