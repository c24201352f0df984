// The print button of the whole-guide print page (templates/print.html). It stays hidden without
// JavaScript, where the page tells readers to use the browser's Print command instead.

for (const button of document.querySelectorAll('[data-print-button]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
