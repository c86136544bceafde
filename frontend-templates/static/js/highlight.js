/*
 * Syntax highlighting for Sigma YAML and KQL. A small tokenizer: the text is read with textContent and written back
 * as text nodes inside <span>s, so rule text is never interpreted as HTML.
 * Usage: <pre><code data-lang="yaml|kql">...</code></pre>, or DetectionHub.highlight(element, lang) after changing it.
 */
(function () {
    'use strict';

    var KQL_KEYWORDS = new Set(('where project project-away project-rename extend summarize by let and or not in has ' +
        'has_cs has_any has_all contains contains_cs startswith startswith_cs endswith endswith_cs matches regex ' +
        'between order sort asc desc take limit top join on kind union distinct count dcount bin ago now isempty ' +
        'isnotempty isnull isnotnull tostring toint tolong todouble todatetime ipv4_is_in_range ipv6_is_in_range ' +
        'ipv4_is_match base64_decode_tostring strcat tolower toupper make_set make_list arg_max arg_min min max ' +
        'sum avg countif dcountif iff case datatable range mv-expand parse extract true false')
        .split(' '));

    function span(cls, text) {
        var s = document.createElement('span');
        s.className = cls;
        s.textContent = text;
        return s;
    }

    function push(out, cls, text) {
        if (!text) {
            return;
        }
        out.push(cls ? span(cls, text) : document.createTextNode(text));
    }

    /* Splits a YAML value (after "key:" or "- ") into string, number, keyword and comment tokens. */
    function yamlValue(out, text) {
        var m = /^(\s*)(.*)$/.exec(text);
        push(out, null, m[1]);
        var rest = m[2];
        if (!rest) {
            return;
        }
        if (rest.charAt(0) === '#') {
            push(out, 'tok-com', rest);
            return;
        }
        var quote = rest.charAt(0);
        if (quote === '"' || quote === "'") {
            var end = 1;
            while (end < rest.length) {
                var c = rest.charAt(end);
                if (quote === '"' && c === '\\') {
                    end += 2;
                    continue;
                }
                if (c === quote) {
                    if (quote === "'" && rest.charAt(end + 1) === "'") {
                        end += 2;
                        continue;
                    }
                    break;
                }
                end++;
            }
            push(out, 'tok-str', rest.slice(0, end + 1));
            yamlValue(out, rest.slice(end + 1));
            return;
        }
        var comment = rest.search(/\s#/);
        var value = comment >= 0 ? rest.slice(0, comment) : rest;
        if (/^-?\d+(\.\d+)?\s*$/.test(value)) {
            push(out, 'tok-num', value);
        } else if (/^(true|false|null|~|yes|no)\s*$/i.test(value)) {
            push(out, 'tok-kw', value);
        } else if (/^[|>][-+]?\s*$/.test(value)) {
            push(out, 'tok-punct', value);
        } else if (/^[\[{]/.test(value)) {
            push(out, 'tok-punct', value);
        } else {
            push(out, 'tok-str', value);
        }
        if (comment >= 0) {
            push(out, 'tok-com', rest.slice(comment));
        }
    }

    function yamlLine(out, line) {
        if (/^\s*#/.test(line)) {
            push(out, 'tok-com', line);
            return;
        }
        if (/^(---|\.\.\.)\s*$/.test(line)) {
            push(out, 'tok-punct', line);
            return;
        }
        var m = /^(\s*)((?:-\s+)*)(.*)$/.exec(line);
        push(out, null, m[1]);
        push(out, 'tok-punct', m[2]);
        var rest = m[3];
        var key = /^([^\s#'"\[{][^:#]*?|"[^"]*"|'[^']*')(:)(?=\s|$)/.exec(rest);
        if (key) {
            var parts = key[1].split('|');
            push(out, 'tok-key', parts[0]);
            for (var i = 1; i < parts.length; i++) {
                push(out, 'tok-punct', '|');
                push(out, 'tok-mod', parts[i]);
            }
            push(out, 'tok-punct', key[2]);
            yamlValue(out, rest.slice(key[0].length));
        } else {
            yamlValue(out, rest);
        }
    }

    function indentOf(line) {
        return /^\s*/.exec(line)[0].length;
    }

    function yaml(text) {
        var out = [];
        var lines = text.split('\n');
        var blockIndent = -1; // inside a | or > block scalar: lines indented deeper than the key are text
        for (var i = 0; i < lines.length; i++) {
            var line = lines[i];
            if (blockIndent >= 0 && (line.trim() === '' || indentOf(line) > blockIndent)) {
                push(out, 'tok-str', line);
                if (i < lines.length - 1) {
                    out.push(document.createTextNode('\n'));
                }
                continue;
            }
            blockIndent = /:\s*[|>][-+]?\s*(#.*)?$/.test(line) ? indentOf(line) : -1;
            yamlLine(out, line);
            if (i < lines.length - 1) {
                out.push(document.createTextNode('\n'));
            }
        }
        return out;
    }

    var KQL_TOKEN = new RegExp([
        '(\\/\\/[^\\n]*)',                                   // 1 comment
        '(@?"(?:[^"\\\\\\n]|\\\\.)*"|@?\'(?:[^\'\\\\\\n]|\\\\.)*\')', // 2 string
        '(\\b\\d+(?:\\.\\d+)?(?:[a-z]+)?\\b)',               // 3 number or timespan (5m)
        '([A-Za-z_][A-Za-z0-9_\\-]*~?)',                     // 4 word
        '(==|=~|!=|!~|<=|>=|\\||[<>=!]|\\(|\\)|,|\\[|\\])'   // 5 operator
    ].join('|'), 'g');

    function kql(text) {
        var out = [];
        var last = 0;
        var m;
        KQL_TOKEN.lastIndex = 0;
        while ((m = KQL_TOKEN.exec(text)) !== null) {
            push(out, null, text.slice(last, m.index));
            if (m[1]) {
                push(out, 'tok-com', m[1]);
            } else if (m[2]) {
                push(out, 'tok-str', m[2]);
            } else if (m[3]) {
                push(out, 'tok-num', m[3]);
            } else if (m[4]) {
                var word = m[4];
                var bare = word.replace(/~$/, '');
                if (KQL_KEYWORDS.has(word.toLowerCase()) || KQL_KEYWORDS.has(bare.toLowerCase())) {
                    push(out, 'tok-kw', word);
                } else if (text.charAt(KQL_TOKEN.lastIndex) === '(') {
                    push(out, 'tok-fn', word);
                } else {
                    push(out, null, word);
                }
            } else {
                push(out, 'tok-op', m[5]);
            }
            last = KQL_TOKEN.lastIndex;
        }
        push(out, null, text.slice(last));
        return out;
    }

    function highlight(element, lang) {
        var text = element.textContent;
        var nodes = lang === 'kql' ? kql(text) : yaml(text);
        element.replaceChildren.apply(element, nodes);
        element.setAttribute('data-highlighted', lang);
    }

    window.DetectionHub = window.DetectionHub || {};
    window.DetectionHub.highlight = highlight;

    document.addEventListener('DOMContentLoaded', function () {
        document.querySelectorAll('code[data-lang]').forEach(function (el) {
            if (el.textContent.length < 400000) {
                highlight(el, el.getAttribute('data-lang'));
            }
        });
    });
})();
