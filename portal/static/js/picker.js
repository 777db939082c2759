/* Kansenkamer: choosing occupations and skills by typing.
 *
 * Progressive enhancement of the <select data-picker> fields that OccupationField and SkillsField
 * render (see portal/templates/taxonomy/_pickers.html). Without this script they are plain selects.
 * With it, each becomes a combobox that follows the WAI-ARIA Authoring Practices pattern "combobox
 * with listbox popup, list autocomplete with manual selection": a text box (role=combobox,
 * aria-expanded, aria-controls, aria-activedescendant) and a list of suggestions (role=listbox)
 * that searches the options already in the page, in both languages and by ISCO code.
 * Keys: Down/Up open the list and move through it, Alt+Down opens it, Enter chooses,
 * Escape closes it (or empties the search box), Tab leaves without choosing.
 * The hidden select stays in the form and carries the value, so the server sees no difference.
 * No inline scripts or styles: the content security policy forbids them.
 */
(function () {
  'use strict';

  var MAX_SHOWN = 50;
  var DEFAULT_TEXTS = {
    textNoResults: 'Niets gevonden. Probeer een ander woord.',
    textResults: 'Suggesties: {count}.',
    textMore: 'De eerste {shown} van {count}. Typ verder om te zoeken.',
    textChosen: 'Gekozen',
    textNoneChosen: 'Nog niets gekozen.',
    textRemove: '{label} verwijderen',
    textAdded: '{label} toegevoegd.',
    textRemoved: '{label} verwijderd.',
    textChosenOne: '{label} gekozen.'
  };

  function normalise(text) {
    return (text || '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match;
    });
  }

  function element(tag, className, attributes) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function Picker(select) {
    this.select = select;
    this.wrapper = select.closest('[data-picker-for]') || select.parentElement;
    this.multiple = select.multiple;
    this.id = select.id;
    this.texts = {};
    for (var key in DEFAULT_TEXTS) {
      this.texts[key] = this.wrapper.dataset[key] || DEFAULT_TEXTS[key];
    }
    this.entries = Array.prototype.filter.call(select.options, function (option) {
      return option.value !== '';
    }).map(function (option) {
      var label = option.text.trim();
      return {
        option: option, value: option.value, label: label, hint: option.dataset.hint || '',
        start: normalise(label), key: normalise(label + ' ' + (option.dataset.search || ''))
      };
    });
    this.shown = [];
    this.active = -1;
    this.announceTimer = null;
    this.build();
  }

  Picker.prototype.build = function () {
    var select = this.select;
    var label = document.querySelector('label[for="' + this.id + '"]');
    var howtoId = this.id + '-howto';
    var describedBy = (select.getAttribute('aria-describedby') || '').split(/\s+/).filter(function (id) {
      return id && id !== howtoId;
    });
    var howto = document.getElementById(howtoId);
    if (howto) { howto.hidden = true; }

    // The text box takes over the select's id, so its label and the error summary's link lead to it.
    select.id = this.id + '-select';
    select.hidden = true;
    select.tabIndex = -1;
    select.removeAttribute('aria-describedby');

    this.box = element('div', 'kk-combobox');
    this.input = element('input', 'utrecht-textbox utrecht-textbox--html-input kk-combobox__input', {
      id: this.id, type: 'text', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
      'aria-controls': this.id + '-listbox', autocomplete: 'off', spellcheck: 'false'
    });
    if (describedBy.length) { this.input.setAttribute('aria-describedby', describedBy.join(' ')); }
    if (select.getAttribute('aria-invalid') === 'true') {
      this.input.setAttribute('aria-invalid', 'true');
      this.input.classList.add('utrecht-textbox--invalid');
    }
    this.listbox = element('ul', 'kk-combobox__listbox', { id: this.id + '-listbox', role: 'listbox' });
    if (label) {
      label.id = label.id || this.id + '-label';
      this.listbox.setAttribute('aria-labelledby', label.id);
    }
    this.listbox.hidden = true;
    this.status = element('div', 'kk-visually-hidden', { role: 'status', 'aria-live': 'polite' });
    this.box.appendChild(this.input);
    this.box.appendChild(this.listbox);
    this.box.appendChild(this.status);
    select.parentNode.insertBefore(this.box, select);

    if (this.multiple) {
      this.chosen = element('div', 'kk-picker__chosen');
      var heading = element('p', 'kk-picker__chosen-label', { id: this.id + '-chosen' });
      heading.textContent = this.texts.textChosen;
      this.chosenList = element('ul', 'kk-picker__chosen-list', { 'aria-labelledby': heading.id });
      this.chosenNone = element('p', 'utrecht-paragraph kk-muted kk-picker__none');
      this.chosenNone.textContent = this.texts.textNoneChosen;
      this.chosen.appendChild(heading);
      this.chosen.appendChild(this.chosenList);
      this.chosen.appendChild(this.chosenNone);
      this.box.parentNode.insertBefore(this.chosen, this.box.nextSibling);
      this.renderChosen();
    } else {
      this.input.value = this.current() ? this.current().label : '';
    }

    this.input.addEventListener('input', this.onInput.bind(this));
    this.input.addEventListener('keydown', this.onKeydown.bind(this));
    this.input.addEventListener('click', this.onClick.bind(this));
    this.box.addEventListener('focusout', this.onFocusout.bind(this));
    // Keep the focus in the text box when an option is clicked.
    this.listbox.addEventListener('mousedown', function (event) { event.preventDefault(); });
    this.listbox.addEventListener('click', this.onOptionClick.bind(this));
    if (select.hasAttribute('autofocus')) { this.input.focus(); }
  };

  Picker.prototype.current = function () {
    for (var i = 0; i < this.entries.length; i++) {
      if (this.entries[i].option.selected) { return this.entries[i]; }
    }
    return null;
  };

  Picker.prototype.isOpen = function () { return !this.listbox.hidden; };

  Picker.prototype.search = function (query) {
    var words = normalise(query).split(/\s+/).filter(Boolean);
    var multiple = this.multiple;
    var matches = this.entries.filter(function (entry) {
      if (multiple && entry.option.selected) { return false; }
      return words.every(function (word) { return entry.key.indexOf(word) !== -1; });
    });
    if (words.length) {
      var first = words[0];
      matches.sort(function (a, b) {
        return (b.start.indexOf(first) === 0) - (a.start.indexOf(first) === 0);
      });
    }
    return matches;
  };

  Picker.prototype.open = function (query) {
    var matches = this.search(query);
    this.shown = matches.slice(0, MAX_SHOWN);
    this.active = -1;
    this.input.removeAttribute('aria-activedescendant');
    this.listbox.textContent = '';
    var picker = this;
    this.shown.forEach(function (entry, index) {
      var item = element('li', 'kk-combobox__option', {
        id: picker.id + '-option-' + entry.value, role: 'option',
        'aria-selected': (!picker.multiple && entry.option.selected) ? 'true' : 'false'
      });
      item.dataset.index = String(index);
      var text = element('span', 'kk-combobox__label');
      text.textContent = entry.label;
      item.appendChild(text);
      if (entry.hint) {
        var hint = element('span', 'kk-combobox__hint');
        hint.textContent = entry.hint;
        item.appendChild(hint);
      }
      picker.listbox.appendChild(item);
    });
    this.listbox.hidden = this.shown.length === 0;
    this.input.setAttribute('aria-expanded', this.shown.length ? 'true' : 'false');
    if (!matches.length) {
      this.announce(this.texts.textNoResults);
    } else if (matches.length > this.shown.length) {
      this.announce(fill(this.texts.textMore, { shown: this.shown.length, count: matches.length }));
    } else {
      this.announce(fill(this.texts.textResults, { count: matches.length }));
    }
  };

  Picker.prototype.close = function () {
    this.listbox.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    this.active = -1;
  };

  Picker.prototype.move = function (index) {
    var items = this.listbox.children;
    if (!items.length) { return; }
    if (this.active >= 0) { items[this.active].classList.remove('kk-combobox__option--active'); }
    this.active = (index + items.length) % items.length;
    var item = items[this.active];
    item.classList.add('kk-combobox__option--active');
    this.input.setAttribute('aria-activedescendant', item.id);
    if (item.scrollIntoView) { item.scrollIntoView({ block: 'nearest' }); }
  };

  Picker.prototype.choose = function (entry) {
    if (this.multiple) {
      entry.option.selected = true;
      this.input.value = '';
      this.renderChosen();
      this.announce(fill(this.texts.textAdded, { label: entry.label }));
    } else {
      this.select.value = entry.value;
      this.input.value = entry.label;
      this.announce(fill(this.texts.textChosenOne, { label: entry.label }));
    }
    this.close();
    this.select.dispatchEvent(new Event('change', { bubbles: true }));
  };

  Picker.prototype.renderChosen = function () {
    var picker = this;
    var chosen = this.entries.filter(function (entry) { return entry.option.selected; });
    this.chosenList.textContent = '';
    chosen.forEach(function (entry) {
      var item = element('li', 'kk-picker__chosen-item');
      var text = element('span');
      text.textContent = entry.label;
      var button = element('button', 'kk-picker__remove', { type: 'button' });
      var cross = element('span', '', { 'aria-hidden': 'true' });
      cross.textContent = '\u00d7';
      var name = element('span', 'kk-visually-hidden');
      name.textContent = fill(picker.texts.textRemove, { label: entry.label });
      button.appendChild(cross);
      button.appendChild(name);
      button.addEventListener('click', function () {
        entry.option.selected = false;
        picker.renderChosen();
        picker.announce(fill(picker.texts.textRemoved, { label: entry.label }));
        picker.select.dispatchEvent(new Event('change', { bubbles: true }));
        picker.input.focus();
      });
      item.appendChild(text);
      item.appendChild(button);
      picker.chosenList.appendChild(item);
    });
    this.chosenList.hidden = chosen.length === 0;
    this.chosenNone.hidden = chosen.length !== 0;
  };

  Picker.prototype.announce = function (message) {
    var status = this.status;
    window.clearTimeout(this.announceTimer);
    // Wait until typing pauses, so a screen reader reads the count once rather than after every key.
    this.announceTimer = window.setTimeout(function () { status.textContent = message; }, 400);
  };

  Picker.prototype.queryForList = function () {
    // A single choice shows its label in the box: open the whole list then, not only that one entry.
    var current = this.multiple ? null : this.current();
    return current && this.input.value === current.label ? '' : this.input.value;
  };

  Picker.prototype.onInput = function () {
    this.open(this.input.value);
  };

  Picker.prototype.onClick = function () {
    if (!this.isOpen()) { this.open(this.queryForList()); }
  };

  Picker.prototype.onKeydown = function (event) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!this.isOpen()) {
          this.open(this.queryForList());
          if (event.altKey) { return; }
        }
        this.move(this.active + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!this.isOpen()) { this.open(this.queryForList()); }
        this.move(this.active < 0 ? -1 : this.active - 1);
        break;
      case 'Enter':
        if (this.isOpen()) {
          event.preventDefault();  // never submit the form while the list is open
          if (this.active >= 0) { this.choose(this.shown[this.active]); }
        }
        break;
      case 'Escape':
        if (this.isOpen()) {
          event.preventDefault();
          this.close();
        } else if (this.multiple && this.input.value) {
          event.preventDefault();
          this.input.value = '';
        }
        break;
      case 'Tab':
        this.close();
        break;
      default:
        break;
    }
  };

  Picker.prototype.onOptionClick = function (event) {
    var item = event.target.closest('[role="option"]');
    if (item) {
      this.choose(this.shown[Number(item.dataset.index)]);
      this.input.focus();
    }
  };

  Picker.prototype.onFocusout = function (event) {
    if (event.relatedTarget && this.box.contains(event.relatedTarget)) { return; }
    this.close();
    if (!this.multiple) { this.settle(); }
  };

  /* Leaving a single picker: an empty box clears the choice, an exact label chooses it, anything else
     puts back the label of what is chosen (only entries from the list can be chosen). */
  Picker.prototype.settle = function () {
    var text = normalise(this.input.value);
    var current = this.current();
    if (!text) {
      if (current) {
        this.select.value = '';
        this.select.dispatchEvent(new Event('change', { bubbles: true }));
      }
      return;
    }
    if (current && normalise(current.label) === text) { return; }
    var exact = this.entries.filter(function (entry) { return normalise(entry.label) === text; });
    if (exact.length === 1) {
      this.choose(exact[0]);
    } else {
      this.input.value = current ? current.label : '';
    }
  };

  function enhance(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll('select[data-picker]'), function (select) {
      if (!select.dataset.pickerReady) {
        select.dataset.pickerReady = 'true';
        new Picker(select);  // eslint-disable-line no-new
      }
    });
  }

  window.KansenkamerPicker = { enhance: enhance };
  enhance(document);
}());
