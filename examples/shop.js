// Atelier Lumen, the made-up shop around the Plaudit examples: catalogue, cart and checkout, in the
// page's language (<html lang>). An external script with no inline styles, so the strict-CSP page
// can use it as it is. Only checkout.html talks to Plaudit here, through `data-csat` on this tag.
(function () {
  'use strict';
  var script = document.currentScript;
  var lang = document.documentElement.lang === 'fr' ? 'fr' : 'en';
  var art = new URL('art.svg', script.src).href;
  window.plaudit = window.plaudit || function () { (window.plaudit.q = window.plaudit.q || []).push(arguments); };

  var PRODUCTS = [
    { id: 'dripper', price: 42, tone: 'sand', badge: true,
      en: { name: 'Lumen dripper', line: 'Glazed stoneware · 1–2 cups', text: 'Our pour-over cone, thrown and glazed by hand. Three inner ribs keep the filter off the wall for an even extraction. Takes size 02 paper filters.' },
      fr: { name: 'Dripper Lumen', line: 'Grès émaillé · 1 à 2 tasses', text: 'Notre cône de filtration, tourné et émaillé à la main. Trois nervures intérieures décollent le filtre de la paroi pour une extraction régulière. Pour filtres papier taille 02.' } },
    { id: 'mug', price: 26, tone: 'sage',
      en: { name: 'Everyday mug, 300 ml', line: 'Sage glaze over raw clay', text: 'A wide, steady mug with a thumb-friendly handle. The sage glaze stops halfway to show the clay. Dishwasher and microwave safe.' },
      fr: { name: 'Mug du quotidien, 300 ml', line: 'Émail sauge sur argile brute', text: 'Un mug large et stable, à l’anse bien dessinée. L’émail sauge s’arrête à mi-hauteur et laisse voir l’argile. Passe au lave-vaisselle et au micro-ondes.' } },
    { id: 'carafe', price: 36, tone: 'sky',
      en: { name: 'Serving carafe, 600 ml', line: 'Borosilicate glass, oak collar', text: 'Brew straight into it, then serve at the table. The oak collar stays cool to the touch.' },
      fr: { name: 'Carafe de service, 600 ml', line: 'Verre borosilicate, col en chêne', text: 'Faites couler le café directement dedans, puis servez à table. Le col en chêne reste frais au toucher.' } },
    { id: 'grinder', price: 89, tone: 'stone',
      en: { name: 'Hand grinder', line: 'Steel conical burrs · 24 settings', text: 'Grinds 20 g for a pour-over in under a minute, from espresso-fine to French-press coarse. Takes apart without tools for cleaning.' },
      fr: { name: 'Moulin manuel', line: 'Meules coniques en acier · 24 réglages', text: 'Moud 20 g pour un filtre en moins d’une minute, de la mouture expresso à la mouture piston. Se démonte sans outil pour le nettoyage.' } },
    { id: 'cups', price: 32, tone: 'clay', badge: true,
      en: { name: 'Espresso cups, set of 2', line: 'Porcelain · 80 ml', text: 'One chalk white, one charcoal, each with its saucer. Thin walls, a rolled rim, and they stack.' },
      fr: { name: 'Tasses à expresso, lot de 2', line: 'Porcelaine · 80 ml', text: 'Une blanc craie, une anthracite, chacune avec sa soucoupe. Parois fines, bord roulé, et elles s’empilent.' } },
    { id: 'beans', price: 14, tone: 'oat',
      en: { name: 'Aube coffee, 250 g', line: 'Washed Ethiopia · roasted Mondays', text: 'Light roast with notes of apricot, black tea and honey. Roasted in Lyon every Monday and shipped whole bean.' },
      fr: { name: 'Café Aube, 250 g', line: 'Éthiopie lavé · torréfié le lundi', text: 'Torréfaction claire, notes d’abricot, de thé noir et de miel. Torréfié à Lyon chaque lundi, expédié en grains.' } },
    { id: 'kettle', price: 64, tone: 'sand',
      en: { name: 'Pour-over kettle, 0.9 l', line: 'Gooseneck spout · stovetop', text: 'A narrow gooseneck for a slow, even pour, with an oak handle. Works on gas, electric and induction hobs.' },
      fr: { name: 'Bouilloire col de cygne, 0,9 l', line: 'Bec verseur fin · tous feux', text: 'Un bec col de cygne pour verser lentement et régulièrement, une poignée en chêne. Gaz, électrique et induction.' } },
    { id: 'filters', price: 6, tone: 'stone',
      en: { name: 'Paper filters, 100', line: 'Unbleached · size 02', text: 'Unbleached paper filters that fit the Lumen dripper. Rinse once with hot water before brewing.' },
      fr: { name: 'Filtres papier, 100', line: 'Non blanchis · taille 02', text: 'Filtres en papier non blanchi pour le dripper Lumen. Rincez-les une fois à l’eau chaude avant l’infusion.' } },
  ];

  var T = {
    en: { add: 'Add to cart', added: 'Added', addedLive: '{name} is in your cart.', badge: { dripper: 'Bestseller', cups: 'New' },
      qty: 'Quantity', subtotal: 'Subtotal', delivery: 'Delivery', free: 'Free', total: 'Total',
      assurances: ['Made by hand in our Lyon workshop', 'In stock: ships within two working days', 'Free delivery in France from €60', '30-day returns, repairs for life'] },
    fr: { add: 'Ajouter au panier', added: 'Ajouté', addedLive: '{name} est dans votre panier.', badge: { dripper: 'Meilleure vente', cups: 'Nouveau' },
      qty: 'Quantité', subtotal: 'Sous-total', delivery: 'Livraison', free: 'Offerte', total: 'Total',
      assurances: ['Fait main dans notre atelier lyonnais', 'En stock : expédié sous deux jours ouvrés', 'Livraison offerte en France dès 60 €', 'Retours sous 30 jours, réparations à vie'] },
  }[lang];

  var FREE_DELIVERY_FROM = 60;
  var DELIVERY = 5.9;
  // Arriving at checkout straight from the examples index: something to buy all the same.
  var DEMO_CART = [{ id: 'dripper', qty: 1 }, { id: 'mug', qty: 2 }];
  var CART_KEY = 'lumen:cart';

  var money = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-IE', { style: 'currency', currency: 'EUR' });
  function price(n) {
    return money.format(n).replace(/[.,]00(?=\D|$)/, '');
  }
  function product(id) {
    return PRODUCTS.find(function (p) { return p.id === id; });
  }

  function readCart() {
    try {
      var cart = JSON.parse(sessionStorage.getItem(CART_KEY) || '[]');
      return Array.isArray(cart) ? cart.filter(function (l) { return product(l.id) && l.qty > 0; }) : [];
    } catch (e) {
      return [];
    }
  }
  function writeCart(cart) {
    try {
      sessionStorage.setItem(CART_KEY, JSON.stringify(cart));
    } catch (e) {
      // Storage refused (private mode, sandbox): the cart lives for this page only.
    }
    showCount(cart);
  }
  function addToCart(id, qty) {
    var cart = readCart();
    var line = cart.find(function (l) { return l.id === id; });
    if (line) line.qty += qty;
    else cart.push({ id: id, qty: qty });
    writeCart(cart);
  }
  function showCount(cart) {
    var n = cart.reduce(function (sum, l) { return sum + l.qty; }, 0);
    document.querySelectorAll('[data-cart-count]').forEach(function (el) { el.textContent = String(n); });
  }

  /** Builds an element: el('p', { class: 'x' }, 'text', child…). */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child != null) node.append(child);
    }
    return node;
  }
  function drawing(p, size) {
    var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 200 150');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var use = document.createElementNS('http://www.w3.org/2000/svg', 'use');
    use.setAttribute('href', art + '#' + p.id);
    svg.append(use);
    return el('div', { class: 'art tone-' + p.tone + (size ? ' ' + size : '') }, svg);
  }
  function addButton(p, qtyInput) {
    var button = el('button', { type: 'button', class: 'button' });
    // Eight "Add to cart" buttons in a row: each one's name says which product it adds.
    var label = function (text) { button.replaceChildren(text, el('span', { class: 'visually-hidden' }, ' – ' + p[lang].name)); };
    label(T.add);
    button.addEventListener('click', function () {
      addToCart(p.id, qtyInput ? Math.max(1, Math.min(20, Number(qtyInput.value) || 1)) : 1);
      label(T.added + ' ✓');
      announce(T.addedLive.replace('{name}', p[lang].name));
      setTimeout(function () { label(T.add); }, 1600);
    });
    return button;
  }
  function announce(text) {
    var live = document.getElementById('live');
    if (live) live.textContent = text;
  }

  function renderGrid(list, products) {
    list.replaceChildren.apply(list, products.map(function (p) {
      var t = p[lang];
      return el('li', { class: 'product' },
        // The picture links too, for the pointer; keyboards and screen readers use the name's link.
        el('a', { class: 'product-link', href: 'product.html?p=' + p.id, tabindex: '-1', 'aria-hidden': 'true' },
          drawing(p), p.badge ? el('span', { class: 'badge' }, T.badge[p.id]) : null),
        el('div', { class: 'product-body' },
          el('h3', {}, el('a', { href: 'product.html?p=' + p.id }, t.name)),
          el('p', { class: 'muted' }, t.line),
          el('div', { class: 'product-foot' }, el('span', { class: 'price' }, price(p.price)), addButton(p))));
    }));
  }

  /** Renders the product named by ?p= and answers the four that go with it. */
  function renderProduct(view) {
    var p = product(new URLSearchParams(location.search).get('p')) || PRODUCTS[0];
    var t = p[lang];
    document.title = t.name + ' — Atelier Lumen';
    document.querySelectorAll('[data-product-name]').forEach(function (n) { n.textContent = t.name; });
    var qty = el('input', { type: 'number', id: 'qty', name: 'qty', min: '1', max: '20', value: '1', inputmode: 'numeric' });
    view.replaceChildren(
      drawing(p, 'large'),
      el('div', { class: 'product-info' },
        p.badge ? el('span', { class: 'badge inline' }, T.badge[p.id]) : null,
        el('h1', {}, t.name),
        el('p', { class: 'price large' }, price(p.price)),
        el('p', { class: 'lede' }, t.text),
        el('p', { class: 'muted' }, t.line),
        el('div', { class: 'buy-row' }, el('div', { class: 'field qty' }, el('label', { for: 'qty' }, T.qty), qty), addButton(p, qty)),
        el.apply(null, ['ul', { class: 'assurances' }].concat(T.assurances.map(function (a) { return el('li', {}, a); })))));
    return PRODUCTS.filter(function (other) { return other !== p; }).slice(0, 4);
  }

  function renderSummary(box, cart) {
    var subtotal = cart.reduce(function (sum, l) { return sum + product(l.id).price * l.qty; }, 0);
    var delivery = subtotal >= FREE_DELIVERY_FROM ? 0 : DELIVERY;
    var lines = el('ul', { class: 'lines' });
    cart.forEach(function (l) {
      var p = product(l.id);
      lines.append(el('li', {}, drawing(p, 'thumb'),
        el('span', { class: 'line-name' }, p[lang].name, el('span', { class: 'muted' }, l.qty + ' × ' + price(p.price))),
        el('span', { class: 'price' }, price(p.price * l.qty))));
    });
    var row = function (label, value, cls) { return el('div', { class: 'total-row' + (cls ? ' ' + cls : '') }, el('dt', {}, label), el('dd', {}, value)); };
    box.replaceChildren(lines, el('dl', { class: 'totals' },
      row(T.subtotal, price(subtotal)), row(T.delivery, delivery ? price(delivery) : T.free), row(T.total, price(subtotal + delivery), 'grand')));
  }

  function checkout(form) {
    var cart = readCart();
    if (!cart.length) writeCart((cart = DEMO_CART));
    document.querySelectorAll('[data-summary]').forEach(function (box) { renderSummary(box, cart); });
    var csat = script.dataset.csat;
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var done = document.getElementById('confirmed');
      document.getElementById('order-number').textContent = 'AL-' + String(24000 + Math.floor(Math.random() * 9000));
      document.getElementById('order-email').textContent = form.elements.email.value;
      document.getElementById('order-name').textContent = form.elements.name.value.split(' ')[0];
      document.getElementById('checkout').hidden = true;
      done.hidden = false;
      writeCart([]);
      scrollTo(0, 0);
      done.querySelector('h1').focus();
      // The order is placed: now ask how the checkout went. hide() first, in case another survey is open.
      window.plaudit('hide');
      window.plaudit('show', csat);
    });
  }

  function start() {
    showCount(readCart());
    // The other language's version of this very page (the product shown).
    document.querySelectorAll('a[data-keep-query]').forEach(function (a) { a.search = location.search; });
    var grid = document.querySelector('[data-products]');
    if (grid) renderGrid(grid, PRODUCTS);
    var view = document.querySelector('[data-product]');
    if (view) renderGrid(document.querySelector('[data-related]'), renderProduct(view));
    var form = document.getElementById('checkout-form');
    if (form) checkout(form);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
