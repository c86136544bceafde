// Installs the Kusto language service from the committed lock file (npm ci), unless node_modules already holds
// exactly the locked packages. Run by src/test/setup/install-kusto-language-service.sh (Maven, process-test-classes).
'use strict';
const fs = require('fs');
const path = require('path');
const {spawnSync} = require('child_process');

const dir = __dirname;
function lockedPackages(file) {
    try {
        const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
        return JSON.stringify(Object.entries(lock.packages || {})
            .filter(([name]) => name.startsWith('node_modules/'))
            .map(([name, p]) => [name, p.version, p.integrity]).sort());
    } catch (e) {
        return null;
    }
}
const wanted = lockedPackages(path.join(dir, 'package-lock.json'));
const installed = lockedPackages(path.join(dir, 'node_modules', '.package-lock.json'));
if (wanted !== null && wanted === installed) {
    console.log('Kusto language service already installed');
    process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--prefix', dir, '--no-audit', '--no-fund'], {stdio: 'inherit'});
process.exit(result.status === null ? 1 : result.status);
