// Live reload for `attendance-guide serve`: reloads the page after a successful rebuild and shows the
// errors of a failed one in an overlay. Served by the development server only, never built into a site.
// Styles are set through the CSSOM because the Content Security Policy forbids inline style attributes.

const OVERLAY_ID = "attendance-guide-errors";

function style(element, values) {
  Object.assign(element.style, values);
  return element;
}

function removeOverlay() {
  document.getElementById(OVERLAY_ID)?.remove();
}

function showOverlay(errors) {
  removeOverlay();
  if (errors.length === 0) {
    return;
  }
  const overlay = style(document.createElement("section"), {
    position: "fixed", inset: "0", zIndex: "2147483647", overflow: "auto", padding: "2rem",
    background: "rgba(20, 20, 20, 0.94)", color: "#fff", font: "16px/1.5 system-ui, sans-serif",
  });
  overlay.id = OVERLAY_ID;
  overlay.setAttribute("role", "alertdialog");
  overlay.setAttribute("aria-labelledby", `${OVERLAY_ID}-title`);

  const title = document.createElement("h2");
  title.id = `${OVERLAY_ID}-title`;
  title.textContent = errors.length === 1 ? "The build failed with 1 error" : `The build failed with ${errors.length} errors`;
  const note = document.createElement("p");
  note.textContent = "Fix the file and save it; this page updates by itself. The terminal shows the same errors.";
  overlay.append(title, note);

  const list = document.createElement("ol");
  for (const error of errors) {
    const item = style(document.createElement("li"), { marginBottom: "1rem" });
    const where = style(document.createElement("code"), { color: "#ffd479", fontWeight: "bold" });
    where.textContent = error.location;
    const message = document.createElement("div");
    message.textContent = error.message;
    item.append(where, message);
    if (error.help) {
      const help = style(document.createElement("div"), { color: "#9fe2bf", whiteSpace: "pre-wrap" });
      help.textContent = `Fix: ${error.help}`;
      item.append(help);
    }
    list.append(item);
  }
  const close = document.createElement("button");
  close.type = "button";
  close.textContent = "Hide until the next build";
  close.addEventListener("click", removeOverlay);
  overlay.append(list, close);
  document.body.append(overlay);
  close.focus();
}

async function refreshErrors() {
  try {
    const response = await fetch("/__live/errors", { cache: "no-store" });
    showOverlay(await response.json());
  } catch {
    // The server has stopped; the event stream reconnects when it is back.
  }
}

const events = new EventSource("/__live/events");
events.addEventListener("reload", () => window.location.reload());
events.addEventListener("errors", refreshErrors);
refreshErrors();
