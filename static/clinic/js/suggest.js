// Search-as-you-type: fields marked data-suggest="drug|condition|icd10" get a list of the
// words the knowledge base knows, fetched from our own /suggest/ endpoint as the doctor types.
(function () {
  "use strict";
  var WAIT_MS = 150;

  function attach(input) {
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    input.after(list);
    var timer = null;
    var asked = "";

    function show(terms) {
      list.replaceChildren();
      terms.forEach(function (term) {
        var option = document.createElement("option");
        option.value = term.text;
        option.label = term.label;
        list.appendChild(option);
      });
    }

    function ask() {
      var typed = input.value.trim();
      if (typed === asked) return;
      asked = typed;
      if (!typed) { show([]); return; }
      var url = input.dataset.suggestUrl + "?kind=" + encodeURIComponent(input.dataset.suggest) +
        "&q=" + encodeURIComponent(typed);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { terms: [] }; })
        .then(function (answer) { if (asked === typed) show(answer.terms || []); })
        .catch(function () { show([]); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, WAIT_MS);
    });
  }

  document.querySelectorAll("input[data-suggest]").forEach(attach);
})();
