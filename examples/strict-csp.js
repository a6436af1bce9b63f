// Page script of the strict-CSP example: external, as the policy allows no inline code.
const csat = document.currentScript.dataset.csat;
window.plaudit = window.plaudit || function () { (window.plaudit.q = window.plaudit.q || []).push(arguments); };
document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('rate').addEventListener('click', () => {
    // The NPS survey may be open already (it shows after a second); one survey at a time.
    window.plaudit('hide');
    window.plaudit('show', csat);
  });
});
