// The small hand-kept word lists the themes engine adds to the maintained packages (Snowball
// stemmers from @orama/stemmers, stop words from `stopword`). Each list exists because the
// packages cannot know it:
//
// - fillers: words that carry a judgement but no topic ("great", "nickel", "déçu"). An NPS comment
//   is saturated with them and the score already says what they say; left in, they would top
//   every promoter and detractor ranking and hide the topics.
// - negators: what turns the next word into its opposite, so "pas rapide" is kept apart from
//   "rapide" (as the key "!rapid") instead of counting as praise of speed.
// - negatedFillers: what a negation turns into plain satisfaction ("no problem", "rien à
//   redire"); not a topic either.
// - families: Snowball folds inflections, not derivations: "livraison" and "livré" (livr), or
//   "delivery" and "delivered" (deliveri, deliv), stay apart. A short map of a web shop's
//   vocabulary joins them; stems not listed are left as the stemmer made them.
// - phrases: the multi-word names a reader uses for a topic, kept whole as one key from the first
//   comment on, however few a site has. Others are found from the comments' own statistics (see
//   themes.ts, collocations).
//
// Every word here is written as a person types it; analyze.ts folds it with the same pipeline as
// the comments, so the lists survive a stemmer upgrade.

export type ThemeLanguage = 'en' | 'fr' | 'de' | 'es';

export const THEME_LANGUAGES: readonly ThemeLanguage[] = ['en', 'fr', 'de', 'es'];

export interface Lexicon {
  fillers: readonly string[];
  negators: readonly string[];
  /** The first half of a split negation ("ne … pas"): the word between the halves is negated. */
  preNegators: readonly string[];
  /** Words skipped between a negator and the word it negates ("not very helpful", "pas du tout"). */
  negationBridges: readonly string[];
  negatedFillers: readonly string[];
  /** Stem → the stem of its family, both after accent folding. */
  families: Readonly<Record<string, string>>;
  phrases: readonly string[];
  /** Extra stop words the package's list lacks (contractions, spoken forms). */
  extraStopWords: readonly string[];
  /** Words that point to this language when telling short comments apart (besides stop words). */
  markers: readonly string[];
}

