// The counter's running totals: amount due, tendered, change (only cash may exceed what is due), counted cash.
(function () {
  function cents(value) {
    var v = (value || '').replace(/[$,\s]/g, '');
    var m = /^(-?)(\d*)(?:\.(\d{0,2}))?$/.exec(v);
    if (!m || m[2] + (m[3] || '') === '') { return 0; }
    // whole cents from the typed digits, never through a binary fraction
    var c = parseInt(m[2] || '0', 10) * 100 + parseInt(((m[3] || '') + '00').substring(0, 2), 10);
    return m[1] === '-' ? -c : c;
  }
  function dollars(c) {
    var sign = c < 0 ? '-' : '';
    c = Math.abs(c);
    return sign + '$' + Math.floor(c / 100).toLocaleString('en-US') + '.' + String(c % 100).padStart(2, '0');
  }
  var VALUES = {BILL_100: 10000, BILL_50: 5000, BILL_20: 2000, BILL_10: 1000, BILL_5: 500, BILL_2: 200, BILL_1: 100,
    COIN_100: 100, COIN_50: 50, COIN_25: 25, COIN_10: 10, COIN_5: 5, COIN_1: 1};

  function update() {
    var due = 0, tendered = 0, cash = 0;
    document.querySelectorAll('.allocation-amount').forEach(function (i) { due += cents(i.value); });
    document.querySelectorAll('.tender-amount').forEach(function (i) {
      var row = i.closest('tr');
      var type = row ? row.querySelector('.tender-type') : null;
      var c = cents(i.value);
      tendered += c;
      if (type && type.value === 'CASH') { cash += c; }
    });
    var out = function (id, text) { var e = document.getElementById(id); if (e) { e.textContent = text; } };
    out('total-due', dollars(due));
    out('total-tendered', dollars(tendered));
    var change = tendered - due;
    out('change-label', change < 0 ? 'still due' : (change > cash ? 'too much (only cash may exceed)' : 'change'));
    out('change-due', dollars(Math.abs(change)));
    var counted = 0;
    document.querySelectorAll('.count-pieces').forEach(function (i) {
      var n = parseInt(i.value, 10);
      if (!isNaN(n) && n > 0) { counted += n * (VALUES[i.getAttribute('data-denomination')] || 0); }
    });
    var rolled = document.getElementById('rolledCoin');
    if (rolled) { counted += cents(rolled.value); }
    out('counted-cash', dollars(counted));
  }
  document.addEventListener('input', update);
  document.addEventListener('change', update);
  document.addEventListener('DOMContentLoaded', update);

  // The hosted card step is another page: what the cashier typed is kept in this tab's session storage on the
  // way out and put back on the way in, so a card can be taken after the payment is typed, not only before.
  var PENDING = 'civicdesk.counter.pending';
  var CARD_ROW = 'tenders[1].';

  function stillDueCents(form) {
    var due = 0, tendered = 0;
    form.querySelectorAll('.allocation-amount').forEach(function (i) { due += cents(i.value); });
    form.querySelectorAll('.tender-amount').forEach(function (i) { tendered += cents(i.value); });
    return due - tendered;
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest('#card-step');
    var form = document.getElementById('payment-form');
    if (!link || !form) { return; }
    var fields = {};
    form.querySelectorAll('input, select').forEach(function (e) {
      // hidden fields (the payment's key, a card token) are not carried: the return brings fresh ones
      if (e.name && e.type !== 'hidden') { fields[e.name] = e.value; }
    });
    try { sessionStorage.setItem(PENDING, JSON.stringify(fields)); } catch (ignored) { return; }
    var due = stillDueCents(form);
    if (due > 0) {
      link.href = link.href.split('?')[0] + '?amount=' + Math.floor(due / 100) + '.' + String(due % 100).padStart(2, '0');
    }
  });

  function restore() {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
      sessionStorage.removeItem(PENDING);
    } catch (ignored) { return; }
    var form = document.getElementById('payment-form');
    if (!saved || !form || !/[?&](cardToken|resume)=/.test(window.location.search)) { return; }
    // the card comes back in the second tender row; a tender typed there before moves to the next free row
    if ((saved[CARD_ROW + 'type'] || '') !== '' || (saved[CARD_ROW + 'amount'] || '') !== '') {
      for (var j = 2; j < 4; j++) {
        var row = 'tenders[' + j + '].';
        if ((saved[row + 'type'] || '') === '' && (saved[row + 'amount'] || '') === '') {
          ['type', 'amount', 'checkNumber'].forEach(function (f) { saved[row + f] = saved[CARD_ROW + f]; });
          break;
        }
      }
    }
    Object.keys(saved).forEach(function (name) {
      var e = form.elements[name];
      if (e && name.indexOf(CARD_ROW) !== 0 && e.type !== 'hidden') {
        e.value = saved[name];
        if (e.value !== '' && /\.reference$/.test(name)) {
          e.dispatchEvent(new Event('change', {bubbles: true}));
        }
      }
    });
    update();
  }
  // after htmx has set up the lookups, so that restored references are looked up again
  window.addEventListener('load', restore);
})();
