/**
 * Rule revisions and the trash: every library change of a rule is a numbered revision holding its whole YAML and
 * enrichment; diffs between revisions, revert, and restore of deleted rules. Internal to the library module.
 */
package io.detectionhub.library.revisions;
