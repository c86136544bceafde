/*
 * A test run's page: while the run is queued or running (main[data-run-status]), asks the API for its progress
 * every two seconds, moves the progress bar, and reloads the page when the run has finished.
 */
(function () {
    'use strict';
    var page = document.querySelector('[data-run-url]');
    if (!page) {
        return;
    }
    var status = page.getAttribute('data-run-status');
    if (status !== 'queued' && status !== 'running') {
        return;
    }
    var bar = document.getElementById('run-progress');
    var text = document.getElementById('run-progress-text');
    function poll() {
        fetch(page.getAttribute('data-run-url') + '?results=false', {headers: {'Accept': 'application/json'}})
            .then(function (r) { return r.ok ? r.json() : null; })
            .then(function (run) {
                if (!run) {
                    return;
                }
                if (bar) {
                    bar.value = run.progress;
                }
                if (text) {
                    text.textContent = run.doneCases + ' of ' + run.totalCases + ' cases (' + run.status + ')';
                }
                if (run.status !== 'queued' && run.status !== 'running') {
                    window.location.reload();
                } else {
                    window.setTimeout(poll, 2000);
                }
            })
            .catch(function () { window.setTimeout(poll, 5000); });
    }
    window.setTimeout(poll, 1000);
}());
