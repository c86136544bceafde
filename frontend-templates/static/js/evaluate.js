/*
 * "Test this rule" panel and evaluate page helpers.
 * - form[data-evaluate-endpoint]: posts the pasted events to the JSON evaluate API and shows the matches in place
 *   (without JavaScript the same form posts to the evaluate page).
 * - input[type=file][data-fill-target]: reads a chosen file into the events textarea so it can be checked first.
 * Results are built with DOM text nodes only: event values are never parsed as HTML.
 */
(function () {
    'use strict';

    function el(tag, cls, text) {
        var e = document.createElement(tag);
        if (cls) {
            e.className = cls;
        }
        if (text !== undefined && text !== null) {
            e.textContent = String(text);
        }
        return e;
    }

    /* Wraps the part of value that the pattern's literal core matches (case-insensitively) in <mark>. */
    function markedValue(value, pattern) {
        var span = el('span');
        var text = value === null || value === undefined ? '' : String(value);
        var core = (pattern || '').replace(/^\*+|\*+$/g, '');
        var at = core && core.indexOf('*') < 0 && core.indexOf('?') < 0
            ? text.toLowerCase().indexOf(core.toLowerCase()) : -1;
        if (at < 0) {
            span.appendChild(el('mark', null, text));
            return span;
        }
        span.appendChild(document.createTextNode(text.slice(0, at)));
        span.appendChild(el('mark', null, text.slice(at, at + core.length)));
        span.appendChild(document.createTextNode(text.slice(at + core.length)));
        return span;
    }

    function body(text) {
        var trimmed = text.trim();
        try {
            var parsed = JSON.parse(trimmed);
            return { type: 'application/json', data: JSON.stringify({ events: Array.isArray(parsed) ? parsed : [parsed] }) };
        } catch (notJson) {
            return { type: 'application/x-ndjson', data: trimmed };
        }
    }

    function render(out, result) {
        out.replaceChildren();
        var matches = result.matches || [];
        var summary = el('p', 'notice ' + (matches.length ? 'success' : 'warn'));
        summary.textContent = matches.length
            ? matches.length + (matches.length === 1 ? ' match' : ' matches') + ' in ' + result.eventsEvaluated + ' event(s).'
            : 'No match in ' + result.eventsEvaluated + ' event(s).';
        out.appendChild(summary);
        matches.forEach(function (m) {
            var card = el('div', 'card match');
            card.appendChild(el('h3', null, 'Event #' + (m.eventIndex + 1) + ' matches'));
            if (m.matchedSelections && m.matchedSelections.length) {
                card.appendChild(el('p', 'small', 'Selections true: ' + m.matchedSelections.join(', ')));
            }
            var fields = m.matchedFields || [];
            if (fields.length) {
                var table = el('table', 'event-fields');
                var head = el('tr');
                ['Field', 'Value', 'Modifiers', 'Pattern'].forEach(function (h) { head.appendChild(el('th', null, h)); });
                var thead = el('thead');
                thead.appendChild(head);
                table.appendChild(thead);
                var tbody = el('tbody');
                fields.forEach(function (f) {
                    var row = el('tr');
                    row.appendChild(el('td', null, f.field || '(keyword)'));
                    var value = el('td');
                    value.appendChild(markedValue(f.value, f.pattern));
                    row.appendChild(value);
                    row.appendChild(el('td', null, (f.modifiers || []).join('|')));
                    row.appendChild(el('td', null, f.pattern));
                    tbody.appendChild(row);
                });
                table.appendChild(tbody);
                var wrap = el('div', 'table-wrap');
                wrap.appendChild(table);
                card.appendChild(wrap);
            }
            out.appendChild(card);
        });
    }

    function submit(form, e) {
        var textarea = form.querySelector('textarea');
        var out = document.getElementById(form.getAttribute('data-result'));
        if (!textarea || !out || !window.fetch) {
            return;
        }
        e.preventDefault();
        var payload = body(textarea.value);
        out.textContent = 'Evaluating…';
        fetch(form.getAttribute('data-evaluate-endpoint'), {
            method: 'POST',
            headers: window.DetectionHub.csrf({ 'Content-Type': payload.type, 'Accept': 'application/json' }),
            body: payload.data
        }).then(function (r) {
            if (r.status === 404 || r.status === 405) {
                form.submit(); // no JSON endpoint here: let the server render the evaluate page instead
                return new Promise(function () {});
            }
            return r.json().then(function (json) {
                if (!r.ok) {
                    throw new Error(json.detail || json.title || ('HTTP ' + r.status));
                }
                return json;
            });
        }).then(function (json) {
            render(out, json);
        }).catch(function (err) {
            out.replaceChildren(el('p', 'notice error', 'Could not evaluate: ' + err.message));
        });
    }

    document.addEventListener('submit', function (e) {
        var form = e.target.closest('form[data-evaluate-endpoint]');
        if (form) {
            submit(form, e);
        }
    });

    document.addEventListener('change', function (e) {
        var input = e.target;
        if (!input.matches || !input.matches('input[type=file][data-fill-target]') || !input.files.length) {
            return;
        }
        var file = input.files[0];
        var target = document.getElementById(input.getAttribute('data-fill-target'));
        var limit = 2 * 1024 * 1024;
        if (!target || file.size > limit) {
            return; // large files are uploaded as they are, streamed by the server
        }
        file.text().then(function (text) {
            target.value = text;
            input.value = '';
        });
    });
})();
