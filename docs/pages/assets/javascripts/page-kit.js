/* The page kit: what the handbook's page scripts share, as window.HandbookPage. The templates
 * load it before a page's own scripts (macros/render/assessment.py, KIT). It starts a script
 * when its page is there, reads the page's data block, finds the page's elements by their
 * data-hb name, fills interface strings, and makes elements (never from HTML), tables and files
 * to download. Browser only: the arithmetic and formats are in the cores (assessment-core.js,
 * session-core.js), which have no DOM and also run in Node. */
(() => {
  "use strict";

  /** The data the build rendered for the page's scripts: the JSON block inside `root`
   * (macros/render/assessment.py, data_block); null for a part with no data. */
  function readData(root) {
    const block = root.querySelector("script.hb-data");
    return block ? JSON.parse(block.textContent)[0] : null;
  }

  /** `$` for a part of the page: $(name) is its element with data-hb="name". */
  function finder(root) {
    return (name) => root.querySelector(`[data-hb="${name}"]`);
  }

  const readied = new WeakMap();  // part -> its data, for every script that serves the part

  /** Run `start(root, data)` if this page has the part `selector` names (the scripts are
   * loaded at the end of the part they serve, so it is there when they run). The part's data
   * is read once, however many scripts serve it, and what this browser kept under the
   * handbook's first name is carried over then (the data's carryOver). */
  function ready(selector, start) {
    const root = document.querySelector(selector);
    if (!root) return;
    if (!readied.has(root)) {
      const data = readData(root);
      if (data && data.carryOver) carryOver(data.carryOver.from, data.carryOver.to);
      readied.set(root, data);
    }
    start(root, readied.get(root));
  }

  /** Carry every key of localStorage that starts with `from` over to the same key starting
   * with `to` (answers, their unreadable copy, a round's mask, the rounds joined, notes and
   * plans): copied only where the new key holds nothing, and the old key removed only once the
   * copy reads back the same. Where the new key already holds something, that is the newer: it
   * stays, and so does the old key, so nothing is lost. */
  function carryOver(from, to) {
    try {
      const storage = window.localStorage;
      const keys = [];
      for (let i = 0; i < storage.length; i++) keys.push(storage.key(i));
      for (const key of keys.filter((k) => k.startsWith(from))) {
        const value = storage.getItem(key);
        const target = to + key.slice(from.length);
        if (storage.getItem(target) === null) storage.setItem(target, value);
        if (storage.getItem(target) === value) storage.removeItem(key);
      }
    } catch {
      // no storage here (blocked, or full): what is kept stays where it is
    }
  }

  /** Show what is there only for JavaScript (class hb-js-only, hidden in the HTML). */
  function reveal(root) {
    for (const node of root.querySelectorAll(".hb-js-only")) node.hidden = false;
  }

  /** An interface string with {named} values filled in. */
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : all));
  }

  /** A new element with attributes and text (never HTML). */
  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** A table with its caption and column heads, and its empty body. Each column is [head] or
   * [head, class]: the head has the class its cells have, so that the head of a column of
   * numbers ("hb-mean") lines up with them, on the right. */
  function table(className, caption, columns) {
    const node = element("table", { class: className });
    node.appendChild(element("caption", {}, caption));
    const head = node.appendChild(element("thead")).appendChild(element("tr"));
    for (const [text, column] of columns) {
      head.appendChild(element("th", column ? { scope: "col", class: column } : { scope: "col" }, text));
    }
    return [node, node.appendChild(element("tbody"))];
  }

  /** A filled table readied to be laid out as blocks on a phone (assessment.css, "hb-stack"),
   * where its columns do not fit. Each data cell gets its column's head as data-label (the
   * phone shows "Gjennomsnitt (1–5): 2,0"), and every part of the table its role: a browser may
   * drop a table's meaning for screen readers when its rows are laid out as blocks; the
   * explicit roles keep it. */
  function stackOnPhones(table) {
    const heads = [...table.tHead.rows[0].cells].map((head) => head.textContent);
    table.classList.add("hb-stack");
    table.setAttribute("role", "table");
    for (const group of [table.tHead, ...table.tBodies]) group.setAttribute("role", "rowgroup");
    for (const row of table.rows) {
      row.setAttribute("role", "row");
      [...row.cells].forEach((cell, column) => {
        if (cell.tagName === "TD") {
          cell.setAttribute("role", "cell");
          cell.dataset.label = heads[column];
        } else {
          cell.setAttribute("role", cell.scope === "col" ? "columnheader" : "rowheader");
        }
      });
    }
    return table;
  }

  /** Offer `text` as a file to download, made in the browser. */
  function download(name, text, type = "application/json") {
    const link = element("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  window.HandbookPage = { ready, finder, reveal, fill, element, table, stackOnPhones, download };
})();
