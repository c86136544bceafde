/**
 * The review workflow of rules: draft, in review, approved, retired, with four-eyes approval; the approved revision is
 * the one exported while a newer one waits. Internal to the library module.
 */
package io.detectionhub.library.workflow;
