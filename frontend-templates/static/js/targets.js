/*
 * The target editor: live validation of the definition (POST /api/targets/validate) and a live preview on a rule of
 * the library (search GET /api/rules?q=..., then POST /api/targets/preview with the unsaved definition), sent with the
 * page's CSRF token (csrf.js). Everything is written with textContent: no rule or target text is ever parsed as HTML.
 * Without JavaScript the form still posts and the server shows the same problems.
 */
(function () {
    'use strict';

    var DELAY_MS = 500;

    function debounce(fn, ms) {
        var timer = null;
        return function () {
            clearTimeout(timer);
            timer = setTimeout(fn, ms);
        };
    }

    function el(tag, className, text) {
        var e = document.createElement(tag);
        if (className) {
            e.className = className;
        }
        if (text !== undefined && text !== null) {
            e.textContent = text;
        }
        return e;
    }

    function problemsOf(body) {
        if (body && Array.isArray(body.errors) && body.errors.length) {
            return body.errors.map(function (e) { return (e.path ? e.path + ': ' : '') + e.message; });
        }
        return [body && (body.detail || body.title) || 'The request failed.'];
    }

    function showProblems(box, title, problems) {
        box.replaceChildren();
        box.classList.remove('ok');
        box.classList.add('bad');
        box.appendChild(el('strong', null, title));
        var list = el('ul', 'problems');
        problems.forEach(function (p) { list.appendChild(el('li', null, p)); });
        box.appendChild(list);
    }

    function headers(extra) {
        var h = window.DetectionHub.csrf({ 'Accept': 'application/json' });
        Object.keys(extra || {}).forEach(function (k) { h[k] = extra[k]; });
        return h;
    }

    function readJson(response) {
        return response.text().then(function (text) {
            var body = null;
            try {
                body = text ? JSON.parse(text) : null;
            } catch (e) {
                body = { detail: 'Unexpected answer (' + response.status + ')' };
            }
            return { ok: response.ok, status: response.status, body: body };
        });
    }

    function validate(textarea, box) {
        if (!textarea.value.trim()) {
            showProblems(box, '1 problem', ['The definition is empty.']);
            return;
        }
        fetch(box.getAttribute('data-endpoint'), {
            method: 'POST', headers: headers({ 'Content-Type': 'application/yaml' }), body: textarea.value
        }).then(readJson).then(function (r) {
            if (r.ok) {
                box.replaceChildren();
                box.classList.remove('bad');
                box.classList.add('ok');
                box.textContent = '✓ Valid target "' + r.body.name + '": ' + r.body.tables.length + ' table(s), '
                    + r.body.logsourceRules + ' logsource rule(s), unmapped fields: ' + r.body.unmappedFields;
            } else {
                var problems = problemsOf(r.body);
                showProblems(box, problems.length === 1 ? '1 problem' : problems.length + ' problems', problems);
            }
        }).catch(function () {
            showProblems(box, 'Not checked', ['The server could not be reached.']);
        });
    }

    function explanation(container, x, text) {
        container.replaceChildren();
        if (!x) {
            return;
        }
        var details = el('details', 'kql-explanation');
        details.open = true;
        details.appendChild(el('summary', null, 'How this query was made'));
        var pre = el('pre', 'small wrap', text);
        details.appendChild(pre);
        container.appendChild(details);
    }

    function setupPreview(textarea) {
        var section = document.getElementById('target-preview');
        if (!section) {
            return;
        }
        var search = document.getElementById('preview-search');
        var results = document.getElementById('preview-results');
        var picked = document.getElementById('preview-rule');
        var status = document.getElementById('preview-status');
        var query = document.getElementById('preview-query');
        var why = document.getElementById('preview-explanation');
        var ruleId = null;

        function preview() {
            if (!ruleId) {
                return;
            }
            status.textContent = 'Translating…';
            fetch(section.getAttribute('data-endpoint'), {
                method: 'POST', headers: headers({ 'Content-Type': 'application/json' }),
                body: JSON.stringify({ definition: textarea.value, ruleId: ruleId })
            }).then(readJson).then(function (r) {
                if (r.ok) {
                    status.textContent = '';
                    status.classList.remove('bad');
                    query.textContent = r.body.queries.map(function (q) { return q.query; }).join('\n\n');
                    var first = r.body.queries[0];
                    explanation(why, first && first.explanation,
                        r.body.queries.map(function (q) { return q.explanationText; }).join('\n'));
                } else {
                    query.textContent = '';
                    why.replaceChildren();
                    status.classList.add('bad');
                    status.textContent = (r.status === 422 ? 'Cannot translate: ' : 'Problem: ')
                        + problemsOf(r.body).join('; ');
                }
                if (window.DetectionHub && window.DetectionHub.highlight) {
                    window.DetectionHub.highlight(query, 'kql');
                }
            }).catch(function () {
                status.textContent = 'The server could not be reached.';
            });
        }

        function find() {
            var q = search.value.trim();
            results.replaceChildren();
            if (q.length < 2) {
                return;
            }
            var url = section.getAttribute('data-search') + '?size=8&q=' + encodeURIComponent(q);
            fetch(url, { headers: { 'Accept': 'application/json' } }).then(readJson).then(function (r) {
                results.replaceChildren();
                var items = r.ok && r.body && r.body.items ? r.body.items : [];
                if (!items.length) {
                    results.appendChild(el('li', 'muted small', 'No rule found.'));
                }
                items.forEach(function (item) {
                    var li = el('li');
                    var button = el('button', null, item.title);
                    button.type = 'button';
                    button.setAttribute('data-rule-id', item.id);
                    button.addEventListener('click', function () {
                        ruleId = item.id;
                        picked.textContent = 'Rule: ' + item.title;
                        preview();
                    });
                    li.appendChild(button);
                    results.appendChild(li);
                });
            });
        }

        search.addEventListener('input', debounce(find, 300));
        textarea.addEventListener('input', debounce(preview, DELAY_MS));
    }

    document.addEventListener('DOMContentLoaded', function () {
        var textarea = document.getElementById('target-yaml');
        var box = document.getElementById('target-validation');
        if (!textarea || !box) {
            return;
        }
        textarea.addEventListener('input', debounce(function () { validate(textarea, box); }, DELAY_MS));
        validate(textarea, box);
        setupPreview(textarea);
    });
}());
