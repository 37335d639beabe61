/* Notes during the session (samling/): agreements, decisions and next steps, and the follow-up
 * meeting. Kept in this browser's localStorage under one key; every keystroke is saved, and a
 * change made in another tab is merged in line by line (the "storage" event), so two tabs never
 * lose each other's lines. Exports a file to import later (merged, nothing dropped), a printable
 * one-page summary, and a calendar file (.ics) for the follow-up, all made in the browser. */
(() => {
  "use strict";

  const Page = window.HandbookPage;

  Page.ready("[data-hb-session]", (root, data) => {
    const Core = window.HandbookSessionCore;
    const { fill, element } = Page;
    const t = data.strings;
    const $ = Page.finder(root);
    const noteFields = Object.fromEntries(
      Core.NOTE_KEYS.map((key) => [key, root.querySelector(`[data-hb-note="${key}"]`)]));
    const followupFields = Object.fromEntries([...root.querySelectorAll("[data-hb-followup]")]
      .map((input) => [input.dataset.hbFollowup, input]));
    let record = Core.emptyNotes();
    let latest = { plan: null, hash: "", agenda: null };
    let storageWorks = true;

    // --- storage -------------------------------------------------------------------------------
    function stored() {
      try {
        const raw = window.localStorage.getItem(data.notesKey);
        return raw === null ? Core.emptyNotes() : Core.readNotes(raw);
      } catch {
        storageWorks = false;
        return null;
      }
    }

    function save() {
      try {
        window.localStorage.setItem(data.notesKey, JSON.stringify(record));
        $("notes-status").textContent = t.notes_saved;
      } catch {
        storageWorks = false;
        $("notes-status").textContent = t.notes_not_saved;
      }
    }

    function fromFields() {
      for (const [key, field] of Object.entries(noteFields)) record.notes[key] = field.value;
      for (const [key, field] of Object.entries(followupFields)) {
        record.followup[key] = key === "minutes" ? Number.parseInt(field.value, 10) || 60 : field.value;
      }
      if (latest.hash) record.plan = latest.hash;
    }

    function toFields() {
      for (const [key, field] of Object.entries(noteFields)) {
        if (field.value !== record.notes[key]) field.value = record.notes[key];
      }
      for (const [key, field] of Object.entries(followupFields)) {
        if (String(field.value) !== String(record.followup[key])) field.value = record.followup[key];
      }
    }

    /** Another tab saved: take in its lines; ours stay. */
    function mergeFromOtherTab(raw) {
      const theirs = raw === null ? null : Core.readNotes(raw);
      if (!theirs) return;
      fromFields();
      const merged = Core.mergeNotes(theirs, record);  // their text first, then lines only we have
      const changed = JSON.stringify(merged.record.notes) !== JSON.stringify(record.notes);
      record = merged.record;
      toFields();
      if (merged.added) save();  // we had lines they lacked: store the union for both tabs
      if (changed && merged.added) $("notes-status").textContent = t.notes_merged;
    }

    // --- files -------------------------------------------------------------------------------
    const today = () => new Date().toISOString().slice(0, 10);
    const longDate = (iso) => new Date(`${iso}T12:00:00`).toLocaleDateString(data.locales,
      { day: "numeric", month: "long", year: "numeric" });

    async function importFile(file) {
      const theirs = Core.readNotes(await file.text());
      if (!theirs) {
        $("file-status").textContent = t.import_bad;
        return;
      }
      fromFields();
      const merged = Core.mergeNotes(record, theirs);
      record = merged.record;
      toFields();
      save();
      $("file-status").textContent = fill(t.imported, { count: merged.added });
    }

    function title() {
      const plan = latest.plan;
      if (!plan) return t.summary_title;
      const recs = plan.recommendations.map((id) => data.recommendations.find((r) => r.id === id).title);
      return recs.join(", ");
    }

    function calendarFile() {
      fromFields();
      const { date, time, minutes, place } = record.followup;
      if (!date || !time) {
        $("file-status").textContent = t.calendar_needs_date;
        followupFields[date ? "time" : "date"].focus();
        return;
      }
      const description = Core.NOTE_KEYS.filter((key) => Core.lines(record.notes[key]).length)
        .map((key) => `${t[key]}:\n${Core.lines(record.notes[key]).map((l) => `- ${l}`).join("\n")}`)
        .join("\n\n");
      const text = Core.calendar({
        uid: `${crypto.randomUUID ? crypto.randomUUID() : Date.now()}@velfungerende-ledergruppe`,
        now: new Date(), date, time, minutes, place,
        summary: fill(t.followup_summary, { name: title() }), description,
      });
      Page.download(`oppfolging-${date}.ics`, text, "text/calendar;charset=utf-8");
    }

    // --- the printed summary -------------------------------------------------------------------
    function summary() {
      fromFields();
      const body = $("summary-body");
      const parts = [];
      const timed = latest.agenda;
      if (latest.plan && timed && timed.rows.length) {
        const when = [latest.plan.date && longDate(latest.plan.date), `${timed.start}–${timed.end}`].filter(Boolean).join(", ");
        parts.push(element("p", { class: "hb-summary-when" }, `${title()} · ${when}`));
        const list = element("ul", { class: "hb-summary-agenda" });
        for (const row of timed.rows) {
          list.append(element("li", {}, `${row.start}–${row.end} ${row.pause ? t.break : row.title}`));
        }
        parts.push(element("h3", {}, t.agenda_title), list);
      }
      for (const key of Core.NOTE_KEYS) {
        const items = Core.lines(record.notes[key]);
        parts.push(element("h3", {}, t[key]));
        if (items.length) {
          const list = element("ul");
          list.append(...items.map((line) => element("li", {}, line)));
          parts.push(list);
        } else {
          parts.push(element("p", {}, t.summary_none));
        }
      }
      const { date, time } = record.followup;
      if (date && time) parts.push(element("p", { class: "hb-summary-followup" }, fill(t.summary_followup, { date: longDate(date), time })));
      body.replaceChildren(...parts);
    }

    // --- wiring ------------------------------------------------------------------------------
    root.addEventListener("hb-plan", (event) => {
      latest = event.detail;
    });
    for (const field of [...Object.values(noteFields), ...Object.values(followupFields)]) {
      field.addEventListener("input", () => {
        fromFields();
        save();
      });
    }
    window.addEventListener("storage", (event) => {
      if (event.key === data.notesKey) mergeFromOtherTab(event.newValue);
    });
    $("export").addEventListener("click", () => {
      fromFields();
      Page.download(`samling-${today()}.json`, `${JSON.stringify(record, null, 2)}\n`);
    });
    $("import").addEventListener("change", (event) => {
      if (event.target.files[0]) importFile(event.target.files[0]);
      event.target.value = "";
    });
    $("calendar").addEventListener("click", calendarFile);
    $("print-summary").addEventListener("click", () => {
      summary();
      document.documentElement.dataset.hbPrint = "summary";
      window.print();
    });
    window.addEventListener("beforeprint", summary);
    $("clear").addEventListener("click", () => {
      if (!window.confirm(t.clear_confirm)) return;
      record = Core.emptyNotes();
      toFields();
      save();
    });

    const saved = stored();
    if (saved) {
      record = saved;
    } else if (storageWorks) {
      // Saved notes this version cannot read: keep them under another key, start afresh.
      try {
        const raw = window.localStorage.getItem(data.notesKey);
        window.localStorage.setItem(`${data.notesKey}.unreadable-${Date.now()}`, raw);
      } catch {
        storageWorks = false;
      }
    }
    if (!storageWorks) $("notes-status").textContent = t.notes_not_saved;
    toFields();
  });
})();
