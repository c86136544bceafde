// The deployment export page: polls the export's status and updates the progress bar until it is done or failed.
(function () {
    'use strict';
    const card = document.getElementById('deploy-export');
    if (!card) {
        return;
    }
    const url = card.dataset.statusUrl;
    const bar = document.getElementById('export-progress');
    const status = document.getElementById('export-status');
    const download = document.getElementById('export-download');

    function poll() {
        fetch(url, {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
            .then(r => r.ok ? r.json() : Promise.reject(r.status))
            .then(job => {
                bar.value = job.percent;
                status.textContent = job.status + ': ' + job.done + ' of ' + job.total + ' rules read'
                    + (job.status === 'DONE' ? '; ' + job.exported + ' exported, ' + job.leftOut + ' left out' : '')
                    + (job.message ? ' (' + job.message + ')' : '');
                if (job.status === 'DONE') {
                    download.hidden = false;
                } else if (job.status === 'RUNNING') {
                    setTimeout(poll, 1000);
                }
            })
            .catch(() => setTimeout(poll, 3000));
    }

    if (status.textContent.indexOf('RUNNING') === 0) {
        setTimeout(poll, 500);
    }
})();
