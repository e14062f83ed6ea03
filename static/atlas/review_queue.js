/* Review queue: keyboard-driven. j/k next/previous row, o or Enter open, c confirm the
   current row, s skip it (next), x select it for a bulk action. */
(function () {
  "use strict";
  const rows = Array.from(document.querySelectorAll("#review-table tbody tr[data-id]"));
  const form = document.getElementById("bulk-form");
  let current = rows.length ? 0 : -1;

  function focus(index) {
    if (!rows.length) return;
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach((row, i) => row.classList.toggle("current", i === current));
    rows[current].focus();
  }

  function confirmCurrent() {
    const row = rows[current];
    if (!row) return;
    form.querySelectorAll("input[name=ids]").forEach((box) => { box.checked = box.value === row.dataset.id; });
    form.querySelector("select[name=action]").value = "confirm";
    form.submit();
  }

  document.addEventListener("keydown", (event) => {
    const tag = (event.target.tagName || "").toLowerCase();
    if (["input", "select", "textarea"].includes(tag) || event.ctrlKey || event.metaKey || event.altKey) return;
    const row = rows[current];
    switch (event.key) {
      case "j": case "s": focus(current + 1); break;
      case "k": focus(current - 1); break;
      case "o": case "Enter": if (row) window.location.assign(row.dataset.url); break;
      case "c": confirmCurrent(); break;
      case "x": if (row) { const box = row.querySelector("input[name=ids]"); box.checked = !box.checked; } break;
      default: return;
    }
    event.preventDefault();
  });
  focus(0);
})();
