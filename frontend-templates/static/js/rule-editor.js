/*
 * The rule editor: CodeMirror 5 (from its WebJar) over the YAML textarea, with YAML highlighting, line numbers, the
 * validator's problems as markers on their lines (POST /api/rules/validate), completion of Sigma modifiers after '|'
 * and of the field names the built-in targets map (Ctrl+Space), and a live KQL preview (POST /api/translate). All of
 * it is an enhancement: the textarea stays the form's field, and without JavaScript (or without CodeMirror) the form
 * posts to the server, which shows the same problems.
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

    function validate(yaml, box) {
        if (!yaml.trim()) {
            return Promise.resolve({ valid: false, problems: [{ message: 'The rule is empty.', line: 0 }] });
        }
        return fetch(box.getAttribute('data-endpoint'), {
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
        });
    }

    function preview(yaml, select, output, status) {
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

    /** The validator's problems as CodeMirror lint annotations: on their line (the first when they name none). */
    function annotations(cm, problems) {
        var CM = window.CodeMirror;
        return problems.map(function (p) {
            var line = Math.min(Math.max((p.line || 1) - 1, 0), cm.lineCount() - 1);
            var text = cm.getLine(line) || '';
            var start = p.column > 0 ? Math.min(p.column - 1, text.length) : text.search(/\S|$/);
            return {
                from: CM.Pos(line, start),
                to: CM.Pos(line, Math.max(text.length, start + 1)),
                message: problemText(p),
                severity: 'error'
            };
        });
    }

    /** Completion: modifiers after '|' in a key, field names where a key starts. */
    function sigmaHint(modifiers, fields) {
        return function (cm) {
            var CM = window.CodeMirror;
            var cursor = cm.getCursor();
            var before = cm.getLine(cursor.line).slice(0, cursor.ch);
            var modifier = /\|([A-Za-z0-9]*)$/.exec(before);
            if (modifier && before.indexOf(':') < 0) {
                var m = modifier[1].toLowerCase();
                return {
                    list: modifiers.filter(function (k) { return k.indexOf(m) === 0; }),
                    from: CM.Pos(cursor.line, cursor.ch - m.length), to: cursor
                };
            }
            var key = /^(\s+-?\s*)([A-Za-z0-9_.]*)$/.exec(before);
            if (key) {
                var f = key[2].toLowerCase();
                var starts = fields.filter(function (n) { return n.toLowerCase().indexOf(f) === 0; });
                var contains = fields.filter(function (n) {
                    var i = n.toLowerCase().indexOf(f);
                    return i > 0;
                });
                return {
                    list: starts.concat(contains).slice(0, 60),
                    from: CM.Pos(cursor.line, cursor.ch - f.length), to: cursor
                };
            }
            return null;
        };
    }

    function list(value) {
        return value ? value.split(',').filter(function (s) { return s.length > 0; }) : [];
    }

    document.addEventListener('DOMContentLoaded', function () {
        var textarea = document.getElementById('rule-yaml');
        if (!textarea) {
            return;
        }
        var box = document.getElementById('live-validation');
        var select = document.getElementById('preview-target');
        var output = document.getElementById('kql-preview');
        var status = document.getElementById('kql-preview-status');
        var problems = [];
        var cm = null;

        function text() {
            return cm ? cm.getValue() : textarea.value;
        }

        var run = debounce(function () {
            var yaml = text();
            if (box) {
                validate(yaml, box).then(function (result) {
                    showValidation(box, result);
                    problems = result.valid ? [] : result.problems;
                    if (cm) {
                        cm.performLint();
                    }
                }).catch(function (e) {
                    box.classList.remove('ok');
                    box.classList.add('bad');
                    box.textContent = 'Could not validate: ' + e.message;
                });
            }
            if (select && output) {
                preview(yaml, select, output, status);
            }
        }, DELAY_MS);

        if (window.CodeMirror) {
            cm = window.CodeMirror.fromTextArea(textarea, {
                mode: 'yaml',
                lineNumbers: true,
                indentUnit: 4,
                tabSize: 4,
                indentWithTabs: false,
                viewportMargin: Infinity,
                screenReaderLabel: 'Sigma YAML',
                gutters: ['CodeMirror-lint-markers', 'CodeMirror-linenumbers'],
                lint: { getAnnotations: function (t, options, editor) { return annotations(editor, problems); },
                        lintOnChange: false },
                hintOptions: { hint: sigmaHint(list(textarea.getAttribute('data-modifiers')),
                        list(textarea.getAttribute('data-fields'))), completeSingle: false },
                extraKeys: {
                    'Ctrl-Space': 'autocomplete',
                    'Tab': function (editor) { editor.execCommand('insertSoftTab'); }
                }
            });
            cm.getWrapperElement().id = 'rule-yaml-editor';
            cm.on('change', function () {
                cm.save();
                // other scripts of the page (the test check) follow the textarea
                textarea.dispatchEvent(new Event('input'));
                run();
            });
            cm.on('inputRead', function (editor, change) {
                if (change.text.join('') === '|') {
                    editor.showHint();
                }
            });
            // a script that sets the textarea (and says so with an input event) changes the editor too
            textarea.addEventListener('input', function () {
                if (cm.getValue() !== textarea.value) {
                    cm.setValue(textarea.value);
                }
            });
        } else {
            textarea.addEventListener('input', run);
        }
        if (select) {
            select.addEventListener('change', function () { preview(text(), select, output, status); });
        }
        run();
    });
})();
