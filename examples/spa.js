// The account area as a single-page app: the tabs change the route with history.pushState and the
// page never reloads (the widget follows such route changes). Words in the page's language.
const WORDS = {
  en: {
    overview: {
      heading: 'Welcome back, Léa',
      intro: 'Your subscription, your orders and your workshop credit, in one place.',
      tiles: [
        ['Next coffee delivery', 'Thursday 28 November', 'Aube, 250 g, whole bean'],
        ['Latest order', 'AL-24817', 'With the carrier, expected on 22 November'],
        ['Workshop credit', '€12', 'Spend it on anything, it never expires'],
      ],
    },
    orders: {
      heading: 'Your orders',
      intro: 'Every order since you joined. Invoices are sent by email.',
      columns: ['Order', 'Date', 'Items', 'Total', 'Status'],
      rows: [
        ['AL-24817', '18 Nov 2026', '3', '€94', ['shipped', 'On its way']],
        ['AL-23590', '2 Oct 2026', '1', '€89', ['delivered', 'Delivered']],
        ['AL-22104', '14 Aug 2026', '4', '€58', ['delivered', 'Delivered']],
      ],
    },
    subscription: {
      heading: 'Your coffee subscription',
      intro: 'Aube, 250 g, whole bean, every two weeks: €13 a bag, delivery included.',
      tiles: [
        ['Next delivery', 'Thursday 28 November', 'Roasted on Monday 25'],
        ['Bags received', '14', 'Since March 2026'],
      ],
      actions: ['Skip the next delivery', 'Pause the subscription'],
      done: 'Done. We have noted it; nothing else to do.',
    },
  },
  fr: {
    overview: {
      heading: 'Bonjour Léa',
      intro: 'Votre abonnement, vos commandes et votre avoir, au même endroit.',
      tiles: [
        ['Prochaine livraison de café', 'Jeudi 28 novembre', 'Aube, 250 g, en grains'],
        ['Dernière commande', 'AL-24817', 'Chez le transporteur, attendue le 22 novembre'],
        ['Avoir atelier', '12 €', 'Valable sur tout, sans date limite'],
      ],
    },
    orders: {
      heading: 'Vos commandes',
      intro: 'Toutes vos commandes depuis votre inscription. Les factures sont envoyées par e-mail.',
      columns: ['Commande', 'Date', 'Articles', 'Total', 'État'],
      rows: [
        ['AL-24817', '18 nov. 2026', '3', '94 €', ['shipped', 'En route']],
        ['AL-23590', '2 oct. 2026', '1', '89 €', ['delivered', 'Livrée']],
        ['AL-22104', '14 août 2026', '4', '58 €', ['delivered', 'Livrée']],
      ],
    },
    subscription: {
      heading: 'Votre abonnement café',
      intro: 'Aube, 250 g, en grains, toutes les deux semaines : 13 € le sachet, livraison comprise.',
      tiles: [
        ['Prochaine livraison', 'Jeudi 28 novembre', 'Torréfié le lundi 25'],
        ['Sachets reçus', '14', 'Depuis mars 2026'],
      ],
      actions: ['Sauter la prochaine livraison', 'Mettre en pause'],
      done: 'C’est noté, vous n’avez rien d’autre à faire.',
    },
  },
};
const words = WORDS[document.documentElement.lang] ?? WORDS.en;
const ROUTES = ['/overview', '/orders', '/subscription'];
const base = location.pathname;

/** el('p', { class: 'x' }, 'text', child…) */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children.filter((c) => c != null));
  return node;
}

function tiles(list) {
  return el('div', { class: 'tiles' }, ...list.map(([label, value, note]) =>
    el('div', { class: 'tile' }, el('p', { class: 'label' }, label), el('p', { class: 'value' }, value), el('p', { class: 'muted' }, note))));
}

const VIEWS = {
  '/overview': (w) => [tiles(w.tiles)],
  // On phones the rows are laid out as cards (examples.css): explicit roles keep it a table for
  // assistive technology whatever its display.
  '/orders': (w) => [
    el('div', { class: 'table-wrap' },
      el('table', { class: 'orders', role: 'table', 'aria-label': w.heading },
        el('thead', { role: 'rowgroup' }, el('tr', { role: 'row' }, ...w.columns.map((c) => el('th', { scope: 'col', role: 'columnheader' }, c)))),
        el('tbody', { role: 'rowgroup' }, ...w.rows.map(([order, date, items, total, [state, label]]) =>
          el('tr', { role: 'row' },
            ...[el('strong', {}, order), date, items, total, el('span', { class: `status ${state}` }, label)].map((cell) => el('td', { role: 'cell' }, cell))))))),
  ],
  '/subscription': (w) => {
    const status = el('p', { class: 'note', role: 'status' });
    const buttons = w.actions.map((label, i) => {
      const b = el('button', { type: 'button', class: i ? 'button secondary' : 'button' }, label);
      b.addEventListener('click', () => (status.textContent = w.done));
      return b;
    });
    return [tiles(w.tiles), el('p', { class: 'actions start' }, ...buttons), status];
  },
};

function render(route, moveFocus) {
  const name = ROUTES.includes(route) ? route : ROUTES[0];
  const w = words[name.slice(1)];
  const heading = el('h1', { tabindex: '-1' }, w.heading);
  document.getElementById('view').replaceChildren(heading, el('p', { class: 'lede' }, w.intro), ...VIEWS[name](w));
  document.title = `${w.heading} — Atelier Lumen`;
  document.querySelectorAll('[data-route]').forEach((a) => {
    if (a.dataset.route === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  // A route change replaces the content: take keyboard and screen-reader users to it.
  if (moveFocus) heading.focus();
}

function currentRoute() {
  return new URLSearchParams(location.search).get('route') ?? ROUTES[0];
}

document.querySelectorAll('[data-route]').forEach((a) => {
  a.addEventListener('click', (event) => {
    event.preventDefault();
    history.pushState({}, '', `${base}?route=${a.dataset.route}`);
    render(a.dataset.route, true);
  });
});
addEventListener('popstate', () => render(currentRoute(), true));
render(currentRoute(), false);
