package io.detectionhub.library.exceptions;

import java.time.LocalDate;

/**
 * What a client sends to create or replace an exception. {@code yaml} is a whole Sigma filter document, or only its
 * detection (search identifiers and {@code condition}, with or without the {@code filter:} key): the rest is filled in
 * from the rule (see {@link ExceptionYaml}). {@code title} overrides the document's title when given; {@code reason}
 * is required; {@code expires} (null = never) is the first day on which the exception no longer applies.
 */
public record ExceptionRequest(String yaml, String title, String reason, LocalDate expires, String ticket) {
}
