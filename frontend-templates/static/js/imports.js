/*
 * An import job's page: while the job runs, polls GET /api/imports/{id} every second and moves the progress bar and
 * the counts (textContent only); when the job is finished, reloads the page, which then shows the report.
 */
(function () {
    'use strict';

    var section = document.getElementById('import-job');
    if (!section || section.getAttribute('data-finished') === 'true') {
        return;
    }
    var id = section.getAttribute('data-job');

    function poll() {
        fetch('/api/imports/' + encodeURIComponent(id) + '?status=invalid', {headers: {'Accept': 'application/json'}})
            .then(function (r) { return r.ok ? r.json() : null; })
            .then(function (job) {
                if (!job) {
                    setTimeout(poll, 3000);
                    return;
                }
                var bar = document.getElementById('import-progress');
                bar.value = job.progress;
                bar.textContent = job.progress + '%';
                document.getElementById('import-state').textContent = job.state;
                document.getElementById('import-processed').textContent =
                    job.processed + ' of ' + job.total + ' rule files';
                Object.keys(job.counts).forEach(function (k) {
                    var cell = section.querySelector('[data-count="' + k + '"]');
                    if (cell) {
                        cell.textContent = job.counts[k];
                    }
                });
                if (['succeeded', 'failed', 'cancelled'].indexOf(job.state) >= 0) {
                    window.location.reload();
                } else {
                    setTimeout(poll, 1000);
                }
            })
            .catch(function () { setTimeout(poll, 3000); });
    }
    setTimeout(poll, 500);
}());
