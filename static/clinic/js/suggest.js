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

  // The engine's verdict on a medication line, under the field, before saving: a line it does
  // not recognise was not checked, and the closest known names replace its head in one click.
  var CHECK_WAIT_MS = 400;

  function headReplaced(line, name) {
    var rest = line.match(/\s+\S*\d.*$/);  // the dose and what follows it stay as typed
    return name + (rest ? rest[0] : "");
  }

  function verdictWords(verdict) {
    if (verdict.status === "not_recognised") {
      return "Not recognised: Ekbom cannot check this line for drugs that aggravate RLS." +
        (verdict.suggestions.length ? " Did you mean:" : "");
    }
    if (verdict.status === "approximate") {
      return "Read approximately as " + verdict.matched.join(", ") + ".";
    }
    return "";
  }

  function attachVerdict(input) {
    var box = document.createElement("div");
    box.className = "medication-verdict form-text";
    box.setAttribute("role", "status");
    box.setAttribute("aria-live", "polite");
    input.parentNode.appendChild(box);
    var timer = null;
    var asked = null;

    function show(verdict) {
      box.replaceChildren(document.createTextNode(verdictWords(verdict)));
      box.dataset.status = verdict.status || "";
      (verdict.suggestions || []).forEach(function (suggestion) {
        var name = suggestion.split(" (")[0];
        var button = document.createElement("button");
        button.type = "button";
        button.className = "btn btn-sm btn-outline-secondary ms-1";
        button.textContent = suggestion;
        button.addEventListener("click", function () {
          input.value = headReplaced(input.value.trim(), name);
          input.dispatchEvent(new Event("input"));
          input.focus();
        });
        box.appendChild(button);
      });
    }

    function check() {
      var line = input.value.trim();
      if (line === asked) return;
      asked = line;
      var url = input.dataset.verdictUrl + "?line=" + encodeURIComponent(line);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { status: "" }; })
        .then(function (verdict) { if (asked === line) show(verdict); })
        .catch(function () { show({ status: "" }); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(check, CHECK_WAIT_MS);
    });
    if (input.value.trim()) check();
  }

  document.querySelectorAll("input[data-suggest]").forEach(attach);
  document.querySelectorAll("input[data-verdict-url]").forEach(attachVerdict);
})();
