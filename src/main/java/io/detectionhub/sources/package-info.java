/**
 * Rule sources: imports of uploaded Sigma files and rule archives (zip, tar.gz) into the library as background jobs
 * with their state and per-file report in the database, create-or-update by id and content hash with provenance;
 * the test cases and tuning exceptions an export writes beside each rule read back; API and Import page in
 * {@code sources.web}.
 */
@ApplicationModule(displayName = "Rule sources", allowedDependencies = {"library", "security", "web", "sigma", "ruletests",
        "library :: exceptions", "export"})
package io.detectionhub.sources;

import org.springframework.modulith.ApplicationModule;
