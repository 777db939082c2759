/* Kansenkamer: the dry run of a candidate import, in chunks, with a progress bar.
 *
 * Progressive enhancement of the <form data-import-check> on an import's page. Without this script
 * the form posts once and the server checks every row in that one request. With it, the script posts
 * the same form repeatedly, asking for JSON; each answer says how many rows are checked
 * ({checked_rows, row_count, done}), which moves the <progress> bar and the live-region text. When
 * the last row is checked the page reloads to show the outcome and the problems.
 * The CSRF token goes along as the X-CSRFToken header (and in the form data).
 * No inline scripts or styles: the content security policy forbids them.
 */
(function () {
  'use strict';

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match;
    });
  }

  function enhance(form) {
    var progress = form.querySelector('progress');
    var status = form.querySelector('[data-import-status]');
    var button = form.querySelector('button[type="submit"]');
    var token = form.querySelector('input[name="csrf_token"]').value;
    var running = false;

    function show(checked, total) {
      progress.max = total;
      progress.value = checked;
      progress.textContent = checked + ' / ' + total;
      status.textContent = fill(form.dataset.textProgress, {checked: checked, total: total});
    }

    function fail() {
      running = false;
      button.disabled = false;
      status.textContent = form.dataset.textFailed;
    }

    function step() {
      fetch(form.action, {
        method: 'POST',
        body: new FormData(form),
        credentials: 'same-origin',
        headers: {'X-CSRFToken': token, 'Accept': 'application/json'}
      }).then(function (response) {
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.json();
      }).then(function (answer) {
        show(answer.checked_rows, answer.row_count);
        if (answer.done) {
          window.location.assign(form.dataset.viewUrl);
        } else {
          step();
        }
      }).catch(fail);
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (running) { return; }
      running = true;
      button.disabled = true;
      step();
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('form[data-import-check]'), enhance);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