const en: Lexicon = {
  fillers: [
    'good', 'great', 'excellent', 'awesome', 'amazing', 'nice', 'fine', 'love', 'loved', 'like', 'liked', 'perfect', 'perfectly',
    'best', 'better', 'bad', 'worse', 'worst', 'terrible', 'horrible', 'awful', 'poor', 'recommend', 'recommended', 'thanks', 'thank',
    'happy', 'satisfied', 'unhappy', 'disappointed', 'disappointing', 'experience', 'everything', 'anything', 'something', 'nothing',
    'always', 'ok', 'okay', 'really', 'definitely', 'overall', 'lot', 'lots', 'will', 'one', 'thing', 'things', 'just', 'even', 'ever',
    'yet', 'far', 'again', 'company', 'shop', 'store', 'buy', 'bought', 'buying', 'also', 'so', 'all', 'bit', 'quite', 'pretty', 'totally',
    'absolutely', 'super', 'top', 'brilliant', 'fantastic', 'wonderful', 'pleased', 'glad', 'sure', 'thing', 'stuff', 'though', 'however',
    'guys', 'team', 'keep', 'up', 'work', 'job', 'well', 'done', 'lovely', 'cool', 'use', 'used', 'using', 'want', 'wanted', 'need',
    'needed', 'know', 'think', 'say', 'said', 'see', 'go', 'going', 'went', 'made', 'back', 'give', 'gave', 'find', 'found', 'first',
    'last', 'next', 'every', 'already', 'yes', 'hi', 'hello', 'please', 'star', 'stars', 'mostly', 'highly', 'simply', 'absolutely',
    'extremely', 'incredibly', 'seriously', 'honestly', 'actually', 'especially', 'completely', 'frankly', 'again', 'ago', 'lol',
    // The shop's own nouns and the measures of time and number: every comment is about an order of
    // products that took some days; they name no topic ("délai de livraison" keeps them in phrases).
    'order', 'ordered', 'ordering', 'orders', 'item', 'items', 'product', 'products', 'thing', 'time', 'times', 'day', 'days', 'week',
    'weeks', 'month', 'months', 'year', 'years', 'hour', 'hours', 'minute', 'minutes', 'two', 'three', 'four', 'five', 'ten', 'took',
    'take', 'takes', 'right', 'look', 'looks', 'looked', 'way', 'much', 'more', 'less', 'little', 'big', 'small', 'tiny', 'huge', 'new',
    'old', 'same', 'different', 'other', 'else', 'everywhere', 'elsewhere', 'everyone', 'nobody', 'someone', 'anyone',
  ],
  negators: [
    'not', 'no', 'never', 'without', 'nothing', 'none', 'hardly', 'nor', 'dont', 'didnt', 'doesnt', 'isnt', 'wasnt', 'werent', 'arent',
    'cant', 'couldnt', 'wont', 'wouldnt', 'havent', 'hasnt', 'hadnt', 'shouldnt',
  ],
  preNegators: [],
  negationBridges: ['very', 'really', 'so', 'that', 'too', 'at', 'all', 'a', 'an', 'the', 'any', 'even', 'much', 'quite', 'been', 'be', 'yet', 'my', 'once', 'single', 'real', 'proper'],
  negatedFillers: ['problem', 'problems', 'issue', 'issues', 'complaint', 'complaints', 'complain', 'fault', 'hassle', 'regret', 'regrets', 'worry', 'fuss', 'bad'],
  families: {
    deliveri: 'deliv',
    slowli: 'slow',
    quickli: 'quick',
    respond: 'respons',
    broke: 'broken',
    shipment: 'ship',
    dai: 'day',
    monei: 'money',
    packet: 'packag',
    rud: 'rude',
    rudeli: 'rude',
    helpless: 'help',
    websit: 'site',
    cheapli: 'cheap',
    pricei: 'price',
    overpr: 'overpric',
  },
  phrases: [
    'customer service', 'customer support', 'customer care', 'support team', 'delivery time', 'delivery times', 'shipping cost', 'shipping costs',
    'shipping fee', 'shipping fees', 'delivery fee', 'delivery charge', 'tracking number', 'tracking info', 'tracking information',
    'order tracking', 'return label', 'return policy', 'refund policy', 'value for money', 'out of stock', 'back in stock', 'size guide',
    'size chart', 'loading time', 'page load', 'checkout process', 'payment method', 'gift card', 'promo code', 'discount code',
    'pick up point', 'pickup point', 'parcel locker', 'next day delivery', 'live chat', 'mobile app', 'password reset', 'build quality',
    'money back', 'credit card', 'order status', 'delivery driver', 'phone line',
  ],
  extraStopWords: [
    'im', 'ive', 'id', 'ill', 'its', 'youre', 'theyre', 'thats', 'theres', 'whats', 'u', 'ur', 'us', 'wo', 'ca', 'got', 'get', 'gets',
    'getting', 'did', 'does', 'done', 'just', 'which', 'who', 'whom', 'what', 'when', 'why', 'how', 'there', 'here', 'am', 'it', 'i', 'me',
    'also', 'been', 'being', 'such', 'than', 'then', 'their', 'theirs', 'them', 'they', 'this', 'these', 'those', 'only', 'own', 'same',
    'so', 'some', 'very', 'can', 'could', 'should', 'would', 'may', 'might', 'must', 'shall', 'am', 'is', 'are', 'was', 'were', 'be', 'has',
    'have', 'had', 'do', 'doing', 'yours', 'yourself', 'ours', 'hers', 'herself', 'itself', 'myself', 'ourselves', 'themselves', 'again',
    'once', 'few', 'each', 'both', 'off', 'over', 'until', 'while', 'about', 'against', 'above', 'below', 'down', 'up', 'out', 'further',
    'etc', 'cause', 'cuz', 'bc', 'till', 'since', 'still', 'ago', 'whole', 'lot', 'de', 'le', 'la',
  ],
  markers: [
    'the', 'and', 'was', 'is', 'my', 'it', 'to', 'of', 'for', 'with', 'not', 'never', 'but', 'very', 'too', 'delivery', 'delivered',
    'parcel', 'arrived', 'refund', 'order', 'ordered', 'shipping', 'great', 'good', 'fast', 'slow', 'price', 'cheap', 'expensive',
    'quality', 'website', 'customer', 'helpful', 'rude', 'packaging', 'box', 'damaged', 'broken', 'stock', 'love', 'thanks', 'late',
    'week', 'weeks', 'days', 'still', 'nothing', 'no', 'will', 'again', 'item', 'items', 'money', 'return', 'tracking', 'awesome',
    'waiting', 'support', 'checkout', 'page', 'app', 'size', 'fit', 'nice', 'happy', 'worst', 'ever', 'really', 'just', 'got',
  ],
};

