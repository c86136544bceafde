/*
 * Syntax highlighting of read-only Sigma YAML and KQL with CodeMirror's own tokenizers (runmode-standalone, the yaml
 * mode, and the sql mode configured for KQL below), so the pages and the rule editor colour text the same way.
 * Tokens are written back as text nodes inside <span class="cm-...">s: rule text is never interpreted as HTML.
 * Usage: <pre><code data-lang="yaml|kql">...</code></pre>, or DetectionHub.highlight(element, lang) after changing it.
 */
(function () {
    'use strict';

    // The rule editor page loads the full CodeMirror later, which replaces window.CodeMirror: keep the one that
    // holds the modes registered for highlighting.
    var CM = window.CodeMirror;
    if (!CM || !CM.runMode) {
        return;
    }

    function words(text) {
        var set = {};
        text.split(' ').forEach(function (w) { set[w] = true; });
        return set;
    }

    // KQL as a dialect of CodeMirror's SQL mode: its tokenizer already knows strings, numbers, operators and
    // line comments; the word lists are KQL's tabular operators, scalar functions and literals.
    CM.defineMIME('text/x-kql', {
        name: 'sql',
        keywords: words('where project project-away project-rename project-keep extend summarize by let and or not ' +
            'in in~ has has_cs has_any has_all contains contains_cs startswith startswith_cs endswith endswith_cs ' +
            'matches regex between order sort asc desc take limit top join on kind union distinct count mv-expand ' +
            'parse evaluate invoke as'),
        builtin: words('dcount bin ago now isempty isnotempty isnull isnotnull tostring toint tolong todouble ' +
            'todatetime ipv4_is_in_range ipv6_is_in_range ipv4_is_match base64_decode_tostring strcat tolower toupper ' +
            'make_set make_list arg_max arg_min min max sum avg countif dcountif iff case datatable range extract ' +
            'parse_json split array_length coalesce trim replace_string'),
        atoms: words('true false null dynamic'),
        operatorChars: /^[*+\-%<>!=~\/|]/,
        support: words('commentSlashSlash doubleQuote'),
        backslashStringEscapes: true
    });

    var MODES = { yaml: 'yaml', kql: 'text/x-kql' };

    function highlight(element, lang) {
        var text = element.textContent;
        var nodes = [];
        CM.runMode(text, MODES[lang] || 'text/plain', function (token, style) {
            if (style) {
                var span = document.createElement('span');
                span.className = style.split(' ').map(function (s) { return 'cm-' + s; }).join(' ');
                span.textContent = token;
                nodes.push(span);
            } else {
                nodes.push(document.createTextNode(token));
            }
        });
        element.replaceChildren.apply(element, nodes);
        element.classList.add('cm-s-detectionhub');
        element.setAttribute('data-highlighted', lang);
    }

    window.DetectionHub = window.DetectionHub || {};
    window.DetectionHub.highlight = highlight;

    document.querySelectorAll('code[data-lang]').forEach(function (el) {
        if (el.textContent.length < 400000) {
            highlight(el, el.getAttribute('data-lang'));
        }
    });
})();
