/* "Which help do I need?": turns the ticks in the guide's checklist into an answer (the
   services that fit, best first, and a one-line recommendation), and carries them to the
   contact page, whose request form (request.js) starts with the same tasks ticked.
   Everything it shows comes from the JSON block the build writes beside the tool (from
   data/comparison.yml), so it can never disagree with the guide. The ticks live in the
   address (?tasks=<id>&tasks=<id>) to share or revisit. No request leaves the page.
   A task done in person (remote "none") is counted toward no service: a remote team
   cannot take it on (macros/request.py groups it apart in the request the same way). */
(function () {
  "use strict";

  var block = document.querySelector("script.bol-finder-data");
  var form = document.getElementById("which-help-tool");
  if (!block || !form) return;
  var data = JSON.parse(block.textContent);
  var PARAM = "tasks";
  var panel = form.querySelector(".bol-answer");
  var byId = {};
  data.tasks.forEach(function (t) { byId[t.id] = t; });
  var names = {};
  data.services.forEach(function (s) { names[s.id] = s.name; });

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  function inPerson(task) {
    return task.remote === "none";
  }

  // The services covering the tasks a remote team can take on, most tasks covered first; ties
  // keep the file's order.
  function ranked(tasks) {
    var remote = tasks.filter(function (t) { return !inPerson(t); });
    var list = data.services.map(function (service, index) {
      var count = remote.filter(function (t) { return t.services.indexOf(service.id) !== -1; }).length;
      return { service: service, count: count, index: index };
    }).filter(function (entry) { return entry.count > 0; });
    list.sort(function (a, b) { return b.count - a.count || a.index - b.index; });
    return list;
  }

  // The one-line recommendation: the service (or services) covering most of the tasks, what is
  // left for the others, and what needs someone at the firm.
  function advice(tasks, fit) {
    var local = tasks.filter(inPerson).length;
    var remote = tasks.filter(function (t) { return !inPerson(t); });
    var n = remote.length;
    var outside = remote.filter(function (t) { return !t.services.length; }).length;
    var best = fit.filter(function (entry) { return entry.count === fit[0].count; });
    // Service names hold "and" themselves: a semicolon keeps them apart.
    var bestNames = best.map(function (entry) { return entry.service.name; }).join("; ");
    var rest = fit.length - best.length;
    var text;
    if (!n) {
      text = "";
    } else if (!fit.length) {
      text = "None of our services covers " + (n === 1 ? "this task" : "these tasks") + ": send us the list and we will talk it through.";
    } else if (fit[0].count === n) {
      var whole = local ? (n === 1 ? "the one task we can take on remotely" : n === 2 ? "both tasks we can take on remotely" : "all " + n + " tasks we can take on remotely")
        : (n === 1 ? "your task" : n === 2 ? "both of your tasks" : "all " + n + " of your tasks");
      text = bestNames + (best.length === 1 ? " covers " : " each cover ") + whole + ".";
    } else if (!rest && !outside) {
      text = fit.length + " of our services share your " + n + " tasks" + (local ? " we can take on remotely" : "") + ": " + bestNames + ".";
    } else {
      var share = fit[0].count + " of your " + n + " tasks";
      text = (best.length === 1 ? "Best fit: " + bestNames + ", for " + share : "Best fits: " + bestNames + " (" + share + " each)") + "." +
        (rest ? " " + plural(rest, "more service covers", "more services cover") + (outside ? " others." : " the rest.") : "");
    }
    if (fit.length && outside) text += " " + plural(outside, "task is", "tasks are") + " outside our services.";
    if (local) text += (text ? " " : "") + plural(local, "task needs", "tasks need") + " someone at your office or in court: we can prepare for " + (local === 1 ? "it." : "them.");
    return text;
  }

  function servicesOf(task) {
    return task.services.map(function (id) { return names[id]; }).join(", ");
  }

  function remoteLine(task) {
    return "Done remotely: " + task.remoteLabel + (task.remoteNote ? ". " + task.remoteNote : "");
  }

  // The ticked tasks grouped by role, in the roles' order.
  function byRole(tasks) {
    return data.roles.map(function (role) {
      return { role: role, tasks: tasks.filter(function (t) { return t.role === role.id; }) };
    }).filter(function (group) { return group.tasks.length; });
  }

  // Put the ticks in a link's query, keeping the link as the build wrote it (relative).
  function carry(link, search) {
    var parts = link.getAttribute("href").split("#");
    link.setAttribute("href", parts[0].split("?")[0] + (search ? "?" + search : "") + (parts.length > 1 ? "#" + parts[1] : ""));
  }

  function address(ids) {
    var query = new URLSearchParams();
    ids.forEach(function (id) { query.append(PARAM, id); });
    return query.toString();
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function fillPanel(tasks, fit) {
    var list = panel.querySelector(".bol-answer-services");
    list.textContent = "";
    fit.forEach(function (entry) {
      var item = element("li");
      var link = element("a", entry.service.name);
      link.href = data.servicesUrl + "#service-" + entry.service.id;
      item.appendChild(link);
      item.appendChild(document.createTextNode(": " + plural(entry.count, "task", "tasks")));
      list.appendChild(item);
    });
    panel.querySelector(".bol-answer-label").hidden = !fit.length;
    var groups = panel.querySelector(".bol-answer-tasks");
    groups.textContent = "";
    byRole(tasks).forEach(function (group) {
      var title = element("p");
      title.appendChild(element("strong", group.role.name + " work"));
      title.appendChild(document.createTextNode(" (" + plural(group.tasks.length, "task", "tasks") + ")"));
      var items = element("ul");
      group.tasks.forEach(function (t) {
        var item = element("li", t.text);
        if (t.services.length && !inPerson(t)) item.appendChild(element("span", (t.services.length === 1 ? "Our service: " : "Our services: ") + servicesOf(t), "bol-note"));
        if (t.remote !== "all") item.appendChild(element("span", remoteLine(t), "bol-note bol-remote-" + t.remote));
        items.appendChild(item);
      });
      groups.appendChild(title);
      groups.appendChild(items);
    });
    panel.hidden = !tasks.length;
  }

  function wanted() {
    return new URLSearchParams(window.location.search).getAll(PARAM).join(",").split(",")
      .filter(function (id) { return byId[id]; });
  }

  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="' + PARAM + '"]'));
  var bar = form.querySelector(".bol-finder-bar");
  var summary = bar.querySelector(".bol-finder-summary");
  var barSend = bar.querySelector(".bol-send");
  var prompt = summary.textContent;
  var contact = new URL(data.contact, window.location.href).pathname;

  function render() {
    var ids = boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
    var tasks = ids.map(function (id) { return byId[id]; });
    var fit = ranked(tasks);
    fillPanel(tasks, fit);
    var text = tasks.length ? advice(tasks, fit) : prompt;
    if (summary.textContent !== text) summary.textContent = text;
    if (barSend) barSend.hidden = !tasks.length;
    // Every link to the contact page (the consultation buttons, the header tab) carries the ticks.
    var search = address(ids);
    Array.prototype.forEach.call(document.querySelectorAll("a[href]"), function (link) {
      if (link.pathname === contact && link.origin === window.location.origin) carry(link, search);
    });
    return ids;
  }

  // Keep the ticks in the address without adding a history entry per click.
  function remember(ids) {
    var query = new URLSearchParams(window.location.search);
    query.delete(PARAM);
    ids.forEach(function (id) { query.append(PARAM, id); });
    var search = query.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + "#" + form.id);
  }

  function restore() {
    var ids = wanted();
    boxes.forEach(function (box) { box.checked = ids.indexOf(box.value) !== -1; });
  }

  form.addEventListener("change", function () { remember(render()); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  panel.querySelector(".bol-clear").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = false; });
    remember(render());
    if (boxes.length) boxes[0].focus();
  });

  restore();
  form.querySelector(".bol-finder-fallback").hidden = true;
  bar.hidden = false;
  render();
})();
