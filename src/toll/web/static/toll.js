// Keyboard shortcuts for the review queue: s = same, d = different, k = skip.
document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const tag = (event.target.tagName || "").toLowerCase();
  if (tag === "input" || tag === "textarea" || tag === "select") return;
  const target = document.querySelector(`[data-review] [data-key="${event.key}"]`);
  if (target) {
    event.preventDefault();
    target.click();
  }
});
