// Keyboard shortcuts for the people who triage candidates, on every page they see:
//   j / k  the next / previous candidate of a list (board rows, column cards, search results)
//   o      open the chosen candidate (Enter too)
//   m      move the chosen candidate's stage (on a candidate's page: its move form)
//   /      search: the page's own search field, or the search across ads
//   ?      show the list of shortcuts (Escape hides it)
// Nothing fires while typing in a field, with Ctrl, Alt or Meta held, or under an open dialog
// (Escape closes it, as browsers do). Everything a key does is also a link or a button.
(function () {
  "use strict";
  const help = document.getElementById("shortcuts-help");
  if (!help || typeof help.showModal !== "function") {
    return;
  }
  let current = null; // the chosen item: a row or card with data-shortcut-item

  function items() {
    return Array.from(document.querySelectorAll("[data-shortcut-item]"));
  }

  function isTyping(target) {
    return target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  function choose(step) {
    const all = items();
    if (all.length === 0) {
      return;
    }
    const at = all.indexOf(current);
    const next = at === -1 ? (step > 0 ? 0 : all.length - 1) : Math.min(Math.max(at + step, 0), all.length - 1);
    current = all[next];
    current.focus();
    current.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  function chosen() {
    // The item focused, or holding the focus (its link), or the one chosen last.
    const focused = document.activeElement && document.activeElement.closest("[data-shortcut-item]");
    return focused || (current && document.contains(current) ? current : null);
  }

  function search() {
    const field = document.querySelector("[data-shortcut-search]");
    if (field) {
      const folded = field.closest("details");
      if (folded) {
        folded.open = true;
      }
      field.focus();
      field.select();
    } else if (document.body.dataset.searchUrl) {
      window.location.assign(document.body.dataset.searchUrl);
    }
  }

  function move() {
    const item = chosen();
    if (item && item.dataset.movePage) {
      window.location.assign(item.dataset.movePage);
      return;
    }
    const form = document.querySelector("[data-shortcut-move]"); // a candidate's page
    if (form) {
      form.focus();
    }
  }

  const actions = {
    j: () => choose(1),
    k: () => choose(-1),
    o: () => {
      const item = chosen();
      if (item && item.dataset.openUrl) {
        window.location.assign(item.dataset.openUrl);
      }
    },
    m: move,
    "/": search,
    "?": () => help.showModal(),
  };

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) {
      return;
    }
    if (document.querySelector("dialog[open]")) {
      return; // the dialog has the keyboard; Escape closes it
    }
    if (isTyping(event.target)) {
      return;
    }
    let action = actions[event.key];
    if (!action && event.key === "Enter" && event.target.matches("[data-shortcut-item]")) {
      action = actions.o; // a chosen row or card itself (not a link or button in it) opens on Enter
    }
    if (action) {
      event.preventDefault();
      action();
    }
  });

  document.querySelectorAll("[data-shortcuts-open]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => help.showModal());
  });
  help.addEventListener("click", (event) => {
    if (event.target.closest("[data-close]")) {
      help.close();
    }
  });
})();
