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

  /** Run `start(root, data)` if this page has the part `selector` names (the scripts are
   * loaded at the end of the part they serve, so it is there when they run). */
  function ready(selector, start) {
    const root = document.querySelector(selector);
    if (root) start(root, readData(root));
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

  window.HandbookPage = { ready, readData, finder, reveal, fill, element, table, stackOnPhones, download };
})();
