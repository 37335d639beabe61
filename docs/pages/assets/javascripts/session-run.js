/* Run mode (samling/): the plan's steps one at a time on a shared screen, with a countdown of
 * each step's minutes from the exercise's YAML. Start/pause, next and previous by keyboard
 * (Space, arrows, PageUp/PageDown: what a presentation clicker sends) and by click; B or "."
 * blanks the screen; the end of a step turns the screen's clock
 * red and says so (a sound only when switched on); silent-writing steps are marked; the screen
 * is kept awake where the browser allows (Wake Lock).
 * The clock is injectable: window.HandbookClock = {now(), every(ms, fn) -> id, cancel(id)}
 * replaces the browser's clock (the tests control time with it). */
(() => {
  "use strict";

  const Page = window.HandbookPage;

  Page.ready("[data-hb-session]", (root, data) => {
    const Core = window.HandbookSessionCore;
    const { fill } = Page;
    const t = data.strings;
    const $ = Page.finder(root);
    const clock = window.HandbookClock || {
      now: () => Date.now(),
      every: (ms, fn) => window.setInterval(fn, ms),
      cancel: (id) => window.clearInterval(id),
    };
    const dialog = $("run-dialog");
    let steps = [];
    let state = Core.timer.create(1);
    let ticking = null;
    let signalled = false;
    let wakeLock = null;

    // A programme session's "run" link (#…&run=1) opens run mode as soon as the plan is read.
    let runAtOnce = new URLSearchParams(location.hash.replace(/^#/, "")).get("run") === "1";

    root.addEventListener("hb-plan", (event) => {
      steps = event.detail.steps;
      if (runAtOnce && steps.length) {
        runAtOnce = false;
        open();
      }
    });

    // --- the screen ----------------------------------------------------------------------------
    function show() {
      const step = steps[state.index];
      const left = Core.timer.left(state, clock.now(), step.minutes);
      const over = left <= 0;
      $("run-part").textContent = step.part;
      $("run-part-of").textContent = fill(t.part_of, { number: step.partNumber, total: step.parts });
      $("run-step-of").textContent = fill(t.step_of, { number: step.stepNumber, total: step.steps });
      $("run-text").textContent = step.text;
      $("run-silent").hidden = !step.silent;
      $("run-clock").textContent = Core.countdown(left);
      $("run-bar").style.width = `${Math.min(100, 100 * (1 - left / (step.minutes * 60000)))}%`;
      dialog.classList.toggle("hb-run--over", over);
      dialog.classList.toggle("hb-run--running", state.running);
      const last = state.index === steps.length - 1;
      const status = over ? (last ? `${t.time_up}. ${t.finished}` : t.time_up)
        : state.running ? "" : state.elapsed ? t.paused : t.ready;
      if ($("run-state").textContent !== status) $("run-state").textContent = status;
      $("run-toggle").textContent = state.running ? t.pause_timer : t.start_timer;
      $("run-previous").disabled = state.index === 0;
      $("run-next").disabled = state.index === steps.length - 1;
      if (over && !signalled) {
        signalled = true;
        if ($("run-sound").checked) beep();
      }
    }

    function beep() {
      try {
        const audio = new AudioContext();
        const tone = audio.createOscillator();
        tone.frequency.value = 660;
        tone.connect(audio.destination);
        tone.start();
        tone.stop(audio.currentTime + 0.4);
      } catch {
        // no sound on this device: the screen still says the time is up
      }
    }

    // --- the timer -----------------------------------------------------------------------------
    function toggle() {
      state = state.running ? Core.timer.pause(state, clock.now()) : Core.timer.start(state, clock.now());
      keepAwake(state.running);
      show();
    }

    function go(index) {
      state = Core.timer.go(state, index);
      signalled = false;
      keepAwake(false);
      show();
      if (document.activeElement.disabled || !dialog.contains(document.activeElement)) {
        $("run-toggle").focus();
      }
    }

    async function keepAwake(on) {
      try {
        if (on && !wakeLock && "wakeLock" in navigator && document.visibilityState === "visible") {
          wakeLock = await navigator.wakeLock.request("screen");
          wakeLock.addEventListener("release", () => {
            wakeLock = null;
            $("run-awake").hidden = true;
          });
          $("run-awake").hidden = false;
        } else if (!on && wakeLock) {
          await wakeLock.release();
        }
      } catch {
        $("run-awake").hidden = true;  // not allowed here (battery saver, no permission)
      }
    }

    document.addEventListener("visibilitychange", () => keepAwake(state.running && dialog.open));

    // --- notes beside the steps: the page's one notes section moves in and back -------------
    const notes = $("notes");
    const notesHome = document.createComment("notes");
    notes.before(notesHome);

    /** Open or close the notes beside the steps. Opening does not put the caret in them: the
     * clicker's keys go on driving the steps until the facilitator clicks into a field (or
     * reaches it with Tab) to type. */
    function showNotes(on) {
      const slot = $("run-notes-slot");
      const typing = slot.contains(document.activeElement);
      slot.hidden = !on;
      $("run-notes").setAttribute("aria-expanded", String(on));
      dialog.classList.toggle("hb-run--notes", on);
      if (on) slot.append(notes);
      else notesHome.after(notes);
      if (typing && !on) $("run-notes").focus();
    }

    function blank(on) {
      $("run-blank").hidden = !on;
    }

    // --- opening, closing, keys ----------------------------------------------------------------
    function open() {
      if (!steps.length) return;
      state = Core.timer.create(steps.length);
      signalled = false;
      blank(false);
      dialog.showModal();
      show();
      $("run-toggle").focus();
      ticking = clock.every(250, show);
    }

    dialog.addEventListener("close", () => {
      clock.cancel(ticking);
      state = Core.timer.pause(state, clock.now());
      keepAwake(false);
      showNotes(false);
      if (document.fullscreenElement) document.exitFullscreen();
      $("run").focus();
    });

    /** Esc closes the innermost thing: the blank screen, then the notes, then run mode. */
    function escape() {
      if (!$("run-blank").hidden) blank(false);
      else if (!$("run-notes-slot").hidden) showNotes(false);
      else dialog.close();
    }

    // The browser's own Esc (the dialog's cancel) goes the same way.
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      escape();
    });

    // What a presentation clicker sends: PageUp/PageDown or the arrows, Space to start and
    // pause, B or "." for a blank screen. Caught on the document in the capture phase, before a
    // focused button acts on Space. While a field of the notes has the caret, only the keys no
    // one types (PageUp, PageDown, Esc) drive run mode; everything else types.
    const STEP_KEYS = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 };
    const TYPED_KEYS = new Set(["ArrowRight", "ArrowLeft", " ", "b", "B", ".", "n", "N"]);

    document.addEventListener("keydown", (event) => {
      if (!dialog.open || event.altKey || event.ctrlKey || event.metaKey) return;
      const key = event.key;
      const typing = event.target.closest("textarea, input:not([type=checkbox]), select");
      if (typing && TYPED_KEYS.has(key)) return;
      if (key in STEP_KEYS) {
        blank(false);
        go(state.index + STEP_KEYS[key]);
      } else if (key === " ") {
        toggle();
      } else if (key === "b" || key === "B" || key === ".") {
        blank($("run-blank").hidden);
      } else if (key === "n" || key === "N") {
        showNotes($("run-notes-slot").hidden);
      } else if (key === "Escape") {
        escape();
      } else {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
    }, true);
    // Space on a focused button acts on keyup: the keydown above already did what Space does.
    document.addEventListener("keyup", (event) => {
      if (dialog.open && event.key === " " && !event.target.closest("textarea, input:not([type=checkbox]), select")) {
        event.preventDefault();
      }
    }, true);

    $("run").addEventListener("click", open);
    $("run-toggle").addEventListener("click", toggle);
    $("run-next").addEventListener("click", () => go(state.index + 1));
    $("run-previous").addEventListener("click", () => go(state.index - 1));
    $("run-close").addEventListener("click", () => dialog.close());
    $("run-notes").addEventListener("click", () => showNotes($("run-notes-slot").hidden));
    $("run-blank").addEventListener("click", () => blank(false));
    $("run-fullscreen").addEventListener("click", () => {
      if (document.fullscreenElement) document.exitFullscreen();
      else dialog.requestFullscreen?.().catch(() => {});
    });
  });
})();