const fr: Lexicon = {
  fillers: [
    'bien', 'bon', 'bonne', 'bons', 'bonnes', 'tres', 'super', 'top', 'parfait', 'parfaite', 'parfaitement', 'merci', 'genial', 'geniale',
    'excellent', 'excellente', 'nickel', 'nul', 'nulle', 'mauvais', 'mauvaise', 'decu', 'decue', 'decevant', 'decevante', 'deception',
    'content', 'contente', 'satisfait', 'satisfaite', 'insatisfait', 'recommande', 'recommander', 'recommanderai', 'tout', 'tous', 'toute',
    'toutes', 'toujours', 'vraiment', 'trop', 'encore', 'fois', 'chose', 'choses', 'ca', 'fait', 'faire', 'rien', 'experience', 'bravo',
    'ras', 'impeccable', 'sympa', 'cool', 'ok', 'correct', 'correcte', 'moyen', 'moyenne', 'horrible', 'catastrophique', 'catastrophe',
    'lamentable', 'honteux', 'inadmissible', 'inacceptable', 'scandaleux', 'bof', 'mieux', 'pire', 'plutot', 'assez', 'peu', 'beaucoup',
    'aussi', 'deja', 'jamais', 'plus', 'moins', 'comme', 'donc', 'alors', 'puis', 'quand', 'car', 'si', 'etait', 'etre', 'avoir', 'suis',
    'chez', 'vous', 'votre', 'vos', 'nous', 'boutique', 'magasin', 'acheter', 'achete', 'achat', 'achats', 'vraiment', 'franchement',
    'vite', 'bref', 'voila', 'niveau', 'part', 'rapport', 'etc', 'quelque', 'chose', 'depuis', 'apres', 'avant', 'entre', 'vers', 'sous',
    'contre', 'sinon', 'enfin', 'absolument', 'totalement', 'completement', 'extremement', 'particulierement', 'bonjour', 'cordialement',
    'continuez', 'ainsi', 'hate', 'adore', 'aime', 'aimer', 'plaisir', 'ravi', 'ravie', 'heureux', 'heureuse', 'etoile', 'etoiles',
    'mal', 'agreable', 'agreablement', 'surpris', 'surprise', 'bel', 'belle', 'beau', 'beaux', 'vrai', 'vraie', 'gros', 'grosse', 'petit',
    'petite', 'premier', 'premiere', 'dernier', 'derniere', 'dire', 'dit', 'voir', 'vu', 'pu', 'peut', 'peux', 'va', 'vais',
    'veux', 'faut', 'falloir', 'mettre', 'mis', 'ete', 'oui', 'non', 'moi', 'perso', 'personnellement', 'globalement', 'clairement',
    // The shop's own nouns, time and numbers: see the English list.
    'commande', 'commandes', 'commander', 'article', 'articles', 'produit', 'produits', 'jour', 'jours', 'semaine', 'semaines',
    'mois', 'an', 'ans', 'annee', 'annees', 'heure', 'heures', 'minute', 'minutes', 'deux', 'trois', 'quatre', 'cinq', 'dix', 'grand',
    'grande', 'grands', 'grandes', 'autre', 'ailleurs', 'partout', 'temps', 'moitie', 'lendemain', 'soir', 'matin', 'different',
    'differente', 'nouveau', 'nouvelle', 'vieux',
  ],
  negators: ['pas', 'jamais', 'aucun', 'aucune', 'sans', 'rien', 'ni', 'guere', 'nullement'],
  preNegators: ['ne', 'n'],
  negationBridges: ['tres', 'assez', 'si', 'du', 'tout', 'de', 'd', 'des', 'le', 'la', 'les', 'l', 'un', 'une', 'trop', 'vraiment', 'encore', 'ete', 'ete', 'ai', 'a', 'ma', 'mon', 'mes', 'ce', 'cette', 'ca', 'fort', 'super', 'franchement', 'forcement', 'toujours', 'super', 'hyper', 'plus', 'eu'],
  negatedFillers: ['probleme', 'problemes', 'souci', 'soucis', 'reproche', 'reproches', 'plainte', 'redire', 'dire', 'mal', 'regret', 'regrets', 'inquietude', 'complication', 'accroc'],
  families: {
    livr: 'livraison',
    del: 'delai',
    emball: 'emballag',
    repondu: 'repons',
    repond: 'repons',
    repondr: 'repons',
    conseiller: 'conseil',
    conseilleur: 'conseil',
    disponibil: 'disponibl',
    indisponibl: 'disponibl',
    retourn: 'retour',
    expedi: 'expedit',
    exped: 'expedit',
    lenteur: 'lent',
    attendr: 'attent',
    attendu: 'attent',
    attend: 'attent',
    sit: 'site',
    pag: 'page',
    pani: 'panier',
    endommag: 'abim',
    joignabl: 'joindr',
    injoignabl: 'joindr',
    joint: 'joindr',
    rapidit: 'rapid',
    transport: 'transporteur',
  },
  phrases: [
    'service client', 'service clients', 'service clientèle', 'service après vente', 'relation client', 'délai de livraison',
    'délais de livraison', 'frais de port', 'frais de livraison', 'numéro de suivi', 'suivi de commande', 'suivi du colis', 'suivi de colis',
    'point relais', 'mode de paiement', 'moyen de paiement', 'rapport qualité prix', 'qualité prix', 'temps de chargement',
    "temps d'attente", 'carte cadeau', 'code promo', 'bon de retour', 'étiquette de retour', 'retour gratuit', 'rupture de stock',
    'guide des tailles', 'site internet', 'site web', 'application mobile', 'mot de passe', 'prise en charge', 'bon de réduction',
    'carte bancaire', 'livraison express', 'livraison gratuite', 'en stock', 'hors de prix',
  ],
  extraStopWords: [
    'j', 'c', 'qu', 'n', 's', 'd', 'l', 'm', 't', 'y', 'a', 'ai', 'est', 'sont', 'cest', 'jai', 'quil', 'quelle', 'ya', 'etc', 'ca', 'ce',
    'cet', 'cette', 'ces', 'lui', 'elle', 'il', 'ils', 'elles', 'on', 'leur', 'leurs', 'dont', 'ou', 'la', 'la', 'ici', 'tel', 'telle',
    'meme', 'memes', 'autre', 'autres', 'chaque', 'tres',
  ],
  markers: [
    'le', 'la', 'les', 'de', 'des', 'du', 'et', 'est', 'pas', 'tres', 'pour', 'mais', 'avec', 'un', 'une', 'je', 'j', 'c', 'qu', 'n',
    'livraison', 'colis', 'commande', 'recu', 'rapide', 'prix', 'cher', 'qualite', 'produit', 'produits', 'remboursement', 'merci',
    'service', 'client', 'emballage', 'retour', 'site', 'lent', 'jamais', 'toujours', 'rien', 'semaines', 'jours', 'bien', 'tout',
    'nickel', 'parfait', 'decu', 'tres', 'trop', 'toujours', 'attente', 'delai', 'suivi', 'abime', 'commande', 'article', 'conforme',
  ],
};

