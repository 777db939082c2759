// The weights form: show the sum of the seven parts while the coordinator types (the server checks it too).
(function () {
  'use strict';
  var form = document.querySelector('[data-weights-form]');
  var output = document.getElementById('weights-total');
  if (!form || !output) { return; }
  var inputs = form.querySelectorAll('input[type="number"]');
  function update() {
    var total = 0;
    for (var i = 0; i < inputs.length; i += 1) {
      var value = inputs[i].value.trim();
      if (!/^\d+$/.test(value)) { output.textContent = '–'; return; }
      total += parseInt(value, 10);
    }
    output.textContent = String(total);
  }
  form.addEventListener('input', update);
}());
