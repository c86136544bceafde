/*
 * The rule editor: line numbers beside the YAML textarea, live validation (POST /api/rules/validate) and a live KQL
 * preview (POST /api/translate?target=...), both debounced. Everything here is an enhancement: the form posts to the
 * server and shows the same errors without JavaScript.
 */
(function () {
    'use strict';

    var DELAY_MS = 450;

    function debounce(fn, ms) {
        var timer = null;
        return function () {
            clearTimeout(timer);
            timer = setTimeout(fn, ms);
        };
    }

    function lineNumbers(textarea, gutter) {
        var shown = -1;
        function update() {
            var count = textarea.value.split('\n').length;
            if (count !== shown) {
                var lines = [];
                for (var i = 1; i <= count; i++) {
                    lines.push(i);
                }
                gutter.textContent = lines.join('\n');
                shown = count;
            }
            gutter.scrollTop = textarea.scrollTop;
        }
        textarea.addEventListener('input', update);
        textarea.addEventListener('scroll', function () { gutter.scrollTop = textarea.scrollTop; });
        update();
    }

    function problemText(p) {
        var where = [];
        if (p.line > 0) {
            where.push('line ' + p.line);
        }
        if (p.path) {
            where.push(p.path);
        }
        return (where.length ? where.join(', ') + ': ' : '') + p.message;
    }

    function showValidation(box, result) {
        box.replaceChildren();
        box.classList.remove('ok', 'bad');
        if (result.valid) {
            box.classList.add('ok');
            box.textContent = '✓ Valid Sigma';
            return;
        }
        box.classList.add('bad');
        var title = document.createElement('strong');
        title.textContent = result.problems.length === 1 ? '1 problem' : result.problems.length + ' problems';
        var list = document.createElement('ul');
        list.className = 'problems';
        result.problems.forEach(function (p) {
            var li = document.createElement('li');
            li.textContent = problemText(p);
            list.appendChild(li);
        });
        box.appendChild(title);
        box.appendChild(list);
    }

    function validate(textarea, box) {
        var yaml = textarea.value;
        if (!yaml.trim()) {
            showValidation(box, { valid: false, problems: [{ message: 'The rule is empty.', line: 0 }] });
            return;
        }
        fetch(box.getAttribute('data-endpoint'), {
            method: 'POST',
            headers: window.DetectionHub.csrf({ 'Content-Type': 'text/plain', 'Accept': 'application/json' }),
            body: yaml
        }).then(function (r) {
            return r.json().then(function (body) {
                if (!r.ok && !body.problems) {
                    throw new Error(body.detail || body.title || ('HTTP ' + r.status));
                }
                return body;
            });
        }).then(function (result) {
            showValidation(box, result);
        }).catch(function (e) {
            box.classList.remove('ok');
            box.classList.add('bad');
            box.textContent = 'Could not validate: ' + e.message;
        });
    }

    function preview(textarea, select, output, status) {
        var yaml = textarea.value;
        if (!yaml.trim()) {
            return;
        }
        var endpoint = output.getAttribute('data-endpoint') + '?target=' + encodeURIComponent(select.value);
        fetch(endpoint, {
            method: 'POST',
            headers: window.DetectionHub.csrf({
                'Content-Type': 'text/plain', 'Accept': 'text/plain, application/problem+json'
            }),
            body: yaml
        }).then(function (r) {
            if (r.ok) {
                return r.text().then(function (kql) {
                    status.textContent = '';
                    status.classList.remove('bad');
                    output.textContent = kql;
                    if (window.DetectionHub && window.DetectionHub.highlight) {
                        window.DetectionHub.highlight(output, 'kql');
                    }
                });
            }
            return r.text().then(function (text) {
                var reason = text;
                try {
                    var problem = JSON.parse(text);
                    reason = problem.detail || problem.title || text;
                } catch (ignored) {
                    // plain-text error
                }
                output.textContent = '';
                status.classList.add('bad');
                status.textContent = 'Cannot translate for ' + select.value + ': ' + reason;
            });
        }).catch(function (e) {
            status.classList.add('bad');
            status.textContent = 'Preview unavailable: ' + e.message;
        });
    }

    document.addEventListener('DOMContentLoaded', function () {
        var textarea = document.getElementById('rule-yaml');
        if (!textarea) {
            return;
        }
        var gutter = document.getElementById('rule-yaml-lines');
        if (gutter) {
            lineNumbers(textarea, gutter);
        }
        var box = document.getElementById('live-validation');
        var select = document.getElementById('preview-target');
        var output = document.getElementById('kql-preview');
        var status = document.getElementById('kql-preview-status');
        var run = debounce(function () {
            if (box) {
                validate(textarea, box);
            }
            if (select && output) {
                preview(textarea, select, output, status);
            }
        }, DELAY_MS);
        textarea.addEventListener('input', run);
        if (select) {
            select.addEventListener('change', function () { preview(textarea, select, output, status); });
        }
        run();
    });
})();
