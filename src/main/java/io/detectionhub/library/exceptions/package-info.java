/**
 * Tuning exceptions: Sigma filter documents stored beside a rule (not library rules), with author, reason, expiry and
 * ticket, versioned with the rule as the revision part {@code exceptions}.
 */
@NamedInterface("exceptions")
package io.detectionhub.library.exceptions;

import org.springframework.modulith.NamedInterface;
