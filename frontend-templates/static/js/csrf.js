/*
 * The CSRF token for the page's own API calls: requests signed in by the browser session must carry it (header
 * X-CSRF-TOKEN). It is the token Thymeleaf put into the page's POST form (input _csrf); pages without such a form make
 * no such calls. Usage: fetch(url, { method: 'POST', headers: DetectionHub.csrf({ 'Content-Type': ... }) }).
 */
(function () {
    'use strict';

    function csrf(headers) {
        var h = headers || {};
        var input = document.querySelector('input[name="_csrf"]');
        if (input && input.value) {
            h['X-CSRF-TOKEN'] = input.value;
        }
        return h;
    }

    window.DetectionHub = window.DetectionHub || {};
    window.DetectionHub.csrf = csrf;
}());
