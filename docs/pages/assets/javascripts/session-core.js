/* The session page's logic, with no DOM and no network: the plan in the page's address, the
 * filter of exercises, the timed agenda, the run-mode timer, merging notes, and the calendar
 * file. The same file runs in the browser (window.HandbookSessionCore) and in Node (the unit
 * tests, tests/test_session_core.py). Exercises, steps and strings come from the page. */
window.HandbookSessionCore = (() => {
  "use strict";

  const NOTES_FORMAT = "samarbeid-i-ledergruppa/samling";
  // Notes saved while the handbook had its first name, «Velfungerende ledergruppe»: still read.
  const FORMER_NOTES_FORMAT = "velfungerende-ledergruppe/samling";
  const NOTE_KEYS = ["agreements", "decisions", "next_steps"];
  const FOCUS = ["one", "mine", "group"];
  const BREAK = /^:(\d{1,3})$/;  // a break in the plan's item list: ":10" (ids have no colon)
  const DEFAULTS = { focus: "one", recommendations: [], date: "", start: "09:00", slot: 90,
                     size: 8, longest: 90, items: [] };
  const LIMITS = { slot: [10, 600], size: [2, 60], longest: [5, 600], pause: [1, 120] };
  const MAX_ITEMS = 40;

  const clamp = (value, [low, high]) => Math.min(high, Math.max(low, value));

  function wholeNumber(text, limits, fallback) {
    return /^\d{1,4}$/.test(text || "") ? clamp(Number(text), limits) : fallback;
  }

  function validTime(text) {
    const match = typeof text === "string" ? /^(\d{2}):(\d{2})$/.exec(text) : null;
    return Boolean(match) && Number(match[1]) < 24 && Number(match[2]) < 60;
  }

  function validDate(text) {
    return typeof text === "string" && /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text));
  }

  /** The plan as the part of the address after "#": ids, numbers, a date and a time, the
   * same in every language. Only ASCII letters, digits and - , : = & (safe in a fragment). */
  function planHash(plan) {
    const parts = [
      ["f", plan.focus], ["r", plan.recommendations.join(",")], ["d", plan.date],
      ["t", plan.start], ["len", plan.slot], ["n", plan.size], ["max", plan.longest],
      ["i", plan.items.map((item) => (item.pause ? ":" + item.pause : item.id)).join(",")],
    ];
    return parts.filter(([, value]) => value !== "" && value !== undefined)
      .map(([key, value]) => key + "=" + value).join("&");
  }

  /** Read a plan from an address fragment (with or without "#"); anything unknown or out of
   * range falls back to a default. Returns {plan, unknown}: unknown counts dropped exercises.
   * `renamed` maps an old id to its new one (content/redirects.yml): a saved link still finds
   * an exercise or a recommendation that was given a new id. */
  function parsePlan(hash, exerciseIds, recommendationIds, renamed) {
    const current = (id) => (renamed && Object.prototype.hasOwnProperty.call(renamed, id)
      ? renamed[id] : id);
    const params = new URLSearchParams(String(hash || "").replace(/^#/, ""));
    const list = (key) => (params.get(key) || "").split(",").filter(Boolean).map(current);
    let unknown = 0;
    const items = [];
    for (const token of list("i").slice(0, MAX_ITEMS)) {
      const pause = BREAK.exec(token);
      if (pause) {
        items.push({ pause: clamp(Number(pause[1]), LIMITS.pause) });
      } else if (exerciseIds.includes(token)) {
        items.push({ id: token });
      } else {
        unknown += 1;
      }
    }
    const focus = FOCUS.includes(params.get("f")) ? params.get("f") : DEFAULTS.focus;
    const plan = {
      focus,
      recommendations: [...new Set(list("r").filter((id) => recommendationIds.includes(id)))],
      date: validDate(params.get("d")) ? params.get("d") : DEFAULTS.date,
      start: validTime(params.get("t")) ? params.get("t") : DEFAULTS.start,
      slot: wholeNumber(params.get("len"), LIMITS.slot, DEFAULTS.slot),
      size: wholeNumber(params.get("n"), LIMITS.size, DEFAULTS.size),
      longest: wholeNumber(params.get("max"), LIMITS.longest, DEFAULTS.longest),
      items,
    };
    return { plan, unknown };
  }

  /** The exercises that serve one of the recommendations (all when none is chosen), suit the
   * group's size and are no longer than `longest` minutes, shortest first. A programme
   * session's other agenda items (agenda: true, "oppstart.1") can be in a plan, not chosen. */
  function filterExercises(exercises, { recommendations, size, longest }) {
    return exercises.filter((e) => !e.agenda &&
      (!recommendations.length || e.recommendations.some((id) => recommendations.includes(id))) &&
      e.min <= size && size <= e.max && e.minutes <= longest)
      .sort((a, b) => a.minutes - b.minutes || a.title.localeCompare(b.title));
  }

  const toMinutes = (time) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

  /** Minutes since midnight -> "HH:MM" (past midnight wraps round). */
  function clockTime(minutes) {
    const day = ((minutes % 1440) + 1440) % 1440;
    return String(Math.floor(day / 60)).padStart(2, "0") + ":" + String(day % 60).padStart(2, "0");
  }

  /** The timed agenda: a row per item with its clock times, the total, and how many minutes
   * are left over (negative when the plan runs past the slot). */
  function agenda(plan, exercisesById) {
    let at = toMinutes(plan.start);
    const rows = plan.items.map((item, index) => {
      const exercise = item.pause ? null : exercisesById[item.id];
      const minutes = item.pause || exercise.minutes;
      const row = { index, pause: Boolean(item.pause), id: item.id || null, minutes,
                    title: exercise ? exercise.title : null, url: exercise ? exercise.url : null,
                    start: clockTime(at), end: clockTime(at + minutes) };
      at += minutes;
      return row;
    });
    const total = rows.reduce((sum, row) => sum + row.minutes, 0);
    return { rows, total, start: plan.start, end: clockTime(toMinutes(plan.start) + total),
             left: plan.slot - total };
  }

  /** Every step of the session in order, as run mode shows them; a break is one step. */
  function runSteps(plan, exercisesById, breakTitle) {
    const parts = plan.items.map((item) => (item.pause
      ? { title: breakTitle, steps: [{ minutes: item.pause, text: "", silent: false }] }
      : { title: exercisesById[item.id].title, steps: exercisesById[item.id].steps }));
    return parts.flatMap((part, partIndex) => part.steps.map((step, stepIndex) => ({
      part: part.title, partNumber: partIndex + 1, parts: parts.length,
      stepNumber: stepIndex + 1, steps: part.steps.length,
      minutes: step.minutes, text: step.text, silent: Boolean(step.silent),
    })));
  }

  /** The recommendations with the lowest mean, at most `count` (ties at the edge included);
   * `scores` as assessment-core's scoreRecommendations returns them (weakest first). */
  function weakest(scores, count) {
    const answered = scores.filter((score) => score.mean !== null);
    if (answered.length <= count) return answered.map((score) => score.id);
    const edge = answered[count - 1].mean;
    return answered.filter((score, index) => index < count || Math.abs(score.mean - edge) < 1e-9)
      .map((score) => score.id);
  }

  /** A saved group result, as assessment-core's readResult reads the file the group page
   * saves ({statements: {factor: {n, mean, spread}}}, or null) -> per-recommendation scores
   * (the mean of its statements' means), weakest first, or null when it holds no mean. */
  function groupScores(result, recommendations, statements) {
    if (!result || !result.statements) return null;
    const byRec = {};
    for (const statement of statements) {
      const mean = (result.statements[statement.factor] || {}).mean;
      if (typeof mean === "number" && mean >= 1 && mean <= 5) {
        (byRec[statement.recommendation] = byRec[statement.recommendation] || []).push(mean);
      }
    }
    const scores = recommendations.filter((rec) => rec.id in byRec)
      .map((rec) => ({ id: rec.id, number: rec.number,
                       mean: byRec[rec.id].reduce((a, b) => a + b, 0) / byRec[rec.id].length }))
      .sort((a, b) => a.mean - b.mean || a.number - b.number);
    return scores.length ? scores : null;
  }

  // --- the run-mode timer: pure state, the clock passed in (milliseconds) -----------------
  const timer = {
    create: (count) => ({ index: 0, count, running: false, started: 0, elapsed: 0 }),
    elapsed: (state, now) => state.elapsed + (state.running ? now - state.started : 0),
    start: (state, now) => (state.running ? state : { ...state, running: true, started: now }),
    pause: (state, now) => (state.running
      ? { ...state, running: false, elapsed: timer.elapsed(state, now) } : state),
    go: (state, index) => ({ ...state, index: clamp(index, [0, state.count - 1]),
                             running: false, elapsed: 0 }),
    /** Milliseconds left of a step of `minutes`; negative once the time is up. */
    left: (state, now, minutes) => minutes * 60000 - timer.elapsed(state, now),
  };

  /** "4:59" for what is left; "+0:12" once the time is up. */
  function countdown(milliseconds) {
    const over = milliseconds < 0;
    const seconds = over ? Math.floor(-milliseconds / 1000) : Math.ceil(milliseconds / 1000);
    const text = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
    return over ? "+" + text : text;
  }

  // --- notes -------------------------------------------------------------------------------
  const lines = (text) => String(text || "").split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

  /** Our text with every line of theirs we do not have added at the end: nothing is dropped. */
  function mergeText(ours, theirs) {
    const have = new Set(lines(ours));
    const added = lines(theirs).filter((line) => !have.has(line));
    const base = String(ours || "").replace(/\s+$/, "");
    return { text: [base, ...added].filter(Boolean).join("\n"), added: added.length };
  }

  function emptyNotes() {
    return { format: NOTES_FORMAT, version: 1, plan: "",
             notes: { agreements: "", decisions: "", next_steps: "" },
             followup: { date: "", time: "", minutes: 60, place: "" } };
  }

  /** Saved or exported notes -> a clean record, or null when the text is not one. */
  function readNotes(text) {
    let data;
    try {
      data = JSON.parse(typeof text === "string" ? text : "");
    } catch {
      return null;
    }
    if (!data || ![NOTES_FORMAT, FORMER_NOTES_FORMAT].includes(data.format) || typeof data.notes !== "object" || !data.notes) {
      return null;
    }
    const record = emptyNotes();
    for (const key of NOTE_KEYS) {
      if (typeof data.notes[key] === "string") record.notes[key] = data.notes[key];
    }
    const followup = data.followup && typeof data.followup === "object" ? data.followup : {};
    if (validDate(followup.date)) record.followup.date = followup.date;
    if (validTime(followup.time)) record.followup.time = followup.time;
    if (Number.isInteger(followup.minutes)) record.followup.minutes = clamp(followup.minutes, [5, 1440]);
    if (typeof followup.place === "string") record.followup.place = followup.place.slice(0, 200);
    if (typeof data.plan === "string") record.plan = data.plan.slice(0, 2000);
    return record;
  }

  /** Merge record `theirs` into `ours`: notes line by line, the rest where ours is empty. */
  function mergeNotes(ours, theirs) {
    const merged = { ...ours, notes: { ...ours.notes }, followup: { ...ours.followup } };
    let added = 0;
    for (const key of NOTE_KEYS) {
      const result = mergeText(ours.notes[key], theirs.notes[key]);
      merged.notes[key] = result.text;
      added += result.added;
    }
    for (const key of ["date", "time", "place"]) {
      if (!merged.followup[key] && theirs.followup[key]) merged.followup[key] = theirs.followup[key];
    }
    if (!merged.plan) merged.plan = theirs.plan;
    return { record: merged, added };
  }

  // --- the calendar file (RFC 5545) -----------------------------------------------------------
  /** TEXT value escaping: backslash, semicolon, comma and line breaks. */
  const escapeText = (text) => String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;")
    .replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");

  /** Lines longer than 75 octets folded with CRLF + space, never inside a UTF-8 character. */
  function fold(line) {
    const encoder = new TextEncoder();
    const out = [];
    let current = "";
    let octets = 0;
    for (const char of line) {
      const size = encoder.encode(char).length;
      if (octets + size > (out.length ? 74 : 75)) {
        out.push(current);
        current = "";
        octets = 0;
      }
      current += char;
      octets += size;
    }
    out.push(current);
    return out.join("\r\n ");
  }

  const stamp = (date) => date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const local = (day, time) => day.replace(/-/g, "") + "T" + time.replace(":", "") + "00";

  /** A VCALENDAR with one VEVENT in floating local time (the room's own clock):
   * {uid, now (Date), date "YYYY-MM-DD", time "HH:MM", minutes, summary, description, place}. */
  function calendar(event) {
    const start = new Date(event.date + "T" + event.time + ":00Z");
    const end = new Date(start.getTime() + event.minutes * 60000);
    const endText = end.toISOString();
    const contentLines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Samarbeid i ledergruppa//Handbook//NO",
      "CALSCALE:GREGORIAN", "BEGIN:VEVENT",
      "UID:" + event.uid, "DTSTAMP:" + stamp(event.now),
      "DTSTART:" + local(event.date, event.time),
      "DTEND:" + local(endText.slice(0, 10), endText.slice(11, 16)),
      "SUMMARY:" + escapeText(event.summary),
    ];
    if (event.description) contentLines.push("DESCRIPTION:" + escapeText(event.description));
    if (event.place) contentLines.push("LOCATION:" + escapeText(event.place));
    contentLines.push("END:VEVENT", "END:VCALENDAR");
    return contentLines.map(fold).join("\r\n") + "\r\n";
  }

  return {
    NOTES_FORMAT, NOTE_KEYS, DEFAULTS, LIMITS,
    planHash, parsePlan, filterExercises, clockTime, agenda, runSteps, weakest, groupScores,
    timer, countdown, lines, mergeText, emptyNotes, readNotes, mergeNotes,
    escapeText, fold, calendar,
  };
})();
