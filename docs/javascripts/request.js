/* The contact page's request form (macros/templates/request.html).

   - Ticks the tasks the guide's checklist carried in the address (?tasks=<id>,<id> or
     ?tasks=<id>&tasks=<id>) and lists the ticked ones at the top, with a way back to change them.
   - Checks the fields on sending and shows mistakes as GOV.UK does: a summary at the top
     that links to each field, and a message at the field. The messages are the form's own
     (data-missing, data-invalid), so they are written once, in the template.
   - Writes the request as the firm asking ("We'd like help with: ..."), tasks under the
     service that takes them on and in-person tasks apart, and then either posts the form
     to extra.firm.form_action (data-send="post", with the written request in a field) or
     opens it as an email in the reader's own program (data-send="email").
   Without this script the form still works: the browser checks the required fields and
   sends the fields as they are. */
(function () {
  "use strict";

  var form = document.getElementById("request");
  if (!form) return;
  var PARAM = "tasks";
  // Mail programs drop or cut mailto: addresses much past 2,000 characters (Outlook's limit
  // is about 2,048): past this, the email lists how many tasks each service covers and links
  // to the full list; "Copy the request" still copies every task.
  var LIMIT = 1800;
  var byPost = form.getAttribute("data-send") === "post";
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="' + PARAM + '"]'));
  var chosen = form.querySelector(".bol-request-chosen");
  var problems = form.querySelector(".bol-error-summary");
  var title = document.title;

  function field(name) {
    return form.elements.namedItem(name);
  }

  function value(name) {
    var item = field(name);
    return item && item.value ? item.value.trim() : "";
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function ticked() {
    return boxes.filter(function (box) { return box.checked; });
  }

  // The ticked tasks by group, in the form's order: {title (as the firm writes it), shown (as
  // the page says it), tasks: [the task in the firm's words]}.
  function groups() {
    return Array.prototype.map.call(form.querySelectorAll(".bol-request-group"), function (group) {
      return {
        title: group.getAttribute("data-email-title"),
        shown: group.querySelector("legend").textContent,
        tasks: Array.prototype.filter.call(group.querySelectorAll('input[name="' + PARAM + '"]'), function (box) {
          return box.checked;
        }).map(function (box) { return box.value; })
      };
    }).filter(function (group) { return group.tasks.length; });
  }

  // The guide's checklist with these ticks: to change them there, and for the firm to see the list.
  function guideAddress() {
    var ids = ticked().map(function (box) { return box.getAttribute("data-task"); });
    var guide = new URL(form.getAttribute("data-guide"), window.location.href);
    guide.search = ids.length ? PARAM + "=" + ids.join(",") : "";
    guide.hash = "which-help-tool";
    return guide.href;
  }

  // The ticked tasks at the top of the form, grouped as they will be sent.
  function showChosen() {
    chosen.textContent = "";
    var list = groups();
    chosen.hidden = !list.length;
    if (!list.length) return;
    chosen.appendChild(element("p", "You've chosen " + plural(ticked().length, "task", "tasks") + ":"));
    list.forEach(function (group) {
      chosen.appendChild(element("p", group.shown, "bol-request-service"));
      var items = element("ul");
      group.tasks.forEach(function (task) { items.appendChild(element("li", task)); });
      chosen.appendChild(items);
    });
    var change = element("a", "Change the list in the guide");
    change.href = guideAddress();
    var line = element("p");
    line.appendChild(change);
    chosen.appendChild(line);
  }

  // --- Checking the fields --------------------------------------------------------------

  var EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
  var PHONE = /^[0-9+().\-\s]*(?:(?:ext|x)\.?\s*[0-9]+)?$/i;

  function mistake(item, kind) {
    return { target: item, message: item.getAttribute("data-" + kind) };
  }

  function mistakes() {
    var found = [];
    var tasks = form.querySelector(".bol-request-tasks");
    if (!ticked().length && !value("message")) found.push({ target: tasks, message: tasks.getAttribute("data-missing") });
    ["name", "firm", "email", "phone"].forEach(function (name) {
      var item = field(name);
      var text = value(name);
      if (!text && item.required) found.push(mistake(item, "missing"));
      else if (text && name === "email" && !EMAIL.test(text)) found.push(mistake(item, "invalid"));
      else if (text && name === "phone" && (!PHONE.test(text) || text.replace(/\D/g, "").length < 7)) found.push(mistake(item, "invalid"));
    });
    return found;
  }

  function errorLine(item) {
    return document.getElementById(item.id + "-error");
  }

  function clearMistakes() {
    problems.hidden = true;
    problems.querySelector("ul").textContent = "";
    document.title = title;
    Array.prototype.forEach.call(form.querySelectorAll(".bol-field--error"), function (box) {
      box.classList.remove("bol-field--error");
    });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (item) {
      item.removeAttribute("aria-invalid");
      var ids = (item.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
        return id && id !== item.id + "-error";
      });
      if (ids.length) item.setAttribute("aria-describedby", ids.join(" "));
      else item.removeAttribute("aria-describedby");
    });
    Array.prototype.forEach.call(form.querySelectorAll(".bol-error-message"), function (line) {
      line.hidden = true;
      line.textContent = "";
    });
  }

  function showMistakes(found) {
    clearMistakes();
    var list = problems.querySelector("ul");
    found.forEach(function (item) {
      var line = errorLine(item.target);
      line.appendChild(element("span", "Error: ", "bol-hidden"));
      line.appendChild(document.createTextNode(item.message));
      line.hidden = false;
      item.target.closest(".bol-field").classList.add("bol-field--error");
      item.target.setAttribute("aria-invalid", "true");
      item.target.setAttribute("aria-describedby",
        ((item.target.getAttribute("aria-describedby") || "") + " " + line.id).trim());
      var link = element("a", item.message);
      link.href = "#" + item.target.id;
      var entry = element("li");
      entry.appendChild(link);
      list.appendChild(entry);
    });
    problems.hidden = false;
    document.title = "Error: " + title;
    problems.focus();
  }

  // A summary link focuses its field (the first task box for the tasks, opening the list).
  problems.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    if (!link) return;
    event.preventDefault();
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (target.tagName === "FIELDSET") {
      form.querySelector(".bol-request-choose").open = true;
      target = boxes[0] || target;
    }
    target.focus();
    target.scrollIntoView({ block: "center" });
  });

  // --- The request, written out ---------------------------------------------------------

  var ABOUT = [["name", "Name"], ["firm", "Law firm"], ["email", "Email"], ["phone", "Phone"],
    ["firm_size", "Lawyers at the firm"], ["practice", "Practice areas"], ["best_time", "Best time to call"]];

  function subject() {
    var count = ticked().length;
    return "Consultation request from " + value("firm") + (count ? ": " + plural(count, "task", "tasks") : "");
  }

  // The tasks in full (each under its group), or, when `brief`, how many each group holds.
  function taskLines(brief) {
    var list = groups();
    if (!list.length) return ["We'd like to talk about help for our firm."];
    if (brief) {
      var lines = ["We'd like help with " + plural(ticked().length, "task", "tasks") + ":"];
      list.forEach(function (group) { lines.push("- " + group.title + ": " + plural(group.tasks.length, "task", "tasks")); });
      return lines.concat(["", "The full list is in your guide: " + guideAddress()]);
    }
    var full = ["We'd like help with:"];
    list.forEach(function (group) {
      full.push("", group.title + ":");
      group.tasks.forEach(function (task) { full.push("- " + task); });
    });
    return full.concat(["", "Our list in your guide: " + guideAddress()]);
  }

  function requestText(brief, message) {
    var lines = ["Hello " + form.getAttribute("data-firm") + ",", ""].concat(taskLines(brief));
    if (message) lines.push("", message);
    lines.push("", "About us:");
    ABOUT.forEach(function (pair) {
      var text = value(pair[0]);
      if (text) lines.push(pair[1] + ": " + text);
    });
    lines.push("", "Thank you,", value("name"));
    return lines.join("\n");
  }

  function mailto(body) {
    return "mailto:" + form.getAttribute("data-email") + "?subject=" + encodeURIComponent(subject()) +
      "&body=" + encodeURIComponent(body);
  }

  // The email as an address a mail program accepts: every task while it fits, else the
  // summary; a message too long for it is cut, saying so.
  function emailAddress() {
    var message = value("message");
    var address = mailto(requestText(false, message));
    if (address.length <= LIMIT) return address;
    address = mailto(requestText(true, message));
    var note = " [...] (Our message was too long for an email link: we'll send the rest.)";
    var keep = message.length;
    while (address.length > LIMIT && keep > 0) {
      keep = Math.max(0, keep - Math.max(20, Math.ceil((address.length - LIMIT) / 3)));
      address = mailto(requestText(true, message.slice(0, keep) + note));
    }
    return address;
  }

  // --- Sending --------------------------------------------------------------------------

  function copy() {
    var area = form.querySelector(".bol-copy-text");
    var status = form.querySelector(".bol-copy-status");
    area.value = requestText(false, value("message"));
    function done() { status.textContent = "Copied: paste the request into an email to " + form.getAttribute("data-email") + "."; }
    function byHand() {
      area.hidden = false;
      area.focus();
      area.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      if (copied) done();
      else status.textContent = "Select the text below and copy it.";
    }
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(area.value).then(done, byHand);
    else byHand();
  }

  function send() {
    if (byPost) {
      field("subject").value = subject();
      field("request").value = requestText(false, value("message"));
      field("subject").disabled = false;
      field("request").disabled = false;
      form.submit();
      return;
    }
    var address = emailAddress();
    var status = form.querySelector(".bol-copy-status");
    status.textContent = "";
    status.appendChild(document.createTextNode("Your email program should now open with the request written out. Nothing opened? "));
    var again = element("a", "Open the email again", "bol-email-again");
    again.href = address;
    status.appendChild(again);
    status.appendChild(document.createTextNode(", or copy the request."));
    window.location.href = address;
  }

  form.noValidate = true;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var found = mistakes();
    if (found.length) showMistakes(found);
    else {
      clearMistakes();
      send();
    }
  });
  form.addEventListener("change", function (event) {
    if (event.target.name === PARAM) showChosen();
  });

  if (!byPost) {
    var button = form.querySelector(".bol-copy");
    button.hidden = false;
    form.querySelector(".bol-copy-hint").hidden = false;
    button.addEventListener("click", copy);
  }

  var carried = new URLSearchParams(window.location.search).getAll(PARAM).join(",").split(",");
  boxes.forEach(function (box) { box.checked = carried.indexOf(box.getAttribute("data-task")) !== -1; });
  showChosen();
})();
