/* The session planner (samling/): the focus, the filters, the chosen exercises and breaks, and
 * the timed agenda. The plan lives only in the address (#f=…&i=…), so a link holds the whole
 * plan, also in another language. Other scripts on the page hear of every change through the
 * "hb-plan" event on the page's root element ({plan, agenda, steps, hash}).
 * Loads after assessment-core.js and session-core.js. */
(() => {
  "use strict";

  const Page = window.HandbookPage;

  Page.ready("[data-hb-session]", (root, data) => {
    const Core = window.HandbookSessionCore;
    const { readRecord, readResult, scoreRecommendations } = window.HandbookAssessmentCore;
    const { fill, element } = Page;
    const t = data.strings;
    const $ = Page.finder(root);
    // The weekday only where the browser knows the page's own language: in a fallback
    // (data.locales) the months are the same, the weekdays are not (nb "tirsdag", nn "tysdag").
    const ownWeekdays = Intl.DateTimeFormat.supportedLocalesOf(data.locales.slice(0, 1)).length > 0;
    const exercisesById = Object.fromEntries(data.exercises.map((e) => [e.id, e]));
    const recommendationIds = data.recommendations.map((r) => r.id);
    const recommendationTitle = (id) => {
      const rec = data.recommendations.find((r) => r.id === id);
      return `${rec.number}. ${rec.title}`;
    };
    const form = $("plan");
    const fields = {
      date: $("date"), start: $("start"), slot: $("slot"), size: $("size"), longest: $("longest"),
    };
    let plan;

    Page.reveal(root);
    // From a folder or USB stick browsers may keep storage per file: all of it is on this page.
    $("file-note").hidden = location.protocol !== "file:";

    // --- the plan <-> the form and the address ---------------------------------------------
    function fromAddress() {
      const parsed = Core.parsePlan(location.hash, Object.keys(exercisesById), recommendationIds,
        data.renamed);
      plan = parsed.plan;
      if (!plan.recommendations.length) plan.recommendations = [recommendationIds[0]];
      form.elements.focus.value = plan.focus;
      $("recommendation").value = plan.recommendations[0];
      for (const [key, input] of Object.entries(fields)) input.value = plan[key];
      $("focus-status").textContent = plan.focus === "one" ? "" : weakestText(plan.recommendations);
      $("alert").textContent = parsed.unknown ? fill(t.link_unknown, { count: parsed.unknown }) : "";
    }

    function fromForm() {
      for (const key of ["date", "start"]) {
        plan[key] = fields[key].value || Core.DEFAULTS[key];
      }
      for (const key of ["slot", "size", "longest"]) {
        const value = Number.parseInt(fields[key].value, 10);
        plan[key] = Number.isNaN(value) ? Core.DEFAULTS[key]
          : Math.min(Core.LIMITS[key][1], Math.max(Core.LIMITS[key][0], value));
      }
    }

    const weakestText = (ids) => fill(t.focus_weakest, { names: ids.map(recommendationTitle).join(", ") });

    // --- the focus ---------------------------------------------------------------------------
    function focusMine() {
      let raw = null;
      try {
        raw = window.localStorage.getItem(data.assessmentKey);
      } catch {
        raw = null;
      }
      const record = raw && readRecord(raw, data.statements.map((s) => s.factor));
      const scores = record && scoreRecommendations(data.recommendations, data.statements, record.answers);
      const ids = scores ? Core.weakest(scores, 2) : [];
      if (!ids.length) {
        $("focus-status").textContent = t.focus_mine_none;
        return false;
      }
      plan.recommendations = ids;
      $("focus-status").textContent = weakestText(ids);
      return true;
    }

    async function focusGroup(file) {
      // Read as the group page reads it (assessment-core's readResult): one reader for the file.
      const result = readResult(await file.text(), data.statements.map((s) => s.factor));
      const scores = Core.groupScores(result, data.recommendations, data.statements);
      if (!scores) {
        $("focus-status").textContent = t.focus_group_bad;
        return;
      }
      plan.focus = "group";
      plan.recommendations = Core.weakest(scores, 2);
      $("focus-status").textContent = weakestText(plan.recommendations);
      update();
    }

    function changeFocus() {
      const focus = form.elements.focus.value;
      if (focus === "one") {
        plan.recommendations = [$("recommendation").value];
        $("focus-status").textContent = "";
      } else if (focus === "mine" && !focusMine()) {
        return;
      } else if (focus === "group") {
        $("group-file").click();
        return;
      }
      plan.focus = focus;
      update();
    }

    // --- what the page shows -----------------------------------------------------------------
    // Updated in place, never rebuilt while nothing changed: a list rebuilt under a pressed mouse
    // button (a field's change event fires as the mouse goes down elsewhere) drops the click.
    const candidateNodes = new Map();  // exercise id -> its list item, made once

    function candidateNode(exercise) {
      if (candidateNodes.has(exercise.id)) return candidateNodes.get(exercise.id);
      const add = element("button", { type: "button", class: "md-button",
                                       "aria-label": fill(t.add_named, { name: exercise.title }) }, t.add);
      const item = element("li", { class: "hb-plan-candidate" });
      const about = element("span");
      about.append(element("a", { href: exercise.url }, exercise.title), element("br"),
        element("span", { class: "hb-plan-facts" },
          fill(t.exercise_facts, { minutes: exercise.minutes, min: exercise.min, max: exercise.max })));
      item.append(about, add);
      add.addEventListener("click", () => {
        plan.items.push({ id: exercise.id });
        update();
        item.querySelector("a").focus();
      });
      candidateNodes.set(exercise.id, item);
      return item;
    }

    /** Put `nodes` into `parent` in this order, touching the document only if they differ. */
    function showNodes(parent, nodes) {
      const same = parent.children.length === nodes.length &&
        nodes.every((node, index) => parent.children[index] === node);
      if (!same) parent.replaceChildren(...nodes);
    }

    function showCandidates() {
      const chosen = new Set(plan.items.map((item) => item.id));
      const candidates = Core.filterExercises(data.exercises, plan);
      const nodes = candidates.map(candidateNode);
      candidates.forEach((exercise, index) => {
        nodes[index].querySelector("button").disabled = chosen.has(exercise.id);
      });
      showNodes($("candidates"), nodes);
      $("candidates-none").hidden = candidates.length > 0;
    }

    /** A button that moves item `index` to `to`, or removes it (to === null); keyboard focus
     * stays on the same kind of button of the moved item. */
    function moveButton(kind, label, index, to) {
      const button = element("button", { type: "button", class: "hb-icon-button", "aria-label": label,
                                         "data-move": kind }, { up: "↑", down: "↓", remove: "×" }[kind]);
      button.disabled = to !== null && (to < 0 || to >= plan.items.length);
      button.addEventListener("click", () => {
        const [item] = plan.items.splice(index, 1);
        if (to !== null) plan.items.splice(to, 0, item);
        update();
        const row = $("agenda").rows[to === null ? Math.min(index, plan.items.length - 1) : to];
        const next = row && (row.querySelector(`[data-move="${kind}"]:not(:disabled)`) ||
                             row.querySelector("button:not(:disabled)"));
        (next || $("add-break")).focus();
      });
      return button;
    }

    let agendaShown = "";

    function showAgenda(timed) {
      const rows = JSON.stringify(timed.rows);
      if (rows !== agendaShown) showAgendaRows(timed);
      agendaShown = rows;
      showAgendaTotals(timed);
    }

    function showAgendaRows(timed) {
      $("agenda").replaceChildren(...timed.rows.map((row) => {
        const name = row.pause ? t.break : row.title;
        const what = element("td", { class: "hb-agenda-what" }, row.pause ? t.break : undefined);
        if (!row.pause) what.append(element("a", { href: row.url }, row.title));
        const tools = element("td", { class: "hb-agenda-tools hb-noprint" });
        tools.append(moveButton("up", fill(t.move_up, { name }), row.index, row.index - 1),
                     moveButton("down", fill(t.move_down, { name }), row.index, row.index + 1),
                     moveButton("remove", fill(t.remove, { name }), row.index, null));
        const line = element("tr", { class: row.pause ? "hb-agenda-pause" : "" });
        line.append(element("td", { class: "hb-agenda-time" }, `${row.start}–${row.end}`), what,
                    element("td", { class: "hb-agenda-minutes" }, fill(t.minutes_short, row)), tools);
        return line;
      }));
    }

    function showAgendaTotals(timed) {
      const empty = timed.rows.length === 0;
      $("agenda-empty").hidden = !empty;
      $("agenda-table").hidden = empty;
      $("when").textContent = [plan.date && new Date(`${plan.date}T12:00:00`).toLocaleDateString(data.locales,
        { ...(ownWeekdays ? { weekday: "long" } : {}), day: "numeric", month: "long", year: "numeric" }),
        plan.focus === "one" ? recommendationTitle(plan.recommendations[0]) : weakestText(plan.recommendations),
      ].filter(Boolean).join(" · ");
      $("total").textContent = empty ? "" : `${fill(t.total, { minutes: timed.total, start: timed.start, end: timed.end })} ${timed.left >= 0
        ? fill(t.fits, { minutes: timed.left }) : ""}`;
      $("over").textContent = timed.left < 0 ? fill(t.over, { minutes: -timed.left }) : "";
      root.classList.toggle("hb-session--over", timed.left < 0);
      $("run").disabled = empty;
    }

    function showShare(hash) {
      const link = new URL(location.href);
      link.hash = hash;
      $("share-link").value = link.href;
      const links = data.languages.map((language) => {
        const other = new URL(language.url, location.href);
        other.hash = hash;
        return element("a", { href: other.href, hreflang: language.code, lang: language.code,
                              "data-hb-language": language.code }, language.name);
      });
      // "Nynorsk eller Dansk", as the page's language lists alternatives (the links in its words).
      const parts = Intl.ListFormat
        ? new Intl.ListFormat(data.locales, { type: "disjunction" }).formatToParts(links.map((_, i) => String(i)))
        : links.flatMap((_, i) => [...(i ? [{ type: "literal", value: ", " }] : []), { type: "element", value: String(i) }]);
      $("languages").replaceChildren(...parts.map((part) => (part.type === "element" ? links[Number(part.value)] : part.value)));
      // The header's language switch opens the same plan too.
      for (const other of document.querySelectorAll(".md-select__link[hreflang]")) {
        const target = new URL(other.getAttribute("href"), location.href);
        target.hash = hash;
        other.setAttribute("href", target.href);
      }
    }

    function update() {
      fromForm();
      const hash = Core.planHash(plan);
      history.replaceState(null, "", `#${hash}`);
      const timed = Core.agenda(plan, exercisesById);
      showCandidates();
      showAgenda(timed);
      showShare(hash);
      root.dispatchEvent(new CustomEvent("hb-plan", { detail: {
        plan, hash, agenda: timed, steps: Core.runSteps(plan, exercisesById, t.break),
      } }));
    }

    // --- wiring ------------------------------------------------------------------------------
    form.addEventListener("submit", (event) => event.preventDefault());
    // On every keystroke (and on change, for pickers that send no input): by the time the mouse
    // goes down on a button, the page already shows what the fields say, and leaving the field
    // changes nothing.
    for (const input of Object.values(fields)) {
      input.addEventListener("input", update);
      input.addEventListener("change", update);
    }
    for (const radio of form.elements.focus) radio.addEventListener("change", changeFocus);
    $("recommendation").addEventListener("change", () => {
      form.elements.focus.value = "one";
      changeFocus();
    });
    $("group-file").addEventListener("change", (event) => {
      if (event.target.files[0]) focusGroup(event.target.files[0]);
      event.target.value = "";
    });
    $("add-break").addEventListener("click", () => {
      const minutes = Number.parseInt($("break-minutes").value, 10);
      plan.items.push({ pause: Number.isNaN(minutes) ? 10 : Math.min(120, Math.max(1, minutes)) });
      update();
    });
    $("copy").addEventListener("click", async () => {
      $("share-link").select();
      try {
        await navigator.clipboard.writeText($("share-link").value);
      } catch {
        document.execCommand("copy");
      }
      $("copy-status").textContent = t.copied;
    });
    $("print-agenda").addEventListener("click", () => {
      document.documentElement.dataset.hbPrint = "agenda";
      window.print();
    });
    window.addEventListener("afterprint", () => delete document.documentElement.dataset.hbPrint);
    window.addEventListener("hashchange", () => {
      fromAddress();
      update();
    });

    fromAddress();
    update();
  });
})();
