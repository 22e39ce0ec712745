/* "Which help do I need?": turns the ticks in the guide's checklist into an answer (the
   services that fit, best first, and a one-line recommendation) and into an email to the
   firm, and carries them to the contact page, which shows the same list.
   Everything it shows comes from the JSON block the build writes beside the tool (from
   data/comparison.yml and extra.firm in mkdocs.yml), so it can never disagree with the
   guide. The ticks live in the address (?tasks=<id>&tasks=<id>) to share or revisit.
   No request leaves the page: the email opens in the reader's own email program. */
(function () {
  "use strict";

  var block = document.querySelector("script.bol-finder-data");
  if (!block) return;
  var data = JSON.parse(block.textContent);
  var PARAM = "tasks";
  var form = document.getElementById("which-help-tool"); // only on the guide
  var panel = document.querySelector(".bol-answer");
  var byId = {};
  data.tasks.forEach(function (t) { byId[t.id] = t; });
  var names = {};
  data.services.forEach(function (s) { names[s.id] = s.name; });

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  // The services covering the tasks, most tasks covered first; ties keep the file's order.
  function ranked(tasks) {
    var list = data.services.map(function (service, index) {
      var count = tasks.filter(function (t) { return t.services.indexOf(service.id) !== -1; }).length;
      return { service: service, count: count, index: index };
    }).filter(function (entry) { return entry.count > 0; });
    list.sort(function (a, b) { return b.count - a.count || a.index - b.index; });
    return list;
  }

  // The one-line recommendation: the service (or services) covering most of the tasks, and
  // what is left for the others.
  function advice(tasks, fit) {
    var n = tasks.length;
    var outside = tasks.filter(function (t) { return !t.services.length; }).length;
    var best = fit.filter(function (entry) { return entry.count === fit[0].count; });
    // Service names hold "and" themselves: a semicolon keeps them apart.
    var bestNames = best.map(function (entry) { return entry.service.name; }).join("; ");
    var rest = fit.length - best.length;
    var text;
    if (!fit.length) {
      text = "None of our services covers " + (n === 1 ? "this task" : "these tasks") + ": send us the list and we will talk it through.";
    } else if (fit[0].count === n) {
      text = bestNames + (best.length === 1 ? " covers " : " each cover ") + (n === 1 ? "your task" : n === 2 ? "both of your tasks" : "all " + n + " of your tasks") + ".";
    } else if (!rest && !outside) {
      text = fit.length + " of our services share your " + n + " tasks: " + bestNames + ".";
    } else {
      var share = fit[0].count + " of your " + n + " tasks";
      text = (best.length === 1 ? "Best fit: " + bestNames + ", for " + share : "Best fits: " + bestNames + " (" + share + " each)") + "." +
        (rest ? " " + plural(rest, "more service covers", "more services cover") + (outside ? " others." : " the rest.") : "");
    }
    if (fit.length && outside) text += " " + plural(outside, "task is", "tasks are") + " outside our services.";
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

  // The list as plain text: the body of the email, and what "Copy the list" copies.
  function plainText(tasks, fit, ids) {
    var lines = ["Hello Back Office Legal,", "", "I would like a free consultation about handing over these tasks.", ""];
    byRole(tasks).forEach(function (group) {
      lines.push(group.role.name + " work:");
      group.tasks.forEach(function (t) {
        lines.push("- " + t.text + (t.services.length ? " (" + servicesOf(t) + ")" : ""));
        if (t.remote !== "all") lines.push("  " + remoteLine(t));
      });
      lines.push("");
    });
    if (fit.length) {
      lines.push("Services that fit, best first:");
      fit.forEach(function (entry) { lines.push("- " + entry.service.name + ": " + plural(entry.count, "task", "tasks")); });
      lines.push("");
    }
    var guide = new URL(data.guide, window.location.href);
    guide.search = address(ids);
    guide.hash = "which-help-tool";
    lines.push("My list on your site: " + guide.href, "", "Name:", "Firm:", "Phone:", "Best time to call:");
    return lines.join("\n");
  }

  function mailto(tasks, text) {
    return "mailto:" + data.email + "?subject=" +
      encodeURIComponent("Free consultation: " + plural(tasks.length, "task", "tasks") + " to hand over") +
      "&body=" + encodeURIComponent(text);
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function fillPanel(tasks, fit, text) {
    var line = panel.querySelector(".bol-answer-advice"); // on the contact page
    if (line) line.textContent = advice(tasks, fit);
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
        if (t.services.length) item.appendChild(element("span", (t.services.length === 1 ? "Our service: " : "Our services: ") + servicesOf(t), "bol-note"));
        if (t.remote !== "all") item.appendChild(element("span", remoteLine(t), "bol-note bol-remote-" + t.remote));
        items.appendChild(item);
      });
      groups.appendChild(title);
      groups.appendChild(items);
    });
    Array.prototype.forEach.call(document.querySelectorAll(".bol-send"), function (link) {
      link.href = mailto(tasks, text);
    });
    panel.querySelector(".bol-copy-text").value = text;
    panel.querySelector(".bol-copy-status").textContent = "";
    panel.hidden = !tasks.length;
  }

  // Copy with the Clipboard API; where the browser refuses, show the text selected to copy by hand.
  function copy() {
    var area = panel.querySelector(".bol-copy-text");
    var status = panel.querySelector(".bol-copy-status");
    function done() { status.textContent = "Copied: paste the list into an email or a note."; }
    function byHand() {
      area.hidden = false;
      area.focus();
      area.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      status.textContent = copied ? "Copied: paste the list into an email or a note." : "Select the text below and copy it.";
    }
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(area.value).then(done, byHand);
    else byHand();
  }

  panel.querySelector(".bol-copy").addEventListener("click", copy);

  function wanted() {
    return new URLSearchParams(window.location.search).getAll(PARAM).join(",").split(",")
      .filter(function (id) { return byId[id]; });
  }

  // On the contact page: show the list the address carries, if any.
  if (!form) {
    var ids = wanted();
    if (!ids.length) return;
    var tasks = data.tasks.filter(function (t) { return ids.indexOf(t.id) !== -1; });
    ids = tasks.map(function (t) { return t.id; });
    var fit = ranked(tasks);
    fillPanel(tasks, fit, plainText(tasks, fit, ids));
    carry(panel.querySelector(".bol-change"), address(ids));
    return;
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
    fillPanel(tasks, fit, plainText(tasks, fit, ids));
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
