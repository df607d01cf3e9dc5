// The pipeline's columns: dropping a card on another column opens the stage-move step for that
// column's stage (the reason, the email draft) in a dialog; nothing moves until it is confirmed.
// While a card is dragged, a bar of every stage stays in view, so a column scrolled out of sight
// is a drop target too. Without JavaScript, or without a mouse, each card's "Move" link opens the
// same step as a page.
(function () {
  "use strict";
  const board = document.querySelector("[data-kanban]");
  const dialog = document.getElementById("move-dialog");
  if (!board || !dialog || !window.htmx || typeof dialog.showModal !== "function") {
    return;
  }
  const body = document.getElementById("move-dialog-body");
  const title = document.getElementById("move-dialog-title");
  const dropBar = document.querySelector("[data-drop-bar]");
  let dragged = null;
  let returnFocus = null;

  function columnOf(event) {
    const column = event.target.closest(".kanban-column, .kanban-drop");
    return column && dragged && column.dataset.stage !== dragged.dataset.stage ? column : null;
  }

  function unmark() {
    document.querySelectorAll(".drop-target").forEach((column) => column.classList.remove("drop-target"));
  }

  board.addEventListener("dragstart", (event) => {
    dragged = event.target.closest(".kanban-card");
    if (!dragged) {
      return;
    }
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.dataset.name);
    dragged.classList.add("dragging");
    dropBar.hidden = false;
  });

  board.addEventListener("dragend", () => {
    if (dragged) {
      dragged.classList.remove("dragging");
    }
    dragged = null;
    dropBar.hidden = true;
    unmark();
  });

  function onDragOver(event) {
    const column = columnOf(event);
    if (column) {
      event.preventDefault(); // allows the drop
      event.dataTransfer.dropEffect = "move";
      unmark();
      column.classList.add("drop-target");
    }
  }

  function onDrop(event) {
    const column = columnOf(event);
    if (column) {
      event.preventDefault();
      openMove(dragged, column);
    }
    unmark();
  }

  for (const area of [board, dropBar]) {
    area.addEventListener("dragover", onDragOver);
    area.addEventListener("drop", onDrop);
  }

  // The move step of ``card`` to ``column``'s stage, loaded into the dialog.
  function openMove(card, column) {
    const query = new URLSearchParams({ to: column.dataset.stage, next: board.dataset.back });
    returnFocus = card.querySelector(".card-name");
    title.textContent = `Move ${card.dataset.name} to ${column.dataset.label}`;
    window.htmx
      .ajax("GET", `${card.dataset.moveUrl}?${query}`, { target: body, swap: "innerHTML" })
      .then(() => {
        dialog.showModal();
        const reason = body.querySelector("[name=reason]"); // the stage is chosen: the why comes next
        if (reason) {
          reason.focus();
        }
      });
  }

  dialog.addEventListener("click", (event) => {
    if (event.target.closest("[data-close]")) {
      dialog.close();
    }
  });
  dialog.addEventListener("close", () => {
    body.replaceChildren();
    if (returnFocus) {
      returnFocus.focus();
    }
  });
})();
