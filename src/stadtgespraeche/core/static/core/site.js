// Progressive enhancements only; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Confirm destructive actions marked with data-confirm.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });
});

// Filterable checkbox lists (core.forms.FilterableCheckboxSelectMultiple): show the filter
// field and hide the options whose label does not contain the typed text; chosen options
// stay visible. Without JavaScript the whole list is shown.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-check-filter]").forEach((container) => {
    const input = container.querySelector("[data-check-filter-input]");
    const status = container.querySelector("[data-check-filter-status]");
    const options = Array.from(container.querySelectorAll("[data-check-filter-option]"));
    if (!input) {
      return;
    }
    input.closest("[data-check-filter-field]").hidden = false;
    const normalise = (text) => text.toLocaleLowerCase("de").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    input.addEventListener("input", () => {
      const term = normalise(input.value.trim());
      let shown = 0;
      options.forEach((option) => {
        const box = option.querySelector("input");
        const match = !term || normalise(option.textContent).includes(term) || (box && box.checked);
        option.hidden = !match;
        if (match) {
          shown += 1;
        }
      });
      if (status) {
        status.textContent = status.dataset.template
          .replace("{shown}", String(shown))
          .replace("{total}", String(options.length));
      }
    });
  });
});
