/*
 * The rule editor's test check: the rule's stored test cases run on the text being edited (POST
 * /api/rules/{id}/tests/check, debounced), before anything is saved; the panel lists the cases that would start
 * failing with the edit, with the reason, and those failing already. Built with text nodes only.
 */
(function () {
    'use strict';

    var DELAY_MS = 800;

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

    function show(panel, status, list, checks) {
        list.replaceChildren();
        panel.classList.remove('ok', 'bad');
        if (checks.length === 0) {
            status.textContent = 'This rule has no test cases yet.';
            return;
        }
        var breaking = checks.filter(function (c) { return c.passesNow && c.withEdit.outcome !== 'passed'; });
        var failing = checks.filter(function (c) { return !c.passesNow && c.withEdit.outcome !== 'passed'; });
        var fixed = checks.filter(function (c) { return !c.passesNow && c.withEdit.outcome === 'passed'; });
        if (breaking.length === 0) {
            panel.classList.add('ok');
            status.textContent = checks.length - failing.length + ' of ' + checks.length
                + ' test cases pass with this text' + (breaking.length === 0 && failing.length === 0
                    ? '.' : '; ' + failing.length + ' failed already.')
                + (fixed.length ? ' ' + fixed.length + ' would start passing.' : '');
        } else {
            panel.classList.add('bad');
            status.textContent = breaking.length + (breaking.length === 1 ? ' test case would start failing'
                : ' test cases would start failing') + ' if you save this text:';
        }
        breaking.concat(failing).forEach(function (c) {
            var li = el('li', c.passesNow ? 'breaking' : 'failing');
            li.appendChild(el('strong', null, c.testCase.name));
            li.appendChild(document.createTextNode(' (' + c.withEdit.expectation + ', '
                + (c.passesNow ? 'would start failing' : 'failing already') + '): ' + c.withEdit.message));
            list.appendChild(li);
        });
    }

    function check(textarea, panel, status, list) {
        status.textContent = 'Running the test cases on this text…';
        fetch(panel.getAttribute('data-endpoint'), {
            method: 'POST',
            headers: window.DetectionHub.csrf({'Content-Type': 'text/plain', 'Accept': 'application/json'}),
            body: textarea.value
        }).then(function (r) {
            return r.ok ? r.json() : r.json().then(function (p) { throw new Error(p.detail || r.status); });
        }).then(function (checks) {
            show(panel, status, list, checks);
        }).catch(function (e) {
            status.textContent = 'The test cases could not run: ' + e.message;
        });
    }

    document.addEventListener('DOMContentLoaded', function () {
        var panel = document.getElementById('tests-check');
        var textarea = document.getElementById('rule-yaml');
        if (!panel || !textarea) {
            return;
        }
        var status = document.getElementById('tests-check-status');
        var list = document.getElementById('tests-check-list');
        var timer = null;
        textarea.addEventListener('input', function () {
            clearTimeout(timer);
            timer = setTimeout(function () { check(textarea, panel, status, list); }, DELAY_MS);
        });
        check(textarea, panel, status, list);
    });
}());
