// Glossary terms in the page text. The build marks the first appearance of each term as
// `<span class="term">` holding a link to the glossary entry (`.term__link`) and the definition in a
// hidden tooltip (`.term__tip`, the link's aria-describedby). This script swaps each link for a button
// that shows the tooltip on hover, keyboard focus and tap. Escape, a tap elsewhere or moving away hides
// it again. Without this script the links lead to the glossary page.

/** Time the pointer may take to cross from the term to its tooltip before the tooltip hides, in ms. */
const HIDE_DELAY_MS = 300;

/** Space kept between a tooltip and the edge of the viewport, in px. */
const VIEWPORT_MARGIN_PX = 8;

let open = null; // { term, tip, pinned }
let hideTimer = 0;

function show(term, tip, pinned) {
  window.clearTimeout(hideTimer);
  if (open && open.term !== term) {
    hide();
  }
  open = { term, tip, pinned: pinned || Boolean(open?.pinned && open.term === term) };
  term.classList.add('term--open');
  tip.hidden = false;
  place(tip);
}

function hide() {
  window.clearTimeout(hideTimer);
  if (!open) {
    return;
  }
  open.term.classList.remove('term--open');
  open.tip.hidden = true;
  open.tip.classList.remove('term__tip--above');
  open.tip.style.removeProperty('left');
  open = null;
}

function hideSoon(term) {
  window.clearTimeout(hideTimer);
  hideTimer = window.setTimeout(() => {
    if (open?.term === term && !open.pinned && !term.contains(document.activeElement)) {
      hide();
    }
  }, HIDE_DELAY_MS);
}

// Keeps the tooltip inside the viewport: shifted left when it would run off the right edge, and above
// the term when there is no room below.
function place(tip) {
  tip.style.removeProperty('left');
  tip.classList.remove('term__tip--above');
  const box = tip.getBoundingClientRect();
  const viewportWidth = document.documentElement.clientWidth;
  const overflowRight = box.right - (viewportWidth - VIEWPORT_MARGIN_PX);
  const shift = overflowRight > 0 ? Math.min(overflowRight, box.left - VIEWPORT_MARGIN_PX) : 0;
  if (shift > 0) {
    tip.style.setProperty('left', `${-shift}px`);
  }
  const roomAbove = tip.parentElement.getBoundingClientRect().top;
  if (box.bottom > window.innerHeight && roomAbove > box.height + VIEWPORT_MARGIN_PX) {
    tip.classList.add('term__tip--above');
  }
}

function enhance(term) {
  const link = term.querySelector('.term__link');
  const tip = term.querySelector('.term__tip');
  if (!link || !tip) {
    return;
  }
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'term__button';
  button.textContent = link.textContent;
  button.setAttribute('aria-describedby', tip.id);
  link.replaceWith(button);

  button.addEventListener('focus', () => show(term, tip, false));
  button.addEventListener('blur', () => {
    if (open?.term === term && !open.pinned) {
      hideSoon(term);
    }
  });
  button.addEventListener('click', () => {
    if (open?.term === term && open.pinned) {
      hide();
    } else {
      show(term, tip, true);
    }
  });
  term.addEventListener('pointerenter', (event) => {
    if (event.pointerType === 'mouse') {
      show(term, tip, false);
    }
  });
  term.addEventListener('pointerleave', (event) => {
    if (event.pointerType === 'mouse') {
      hideSoon(term);
    }
  });
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && open) {
    hide();
  }
});

// A tap or click outside the open term closes it.
document.addEventListener('pointerdown', (event) => {
  if (open && !open.term.contains(event.target)) {
    hide();
  }
});

// Scrolling (smooth scrolling to a focused term included) can leave the tooltip's place stale.
let placeRequested = false;
function placeOpenTip() {
  if (!open || placeRequested) {
    return;
  }
  placeRequested = true;
  window.requestAnimationFrame(() => {
    placeRequested = false;
    if (open) {
      place(open.tip);
    }
  });
}
window.addEventListener('scroll', placeOpenTip, { passive: true });
window.addEventListener('resize', placeOpenTip);

for (const term of document.querySelectorAll('.term')) {
  enhance(term);
}
