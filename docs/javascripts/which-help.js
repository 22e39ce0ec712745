/* "Which help do I need?": turns the guide's checklist table into an answer as the
   reader ticks tasks. Everything it shows is read from the table, which the build
   generates from data/comparison.yml, so it can never disagree with the guide.
   The ticked tasks live in the address (?tasks=<id>&tasks=<id>) to share or revisit. */
(function () {
  "use strict";

  var form = document.getElementById("which-help-tool");
  if (!form) return;
  var param = form.getAttribute("data-param");
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="' + param + '"]'));
  var results = form.querySelector(".bol-finder-results");
  var summary = form.querySelector(".bol-finder-summary");
  var picked = results.querySelector(".bol-finder-picked");
  var servicesTitle = results.querySelector(".bol-finder-services-title");
  var services = Array.prototype.slice.call(results.querySelectorAll(".bol-finder-services li"));
  var prompt = summary.textContent;

  // Each task's row carries its role; its group (tbody) carries its task area.
  function task(box) {
    var row = box.closest("tr");
    var group = row.closest("tbody");
    return {
      text: row.querySelector("label").textContent,
      role: row.querySelector('[id^="done-by-"]').textContent,
      area: group.getAttribute("data-area"),
      areaName: group.getAttribute("data-area-name"),
      shared: group.getAttribute("data-shared") === "true"
    };
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  // "5 of your 7 tasks are paralegal work; 2 are legal assistant work."
  function sentence(tasks) {
    var counts = [];
    tasks.forEach(function (t) {
      var entry = counts.filter(function (c) { return c.role === t.role; })[0];
      if (entry) entry.count += 1; else counts.push({ role: t.role, count: 1 });
    });
    var parts = counts.map(function (c, i) {
      var verb = c.count === 1 ? " is " : " are ";
      var lead = String(c.count);
      if (i === 0 && counts.length > 1) lead = c.count + " of your " + plural(tasks.length, "task", "tasks");
      else if (i === 0) lead = tasks.length === 1 ? "Your task" : "All " + tasks.length + " of your tasks";
      return lead + verb + c.role.toLowerCase() + " work";
    });
    var shared = tasks.filter(function (t) { return t.shared; }).map(function (t) { return t.areaName; });
    shared = shared.filter(function (name, i) { return shared.indexOf(name) === i; });
    var text = parts.join("; ") + ".";
    if (shared.length) text += " Both roles share the work in: " + shared.join(", ") + ".";
    return text;
  }

  function render() {
    var ticked = boxes.filter(function (box) { return box.checked; });
    var tasks = ticked.map(task);
    var areas = tasks.map(function (t) { return t.area; });

    picked.textContent = "";
    tasks.forEach(function (t) {
      var item = document.createElement("li");
      var strong = document.createElement("strong");
      strong.textContent = t.role + ": ";
      item.appendChild(strong);
      item.appendChild(document.createTextNode(t.text));
      picked.appendChild(item);
    });

    var anyService = false;
    services.forEach(function (item) {
      var covers = item.getAttribute("data-areas").split(" ").some(function (a) { return areas.indexOf(a) !== -1; });
      item.hidden = !covers;
      anyService = anyService || covers;
    });
    servicesTitle.hidden = !anyService;

    var text = tasks.length ? sentence(tasks) : prompt;
    if (summary.textContent !== text) summary.textContent = text;
  }

  // Keep the ticks in the address without adding a history entry per click.
  function remember() {
    var query = new URLSearchParams(window.location.search);
    query.delete(param);
    boxes.forEach(function (box) { if (box.checked) query.append(param, box.value); });
    var search = query.toString();
    var url = window.location.pathname + (search ? "?" + search : "") + "#" + form.id;
    window.history.replaceState(null, "", url);
  }

  function restore() {
    var wanted = new URLSearchParams(window.location.search).getAll(param).join(",").split(",");
    boxes.forEach(function (box) { box.checked = wanted.indexOf(box.value) !== -1; });
  }

  form.addEventListener("change", function () { render(); remember(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  results.querySelector(".bol-finder-clear").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = false; });
    render();
    remember();
    if (boxes.length) boxes[0].focus();
  });

  restore();
  results.hidden = false;
  summary.hidden = false;
  render();
})();
