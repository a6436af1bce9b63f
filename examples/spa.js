// A tiny client-side router: routes change with history.pushState, the page never reloads.
const views = {
  '/home': ['Welcome back', 'This page changes route without reloading. Plaudit follows pushState and popstate.'],
  '/catalog': ['Catalog', 'Browse our hand-made goods.'],
  '/account': ['Your account', 'Orders, invoices and preferences.'],
};
const base = location.pathname;

function render(route) {
  const [title, text] = views[route] ?? views['/home'];
  const view = document.getElementById('view');
  const h1 = document.createElement('h1');
  h1.textContent = title;
  const p = document.createElement('p');
  p.className = 'lede';
  p.textContent = text;
  view.replaceChildren(h1, p);
  document.querySelectorAll('nav a').forEach((a) => {
    if (a.dataset.route === route) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
}

function currentRoute() {
  return new URLSearchParams(location.search).get('route') ?? '/home';
}

document.querySelectorAll('nav a').forEach((a) => {
  a.addEventListener('click', (event) => {
    event.preventDefault();
    history.pushState({}, '', `${base}?route=${a.dataset.route}`);
    render(a.dataset.route);
  });
});
addEventListener('popstate', () => render(currentRoute()));
render(currentRoute());
