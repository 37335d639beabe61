/* Run mode (samling/): the plan's steps one at a time on a shared screen, with a countdown of
 * each step's minutes from the exercise's YAML. Start/pause, next and previous by keyboard
 * (Space, arrows, PageUp/PageDown) and by click; the end of a step turns the screen's clock
 * red and says so (a sound only when switched on); silent-writing steps are marked; the screen
 * is kept awake where the browser allows (Wake Lock).
 * The clock is injectable: window.HandbookClock = {now(), every(ms, fn) -> id, cancel(id)}
 * replaces the browser's clock (the tests control time with it). */
(() => {
  "use strict";

  const root = document.querySelector("[data-hb-session]");
  if (!root) return;
  const Core = window.HandbookSessionCore;
  const { fill } = window.HandbookAssessmentCore;
  const t = JSON.parse(root.querySelector("script.hb-data").textContent)[0].strings;
  const $ = (name) => root.querySelector(`[data-hb="${name}"]`);
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

  function showNotes(on) {
    const slot = $("run-notes-slot");
    slot.hidden = !on;
    $("run-notes").setAttribute("aria-expanded", String(on));
    dialog.classList.toggle("hb-run--notes", on);
    if (on) {
      slot.append(notes);
      notes.querySelector("textarea").focus();
    } else {
      notesHome.after(notes);
    }
  }

  // --- opening, closing, keys ----------------------------------------------------------------
  function open() {
    if (!steps.length) return;
    state = Core.timer.create(steps.length);
    signalled = false;
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

  // On the document: a button that turns disabled (Next on the last step) drops the focus.
  document.addEventListener("keydown", (event) => {
    if (!dialog.open) return;
    const typing = event.target.closest("textarea, input, select");
    const onButton = event.target.closest("button, a, label");
    const key = event.key;
    if (typing || event.altKey || event.ctrlKey || event.metaKey) return;
    if (key === " " && !onButton) toggle();
    else if (key === "ArrowRight" || key === "PageDown") go(state.index + 1);
    else if (key === "ArrowLeft" || key === "PageUp") go(state.index - 1);
    else if (key === "n" || key === "N") showNotes($("run-notes-slot").hidden);
    else return;
    event.preventDefault();
  });

  $("run").addEventListener("click", open);
  $("run-toggle").addEventListener("click", toggle);
  $("run-next").addEventListener("click", () => go(state.index + 1));
  $("run-previous").addEventListener("click", () => go(state.index - 1));
  $("run-close").addEventListener("click", () => dialog.close());
  $("run-notes").addEventListener("click", () => showNotes($("run-notes-slot").hidden));
  $("run-fullscreen").addEventListener("click", () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else dialog.requestFullscreen?.().catch(() => {});
  });
})();
