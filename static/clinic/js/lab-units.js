// Offer only the units valid for the chosen analyte; the server validates either way.
(function () {
  "use strict";
  document.querySelectorAll("select[data-units-for]").forEach(function (unitSelect) {
    var analyteSelect = document.getElementById(unitSelect.dataset.unitsFor);
    if (!analyteSelect) return;
    var unitsByAnalyte = JSON.parse(unitSelect.dataset.units || "{}");
    var allOptions = Array.prototype.slice.call(unitSelect.options);

    function filterUnits() {
      var allowed = unitsByAnalyte[analyteSelect.value];
      var current = unitSelect.value;
      unitSelect.replaceChildren();
      allOptions.forEach(function (option) {
        if (option.value === "" || !allowed || allowed.indexOf(option.value) !== -1) {
          unitSelect.appendChild(option);
        }
      });
      var stillValid = !allowed || allowed.indexOf(current) !== -1;
      unitSelect.value = stillValid ? current : (allowed.length === 1 ? allowed[0] : "");
    }

    analyteSelect.addEventListener("change", filterUnits);
    filterUnits();
  });
})();
