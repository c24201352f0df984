// Loads the questionnaire engine (WebAssembly) and records on <html> whether this browser can run it:
// data-engine is "loading" in the markup, then "ready" (with data-engine-version) or "unsupported".
// The engine's URLs come from data-engine-js and data-engine-wasm on <html>, because the file names
// carry content hashes and the CSP forbids inline scripts.

const UNSUPPORTED_MESSAGE =
  "This browser cannot run the questionnaires. Please use the paper version, or staff can enter " +
  "the paper answers in the staff scoring tool on another device. The reading pages still work.";

// Many screen readers announce a live region's text only when it changes after the region is shown, so the
// text is added a moment after the status element is revealed.
const ANNOUNCE_DELAY_MS = 100;

const root = document.documentElement;

// Sets data-engine="unsupported" only once the message is in place, so anything waiting for that
// state finds the message too.
function showUnsupported() {
  const status = document.getElementById("engine-status");
  if (!status) {
    root.dataset.engine = "unsupported";
    return;
  }

  status.textContent = "";
  status.hidden = false;
  setTimeout(() => {
    status.textContent = UNSUPPORTED_MESSAGE;
    root.dataset.engine = "unsupported";
  }, ANNOUNCE_DELAY_MS);
}

async function loadEngine() {
  const engineJs = root.dataset.engineJs;
  const engineWasm = root.dataset.engineWasm;
  if (typeof WebAssembly !== "object" || !engineJs || !engineWasm) {
    showUnsupported();
    return null;
  }

  try {
    const engine = await import(engineJs);

    // Without 'wasm-unsafe-eval' support the CSP blocks compiling the module, and this call rejects.
    await engine.default({ module_or_path: engineWasm });

    root.dataset.engineVersion = String(engine.engineVersion());
    root.dataset.engine = "ready";
    return engine;
  } catch (error) {
    console.warn("The questionnaire engine failed to load:", error);
    showUnsupported();
    return null;
  }
}

/** The engine's module once it has loaded, or null when this browser cannot run it. */
export const engineReady = loadEngine();

// Registers the service worker when the site is built for offline use (data-service-worker on <html>).
// Browsers allow workers only in a secure context; elsewhere the site simply stays online-only.
function registerServiceWorker() {
  const url = root.dataset.serviceWorker;
  if (!url || !("serviceWorker" in navigator) || !window.isSecureContext) {
    return;
  }
  navigator.serviceWorker.register(url).catch((error) => {
    console.warn("Offline use is not available:", error);
  });
}

registerServiceWorker();
