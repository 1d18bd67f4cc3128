// Material's search dialog has no accessible name (axe: aria-dialog-name). Give it the name of the
// search box it holds, in the site's language. Themes whose search already has a name are left alone.
document.querySelectorAll('[data-md-component="search"][role="dialog"]:not([aria-label])').forEach((dialog) => {
  const input = dialog.querySelector('input[aria-label]');
  dialog.setAttribute('aria-label', input ? input.getAttribute('aria-label') : 'Search');
});
