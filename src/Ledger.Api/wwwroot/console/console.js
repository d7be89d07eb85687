// The console's only script: forms that post JSON to the ledger's API, downloads with progress, and the roster editor.
// The bearer token stays in an HttpOnly cookie; same-origin fetch sends it, and this script never sees it.
(function () {
  'use strict';
  var english = document.documentElement.lang === 'en';
  function L(zh, en) { return english ? en : zh; }
  // The page's anti-forgery token: every write sent with the console's cookie carries it (ConsoleRequestForgeryGuard).
  function csrfToken() { var m = document.querySelector('meta[name="ledger-csrf"]'); return m ? m.content : ''; }

  // What to do next, by status: every refusal the API gives is shown with its own detail plus this.
  function nextStep(status, problem) {
    if (problem && problem.next) return problem.next;
    switch (status) {
      case 400: return L('请更正标出的字段后重新提交。', 'Correct the fields named above and submit again.');
      case 401: return L('登录已过期，请重新登录后再试。', 'Your sign-in has expired: sign in again, then retry.');
      case 403: return L('您的角色或管辖范围不允许此操作，请以有权限的角色登录。', 'Your role or jurisdiction may not do this: sign in with one that may.');
      case 404: return L('记录不存在或不在您的范围内，请核对编号。', 'The record does not exist or lies outside your scope: check the number.');
      case 409: return L('记录已被他人更新，请刷新页面后重试。', 'Someone changed the record meanwhile: reload the page and try again.');
      case 422: return L('业务规则' + (problem && problem.ruleId ? ' ' + problem.ruleId : '') + ' 不允许此操作，请按规则处理后重试。',
        'Business rule' + (problem && problem.ruleId ? ' ' + problem.ruleId : '') + ' refuses this: do what it requires, then retry.');
      case 429: return L('请求过于频繁，请稍候再试。', 'Too many requests: wait a moment and try again.');
      default: return L('服务器暂时无法完成请求，请稍后重试；如仍失败，请联系系统管理员并提供追踪号。', 'The server could not finish the request: try again later, and if it keeps failing give the trace id to your administrator.');
    }
  }

  function showError(form, status, problem) {
    var box = form.querySelector('.form-error');
    if (!box) { alert((problem && (problem.detail || problem.title)) || status); return; }
    box.textContent = '';
    var title = document.createElement('p');
    title.className = 'title';
    title.textContent = (problem && problem.title) || (L('请求失败', 'The request failed') + ' (' + status + ')');
    box.appendChild(title);
    if (problem && problem.detail) { var d = document.createElement('p'); d.textContent = problem.detail; box.appendChild(d); }
    if (problem && problem.errors) {
      var list = document.createElement('ul');
      Object.keys(problem.errors).forEach(function (field) {
        var li = document.createElement('li');
        // The API names list items roster[1].idNumber; the form's inputs are named roster.1.idNumber.
        var path = field.replace(/\[(\d+)\]/g, '.$1');
        var row = /\.(\d+)\./.exec(path);
        // An item of a list sent from one box (months[2] of a data-type="list" box) is marked on that box.
        var item = /^([A-Za-z]+)\.\d+$/.exec(path);
        var input = form.querySelector('[name="' + path + '"]') || (item && form.querySelector('[name="' + item[1] + '"]'))
          || (row || item ? null : form.querySelector('[name$=".' + path.split('.').pop() + '"]'));
        if (input) {
          input.setAttribute('aria-invalid', 'true');
          // The message also stands beside the box itself, so a long form need not be read against the list above.
          var beside = document.createElement('span');
          beside.className = 'field-error';
          beside.id = 'err-' + path.replace(/[^A-Za-z0-9]/g, '-');
          beside.textContent = [].concat(problem.errors[field]).join(L('；', '; '));
          (input.closest('label') || input.parentNode).appendChild(beside);
          input.setAttribute('aria-describedby', beside.id);
        }
        // Name the field as its label on the page says it, so the officer knows which box to correct.
        var label = input && (input.closest('label') || (input.id && form.querySelector('label[for="' + input.id + '"]')));
        var name = label && label.firstChild && label.firstChild.nodeType === 3 ? label.firstChild.textContent.trim() : '';
        var where = row ? L('名单第 ' + (Number(row[1]) + 1) + ' 行 ', 'line ' + (Number(row[1]) + 1) + ' ') : '';
        li.title = field;
        li.textContent = where + (name || (row ? '' : L('所填内容', field))) + L('：', ': ') + [].concat(problem.errors[field]).join(L('；', '; '));
        list.appendChild(li);
      });
      box.appendChild(list);
    }
    var next = document.createElement('p');
    next.className = 'next';
    // A form may say better than the status alone what to do next (a duplicate submission needs no retry, say).
    next.textContent = form.getAttribute('data-next-' + status) || nextStep(status, problem);
    if (!(problem && problem.detail === next.textContent)) box.appendChild(next);
    // A stale version: the record moved on after the page was drawn (another officer, or the ledger's own recheck of a
    // claim after a certificate changed). Nothing was saved; the officer reloads, keeping what was typed.
    if (status === 409 && problem && (problem.currentVersion !== undefined || problem.code === 'stale-version')) {
      var stale = document.createElement('p');
      stale.className = 'stale';
      var now = problem.currentVersion !== undefined ? L('已更新为第 ' + problem.currentVersion + ' 版', ' moved on to version ' + problem.currentVersion) : L('已更新', ' changed');
      stale.textContent = L('您打开本页后，这条记录' + now + '（可能是其他人员办理，也可能是台账在证书状态变化后自动复核）。本次填写的内容尚未保存。',
        'The record' + now + ' after this page was opened (another officer, or the ledger rechecking it after a certificate changed). Nothing you typed was saved.');
      box.appendChild(stale);
      var again = document.createElement('button');
      again.type = 'button';
      again.className = 'secondary reload';
      again.textContent = L('重新载入本页（保留已填写的内容）', 'Reload the page (keeping what you typed)');
      again.addEventListener('click', function () { keepTyped(form); window.location.reload(); });
      box.appendChild(again);
    }
    if (problem && problem.traceId) { var t = document.createElement('p'); t.className = 'muted'; t.textContent = L('追踪号 ', 'Trace id ') + problem.traceId; box.appendChild(t); }
    box.hidden = false;
    box.focus && box.setAttribute('tabindex', '-1');
    box.focus();
  }

  // What an officer typed survives the reload a stale version asks for: kept for this tab, put back once, never the version.
  function formKey(form) { return 'ledger-typed:' + location.pathname + ':' + (form.id || form.getAttribute('data-api')); }
  function keepTyped(form) {
    var values = {};
    form.querySelectorAll('input[name], select[name], textarea[name]').forEach(function (el) {
      if (el.type === 'hidden' || el.type === 'file') return;
      values[el.name] = el.type === 'checkbox' ? el.checked : el.multiple ? [].map.call(el.selectedOptions, function (o) { return o.value; }) : el.value;
    });
    try { sessionStorage.setItem(formKey(form), JSON.stringify(values)); } catch (e) { /* private mode: nothing kept */ }
  }
  document.querySelectorAll('form[data-api]').forEach(function (form) {
    var kept;
    try { kept = sessionStorage.getItem(formKey(form)); sessionStorage.removeItem(formKey(form)); } catch (e) { kept = null; }
    if (!kept) return;
    var values = JSON.parse(kept);
    form.querySelectorAll('input[name], select[name], textarea[name]').forEach(function (el) {
      if (!(el.name in values) || el.type === 'hidden') return;
      if (el.type === 'checkbox') el.checked = values[el.name];
      else if (el.multiple) [].forEach.call(el.options, function (o) { o.selected = values[el.name].indexOf(o.value) >= 0; });
      else el.value = values[el.name];
    });
    var details = form.closest('details');
    if (details) details.open = true;
  });

  // A link to a form (a to-do item, a register row) names it in the address: the form is unfolded, shown and its first
  // box focused, so the officer lands on the act itself.
  // After the load, because the browser's own jump to the fragment clears the focus once the page has loaded.
  window.addEventListener('load', function () {
    var target = location.hash.length > 1 && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target) return;
    var details = target.closest('details');
    if (details) details.open = true;
    setTimeout(function () {
      target.scrollIntoView({ block: 'start' });
      var first = target.querySelector('input:not([type=hidden]), select, textarea');
      if (first) first.focus();
    }, 0);
  });

  // Field names are paths: "commitment.signer", "roster.0.name"; numeric segments make arrays.
  // A form may take two requests in turn (find the person, then issue; register, then hire): an input says with
  // data-step="1", "2" or "1 2" which it belongs to, and an input without one belongs to the last.
  function serialise(form, step, steps) {
    var body = {};
    form.querySelectorAll('input[name], select[name], textarea[name]').forEach(function (el) {
      if (el.closest('template') || el.hasAttribute('data-path')) return;
      var belongs = (el.getAttribute('data-step') || String(steps || 1)).split(' ');
      if (belongs.indexOf(String(step || 1)) < 0) return;
      var value;
      var type = el.getAttribute('data-type');
      if (el.type === 'checkbox') value = el.checked;
      else if (el.type === 'file') return;
      // A multiple select sends the chosen values; a box of data-type="list" its entries, one a line or comma apart.
      else if (el.multiple) { value = [].map.call(el.selectedOptions, function (o) { return o.value; }); if (value.length === 0 && !el.required) return; }
      else if (type === 'list') { value = el.value.split(/[\s,，、;；]+/).filter(Boolean); if (value.length === 0 && !el.required) return; }
      else {
        value = el.value.trim();
        if (value === '' && type) return;
        if (value === '' && el.type !== 'hidden' && !el.required) return;
        if (type === 'int') value = parseInt(value, 10);
        else if (type === 'number') value = isNaN(Number(value.replace(/,/g, ''))) ? value : Number(value.replace(/,/g, ''));
        else if (type === 'bool') value = value === 'true';
      }
      var path = el.name.split('.');
      var target = body;
      for (var i = 0; i < path.length - 1; i++) {
        var key = /^\d+$/.test(path[i]) ? Number(path[i]) : path[i];
        if (target[key] === undefined) target[key] = /^\d+$/.test(path[i + 1]) ? [] : {};
        target = target[key];
      }
      var last = /^\d+$/.test(path[path.length - 1]) ? Number(path[path.length - 1]) : path[path.length - 1];
      target[last] = value;
    });
    return body;
  }

  function busy(form, on) {
    form.setAttribute('aria-busy', on ? 'true' : 'false');
    form.querySelectorAll('button').forEach(function (b) { b.disabled = on; });
    var bar = form.querySelector('progress.working');
    if (on && !bar) {
      bar = document.createElement('progress');
      bar.className = 'working';
      bar.setAttribute('aria-label', L('正在处理…', 'Working…'));
      form.appendChild(bar);
    } else if (!on && bar) bar.remove();
  }

  function toast(text) {
    var t = document.getElementById('toast');
    if (!t) return;
    t.textContent = text;
    t.classList.add('shown');
    setTimeout(function () { t.classList.remove('shown'); }, 4000);
  }

  function saveFile(blob, name) {
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    var api = form.getAttribute('data-api');
    if (!api) return;
    event.preventDefault();
    form.querySelectorAll('[aria-invalid]').forEach(function (el) { el.removeAttribute('aria-invalid'); el.removeAttribute('aria-describedby'); });
    form.querySelectorAll('.field-error').forEach(function (el) { el.remove(); });
    var box = form.querySelector('.form-error');
    if (box) box.hidden = true;
    var second = form.getAttribute('data-api-then');
    var steps = second ? 2 : 1;
    // The API answers refusals in the page's language (problem details keep their codes whatever the language).
    function request(spec, step, earlier) {
      var parts = spec.split(' ');
      var method = parts[0];
      var url = parts[1].replace(/:([A-Za-z]+)/g, function (_, key) { return encodeURIComponent(earlier && earlier[key] !== undefined ? earlier[key] : ''); })
        // {personId}: chosen on the form itself (a trainee from the class's list), part of the address and not of the body.
        .replace(/\{([A-Za-z]+)\}/g, function (_, key) { var el = form.querySelector('[data-path][name="' + key + '"]'); return encodeURIComponent(el ? el.value : ''); });
      var init = { method: method, credentials: 'same-origin', headers: { 'Accept': 'application/json', 'Accept-Language': english ? 'en' : 'zh-CN' } };
      if (method !== 'GET') init.headers['X-Ledger-Csrf'] = csrfToken();
      if (method === 'GET') url += '?' + new URLSearchParams(new FormData(form)).toString();
      else if (form.hasAttribute('data-raw')) {
        init.headers['Content-Type'] = 'application/json';
        init.body = form.querySelector('[name="' + form.getAttribute('data-raw') + '"]').value;
      } else {
        init.headers['Content-Type'] = 'application/json';
        var body = serialise(form, step, steps);
        // What the first answer said that the second request needs (the person's version, say).
        (form.getAttribute('data-carry') || '').split(' ').filter(Boolean).forEach(function (key) {
          if (earlier && earlier[key] !== undefined) body[key] = earlier[key];
        });
        init.body = JSON.stringify(body);
      }
      return fetch(url, init).then(function (response) {
        return response.text().then(function (text) {
          var json = null;
          try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
          return { response: response, json: json };
        });
      });
    }
    busy(form, true);
    request(api, 1, null).then(function (first) {
      if (!second || !first.response.ok) return first;
      return request(second, 2, first.json);
    }).then(function (answer) {
      var response = answer.response, json = answer.json;
      {
        busy(form, false);
        if (!response.ok) { showError(form, response.status, json); return; }
        var then = form.getAttribute('data-then');
        var show = form.getAttribute('data-show');
        if (form.hasAttribute('data-save')) saveFile(new Blob([JSON.stringify(json, null, 2)], { type: 'application/json' }), form.getAttribute('data-save'));
        if (then) {
          window.location.href = then.replace(/:([A-Za-z]+)/g, function (_, key) { return encodeURIComponent(json && json[key] !== undefined ? json[key] : ''); });
        } else if (show) {
          var out = document.querySelector(show);
          out.textContent = JSON.stringify(json, null, 2);
          out.hidden = false;
          out.setAttribute('tabindex', '-1');
          out.focus();
        } else {
          toast(L('已保存', 'Saved'));
          window.location.reload();
        }
      }
    }).catch(function () {
      busy(form, false);
      showError(form, 0, { title: L('无法连接台账服务', 'The ledger could not be reached'), detail: L('请检查网络连接后重试。', 'Check the network connection and try again.') });
    });
  });

  // Exports stream with a progress bar: the ledger can take a while to build a large workbook.
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-download]');
    if (!link) return;
    event.preventDefault();
    var bar = document.createElement('progress');
    bar.className = 'download';
    bar.setAttribute('aria-label', L('正在导出…', 'Exporting…'));
    link.after(bar);
    fetch(link.href, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) {
        return response.json().catch(function () { return null; }).then(function (p) {
          bar.remove();
          alert(((p && (p.detail || p.title)) || response.status) + '\n' + nextStep(response.status, p));
        });
      }
      var total = Number(response.headers.get('Content-Length')) || 0;
      if (total) bar.max = total;
      var name = (/filename\*?=(?:UTF-8'')?"?([^";]+)/i.exec(response.headers.get('Content-Disposition') || '') || [])[1] || 'export';
      var reader = response.body.getReader();
      var chunks = [], received = 0;
      function pump() {
        return reader.read().then(function (r) {
          if (r.done) { bar.remove(); saveFile(new Blob(chunks, { type: response.headers.get('Content-Type') || '' }), decodeURIComponent(name)); toast(L('导出完成', 'Export ready')); return; }
          chunks.push(r.value);
          received += r.value.length;
          if (total) bar.value = received;
          return pump();
        });
      }
      return pump();
    }).catch(function () { bar.remove(); alert(nextStep(0)); });
  });

  // CSV imports: the upload shows its progress, then the import itself runs on the server until the report comes back.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute('data-upload')) return;
    event.preventDefault();
    var file = form.querySelector('input[type=file]').files[0];
    if (!file) return;
    var box = form.querySelector('.form-error');
    box.hidden = true;
    var bar = document.createElement('progress');
    bar.max = file.size || 1;
    bar.value = 0;
    bar.setAttribute('aria-label', L('正在上传…', 'Uploading…'));
    form.appendChild(bar);
    form.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.querySelector('select[name=target]').value);
    // A workbook goes as itself; a CSV names no charset, so the server tells UTF-8 from GBK (Excel's CSV on Chinese Windows).
    var workbook = /\.xlsx$/i.test(file.name);
    xhr.setRequestHeader('Content-Type', workbook ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-Ledger-Csrf', csrfToken());
    xhr.upload.onprogress = function (e) { if (e.lengthComputable) { bar.max = e.total; bar.value = e.loaded; } };
    xhr.upload.onload = function () { bar.removeAttribute('value'); bar.setAttribute('aria-label', L('正在导入…', 'Importing…')); };
    xhr.onloadend = function () {
      bar.remove();
      form.querySelectorAll('button').forEach(function (b) { b.disabled = false; });
      var json = null;
      try { json = JSON.parse(xhr.responseText); } catch (e) { json = null; }
      if (xhr.status >= 200 && xhr.status < 300) showImportReport(json, file, workbook);
      else showError(form, xhr.status, json);
    };
    xhr.send(file);
  });

  // The import report: counts, then each refused row with its line, column and reason, and the refused rows to download.
  function showImportReport(report, file, workbook) {
    document.getElementById('import-report').hidden = false;
    document.getElementById('import-summary').textContent = L('共 ', 'Rows ') + report.rows + L(' 行：导入 ', ': imported ') + report.accepted +
      L('，跳过（已导入过） ', ', skipped (imported before) ') + report.skipped + L('，不能导入 ', ', not imported ') + report.rejected + L(' 行。', '.') +
      (report.errors.length < report.rejected ? L('（仅列出前 ' + report.errors.length + ' 条原因）', ' (the first ' + report.errors.length + ' reasons are listed)') : '');
    var body = document.querySelector('#import-errors tbody');
    body.textContent = '';
    report.errors.forEach(function (e) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-line', String(e.row));
      [String(e.row), english ? e.field : e.column, english ? e.message : e.reason].forEach(function (text) {
        var td = document.createElement('td');
        td.textContent = text;
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    document.getElementById('import-rejected').hidden = report.errors.length === 0;
    var button = document.getElementById('import-rejected-download');
    // The rows come from the file still in the browser, so no ID number travels back from the server for them.
    button.hidden = workbook;
    button.onclick = function () {
      var lines = {};
      report.errors.forEach(function (e) { lines[e.row] = true; });
      file.arrayBuffer().then(function (buffer) {
        var text;
        try { text = new TextDecoder('utf-8', { fatal: true }).decode(buffer); } catch (err) { text = new TextDecoder('gb18030').decode(buffer); }
        var records = csvRecords(text.replace(/^\uFEFF/, ''));
        var kept = records.filter(function (r, i) { return i === 0 || lines[r.line]; }).map(function (r) { return r.text; });
        var blob = new Blob(['\uFEFF' + kept.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
        var a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = file.name.replace(/\.csv$/i, '') + '-rejected.csv';
        document.body.appendChild(a);
        a.click();
        a.remove();
      });
    };
  }

  // CSV records with the line each starts on, counted as the server counts them (quoted fields may span lines).
  function csvRecords(text) {
    var records = [];
    var line = 1, start = 0, startLine = 1, quoted = false;
    for (var i = 0; i <= text.length; i++) {
      var c = text[i];
      if (c === '"') quoted = !quoted;
      if (i === text.length || (!quoted && (c === '\n' || c === '\r'))) {
        var record = text.substring(start, i);
        if (record.length > 0) records.push({ line: startLine, text: record });
        if (c === '\r' && text[i + 1] === '\n') i++;
        line++;
        start = i + 1;
        startLine = line;
      } else if (c === '\n') line++;
    }
    return records;
  }

  // A digest file chosen on disk fills the textarea it belongs to.
  document.addEventListener('change', function (event) {
    var input = event.target;
    if (!input.matches || !input.matches('input[type=file][data-fill]')) return;
    var file = input.files && input.files[0];
    if (!file) return;
    file.text().then(function (text) { document.querySelector(input.getAttribute('data-fill')).value = text; });
  });

  // A picker: the officer types part of a name or credit code, the API's own search (GET /api/enterprises) offers the
  // matches, and the chosen one's id goes into the hidden field beside it. Nothing is chosen until a match is picked.
  var pickTimer = null;
  function pickChoose(input) {
    var hidden = input.closest('label').querySelector('input[type=hidden][name="' + input.getAttribute('data-pick-into') + '"]');
    var list = document.getElementById(input.getAttribute('list'));
    var match = [].slice.call(list.options).filter(function (o) { return o.value === input.value; })[0];
    hidden.value = match ? match.getAttribute('data-id') : '';
    input.setCustomValidity(match || input.value === '' ? '' : L('请从列表中选择', 'Choose one from the list'));
  }
  document.addEventListener('input', function (event) {
    var input = event.target;
    if (!input.matches || !input.matches('input[data-pick]')) return;
    pickChoose(input);
    clearTimeout(pickTimer);
    var q = input.value.trim();
    if (q.length < 2 || input.validity.valid && input.value !== '' && input.closest('label').querySelector('input[type=hidden]').value) return;
    pickTimer = setTimeout(function () {
      fetch(input.getAttribute('data-pick') + '?q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { 'Accept': 'application/json', 'Accept-Language': english ? 'en' : 'zh-CN' } })
        .then(function (r) { return r.ok ? r.json() : { items: [] }; })
        .then(function (page) {
          var list = document.getElementById(input.getAttribute('list'));
          list.textContent = '';
          (page.items || []).forEach(function (item) {
            var option = document.createElement('option');
            option.value = item.name + L('（', ' (') + item.creditCode + L('）', ')');
            // The field the form sends: the enterprise's id by default, its credit code where the API asks for that.
            option.setAttribute('data-id', item[input.getAttribute('data-pick-field') || 'enterpriseId']);
            list.appendChild(option);
          });
          pickChoose(input);
        });
    }, 250);
  });
  document.addEventListener('change', function (event) {
    if (event.target.matches && event.target.matches('input[data-pick]')) pickChoose(event.target);
  });

  // The claim roster: lines are added from a template and numbered 1…n.
  function addLine(roster) {
    var template = document.getElementById('roster-line');
    var index = roster.querySelectorAll('.roster-line').length;
    var fragment = template.content.cloneNode(true);
    fragment.querySelectorAll('[name]').forEach(function (el) { el.name = el.name.replace('#', String(index)); });
    fragment.querySelector('[data-line-no]').textContent = String(index + 1);
    fragment.querySelector('[data-line-no-value]').value = String(index + 1);
    roster.appendChild(fragment);
    var first = roster.querySelectorAll('.roster-line')[index].querySelector('input:not([type=hidden])');
    return first;
  }
  document.querySelectorAll('[data-roster]').forEach(function (roster) { addLine(roster); });
  document.addEventListener('click', function (event) {
    if (!event.target.matches || !event.target.matches('[data-add-line]')) return;
    var roster = event.target.closest('form').querySelector('[data-roster]');
    var first = addLine(roster);
    if (first) first.focus();
  });

  // The audit form's print button: inline handlers are refused by the console's Content-Security-Policy.
  document.addEventListener('click', function (event) {
    if (event.target.closest('[data-print]')) window.print();
  });
})();
