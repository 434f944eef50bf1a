/* mtcheck HTML report: tooltips, filters, sorting. Inlined; talks to no server.
   Input text is only ever moved with cloneNode/textContent, never parsed as HTML. */
(function () {
  "use strict";
  var doc = document;
  var tip = doc.getElementById("tip");
  var current = null;

  function closestHl(node) {
    return node && node.closest ? node.closest("mark.hl") : null;
  }

  function findingShown(id) {
    var li = doc.getElementById("l" + id);
    return !li || !li.hidden;
  }

  function place(el) {
    var r = el.getBoundingClientRect();
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var vw = doc.documentElement.clientWidth, vh = doc.documentElement.clientHeight;
    var x = Math.max(4, Math.min(r.left, vw - w - 4));
    var y = r.bottom + 6;
    if (y + h > vh - 4 && r.top - h - 6 > 0) { y = r.top - h - 6; }
    tip.style.left = Math.round(x) + "px";
    tip.style.top = Math.round(y) + "px";
  }

  function showTip(el) {
    if (!tip || el.classList.contains("off")) { return; }
    var ids = (el.getAttribute("data-f") || "").split(" ");
    tip.textContent = "";
    for (var i = 0; i < ids.length; i++) {
      if (!ids[i] || !findingShown(ids[i])) { continue; }
      var d = doc.getElementById("d" + ids[i]);
      if (!d) { continue; }
      var c = d.cloneNode(true);
      c.removeAttribute("id");
      tip.appendChild(c);
    }
    if (!tip.firstChild) { hideTip(); return; }
    tip.hidden = false;
    current = el;
    place(el);
  }

  function hideTip() {
    if (tip) { tip.hidden = true; }
    current = null;
  }

  doc.addEventListener("mouseover", function (e) {
    var m = closestHl(e.target);
    if (m && m !== current) { showTip(m); }
  });
  doc.addEventListener("mouseout", function (e) {
    var m = closestHl(e.target);
    if (m && m === current && !m.contains(e.relatedTarget) && doc.activeElement !== m) { hideTip(); }
  });
  doc.addEventListener("focusin", function (e) {
    var m = closestHl(e.target);
    if (m && e.target === m) { showTip(m); } else { hideTip(); }
  });
  doc.addEventListener("focusout", function (e) {
    if (closestHl(e.target) === current) { hideTip(); }
  });
  doc.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { hideTip(); }
  });
  doc.addEventListener("scroll", function () {
    if (current) { place(current); }
  }, true);

  /* jumping from the findings list focuses the highlight (and shows its message) */
  doc.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a.jump") : null;
    if (!a) { return; }
    var t = doc.getElementById(a.getAttribute("href").slice(1));
    if (!t) { return; }
    var row = t.closest("tr");
    if (row && row.hidden) { row.hidden = false; }
    e.preventDefault();
    if (history.replaceState) { history.replaceState(null, "", a.getAttribute("href")); }
    t.scrollIntoView({ block: "center" });
    t.focus({ preventScroll: true });
  });

  /* filters: family, severity, version; "only rows with findings" */
  function applyFilters(form) {
    var sec = doc.getElementById("art-" + form.getAttribute("data-article"));
    if (!sec) { return; }
    var off = { fam: {}, sev: {}, v: {} };
    var boxes = form.querySelectorAll("input[data-k]");
    for (var i = 0; i < boxes.length; i++) {
      if (!boxes[i].checked) { off[boxes[i].getAttribute("data-k")][boxes[i].value] = true; }
    }
    var hidden = {}, shown = 0, total = 0;
    var items = sec.querySelectorAll("li.f");
    for (i = 0; i < items.length; i++) {
      var li = items[i];
      var hide = off.fam[li.getAttribute("data-fam")] || off.sev[li.getAttribute("data-sev")] || off.v[li.getAttribute("data-v")];
      li.hidden = !!hide;
      total++;
      if (hide) { hidden[li.id.slice(1)] = true; } else { shown++; }
    }
    var marks = sec.querySelectorAll("mark.hl");
    for (i = 0; i < marks.length; i++) {
      var ids = marks[i].getAttribute("data-f").split(" ");
      var any = false;
      for (var j = 0; j < ids.length; j++) { if (!hidden[ids[j]]) { any = true; break; } }
      marks[i].classList.toggle("off", !any);
      marks[i].tabIndex = any ? 0 : -1;
    }
    var only = form.querySelector("input[name=only]");
    var rows = sec.querySelectorAll("tr.row");
    for (i = 0; i < rows.length; i++) {
      rows[i].hidden = !!(only && only.checked && !rows[i].querySelector("mark.hl:not(.off)"));
    }
    var out = form.querySelector("output");
    if (out) { out.textContent = shown === total ? total + " findings" : shown + " of " + total + " findings shown"; }
    hideTip();
  }
  var forms = doc.querySelectorAll("form.filters");
  for (var f = 0; f < forms.length; f++) {
    forms[f].addEventListener("change", function (e) { applyFilters(e.currentTarget); });
    forms[f].addEventListener("submit", function (e) { e.preventDefault(); });
  }

  /* choose the versions shown side by side (two columns on a phone) */
  function applyColumns(form) {
    var table = doc.querySelector("#art-" + form.getAttribute("data-article") + " table.par");
    if (!table) { return; }
    var boxes = form.querySelectorAll("input[type=checkbox]");
    var shown = 0;
    for (var i = 0; i < boxes.length; i++) {
      var on = boxes[i].checked;
      if (on) { shown++; }
      var cells = table.querySelectorAll(".c" + boxes[i].value);
      for (var j = 0; j < cells.length; j++) { cells[j].hidden = !on; }
    }
    table.style.setProperty("--cols", String(Math.max(shown, 1)));
  }
  var picks = doc.querySelectorAll("form.colpick");
  for (var k = 0; k < picks.length; k++) {
    picks[k].addEventListener("change", function (e) { applyColumns(e.currentTarget); });
    picks[k].addEventListener("submit", function (e) { e.preventDefault(); });
  }

  /* sortable tables */
  function sortBy(table, th) {
    var asc = th.getAttribute("aria-sort") !== "ascending";
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) { heads[i].removeAttribute("aria-sort"); }
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var col = th.cellIndex;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col], y = b.cells[col], c;
      var nx = x.getAttribute("data-n"), ny = y.getAttribute("data-n");
      if (nx !== null && ny !== null) { c = parseFloat(nx) - parseFloat(ny); }
      else { c = x.textContent.localeCompare(y.textContent); }
      if (c === 0) { c = a.cells[0].textContent.localeCompare(b.cells[0].textContent); }
      return asc ? c : -c;
    });
    for (i = 0; i < rows.length; i++) { body.appendChild(rows[i]); }
  }
  var tables = doc.querySelectorAll("table.sortable");
  for (var t = 0; t < tables.length; t++) {
    (function (table) {
      var buttons = table.tHead.querySelectorAll("button");
      for (var b = 0; b < buttons.length; b++) {
        buttons[b].addEventListener("click", function (e) { sortBy(table, e.currentTarget.parentNode); });
      }
    })(tables[t]);
  }
})();
