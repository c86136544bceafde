/**
 * Rule revisions and the trash: every change of a rule is a numbered revision holding its whole YAML, enrichment and
 * a snapshot of every {@link io.detectionhub.library.revisions.RevisionPart} stored beside it (exceptions, tests);
 * diffs between revisions, revert, and restore of deleted rules. Other modules contribute parts through the SPI.
 */
@NamedInterface("revisions")
package io.detectionhub.library.revisions;

import org.springframework.modulith.NamedInterface;
