// Progressive enhancements only; every page works without JavaScript.
document.documentElement.classList.add("js");

// Confirm destructive actions marked with data-confirm: one box per action. Listening on the
// document in the capture phase runs before htmx's own submit handler on the form (so a
// refusal stops htmx requests too) and also covers forms that htmx swapped in later.
document.addEventListener(
  "submit",
  (event) => {
    const form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopPropagation();
    }
  },
  true,
);

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

// Header navigation. The menus are details/summary elements (usable without JavaScript);
// here: only one menu open at a time, Escape closes a menu and returns focus to its
// summary, a click or focus outside closes it. Below 64rem the whole menu hides behind the
// "Menü" button, which reports its state in aria-expanded.
document.addEventListener("DOMContentLoaded", () => {
  const menus = Array.from(document.querySelectorAll("[data-nav-menu]"));
  const toggle = document.querySelector("[data-menu-toggle]");
  const panel = toggle ? document.getElementById(toggle.getAttribute("aria-controls")) : null;
  const narrow = window.matchMedia("(max-width: 64rem)");

  const closeMenus = (except) => {
    menus.forEach((menu) => {
      if (menu !== except) {
        menu.open = false;
      }
    });
  };
  const setPanel = (open) => {
    if (!toggle || !panel) {
      return;
    }
    toggle.setAttribute("aria-expanded", String(open));
    panel.classList.toggle("is-open", open);
  };

  menus.forEach((menu) => {
    menu.addEventListener("toggle", () => {
      if (menu.open) {
        closeMenus(menu);
      }
    });
    menu.addEventListener("focusout", (event) => {
      if (!narrow.matches && menu.open && !menu.contains(event.relatedTarget)) {
        menu.open = false;
      }
    });
  });

  if (toggle && panel) {
    toggle.addEventListener("click", () => {
      setPanel(toggle.getAttribute("aria-expanded") !== "true");
    });
    narrow.addEventListener("change", () => setPanel(false));
  }

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") {
      return;
    }
    const open = menus.find((menu) => menu.open);
    if (open) {
      open.open = false;
      open.querySelector("summary").focus();
      event.preventDefault();
    } else if (toggle && panel && panel.classList.contains("is-open")) {
      setPanel(false);
      toggle.focus();
      event.preventDefault();
    }
  });

  document.addEventListener("click", (event) => {
    if (!menus.some((menu) => menu.contains(event.target))) {
      closeMenus(null);
    }
  });
});

// After an htmx swap the button that was pressed is gone: move the focus to the confirmation
// (or error) in the new content, marked data-focus-after-swap, so that keyboard and screen
// reader users hear the result and continue from there.
document.addEventListener("htmx:afterSettle", (event) => {
  const target = event.detail.target;
  if (!target) {
    return;
  }
  const scope = target.isConnected ? target : target.id && document.getElementById(target.id);
  const confirmation = scope && scope.querySelector("[data-focus-after-swap]");
  if (confirmation) {
    confirmation.focus();
  }
});
