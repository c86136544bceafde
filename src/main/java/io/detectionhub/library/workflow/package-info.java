/**
 * The review workflow of rules: draft, in review, approved, retired, with four-eyes approval; the approved revision is
 * the one exported and deployed while a newer one waits ({@link io.detectionhub.library.workflow.RuleReview#approvedRule}).
 */
@NamedInterface("workflow")
package io.detectionhub.library.workflow;

import org.springframework.modulith.NamedInterface;