// German and Spanish get the stemmer and the package's stop words (the widget speaks both), but no
// hand-kept lists: their phrases come from the comments' statistics alone.
const de: Lexicon = {
  fillers: ['gut', 'super', 'toll', 'schlecht', 'danke', 'alles', 'immer', 'sehr', 'prima', 'top', 'ok'],
  negators: ['nicht', 'kein', 'keine', 'keinen', 'nie', 'niemals', 'ohne', 'nichts'],
  preNegators: [],
  negationBridges: ['sehr', 'so', 'zu', 'wirklich', 'ganz', 'gar', 'mehr', 'der', 'die', 'das'],
  negatedFillers: ['problem', 'probleme'],
  families: {},
  phrases: [],
  extraStopWords: [],
  markers: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'sehr', 'lieferung', 'schnell', 'ich', 'war', 'mit'],
};

const es: Lexicon = {
  fillers: ['bien', 'bueno', 'buena', 'muy', 'excelente', 'genial', 'gracias', 'todo', 'siempre', 'malo', 'mala', 'perfecto', 'ok'],
  negators: ['no', 'nunca', 'sin', 'nada', 'ningun', 'ninguna', 'ni', 'jamas'],
  preNegators: ['no'],
  negationBridges: ['muy', 'tan', 'el', 'la', 'lo', 'ha', 'me', 'se', 'un', 'una', 'nada'],
  negatedFillers: ['problema', 'problemas', 'queja'],
  families: {},
  phrases: [],
  extraStopWords: ['y', 'el', 'la', 'los', 'las', 'es', 'muy', 'que', 'de', 'me', 'mi', 'un', 'una'],
  markers: ['el', 'la', 'los', 'las', 'y', 'es', 'muy', 'que', 'pero', 'entrega', 'rapido', 'pedido', 'gracias'],
};

export const LEXICONS: Readonly<Record<ThemeLanguage, Lexicon>> = { en, fr, de, es };
