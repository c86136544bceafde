/*
 * The exception form's YAML field: CodeMirror 5 (from its WebJar) over the textarea, with YAML highlighting and line
 * numbers, so the parser's "line N" problems are easy to find. An enhancement only: the textarea stays the form's
 * field (CodeMirror writes it back on submit), and without JavaScript the textarea is the editor.
 */
(function () {
    'use strict';

    function start() {
        var textarea = document.getElementById('exception-yaml');
        if (!textarea || typeof window.CodeMirror !== 'function') {
            return;
        }
        window.CodeMirror.fromTextArea(textarea, {
            mode: 'yaml',
            lineNumbers: true,
            indentUnit: 4,
            tabSize: 4,
            indentWithTabs: false,
            viewportMargin: Infinity,
            screenReaderLabel: 'Sigma filter YAML'
        });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
}());
