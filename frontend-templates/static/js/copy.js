/*
 * Copy buttons: <button class="copy" data-copy-target="element-id">Copy</button> copies the element's text.
 */
(function () {
    'use strict';

    function fallbackCopy(text) {
        var area = document.createElement('textarea');
        area.value = text;
        area.setAttribute('readonly', '');
        area.style.position = 'fixed';
        area.style.opacity = '0';
        document.body.appendChild(area);
        area.select();
        var ok = false;
        try {
            ok = document.execCommand('copy');
        } catch (e) {
            ok = false;
        }
        document.body.removeChild(area);
        return ok ? Promise.resolve() : Promise.reject(new Error('copy refused'));
    }

    function copy(text) {
        if (navigator.clipboard && window.isSecureContext) {
            return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
        }
        return fallbackCopy(text);
    }

    document.addEventListener('click', function (e) {
        var button = e.target.closest('button.copy[data-copy-target]');
        if (!button) {
            return;
        }
        var target = document.getElementById(button.getAttribute('data-copy-target'));
        if (!target) {
            return;
        }
        var label = button.getAttribute('data-label') || button.textContent;
        button.setAttribute('data-label', label);
        var text = 'value' in target && target.tagName !== 'PRE' && target.tagName !== 'CODE' ? target.value : target.textContent;
        copy(text).then(function () {
            button.textContent = 'Copied';
            button.classList.add('copied');
        }, function () {
            button.textContent = 'Press Ctrl+C';
        }).then(function () {
            setTimeout(function () {
                button.textContent = label;
                button.classList.remove('copied');
            }, 1800);
        });
    });
})();
