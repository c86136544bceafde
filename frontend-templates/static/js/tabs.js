/*
 * Accessible tabs (WAI-ARIA tabs pattern, automatic activation): roving tabindex, Left/Right/Home/End keys.
 * Markup: <div class="tabs"><div role="tablist" aria-label="..."><button role="tab" id="t1" aria-controls="p1">
 * ...</div><section role="tabpanel" id="p1" aria-labelledby="t1">...</section></div>. Without JavaScript every
 * panel stays visible.
 */
(function () {
    'use strict';

    function select(tabs, tab, focus) {
        tabs.forEach(function (t) {
            var selected = t === tab;
            t.setAttribute('aria-selected', selected ? 'true' : 'false');
            t.tabIndex = selected ? 0 : -1;
            var panel = document.getElementById(t.getAttribute('aria-controls'));
            if (panel) {
                panel.hidden = !selected;
            }
        });
        if (focus) {
            tab.focus();
        }
    }

    function init(tablist) {
        var tabs = Array.prototype.slice.call(tablist.querySelectorAll('[role="tab"]'));
        if (!tabs.length) {
            return;
        }
        var initial = tabs.filter(function (t) { return t.getAttribute('aria-selected') === 'true'; })[0] || tabs[0];
        var hash = window.location.hash.slice(1);
        tabs.forEach(function (t) {
            if (hash && t.getAttribute('aria-controls') === hash) {
                initial = t;
            }
            t.setAttribute('type', 'button');
            t.addEventListener('click', function () { select(tabs, t, false); });
            t.addEventListener('keydown', function (e) {
                var i = tabs.indexOf(t);
                var next = null;
                if (e.key === 'ArrowRight') {
                    next = tabs[(i + 1) % tabs.length];
                } else if (e.key === 'ArrowLeft') {
                    next = tabs[(i - 1 + tabs.length) % tabs.length];
                } else if (e.key === 'Home') {
                    next = tabs[0];
                } else if (e.key === 'End') {
                    next = tabs[tabs.length - 1];
                }
                if (next) {
                    e.preventDefault();
                    select(tabs, next, true);
                }
            });
        });
        select(tabs, initial, false);
    }

    document.addEventListener('DOMContentLoaded', function () {
        document.querySelectorAll('[role="tablist"]').forEach(init);
    });
})();
